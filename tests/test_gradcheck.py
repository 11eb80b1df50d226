"""Gradient checking: the central difference, the relative error, and backpropagation against central
differences on many random networks."""
import math

import numpy as np
import pytest

from helpers.gradcheck import (central_difference, central_differences, flat, gradient_check, numerical_gradients,
                               random_case, relative_error)
from helpers.mlp import ACTIVATIONS, Network, bias_gradient, output_error, weight_gradient

NETWORKS = 100  # random networks per check: enough to meet every layer count, width and batch size
TOLERANCE = 1e-7


def test_central_difference_is_exact_for_a_quadratic_up_to_roundoff():
    assert central_difference(lambda x: 3 * x * x - 2 * x + 1, 1.5, h=1e-3) == pytest.approx(7.0, rel=1e-10)


def test_central_difference_error_shrinks_like_h_squared():
    errors = [abs(central_difference(math.sin, 1.0, h) - math.cos(1.0)) for h in (1e-1, 1e-2)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.01)
    assert errors[0] == pytest.approx(math.cos(1.0) * 1e-2 / 6, rel=0.01)  # f'''(x) h² / 6


def test_central_difference_default_step():
    assert central_difference(math.exp, 0.0) == pytest.approx(1.0, rel=1e-9)


@pytest.mark.parametrize("a, b, expected", [(1.0, 1.0, 0.0), (0.0, 0.0, 0.0), (1.0, 1.1, 0.1 / 1.1),
                                            (-2.0, -1.0, 0.5), (1.0, -1.0, 2.0), (0.0, 1e-300, 1.0)])
def test_relative_error(a, b, expected):
    assert relative_error(a, b) == pytest.approx(expected, rel=1e-15)
    assert relative_error(b, a) == relative_error(a, b)


@pytest.mark.parametrize("activation", ["sigmoid", "identity"])
def test_backpropagation_agrees_with_central_differences(activation):
    rng = np.random.default_rng(100)
    worst = max(gradient_check(*random_case(rng, activation)) for _ in range(NETWORKS))
    assert worst <= TOLERANCE


def test_relu_backpropagation_agrees_with_central_differences_away_from_the_kinks():
    # random_case redraws until every ReLU net input is at least 0.01 from the kink; here each nudged
    # evaluation also confirms that no net input changed sides, so no difference quotient spans a kink.
    rng = np.random.default_rng(200)
    worst = 0.0
    for _ in range(NETWORKS):
        network, x, target = random_case(rng, "relu")
        sides = [net > 0 for net in network.forward(x).nets]
        assert all(np.abs(net).min() >= 1e-2 for net, kind in zip(network.forward(x).nets, network.activations)
                   if kind == "relu")

        def error_of(nudged):
            assert all(np.array_equal(net > 0, side) for net, side in zip(nudged.forward(x).nets, sides))
            return nudged.error(x, target)
        grads = network.backward(x, target)
        worst = max(worst, relative_error(flat(grads.weights, grads.biases), flat(*numerical_gradients(error_of, network))))
    assert worst <= TOLERANCE


def test_cross_entropy_backpropagation_agrees_with_central_differences():
    rng = np.random.default_rng(300)
    hidden = list(ACTIVATIONS) * NETWORKS
    worst = max(gradient_check(*random_case(rng, hidden[k], loss="cross_entropy")) for k in range(NETWORKS))
    assert worst <= TOLERANCE


def test_random_cases_vary_in_shape():
    rng = np.random.default_rng(0)
    shapes = {random_case(rng, "sigmoid")[0].sizes for _ in range(50)}
    depths = {len(s) - 1 for s in shapes}
    assert len(shapes) > 30 and depths == {1, 2, 3, 4}


def test_central_differences_of_a_known_function():
    x = np.array([[0.3, -1.2], [2.0, 0.7]])
    slopes = central_differences(lambda v: np.sum(np.sin(v) * v[0, 0]), x, 1e-5)
    exact = np.cos(x) * x[0, 0]
    exact[0, 0] += np.sum(np.sin(x))
    assert relative_error(slopes, exact) < 1e-9
    assert x.tolist() == [[0.3, -1.2], [2.0, 0.7]]  # the caller's array is left alone


def test_relative_error_of_whole_gradients():
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([3.0, 4.0], [3.0, 4.0 + 5e-3]) == pytest.approx(5e-3 / np.hypot(3, 4 + 5e-3))


def _buggy_gradients(network, x, target, bug, learning_rate=0.5):
    """Backpropagation with one classic bug, built from the four equations."""
    fp = network.forward(x)
    last = len(network.weights) - 1
    deltas = [None] * (last + 1)
    deltas[last] = output_error(fp.nets[last], fp.output, target, network.activations[last], network.loss)
    weights = list(network.weights)
    for l in reversed(range(last)):
        through = weights[l + 1]
        if bug == "updated weights":
            through = through - learning_rate * weight_gradient(deltas[l + 1], fp.outs[l + 1])
        slope = 1.0 if bug == "no slope" else ACTIVATIONS[network.activations[l]][1](fp.nets[l], fp.outs[l + 1])
        deltas[l] = (deltas[l + 1] @ through) * slope
    return flat([weight_gradient(d, a) for d, a in zip(deltas, fp.outs)], [bias_gradient(d) for d in deltas])


@pytest.mark.parametrize("bug", ["updated weights", "no slope"])
def test_the_check_catches_classic_bugs(bug):
    rng = np.random.default_rng(7)
    for _ in range(20):
        network = Network.random(rng.integers(2, 5, size=3).tolist(), "sigmoid", rng)
        x = rng.normal(size=(3, network.sizes[0]))
        target = rng.uniform(size=(3, network.sizes[-1]))
        numerical = flat(*numerical_gradients(lambda n: n.error(x, target), network))
        assert relative_error(_buggy_gradients(network, x, target, bug), numerical) > 1e-3
        assert relative_error(_buggy_gradients(network, x, target, "none"), numerical) < TOLERANCE

