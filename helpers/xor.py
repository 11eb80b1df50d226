"""XOR: its four rows, a 2-4-1 network to learn them, accuracy, the decision boundary, a learning-rate sweep."""
from dataclasses import dataclass

import numpy as np

from .mlp import NETWORK, Network, stack, train
from .validate import finite_array, instance, one_of, sequence, whole_number

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGET = np.array([[0.0], [1.0], [1.0], [0.0]])
for _array in (XOR_X, XOR_TARGET):
    _array.setflags(write=False)
SEED = 1
SIZES = (2, 4, 1)
MAX_NETWORKS = 1_000  # a sweep holds them all in memory at once


def xor_network(hidden="sigmoid", seed=SEED):
    """A 2-4-1 network, `hidden` ("sigmoid" or "relu") hidden units and a sigmoid output, drawn from `seed`."""
    one_of("hidden", hidden, ("sigmoid", "relu"))
    return Network.random(SIZES, [hidden, "sigmoid"], np.random.default_rng(whole_number("seed", seed)))


def accuracy(network):
    """The fraction of the four rows answered right (output at least 0.5 answers 1), per network of a stack."""
    answers = instance("network", network, Network, NETWORK).forward(XOR_X).output >= 0.5
    return (answers == XOR_TARGET).mean(axis=(-1, -2))


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


def learning_rate_sweep(rates, seeds, epochs):
    """Full-batch training of one sigmoid network per (rate, seed), all at once as a stack, each with its own rate."""
    rates, seeds = finite_array("rates", rates, 1), tuple(sequence("seeds", seeds, "a list of whole numbers"))
    if rates.ndim > 1 or (rates <= 0).any():
        raise ValueError(f"rates must be a list of positive learning rates, got {rates.tolist()!r:.60}")
    if rates.size * len(seeds) > MAX_NETWORKS:
        raise ValueError(f"a sweep trains at most {MAX_NETWORKS:,} networks (rates × seeds), "
                         f"got {rates.size} × {len(seeds)}")
    networks = stack([xor_network("sigmoid", seed) for _ in rates for seed in seeds])
    run = train(networks, XOR_X, XOR_TARGET, np.repeat(rates, len(seeds)), epochs)
    shape = (len(rates), len(seeds))
    return Sweep(rates, seeds, run.errors[-1].reshape(shape), accuracy(run.network).reshape(shape))

