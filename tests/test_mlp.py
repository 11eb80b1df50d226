"""The general network against the worked example: helpers.network, sympy, and the published figures."""
from dataclasses import replace

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import (EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, PUBLISHED, TARGET_O1, TARGET_O2, Params, backward,
                     compare, forward, train)
from helpers.derivation import direct_derivative, evaluate
from helpers.mlp import (EXAMPLE_TARGET, EXAMPLE_X, Network, error_back, from_example, output_error, sigmoid, stack,
                         train as train_mlp, weight_gradient)
from helpers.reproduce import rounded_as_you_go

NET = from_example()
FP = NET.forward(EXAMPLE_X)
GRADS = NET.backward(EXAMPLE_X, EXAMPLE_TARGET)


def computed_figures(net, fp, grads, after_one):
    """Each published figure of the first pass and first step, from the general network's arrays."""
    net_h1, net_o1 = fp.nets[0][0, 0], fp.nets[1][0, 0]
    (out_h1, out_h2), (out_o1, out_o2) = fp.outs[1][0], fp.outs[2][0]
    E_o1, E_o2 = 0.5 * (EXAMPLE_TARGET[0] - fp.output[0]) ** 2
    (delta_o1, delta_o2), w5, w7 = grads.deltas[1][0], net.weights[1][0, 0], net.weights[1][1, 0]
    (dw1, dw2), (dw3, dw4) = grads.weights[0]
    (dw5, dw6), (dw7, dw8) = grads.weights[1]
    figures = {
        "net_h1": net_h1, "out_h1": out_h1, "out_h2": out_h2, "net_o1": net_o1, "out_o1": out_o1, "out_o2": out_o2,
        "E_o1": E_o1, "E_o2": E_o2, "E_total": grads.error[()],
        "dE_total/dout_o1": out_o1 - EXAMPLE_TARGET[0, 0], "dout_o1/dnet_o1": out_o1 * (1 - out_o1),
        "dnet_o1/dw5": fp.outs[1][0, 0], "dE_total/dw5": dw5,
        "dE_o1/dnet_o1": delta_o1, "dE_o1/dout_h1": delta_o1 * w5,
        "dE_total/dout_h1": delta_o1 * w5 + delta_o2 * w7, "dout_h1/dnet_h1": out_h1 * (1 - out_h1),
        "dnet_h1/dw1": EXAMPLE_X[0, 0], "dE_total/dw1": dw1,
    }
    names = [["w1", "w2"], ["w3", "w4"], ["w5", "w6"], ["w7", "w8"]]
    for row, new_row in zip(names, np.concatenate(after_one.weights)):
        figures.update({f"{name}_new": value for name, value in zip(row, new_row)})
    return figures


def frozen_biases(grads):
    """The example keeps its biases fixed: the same gradients with the bias gradients set to 0."""
    return replace(grads, biases=[np.zeros_like(b) for b in grads.biases])


def test_forward_pass_equals_the_scalar_network_exactly():
    fp = forward()
    assert fp.net_h1 == FP.nets[0][0, 0] and fp.net_o2 == FP.nets[1][0, 1]
    assert [fp.out_h1, fp.out_h2, fp.out_o1, fp.out_o2] == [*FP.outs[1][0], *FP.outs[2][0]]
    assert GRADS.error == pytest.approx(fp.E_total, rel=1e-15)


def test_gradients_equal_the_scalar_networks_and_sympys():
    g = backward(EXAMPLE, forward())
    expected = np.array([[[g.dE_dw1, g.dE_dw2], [g.dE_dw3, g.dE_dw4]], [[g.dE_dw5, g.dE_dw6], [g.dE_dw7, g.dE_dw8]]])
    assert np.allclose(np.array(GRADS.weights), expected, rtol=1e-14, atol=0)
    # One bias per neuron: a shared bias's gradient is the sum of its neurons' bias gradients.
    assert GRADS.biases[0].sum() == pytest.approx(g.dE_db1, rel=1e-14)
    assert GRADS.biases[1].sum() == pytest.approx(g.dE_db2, rel=1e-14)
    for l, names in enumerate([["w1", "w2", "w3", "w4"], ["w5", "w6", "w7", "w8"]]):
        by_sympy = [float(evaluate(direct_derivative(name))) for name in names]
        assert GRADS.weights[l].ravel() == pytest.approx(by_sympy, rel=1e-14)


def test_the_published_figures_at_printed_precision():
    after_one = NET.update(frozen_biases(GRADS), LEARNING_RATE)
    figures = computed_figures(NET, FP, GRADS, after_one)
    # dE_o2/dout_h1 was printed from delta_o2 rounded to 9 places first (explained in the core series).
    figures["dE_o2/dout_h1"] = rounded_as_you_go()
    figures["E_total_after_1_update"] = _after_one_update_with_updated_output_weights()
    assert set(figures) | TRAINING == set(PUBLISHED)
    missed = [name for name, value in figures.items() if not compare(name, value).matches]
    assert missed == []


TRAINING = {"E_total_after_10000_updates", "out_o1_after_10000_updates", "out_o2_after_10000_updates"}


def _after_one_update_with_updated_output_weights():
    """The published error after one step: the hidden deltas carried back through the updated w5..w8."""
    delta_out = output_error(FP.nets[1], FP.output, EXAMPLE_TARGET, "sigmoid", "squared_error")
    new_w2 = NET.weights[1] - LEARNING_RATE * weight_gradient(delta_out, FP.outs[1])
    delta_hidden = error_back(delta_out, new_w2, FP.nets[0], FP.outs[1], "sigmoid")
    new_w1 = NET.weights[0] - LEARNING_RATE * weight_gradient(delta_hidden, FP.outs[0])
    return Network([new_w1, new_w2], NET.biases, NET.activations).error(EXAMPLE_X, EXAMPLE_TARGET)[()]


def test_ten_thousand_steps_follow_the_scalar_network():
    run = train_mlp(NET, EXAMPLE_X, EXAMPLE_TARGET, LEARNING_RATE, 0)  # no epochs: the starting error only
    assert run.errors.tolist() == [GRADS.error]
    net = NET
    for step in range(1, 10_001):
        net = net.update(frozen_biases(net.backward(EXAMPLE_X, EXAMPLE_TARGET)), LEARNING_RATE)
        if step == 9_999:
            after_9999 = net.error(EXAMPLE_X, EXAMPLE_TARGET)[()]
    assert compare("E_total_after_10000_updates", after_9999).matches
    scalar = train(EXAMPLE, 10_000).final
    assert net.forward(EXAMPLE_X).output[0] == pytest.approx([scalar.out_o1, scalar.out_o2], rel=1e-12)


def test_a_batch_gradient_is_the_mean_of_the_examples_gradients():
    rng = np.random.default_rng(5)
    net = Network.random([3, 4, 2], ["relu", "sigmoid"], rng)
    x, target = rng.normal(size=(6, 3)), rng.uniform(size=(6, 2))
    batch = net.backward(x, target)
    singles = [net.backward(x[k:k + 1], target[k:k + 1]) for k in range(6)]
    for l in range(2):
        assert np.allclose(batch.weights[l], np.mean([s.weights[l] for s in singles], axis=0), rtol=1e-13, atol=1e-16)
        assert np.allclose(batch.biases[l], np.mean([s.biases[l] for s in singles], axis=0), rtol=1e-13, atol=1e-16)


def test_cross_entropy_delta_is_out_minus_target_and_matches_its_chain_rule():
    net = replace(NET, loss="cross_entropy")
    fp = net.forward(EXAMPLE_X)
    out = fp.output
    chain_rule = (out - EXAMPLE_TARGET) / (out * (1 - out)) * out * (1 - out)
    assert np.allclose(net.backward(EXAMPLE_X, EXAMPLE_TARGET).deltas[-1], chain_rule, rtol=1e-14)
    by_logs = -(EXAMPLE_TARGET * np.log(out) + (1 - EXAMPLE_TARGET) * np.log(1 - out)).sum()
    assert net.error(EXAMPLE_X, EXAMPLE_TARGET) == pytest.approx(by_logs, rel=1e-14)


def test_a_stack_of_networks_computes_each_one():
    rng = np.random.default_rng(8)
    nets = [Network.random([2, 3, 1], "sigmoid", rng) for _ in range(3)]
    x, target = rng.normal(size=(4, 2)), rng.uniform(size=(4, 1))
    rates = np.array([0.1, 1.0, 3.0])
    together = train_mlp(stack(nets), x, target, rates, 20).network
    for k, (net, rate) in enumerate(zip(nets, rates)):
        alone = train_mlp(net, x, target, rate, 20).network
        for a, b in zip(together[k].weights + together[k].biases, alone.weights + alone.biases):
            assert np.allclose(a, b, rtol=1e-13, atol=1e-15)


def test_mini_batches_cover_every_row_once_per_epoch():
    rng = np.random.default_rng(2)
    net = Network.random([2, 2, 1], "identity", rng)
    x, target = rng.normal(size=(5, 2)), rng.normal(size=(5, 1))
    # One epoch: the rows shuffled by the rng, then steps on batches of 2, 2 and 1 of them.
    run = train_mlp(net, x, target, 0.1, 1, batch_size=2, rng=np.random.default_rng(0))
    order = np.random.default_rng(0).permutation(5)
    expected = net
    for batch in (order[:2], order[2:4], order[4:]):
        expected = expected.step(x[batch], target[batch], 0.1)
    assert all(np.array_equal(a, b) for a, b in zip(run.network.weights, expected.weights))


def test_sigmoid_never_overflows():
    assert sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


def test_a_stack_takes_one_learning_rate_per_network():
    together = stack([NET, NET]).update(GRADS, [0.5, 2.0])
    assert np.array_equal(together[1].weights[0], NET.update(GRADS, 2.0).weights[0])
    assert np.array_equal(together[0].weights[0], NET.update(GRADS, 0.5).weights[0])


# Any finite parameters, on random ones: modest and reproducible (the same examples on every run, nothing saved).
@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.builds(Params, **{name: st.floats(min_value=-10, max_value=10) for name in PARAMETER_NAMES}))
def test_the_general_network_and_the_examples_network_agree_anywhere(p):
    """Two separate implementations, element by element and matrix by matrix, give the same gradients."""
    grads = backward(p, forward(p))
    general = from_example(p).backward(np.array([[I1, I2]]), np.array([[TARGET_O1, TARGET_O2]]))
    (hidden, output), (b_hidden, b_output) = general.weights, general.biases
    expected = [[grads.dE_dw1, grads.dE_dw2], [grads.dE_dw3, grads.dE_dw4]], [[grads.dE_dw5, grads.dE_dw6],
                                                                                [grads.dE_dw7, grads.dE_dw8]]
    assert np.allclose(hidden, expected[0], rtol=1e-12, atol=1e-15)
    assert np.allclose(output, expected[1], rtol=1e-12, atol=1e-15)
    # One bias per neuron in the general network: a shared bias's gradient is their sum.
    assert math.isclose(b_hidden.sum(), grads.dE_db1, rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(b_output.sum(), grads.dE_db2, rel_tol=1e-12, abs_tol=1e-15)
