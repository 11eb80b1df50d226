"""The scalar autodiff against the example's analytic gradients, finite differences and the general network."""
import math

import numpy as np
import pytest

from helpers import EXAMPLE, PARAMETER_NAMES, backward, forward
from helpers.autodiff import Value, example_graph, topological_order
from helpers.gradcheck import central_differences
from helpers.mlp import Network


def test_the_examples_gradients_to_1e_12():
    graph = example_graph()
    graph["E_total"].backward()
    g = backward(EXAMPLE, forward())
    for name in PARAMETER_NAMES:
        assert graph[name].grad == pytest.approx(g.of(name), rel=1e-12, abs=0)
    inner = {"out_h1": g.dE_dout_h1, "out_h2": g.dE_dout_h2, "net_o1": g.delta_o1, "net_o2": g.delta_o2,
             "net_h1": g.delta_h1, "net_h2": g.delta_h2, "out_o1": g.dE_dout_o1, "out_o2": g.dE_dout_o2}
    for name, expected in inner.items():
        assert graph[name].grad == pytest.approx(expected, rel=1e-12, abs=0)


def test_the_examples_values():
    graph = example_graph()
    fp = forward()
    for name in ("net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2", "E_total"):
        assert graph[name].value == pytest.approx(getattr(fp, name), rel=1e-15)


def _expression(a, b, c):
    """Every operation of Value at least once (on Values)."""
    return (((a * b + c).sigmoid() ** 2 * -1 + 2 + (a - b) * 3 + 1.5 * c ** 3 + (b + 4) ** -1) * (c * -1 + 0.5)
            + (1 - a) / (b * b + 1) + 2 / (c * c + 1) + -a)


def test_every_operation_against_central_differences():
    rng = np.random.default_rng(11)
    for _ in range(100):
        point = rng.uniform(0.2, 2.0, 3) * rng.choice([-1, 1], 3)
        leaves = [Value(v) for v in point]
        out = _expression(*leaves)
        out.backward()
        numerical = central_differences(lambda p: _plain(*p), point, 1e-6)
        assert [leaf.grad for leaf in leaves] == pytest.approx(numerical, rel=1e-7, abs=1e-9)


def _plain(a, b, c):
    """The same expression on plain floats, written out independently."""
    s = 1 / (1 + math.exp(-(a * b + c)))
    return (2 - s ** 2 + (a - b) * 3 + 1.5 * c ** 3 + 1 / (b + 4)) * (0.5 - c) + (1 - a) / (b * b + 1) + 2 / (c * c + 1) - a


def test_agrees_with_the_general_networks_backpropagation():
    rng = np.random.default_rng(12)
    for sizes in ([3, 4, 2], [2, 3, 3, 1]):
        net = Network.random(sizes, "sigmoid", rng)
        x, target = rng.normal(size=(1, sizes[0])), rng.uniform(size=(1, sizes[-1]))
        weights = [[[Value(w) for w in row] for row in layer] for layer in net.weights]
        biases = [[Value(b) for b in layer] for layer in net.biases]
        outs = [Value(v) for v in x[0]]
        for layer_w, layer_b in zip(weights, biases):
            outs = [sum((w * o for w, o in zip(row, outs)), b).sigmoid() for row, b in zip(layer_w, layer_b)]
        error = sum((0.5 * (o - t) ** 2 for t, o in zip(target[0], outs)), Value(0.0))
        error.backward()
        grads = net.backward(x, target)
        assert error.value == pytest.approx(grads.error[()], rel=1e-14)
        for layer_w, g in zip(weights, grads.weights):
            assert np.allclose([[w.grad for w in row] for row in layer_w], g, rtol=1e-12, atol=1e-15)
        for layer_b, g in zip(biases, grads.biases):
            assert np.allclose([b.grad for b in layer_b], g, rtol=1e-12, atol=1e-15)


def test_a_value_used_twice_collects_both_paths():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    f = x * y + x
    f.backward()
    assert (x.grad, y.grad) == (4.0, 2.0)
    f.backward()  # a second backward starts again from 0: no doubling
    assert (x.grad, y.grad) == (4.0, 2.0)


def test_topological_order_puts_parents_first():
    graph = example_graph()
    order = topological_order(graph["E_total"])
    position = {id(node): k for k, node in enumerate(order)}
    assert len(order) == len(position) == 43
    assert all(position[id(p)] < position[id(node)] for node in order for p in node.parents)
    assert order[-1] is graph["E_total"]


def test_a_chain_of_5000_operations_needs_no_recursion():
    x = Value(1.0, "x")
    y = x
    for _ in range(5_000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001 ** 5_000, rel=1e-12)
    assert len(topological_order(y)) == 10_001  # x, then each step's constant and product
