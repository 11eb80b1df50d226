"""The sympy derivations: local derivatives, paths, the chain rule against the direct derivative, evaluation."""
import pytest
import sympy as sp

import independent
from helpers import derivation, PARAMETER_NAMES
from helpers.derivation import (GRAPH, symbol, chain_rule_equals_direct, direct_derivative, evaluate,
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
        assert path[0][0] == symbol.E_total and path[-1][1] == getattr(symbol, name)
        assert all(upper[1] == lower[0] for upper, lower in zip(path, path[1:]))


def test_the_path_to_w5():
    s = symbol
    assert paths("w5") == [[(s.E_total, s.out_o1), (s.out_o1, s.net_o1), (s.net_o1, s.w5)]]


@pytest.mark.parametrize("top, bottom, expected", [
    (symbol.E_total, symbol.out_o1, symbol.out_o1 - symbol.target_o1),
    (symbol.E_total, symbol.out_o2, symbol.out_o2 - symbol.target_o2),
    (symbol.out_o1, symbol.net_o1, symbol.out_o1 * (1 - symbol.out_o1)),
    (symbol.out_h2, symbol.net_h2, symbol.out_h2 * (1 - symbol.out_h2)),
    (symbol.net_o1, symbol.w5, symbol.out_h1),
    (symbol.net_o2, symbol.out_h1, symbol.w7),
    (symbol.net_h1, symbol.w1, symbol.i1),
    (symbol.net_h2, symbol.b1, 1),
    (symbol.net_o1, symbol.w7, 0),
])
def test_local_derivatives_in_the_lessons_names(top, bottom, expected):
    assert sp.expand(local_derivative(top, bottom) - expected) == 0


def test_sigma_knows_its_slope_its_formula_and_its_latex():
    x = sp.Symbol("x")
    assert sp.diff(sigma(x), x) == sigma(x) * (1 - sigma(x))
    assert sigma(x).rewrite(sp.exp) == 1 / (1 + sp.exp(-x))
    assert sp.latex(sigma(symbol.net_h1)) == r"\sigma\left(net_{h1}\right)"
    assert sp.latex(sigma(x) ** 2) == r"\sigma\left(x\right)^{2}"
    assert abs(sigma(sp.Rational(3, 10)).evalf(30) - independent.MP.mpf(1) / (1 + independent.MP.exp(-0.3))) < 1e-15


def test_in_parameters_speaks_only_of_inputs_targets_weights_and_biases():
    allowed = {symbol.i1, symbol.i2, symbol.target_o1, symbol.target_o2} | {getattr(symbol, n) for n in PARAMETER_NAMES}
    for quantity in GRAPH:
        assert in_parameters(quantity).free_symbols <= allowed
    assert in_parameters(symbol.net_h1) == symbol.w1 * symbol.i1 + symbol.w2 * symbol.i2 + symbol.b1


@pytest.mark.parametrize("name", ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2",
                                  "E_total"])
def test_evaluate_agrees_with_mpmath_to_25_digits(name):
    exact = independent.exact()[name]
    assert abs(evaluate(getattr(symbol, name)) - exact) <= abs(exact) * 1e-25


def test_evaluate_gives_30_digits_and_takes_plain_numbers():
    assert len(str(evaluate(symbol.out_o1)).lstrip("0.")) == 30
    assert float(evaluate(sp.Rational(1, 2))) == 0.5
    assert float(evaluate(0.25)) == 0.25


def test_example_values_are_the_exact_decimals():
    values = example_values()
    assert values[symbol.w1] == sp.Rational(15, 100)
    assert values[symbol.target_o2] == sp.Rational(99, 100)
    inputs = {symbol.i1, symbol.i2, symbol.target_o1, symbol.target_o2}
    assert set(values) == inputs | {getattr(symbol, n) for n in PARAMETER_NAMES}
