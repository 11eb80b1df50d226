"""The network's forward pass, backward pass, update and training, against values worked out independently."""
import math
import warnings

import numpy as np
import pytest

import independent
from helpers import EXAMPLE, PARAMETER_NAMES, WEIGHT_NAMES, Params
from helpers.derivation import direct_derivative, evaluate
from helpers.gradcheck import central_difference, relative_error
from helpers.network import ForwardPass, Gradients, backward, forward, logistic, train, train_step, update

EXACT = independent.exact()
FORWARD_NAMES = ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2",
                 "E_o1", "E_o2", "E_total")


def exact_gradients(params=None):
    return {name: independent.exact_gradient(name, params) for name in PARAMETER_NAMES}


EXACT_GRADIENTS = exact_gradients()


# --- logistic ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("x", [-30.0, -2.5, -0.1, 0.0, 0.3775, 1.105905967, 7.0, 30.0])
def test_logistic_matches_mpmath(x):
    assert math.isclose(logistic(x), float(1 / (1 + independent.MP.exp(-x))), rel_tol=1e-15)


@pytest.mark.parametrize("x, expected", [(1000, 1.0), (-1000, 0.0), (1000.0, 1.0), (-1000.0, 0.0),
                                         (np.float64(1000), 1.0), (np.float64(-1000), 0.0), (-745.0, 5e-324)])
def test_logistic_is_stable_far_from_zero(x, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            assert logistic(x) == expected


def test_logistic_takes_any_real_number_type():
    assert logistic(0) == 0.5
    assert logistic(np.float32(0.0)) == 0.5
    assert type(logistic(np.float64(2.0))) is float


@pytest.mark.parametrize("x, error, message", [
    ("0.5", TypeError, r"logistic's input x must be a real number, got str '0.5'"),
    (None, TypeError, r"logistic's input x must be a real number, got NoneType"),
    (True, TypeError, r"logistic's input x must be a real number, got bool"),
    (1j, TypeError, r"logistic's input x must be a real number, got complex"),
    (float("nan"), ValueError, r"logistic's input x must be a finite number, got nan"),
    (float("inf"), ValueError, r"logistic's input x must be a finite number, got inf"),
    (np.float64("-inf"), ValueError, r"logistic's input x must be a finite number, got -inf"),
])
def test_logistic_rejects_what_is_not_a_finite_number(x, error, message):
    with pytest.raises(error, match=message):
        logistic(x)


# --- forward pass -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FORWARD_NAMES)
def test_forward_pass_matches_an_independent_30_digit_computation(name):
    assert math.isclose(getattr(forward(), name), float(EXACT[name]), rel_tol=1e-14)


def test_forward_pass_with_other_parameters_inputs_and_targets():
    changed = {"w1": "-1.5", "w6": "2.25", "b2": "-0.75"}
    params = EXAMPLE.replace(**{k: float(v) for k, v in changed.items()})
    fp = forward(params, i1=0.3, i2=-0.2, target_o1=0.6, target_o2=0.1)
    exact = independent.exact({**changed, "i1": "0.3", "i2": "-0.2", "target_o1": "0.6", "target_o2": "0.1"})
    for name in FORWARD_NAMES:
        assert math.isclose(getattr(fp, name), float(exact[name]), rel_tol=1e-13), name


def test_forward_pass_by_hand_for_the_first_hidden_neuron():
    assert forward().net_h1 == pytest.approx(0.15 * 0.05 + 0.20 * 0.10 + 0.35, rel=1e-15)
    assert forward().net_h1 == pytest.approx(0.3775, rel=1e-15)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"params": {"w1": 0.15}}, TypeError, r"params must be the network's parameters as helpers\.Params, got dict"),
    ({"params": None}, TypeError, r"params must be .*helpers\.Params, got NoneType"),
    ({"i1": float("nan")}, ValueError, r"i1 must be a finite number, got nan"),
    ({"i2": "0.1"}, TypeError, r"i2 must be a real number, got str"),
    ({"target_o1": float("inf")}, ValueError, r"target_o1 must be a finite number, got inf"),
    ({"target_o2": None}, TypeError, r"target_o2 must be a real number, got NoneType"),
])
def test_forward_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        forward(**kwargs)


# --- backward pass ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_gradient_equals_sympys_direct_derivative(name):
    computed = backward(EXAMPLE, forward()).of(name)
    assert relative_error(computed, float(evaluate(direct_derivative(name), digits=30))) < 1e-12


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_gradient_equals_a_central_difference_of_E_total(name):
    # h = 1e-4: the truncation error (about h² times the third derivative) and the roundoff
    # (about 1e-16 * E_total / h) both stay near 1e-9 relative for these gradients.
    def E_total(x):
        return forward(EXAMPLE.replace(**{name: x})).E_total

    computed = backward(EXAMPLE, forward()).of(name)
    assert relative_error(computed, central_difference(E_total, getattr(EXAMPLE, name), h=1e-4)) < 1e-8


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_gradient_equals_mpmaths_numerical_derivative(name):
    computed = backward(EXAMPLE, forward()).of(name)
    assert relative_error(computed, float(EXACT_GRADIENTS[name])) < 1e-12


def test_backward_keeps_every_chain_rule_factor():
    g, e = backward(EXAMPLE, forward()), EXACT
    o1, o2, h1, h2 = e["out_o1"], e["out_o2"], e["out_h1"], e["out_h2"]
    delta_o1, delta_o2 = (o1 - 0.01) * o1 * (1 - o1), (o2 - 0.99) * o2 * (1 - o2)
    expected = {
        "dE_dout_o1": o1 - 0.01, "dE_dout_o2": o2 - 0.99,
        "dout_dnet_o1": o1 * (1 - o1), "dout_dnet_o2": o2 * (1 - o2),
        "delta_o1": delta_o1, "delta_o2": delta_o2,
        "dE_o1_dout_h1": delta_o1 * 0.40, "dE_o2_dout_h1": delta_o2 * 0.50,
        "dE_o1_dout_h2": delta_o1 * 0.45, "dE_o2_dout_h2": delta_o2 * 0.55,
        "dE_dout_h1": delta_o1 * 0.40 + delta_o2 * 0.50, "dE_dout_h2": delta_o1 * 0.45 + delta_o2 * 0.55,
        "dout_dnet_h1": h1 * (1 - h1), "dout_dnet_h2": h2 * (1 - h2),
        "delta_h1": (delta_o1 * 0.40 + delta_o2 * 0.50) * h1 * (1 - h1),
        "delta_h2": (delta_o1 * 0.45 + delta_o2 * 0.55) * h2 * (1 - h2),
    }
    for name, value in expected.items():
        assert math.isclose(getattr(g, name), float(value), rel_tol=1e-12), name


def test_backward_with_other_inputs_and_targets_matches_mpmath():
    fp = forward(EXAMPLE, i1=0.7, i2=-0.3, target_o1=0.9, target_o2=0.2)
    g = backward(EXAMPLE, fp, i1=0.7, i2=-0.3, target_o1=0.9, target_o2=0.2)
    setting = {"i1": "0.7", "i2": "-0.3", "target_o1": "0.9", "target_o2": "0.2"}
    for name in PARAMETER_NAMES:
        assert relative_error(g.of(name), float(independent.exact_gradient(name, setting))) < 1e-12, name


def test_carry_back_with_uses_the_other_parameters_w5_to_w8_for_the_hidden_layer():
    fp = forward()
    other = EXAMPLE.replace(w5=1.0, w6=-2.0, w7=3.0, w8=0.5)
    plain, carried = backward(EXAMPLE, fp), backward(EXAMPLE, fp, carry_back_with=other)
    for name in ("w5", "w6", "w7", "w8", "b2"):
        assert carried.of(name) == plain.of(name)
    d1, d2 = plain.delta_o1, plain.delta_o2
    assert carried.dE_dout_h1 == pytest.approx(d1 * 1.0 + d2 * 3.0, rel=1e-15)
    assert carried.dE_dout_h2 == pytest.approx(d1 * -2.0 + d2 * 0.5, rel=1e-15)
    assert carried.dE_dw1 == pytest.approx((d1 * 1.0 + d2 * 3.0) * plain.dout_dnet_h1 * 0.05, rel=1e-14)


def test_gradients_as_params_lays_them_out_like_the_parameters():
    g = backward(EXAMPLE, forward())
    laid_out = g.as_params()
    assert isinstance(laid_out, Params)
    assert laid_out.as_dict() == {name: g.of(name) for name in PARAMETER_NAMES}


@pytest.mark.parametrize("name", ["w9", "W1", "dE_dw1", "", 5, None])
def test_gradient_of_an_unknown_parameter_names_the_known_ones(name):
    with pytest.raises(ValueError, match=r"parameter name must be one of 'w1', 'w2', .*'b2', got"):
        backward(EXAMPLE, forward()).of(name)


@pytest.mark.parametrize("args, kwargs, error, message", [
    (("x", None), {}, TypeError, r"params must be the network's parameters as helpers\.Params, got str"),
    ((EXAMPLE, None), {}, TypeError, r"fp must be the ForwardPass that forward\(params\) returns, got NoneType"),
    ((EXAMPLE, {"out_o1": 0.7}), {}, TypeError, r"fp must be the ForwardPass .* got dict"),
])
def test_backward_rejects_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        backward(*args, **kwargs)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"i1": float("nan")}, ValueError, r"i1 must be a finite number, got nan"),
    ({"i2": "0.1"}, TypeError, r"i2 must be a real number, got str"),
    ({"target_o1": float("-inf")}, ValueError, r"target_o1 must be a finite number, got -inf"),
    ({"target_o2": [0.99]}, TypeError, r"target_o2 must be a real number, got list"),
    ({"carry_back_with": {"w5": 0.4}}, TypeError, r"carry_back_with must be the network's parameters as helpers"),
])
def test_backward_rejects_bad_inputs_targets_and_carry_back_with(kwargs, error, message):
    with pytest.raises(error, match=message):
        backward(EXAMPLE, forward(), **kwargs)


# --- update -------------------------------------------------------------------------------------------

def test_update_moves_each_weight_against_its_gradient_and_keeps_the_biases():
    new = update(EXAMPLE, backward(EXAMPLE, forward()), 0.5)
    for name in WEIGHT_NAMES:
        expected = float(independent.MP.mpf(independent.START[name]) - EXACT_GRADIENTS[name] / 2)
        assert math.isclose(getattr(new, name), expected, rel_tol=1e-14), name
    assert (new.b1, new.b2) == (0.35, 0.60)


def test_update_biases_moves_the_biases_too():
    new = update(EXAMPLE, backward(EXAMPLE, forward()), 0.1, update_biases=True)
    for name in PARAMETER_NAMES:
        expected = float(independent.MP.mpf(independent.START[name]) - EXACT_GRADIENTS[name] / 10)
        assert math.isclose(getattr(new, name), expected, rel_tol=1e-14), name


@pytest.mark.parametrize("learning_rate, error, message", [
    (0, ValueError, r"learning_rate must be a positive number, got 0\.0"),
    (-0.5, ValueError, r"learning_rate must be a positive number, got -0\.5"),
    (float("nan"), ValueError, r"learning_rate must be a finite number, got nan"),
    (float("inf"), ValueError, r"learning_rate must be a finite number, got inf"),
    ("0.5", TypeError, r"learning_rate must be a real number, got str '0\.5'"),
    (True, TypeError, r"learning_rate must be a real number, got bool"),
    (None, TypeError, r"learning_rate must be a real number, got NoneType"),
])
def test_update_rejects_a_learning_rate_that_is_not_a_positive_number(learning_rate, error, message):
    with pytest.raises(error, match=message):
        update(EXAMPLE, backward(EXAMPLE, forward()), learning_rate)


def test_update_rejects_other_bad_arguments():
    grads = backward(EXAMPLE, forward())
    with pytest.raises(TypeError, match=r"grads must be the Gradients that backward\(\.\.\.\) returns, got Params"):
        update(EXAMPLE, EXAMPLE)
    with pytest.raises(TypeError, match=r"params must be the network's parameters as helpers\.Params, got dict"):
        update(EXAMPLE.as_dict(), grads)
    with pytest.raises(TypeError, match=r"update_biases must be True or False, got str 'yes'"):
        update(EXAMPLE, grads, update_biases="yes")


# --- train_step and train -----------------------------------------------------------------------------

def test_one_step_gives_the_published_error_only_when_the_hidden_layer_uses_updated_weights():
    assert f"{forward(train_step(hidden_uses='updated')).E_total:.9f}" == "0.291027924"
    assert f"{forward(train_step(hidden_uses='original')).E_total:.9f}" == "0.291027774"
    assert train_step() == train_step(hidden_uses="original")


def test_train_step_equals_forward_backward_update():
    expected = update(EXAMPLE, backward(EXAMPLE, forward()), 0.5)
    assert train_step(EXAMPLE, 0.5) == expected


def test_train_step_updated_matches_an_independent_float_training():
    errors, _ = independent.float_training(1, hidden_uses="updated")
    assert math.isclose(forward(train_step(hidden_uses="updated")).E_total, errors[1], rel_tol=1e-14)


@pytest.mark.parametrize("hidden_uses", ["original", "updated"])
def test_train_records_the_untrained_error_then_one_per_step_and_it_falls(hidden_uses):
    run = train(steps=300, hidden_uses=hidden_uses)
    assert len(run.errors) == 301
    assert math.isclose(run.errors[0], float(EXACT["E_total"]), rel_tol=1e-14)
    assert all(later < earlier for earlier, later in zip(run.errors, run.errors[1:]))
    assert run.errors[-1] == forward(run.params).E_total == run.final.E_total


def test_train_matches_an_independent_computation_of_the_first_steps():
    errors = train(steps=2).errors
    p = {name: independent.MP.mpf(value) for name, value in independent.START.items()}
    for k in range(3):
        assert math.isclose(errors[k], float(independent.exact(p)["E_total"]), rel_tol=1e-13), k
        steps = {name: independent.exact_gradient(name, p) / 2 for name in WEIGHT_NAMES}
        p = {name: value - steps.get(name, 0) for name, value in p.items()}


@pytest.mark.parametrize("hidden_uses", ["original", "updated"])
def test_ten_thousand_steps_match_an_independent_float_training(hidden_uses):
    run = train(steps=10_000, hidden_uses=hidden_uses)
    errors, (out_o1, out_o2) = independent.float_training(10_000, hidden_uses=hidden_uses)
    assert math.isclose(run.errors[-1], errors[-1], rel_tol=1e-9)
    assert math.isclose(run.errors[100], errors[100], rel_tol=1e-12)
    assert math.isclose(run.final.out_o1, out_o1, rel_tol=1e-10)
    assert math.isclose(run.final.out_o2, out_o2, rel_tol=1e-12)


def test_train_with_no_steps_gives_the_untrained_error():
    run = train(steps=0)
    assert run.errors == (forward().E_total,)
    assert run.params == EXAMPLE


def test_train_can_update_the_biases():
    run = train(steps=5, update_biases=True)
    assert run.params.b1 != 0.35 and run.params.b2 != 0.60
    assert run.errors[-1] < train(steps=5).errors[-1]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"steps": -1}, ValueError, r"steps must be at least 0, got -1"),
    ({"steps": 2.5}, TypeError, r"steps must be a whole number, got float 2\.5"),
    ({"steps": "10"}, TypeError, r"steps must be a whole number, got str '10'"),
    ({"steps": True}, TypeError, r"steps must be a whole number, got bool"),
    ({"steps": 0, "learning_rate": -1}, ValueError, r"learning_rate must be a positive number, got -1"),
    ({"steps": 0, "learning_rate": 0}, ValueError, r"learning_rate must be a positive number"),
    ({"steps": 0, "learning_rate": float("nan")}, ValueError, r"learning_rate must be a finite number"),
    ({"steps": 0, "hidden_uses": "new"}, ValueError, r"hidden_uses must be one of 'original', 'updated', got 'new'"),
    ({"steps": 0, "update_biases": 1}, TypeError, r"update_biases must be True or False, got int 1"),
    ({"params": (0.15,) * 10}, TypeError, r"params must be the network's parameters as helpers\.Params, got tuple"),
])
def test_train_checks_every_setting_before_it_starts(kwargs, error, message):
    with pytest.raises(error, match=message):
        train(**kwargs)


def test_train_accepts_a_numpy_whole_number_of_steps():
    assert len(train(steps=np.int64(3)).errors) == 4


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": -0.5}, ValueError, r"learning_rate must be a positive number, got -0\.5"),
    ({"learning_rate": "fast"}, TypeError, r"learning_rate must be a real number, got str 'fast'"),
    ({"hidden_uses": "both"}, ValueError, r"hidden_uses must be one of 'original', 'updated', got 'both'"),
    ({"update_biases": None}, TypeError, r"update_biases must be True or False, got NoneType None"),
    ({"params": "EXAMPLE"}, TypeError, r"params must be the network's parameters as helpers\.Params, got str"),
])
def test_train_step_rejects_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        train_step(**kwargs)


def test_the_result_types_are_the_documented_ones():
    fp = forward()
    assert isinstance(fp, ForwardPass)
    assert isinstance(backward(EXAMPLE, fp), Gradients)
    assert isinstance(train_step(), Params)
