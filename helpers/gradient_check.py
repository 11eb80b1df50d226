"""Gradient checking: backpropagation's gradients set beside central finite differences.

The difference quotient (f(x + h) − f(x − h)) / 2h needs nothing but the forward pass, so it is an
independent check of the backward pass. Its own error falls like h² until rounding takes over
(about machine epsilon × |f| / h), so h = 1e-5 leaves some 10 correct digits.
"""
from dataclasses import replace

import numpy as np

from .mlp import ACTIVATIONS, LOSSES, Network
from .validate import one_of, positive_number

H = 1e-5


def central_differences(f, x, h=H):
    """∂f/∂x for every entry of the array x, by central differences, one entry at a time:
    (f(x with that entry + h) − f(x with that entry − h)) / 2h. f takes an array shaped like x and
    returns a number. (For a single number x this is the scalar central difference.)"""
    h = positive_number("h", h)
    x = np.array(x, dtype=float)  # a copy: the nudges below never touch the caller's array
    slopes = np.empty_like(x)
    for i in np.ndindex(x.shape):
        start = x[i]
        x[i] = start + h
        above = f(x)
        x[i] = start - h
        below = f(x)
        x[i] = start
        slopes[i] = (above - below) / (2 * h)
    return slopes


def relative_error(a, b):
    """|a − b| / max(|a|, |b|), with |·| the length of the whole array (0 when both are 0).

    For two numbers this is the usual relative error; for two gradients it asks how far apart the
    vectors are compared to their size, so one tiny entry cannot blow it up.
    """
    a, b = np.ravel(np.asarray(a, float)), np.ravel(np.asarray(b, float))
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs two arrays of the same size, got {a.size} and {b.size} entries")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def numerical_gradients(error_of, network, h=H):
    """Central differences of error_of(network) with respect to every weight and bias.

    Returns (weight gradients, bias gradients), laid out like network.weights and network.biases.
    The nudges go into a copy of the network, one array entry at a time.
    """
    probe = replace(network, weights=[w.copy() for w in network.weights], biases=[b.copy() for b in network.biases])

    def slopes(array):
        def error_with(values):
            array[...] = values
            return error_of(probe)
        start = array.copy()
        found = central_differences(error_with, start, h)
        array[...] = start  # undo the last nudge before the next array's turn
        return found

    return tuple(map(slopes, probe.weights)), tuple(map(slopes, probe.biases))


def flat(weights, biases):
    """Every weight, then every bias, in one vector (for relative_error)."""
    return np.concatenate([array.ravel() for array in (*weights, *biases)])


def gradient_check(network, x, target, h=H):
    """The relative error between backpropagation's gradient of the batch error and central differences."""
    grads = network.backward(x, target)
    numerical = numerical_gradients(lambda n: n.error(x, target), network, h)
    return relative_error(flat(grads.weights, grads.biases), flat(*numerical))


def kink_distance(network, x):
    """How close the nearest ReLU net input comes to the kink at 0 (inf when no layer uses ReLU)."""
    fp = network.forward(x)
    nets = [np.abs(net).min() for net, activation in zip(fp.nets, network.activations) if activation == "relu"]
    return min(nets, default=np.inf)


def random_case(rng, activation, loss="squared_error", max_layers=4, max_width=6, max_batch=4, margin=1e-2):
    """A random network (random depth and widths, its hidden layers using `activation`), a random batch
    and random targets, for gradient checking.

    The output layer uses `activation` too, except: cross-entropy needs sigmoid outputs, and a ReLU output
    layer becomes identity (a ReLU output that is off for every example would make every gradient 0, and
    0 checked against 0 proves nothing).

    A ReLU has a kink at net = 0, where its slope jumps and a difference quotient across it means
    nothing. So the draw is repeated until every ReLU net input is at least `margin` away from 0:
    a nudge of h = 1e-5 then cannot carry one across.
    """
    one_of("activation", activation, tuple(ACTIVATIONS))
    one_of("loss", loss, tuple(LOSSES))
    output = "sigmoid" if loss == "cross_entropy" else "identity" if activation == "relu" else activation
    while True:
        sizes = rng.integers(1, max_width + 1, size=rng.integers(2, max_layers + 2)).tolist()
        network = Network.random(sizes, [activation] * (len(sizes) - 2) + [output], rng, loss)
        x = rng.normal(0, 1, (rng.integers(1, max_batch + 1), sizes[0]))
        target = rng.uniform(0, 1, (len(x), sizes[-1]))
        if kink_distance(network, x) >= margin:
            return network, x, target
