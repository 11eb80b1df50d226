"""The network's forward pass, backward pass, update and training, against values worked out independently."""
import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import independent
from helpers import EXAMPLE, PARAMETER_NAMES, WEIGHT_NAMES, Params
from helpers.example import VALUE_NAMES
from helpers.derivation import direct_derivative, evaluate
from helpers.gradcheck import central_difference, relative_error
from helpers.network import ForwardPass, Gradients, backward, forward, logistic, train, train_step, update

EXACT = independent.exact()
FORWARD_NAMES = tuple(EXACT)  # the independent computation's names, in its own order


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


# --- forward pass -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FORWARD_NAMES)
def test_forward_pass_matches_an_independent_30_digit_computation(name):
    assert math.isclose(getattr(forward(), name), float(EXACT[name]), rel_tol=1e-14)


def test_forward_pass_with_other_parameters():
    changed = {"w1": "-1.5", "w6": "2.25", "b2": "-0.75"}
    fp = forward(EXAMPLE.replace(**{k: float(v) for k, v in changed.items()}))
    exact = independent.exact(changed)
    for name in FORWARD_NAMES:
        assert math.isclose(getattr(fp, name), float(exact[name]), rel_tol=1e-13), name


def test_the_forward_pass_keeps_every_value_the_lessons_name_in_order():
    assert [field.name for field in dataclasses.fields(ForwardPass)] == list(VALUE_NAMES)
    assert set(VALUE_NAMES) == set(FORWARD_NAMES)


def test_forward_pass_by_hand_for_the_first_hidden_neuron():
    assert forward().net_h1 == pytest.approx(0.15 * 0.05 + 0.20 * 0.10 + 0.35, rel=1e-15)
    assert forward().net_h1 == pytest.approx(0.3775, rel=1e-15)


# --- backward pass ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_gradient_equals_sympys_direct_derivative(name):
    computed = backward(EXAMPLE, forward()).of(name)
    assert relative_error(computed, float(evaluate(direct_derivative(name)))) < 1e-12


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


def test_backward_with_other_parameters_matches_mpmath():
    changed = {"w2": "0.7", "w7": "-0.3", "b1": "-0.9", "b2": "0.2"}
    params = EXAMPLE.replace(**{k: float(v) for k, v in changed.items()})
    g = backward(params, forward(params))
    for name in PARAMETER_NAMES:
        assert relative_error(g.of(name), float(independent.exact_gradient(name, changed))) < 1e-12, name


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


# --- train_step and train -----------------------------------------------------------------------------

def test_one_step_gives_the_published_error_only_when_the_hidden_layer_uses_updated_weights():
    assert f"{forward(train_step(variant='published')).E_total:.9f}" == "0.291027924"
    assert f"{forward(train_step(variant='described')).E_total:.9f}" == "0.291027774"
    assert train_step() == train_step(variant="described")


def test_train_step_published_matches_an_independent_float_training():
    errors, _ = independent.float_training(1, variant="published")
    assert math.isclose(forward(train_step(variant="published")).E_total, errors[1], rel_tol=1e-14)


def test_the_published_variant_takes_the_deltas_back_through_the_new_w5_to_w8():
    e, mp = EXACT, independent.MP
    new = {name: mp.mpf(independent.START[name]) - EXACT_GRADIENTS[name] / 2 for name in ("w5", "w7")}
    delta_o1 = (e["out_o1"] - mp.mpf("0.01")) * e["out_o1"] * (1 - e["out_o1"])
    delta_o2 = (e["out_o2"] - mp.mpf("0.99")) * e["out_o2"] * (1 - e["out_o2"])
    delta_h1 = (delta_o1 * new["w5"] + delta_o2 * new["w7"]) * e["out_h1"] * (1 - e["out_h1"])
    assert math.isclose(train_step(variant="published").w1, float(mp.mpf("0.15") - delta_h1 * mp.mpf("0.05") / 2),
                        rel_tol=1e-14)
    assert train_step(variant="published").w5 == train_step().w5


@pytest.mark.parametrize("variant", ["described", "published"])
def test_train_records_the_untrained_error_then_one_per_step_and_it_falls(variant):
    run = train(steps=300, variant=variant)
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


@pytest.mark.parametrize("variant", ["described", "published"])
def test_ten_thousand_steps_match_an_independent_float_training(variant):
    run = train(steps=10_000, variant=variant)
    errors, (out_o1, out_o2) = independent.float_training(10_000, variant=variant)
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


def test_train_accepts_a_numpy_whole_number_of_steps():
    assert len(train(steps=np.int64(3)).errors) == 4


def test_the_result_types_are_the_documented_ones():
    fp = forward()
    assert isinstance(fp, ForwardPass)
    assert isinstance(backward(EXAMPLE, fp), Gradients)
    assert isinstance(train_step(), Params)


# --- properties for any finite parameters, on random ones ---------------------------------------------
# Modest and reproducible: the same examples on every run, no time limit per example, nothing saved.
quick = settings(max_examples=40, deadline=None, derandomize=True, database=None)
weights = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)
params = st.builds(Params, **{name: weights for name in PARAMETER_NAMES})


@quick
@given(params)
def test_outputs_lie_strictly_between_0_and_1_and_the_error_is_not_negative(p):
    fp = forward(p)
    for out in (fp.out_h1, fp.out_h2, fp.out_o1, fp.out_o2):
        assert 0 < out < 1
    assert fp.E_o1 >= 0 and fp.E_o2 >= 0
    assert fp.E_total == fp.E_o1 + fp.E_o2 and 0 <= fp.E_total < 1


@quick
@given(params)
def test_every_gradient_equals_a_central_difference(p):
    grads = backward(p, forward(p))
    for name in PARAMETER_NAMES:
        def E_total(x, name=name):
            return forward(p.replace(**{name: x})).E_total

        # h = 1e-5 keeps truncation (h² f'''/6) and roundoff (1e-16 / h) near 1e-10 for |weights| <= 10.
        estimate = central_difference(E_total, getattr(p, name), h=1e-5)
        assert math.isclose(grads.of(name), estimate, rel_tol=1e-6, abs_tol=1e-8), name


@quick
@given(params, st.booleans())
def test_a_small_step_against_the_gradient_does_not_raise_the_error(p, update_biases):
    before = forward(p)
    grads = backward(p, before)
    learning_rate = 1e-3
    after = forward(update(p, grads, learning_rate, update_biases)).E_total
    moved = [grads.of(name) for name in (PARAMETER_NAMES if update_biases else PARAMETER_NAMES[:8])]
    expected_drop = learning_rate * sum(g * g for g in moved)
    assert after <= before.E_total + 1e-15  # never up, beyond roundoff
    if expected_drop > 1e-12:  # and down by about learning_rate * |gradient|², when that is visible
        assert before.E_total - after >= expected_drop / 2


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.floats(min_value=-1000, max_value=1000))
def test_logistic_is_symmetric_about_one_half(x):
    assert math.isclose(logistic(-x), 1 - logistic(x), rel_tol=0, abs_tol=2e-16)
    assert 0 <= logistic(x) <= 1
