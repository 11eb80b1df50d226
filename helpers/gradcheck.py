"""Gradient checking: slopes from the forward pass alone (central differences), set beside backpropagation's."""
import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .mlp import ACTIVATIONS, LOSSES, NETWORK, Network
from .validate import checked_rng, finite_array, finite_number, instance, one_of, positive_number

H = 1e-5
"""The default nudge: small enough for the truncation error (about h²), large enough for rounding (about 1e-16 / h)."""


def central_difference(f, x, h=H):
    """(f(x + h) - f(x - h)) / 2h: the slope at `x` of `f`, a function of one number; its error shrinks like h²."""
    instance("f", f, Callable, "a function of one number")
    x, h = finite_number("x", x), positive_number("h", h)
    return (finite_number("f(x + h)", f(x + h)) - finite_number("f(x - h)", f(x - h))) / (2 * h)


def central_differences(f, x, h=H):
    """∂f/∂x for every entry of the array x, nudging a copy one entry at a time (f: array -> number)."""
    instance("f", f, Callable, "a function of an array")
    x = finite_array("x", x).copy()
    slopes = np.empty_like(x)
    for i in np.ndindex(x.shape):
        def f_of_entry(value, i=i):
            nudged = x.copy()
            nudged[i] = value
            return f(nudged)
        slopes[i] = central_difference(f_of_entry, x[i], h)
    return slopes


def relative_error(a, b):
    """|a − b| / max(|a|, |b|), with |·| the length of the whole array (0 when both are 0)."""
    a, b = finite_array("a", a).ravel(), finite_array("b", b).ravel()
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs two arrays of the same size, got {a.size} and {b.size} entries")
    scale = max(math.hypot(*a), math.hypot(*b))  # hypot scales first, so tiny entries do not underflow
    return 0.0 if scale == 0 else math.hypot(*(a - b)) / scale


def numerical_gradients(error_of, network):
    """Central differences of error_of(network) for every weight and bias, as (weight, bias) gradients."""
    instance("error_of", error_of, Callable, "a function of a network")
    instance("network", network, Network, NETWORK)
    probe = replace(network, weights=[w.copy() for w in network.weights], biases=[b.copy() for b in network.biases])

    def slopes(array):
        def error_with(values):
            array[...] = values
            return error_of(probe)
        start = array.copy()
        found = central_differences(error_with, start)
        array[...] = start  # undo the last nudge before the next array's turn
        return found

    return tuple(map(slopes, probe.weights)), tuple(map(slopes, probe.biases))


def flat(weights, biases):
    """Every weight, then every bias, in one vector (for relative_error)."""
    return np.concatenate([finite_array("gradients", array).ravel() for array in (*weights, *biases)])


def gradient_check(network, x, target):
    """The relative error between backpropagation's gradient of the batch error and central differences."""
    instance("network", network, Network, NETWORK)
    grads = network.backward(x, target)
    numerical = numerical_gradients(lambda n: n.error(x, target), network)
    return relative_error(flat(grads.weights, grads.biases), flat(*numerical))


def random_case(rng, activation, loss="squared_error"):
    """A random network (1-4 layers of 1-6 neurons using `activation`), batch (1-4 rows) and targets; ReLU gets
    identity outputs, cross-entropy sigmoid ones, and every ReLU net input lies at least 0.01 from the kink at 0."""
    checked_rng(rng)
    one_of("activation", activation, tuple(ACTIVATIONS))
    one_of("loss", loss, tuple(LOSSES))
    output = "sigmoid" if loss == "cross_entropy" else "identity" if activation == "relu" else activation
    while True:
        sizes = rng.integers(1, 7, size=rng.integers(2, 6)).tolist()
        network = Network.random(sizes, [activation] * (len(sizes) - 2) + [output], rng, loss)
        x = rng.normal(0, 1, (rng.integers(1, 5), sizes[0]))
        target = rng.uniform(0, 1, (len(x), sizes[-1]))
        nets = [net for net, kind in zip(network.forward(x).nets, network.activations) if kind == "relu"]
        if all(np.abs(net).min() >= 0.01 for net in nets):
            return network, x, target
