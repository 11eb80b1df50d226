"""The sympy derivations: local derivatives, paths, the chain rule against the direct derivative, evaluation."""
import pytest
import sympy as sp

import independent
from helpers import EXAMPLE, derivation, PARAMETER_NAMES, Params
from helpers.derivation import (LOCAL, S, chain_rule, chain_rule_equals_direct, direct_derivative, evaluate,
                                example_values, in_parameters, local_derivative, paths, sigma)


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_the_chain_rule_product_equals_the_direct_derivative(name):
    assert chain_rule_equals_direct(name) is True


def _with_one_factor_dropped(name):
    """The chain rule for `name` with one factor that is not 1 left out of its first path."""
    first, *others = paths(name)
    factors = [local_derivative(top, bottom) for top, bottom in first]
    dropped = next(i for i, factor in enumerate(factors) if factor != 1)
    broken = sp.Mul(*(factors[:dropped] + factors[dropped + 1:]))
    rest = [sp.Mul(*[local_derivative(t, b) for t, b in path]) for path in others]
    return sp.Add(broken, *rest)


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_the_check_fails_when_a_factor_is_dropped(name, monkeypatch):
    broken = _with_one_factor_dropped(name)
    monkeypatch.setattr(derivation, "chain_rule", lambda _: broken)
    assert chain_rule_equals_direct(name) is False
    # ...and rightly so: at the example's numbers the two differ.
    assert abs(evaluate(broken - direct_derivative(name))) > 1e-6


def test_the_check_fails_when_a_path_is_left_out(monkeypatch):
    name = "w1"
    one_path = sp.Mul(*[local_derivative(t, b) for t, b in paths(name)[0]])
    monkeypatch.setattr(derivation, "chain_rule", lambda _: one_path)
    assert chain_rule_equals_direct(name) is False
    assert abs(evaluate(one_path - direct_derivative(name))) > 1e-6


@pytest.mark.parametrize("name, count", [("w1", 2), ("w2", 2), ("w3", 2), ("w4", 2), ("w5", 1), ("w6", 1),
                                         ("w7", 1), ("w8", 1), ("b1", 4), ("b2", 2)])
def test_the_number_of_paths_from_E_total_to_each_parameter(name, count):
    found = paths(name)
    assert len(found) == count
    for path in found:
        assert path[0][0] == S.E_total and path[-1][1] == getattr(S, name)
        assert all(upper[1] == lower[0] for upper, lower in zip(path, path[1:]))


def test_the_path_to_w5():
    assert paths("w5") == [[(S.E_total, S.out_o1), (S.out_o1, S.net_o1), (S.net_o1, S.w5)]]


@pytest.mark.parametrize("top, bottom, expected", [
    (S.E_total, S.out_o1, S.out_o1 - S.target_o1),
    (S.E_total, S.out_o2, S.out_o2 - S.target_o2),
    (S.out_o1, S.net_o1, S.out_o1 * (1 - S.out_o1)),
    (S.out_h2, S.net_h2, S.out_h2 * (1 - S.out_h2)),
    (S.net_o1, S.w5, S.out_h1),
    (S.net_o2, S.out_h1, S.w7),
    (S.net_h1, S.w1, S.i1),
    (S.net_h2, S.b1, 1),
    (S.net_o1, S.w7, 0),
])
def test_local_derivatives_in_the_lessons_names(top, bottom, expected):
    assert sp.expand(local_derivative(top, bottom) - expected) == 0


def test_sigma_knows_its_slope_its_formula_and_its_latex():
    x = sp.Symbol("x")
    assert sp.diff(sigma(x), x) == sigma(x) * (1 - sigma(x))
    assert sigma(x).rewrite(sp.exp) == 1 / (1 + sp.exp(-x))
    assert sp.latex(sigma(S.net_h1)) == r"\sigma\left(net_{h1}\right)"
    assert sp.latex(sigma(x) ** 2) == r"\sigma\left(x\right)^{2}"
    assert abs(sigma(sp.Rational(3, 10)).evalf(30) - independent.MP.mpf(1) / (1 + independent.MP.exp(-0.3))) < 1e-15


def test_in_parameters_speaks_only_of_inputs_targets_weights_and_biases():
    allowed = {S.i1, S.i2, S.target_o1, S.target_o2} | {getattr(S, n) for n in PARAMETER_NAMES}
    for quantity in LOCAL:
        assert in_parameters(quantity).free_symbols <= allowed
    assert in_parameters(S.net_h1) == S.w1 * S.i1 + S.w2 * S.i2 + S.b1


@pytest.mark.parametrize("name", ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2",
                                  "E_total"])
def test_evaluate_agrees_with_mpmath_to_25_digits(name):
    exact = independent.exact()[name]
    assert abs(evaluate(getattr(S, name)) - exact) <= abs(exact) * 1e-25


def test_evaluate_at_other_parameters_and_to_more_digits():
    params = EXAMPLE.replace(w5=0.1, b2=-0.25)
    exact = independent.exact({"w5": "0.1", "b2": "-0.25"})["out_o1"]
    assert abs(evaluate(S.out_o1, params) - exact) <= exact * 1e-25
    assert len(str(evaluate(S.out_o1, digits=50)).lstrip("0.")) == 50
    assert float(evaluate(sp.Rational(1, 2))) == 0.5
    assert float(evaluate(0.25)) == 0.25


def test_example_values_are_the_exact_decimals():
    values = example_values()
    assert values[S.w1] == sp.Rational(15, 100)
    assert values[S.target_o2] == sp.Rational(99, 100)
    assert set(values) == {S.i1, S.i2, S.target_o1, S.target_o2} | {getattr(S, n) for n in PARAMETER_NAMES}
    assert example_values(Params(w1=0.5))[S.w1] == sp.Rational(1, 2)


@pytest.mark.parametrize("call, error, message", [
    (lambda: direct_derivative("w9"), ValueError, r"parameter name must be one of 'w1', .*'b2', got 'w9'"),
    (lambda: direct_derivative(S.w1), ValueError, r"parameter name must be one of .* got w1"),
    (lambda: chain_rule("net_h1"), ValueError, r"parameter name must be one of .* got 'net_h1'"),
    (lambda: chain_rule_equals_direct("E_total"), ValueError, r"parameter name must be one of"),
    (lambda: paths("b3"), ValueError, r"parameter name must be one of .* got 'b3'"),
    (lambda: paths("w1", top=S.w1), ValueError, r"top must be one of net_h1, .*E_total, got w1"),
    (lambda: local_derivative(S.w5, S.w1), ValueError, r"top must be one of net_h1, .* got w5"),
    (lambda: local_derivative("net_h1", S.w1), ValueError, r"top must be one of .* got 'net_h1'"),
    (lambda: local_derivative(S.net_h1, "w1"), ValueError, r"bottom must be one of i1, .* got 'w1'"),
    (lambda: local_derivative(S.net_h1, sp.Symbol("w1")), ValueError, r"bottom must be one of"),
    (lambda: in_parameters("net_h1"), TypeError, r"expected a sympy expression built from the symbols of S .* "
                                                 r"got the string 'net_h1'"),
    (lambda: in_parameters(None), TypeError, r"expected a sympy expression or a number, got NoneType None"),
    (lambda: in_parameters(object), TypeError, r"expected a sympy expression or a number, got type"),
    (lambda: evaluate([S.w1]), TypeError, r"expected a sympy expression or a number, got list"),
    (lambda: evaluate(float("nan")), ValueError, r"expected a finite expression, got nan"),
    (lambda: evaluate(S.w1 / 0), ValueError, r"expected a finite expression, got zoo\*w1"),
    (lambda: evaluate(S.w1 - sp.oo), ValueError, r"expected a finite expression, got -oo"),
    (lambda: evaluate(S.w1, digits=0), ValueError, r"digits must be at least 1, got 0"),
    (lambda: evaluate(S.w1, digits=30.0), TypeError, r"digits must be a whole number, got float 30\.0"),
    (lambda: evaluate(S.w1, params={"w1": 0.15}), TypeError,
     r"params must be the network's parameters as helpers\.Params, got dict"),
    (lambda: example_values(None), TypeError, r"params must be .*helpers\.Params, got NoneType"),
])
def test_bad_input_is_refused_with_a_message_saying_what_is_expected(call, error, message):
    with pytest.raises(error, match=message):
        call()
