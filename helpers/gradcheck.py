"""Gradient checking: slopes estimated from the forward pass alone, set beside backpropagation's.

The central difference (f(x + h) − f(x − h)) / 2h needs nothing but f, so it checks a backward pass
independently. Its own error falls like h² until rounding takes over (about machine epsilon × |f| / h).
"""
import math
from dataclasses import replace

import numpy as np

from .mlp import ACTIVATIONS, LOSSES, Network
from .validate import finite_number, one_of, positive_number

H = 1e-5
"""The default nudge for arrays: small enough for random networks, large enough for rounding."""


def central_difference(f, x, h=1e-4):
    """(f(x + h) - f(x - h)) / 2h: the slope at `x` of `f`, a function of one number; its error shrinks like h²."""
    if not callable(f):
        raise TypeError(f"f must be a function of one number, got {type(f).__name__} {f!r}")
    x, h = finite_number("x", x), positive_number("h", h)
    return (finite_number("f(x + h)", f(x + h)) - finite_number("f(x - h)", f(x - h))) / (2 * h)


def central_differences(f, x, h=H):
    """∂f/∂x for every entry of the array x: the central difference, nudging one entry at a time.

    f takes an array shaped like x and returns a number; x itself is never changed.
    """
    x = np.array(x, dtype=float)
    slopes = np.empty_like(x)
    for i in np.ndindex(x.shape):
        def f_of_entry(value, i=i):
            nudged = x.copy()
            nudged[i] = value
            return f(nudged)
        slopes[i] = central_difference(f_of_entry, x[i], h)
    return slopes


def relative_error(a, b):
    """|a − b| / max(|a|, |b|), with |·| the length of the whole array (0 when both are 0).

    For two numbers this is the usual relative error; for two gradients it asks how far apart the
    vectors are compared to their size, so one tiny entry cannot blow it up.
    """
    a, b = _finite_vector("a", a), _finite_vector("b", b)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs two arrays of the same size, got {a.size} and {b.size} entries")
    scale = max(math.hypot(*a), math.hypot(*b))  # hypot scales first, so tiny entries do not underflow
    return 0.0 if scale == 0 else math.hypot(*(a - b)) / scale


def _finite_vector(name, values):
    if np.ndim(values) == 0:
        return np.array([finite_number(name, values)])
    values = np.ravel(np.asarray(values, dtype=float))
    if not np.isfinite(values).all():
        raise ValueError(f"{name} must hold finite numbers only, got {values[~np.isfinite(values)][0]}")
    return values


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
    if not isinstance(network, Network):
        raise TypeError(f"network must be a helpers.mlp.Network, got {type(network).__name__}")
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
