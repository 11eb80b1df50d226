"""XOR: its four rows, a 2-4-1 network to learn them, accuracy, the decision boundary, a learning-rate sweep."""
from dataclasses import dataclass

import numpy as np

from .mlp import Network, stack, train
from .validate import one_of, whole_number

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGET = np.array([[0.0], [1.0], [1.0], [0.0]])
for _array in (XOR_X, XOR_TARGET):
    _array.setflags(write=False)
SEED = 1
SIZES = (2, 4, 1)


def xor_network(hidden="sigmoid", seed=SEED):
    """A 2-4-1 network with `hidden` ("sigmoid" or "relu") hidden units and a sigmoid output, drawn
    with numpy.random.default_rng(seed): the same seed always gives the same starting weights."""
    one_of("hidden", hidden, ("sigmoid", "relu"))
    return Network.random(SIZES, [hidden, "sigmoid"], np.random.default_rng(whole_number("seed", seed)))


def predictions(network, x=XOR_X):
    """The network's answer for each row: 1 when its output is at least 0.5, else 0."""
    return (network.forward(x).output >= 0.5).astype(float)


def accuracy(network):
    """The fraction of the four XOR rows answered right (one fraction per network for a stack)."""
    return (predictions(network) == XOR_TARGET).mean(axis=(-1, -2))


@dataclass(frozen=True)
class Sweep:
    """Final error and accuracy for every (learning rate, seed) pair: one row per rate, one column per seed."""

    rates: np.ndarray
    seeds: tuple
    errors: np.ndarray
    accuracy: np.ndarray

    @property
    def solved(self):
        """How many seeds reach 100% accuracy, for each rate."""
        return (self.accuracy == 1).sum(axis=1)


def learning_rate_sweep(rates, seeds, epochs, hidden="sigmoid"):
    """Full-batch training of one network per (rate, seed), all at once: the networks are stacked
    along a leading axis, and each gets its own learning rate."""
    rates = np.asarray(rates, dtype=float)
    seeds = tuple(seeds)
    networks = stack([xor_network(hidden, seed) for _ in rates for seed in seeds])
    run = train(networks, XOR_X, XOR_TARGET, np.repeat(rates, len(seeds)), epochs)
    shape = (len(rates), len(seeds))
    return Sweep(rates, seeds, run.errors[-1].reshape(shape), accuracy(run.network).reshape(shape))
