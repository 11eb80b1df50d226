"""Properties of the numeric core that hold for any finite parameters, checked on random ones."""
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import I1, I2, PARAMETER_NAMES, TARGET_O1, TARGET_O2, Params, backward, forward, logistic, update
from helpers.gradcheck import central_difference
from helpers.mlp import from_example

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


@quick
@given(params)
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
