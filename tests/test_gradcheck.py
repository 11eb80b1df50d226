"""Gradient checking helpers: the central difference and the relative error."""
import math

import pytest

from helpers.gradcheck import central_difference, relative_error


def test_central_difference_is_exact_for_a_quadratic_up_to_roundoff():
    assert central_difference(lambda x: 3 * x * x - 2 * x + 1, 1.5, h=1e-3) == pytest.approx(7.0, rel=1e-10)


def test_central_difference_error_shrinks_like_h_squared():
    errors = [abs(central_difference(math.sin, 1.0, h) - math.cos(1.0)) for h in (1e-1, 1e-2)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.01)
    assert errors[0] == pytest.approx(math.cos(1.0) * 1e-2 / 6, rel=0.01)  # f'''(x) h² / 6


def test_central_difference_default_step():
    assert central_difference(math.exp, 0.0) == pytest.approx(1.0, rel=1e-8)


@pytest.mark.parametrize("args, error, message", [
    ((0.5, 1.0), TypeError, r"f must be a function of one number, got float 0\.5"),
    ((math.exp, "1"), TypeError, r"x must be a real number, got str '1'"),
    ((math.exp, float("nan")), ValueError, r"x must be a finite number, got nan"),
    ((math.exp, 1.0, 0), ValueError, r"h must be a positive number, got 0\.0"),
    ((math.exp, 1.0, -1e-4), ValueError, r"h must be a positive number, got -0\.0001"),
    ((math.exp, 1.0, float("inf")), ValueError, r"h must be a finite number, got inf"),
    ((lambda x: "y", 1.0), TypeError, r"f\(x \+ h\) must be a real number, got str 'y'"),
    ((lambda x: math.inf if x > 1 else 0.0, 1.0), ValueError, r"f\(x \+ h\) must be a finite number, got inf"),
    ((math.log, 1e-5, 1e-4), ValueError, r"math domain error"),
])
def test_central_difference_rejects_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        central_difference(*args)


@pytest.mark.parametrize("a, b, expected", [(1.0, 1.0, 0.0), (0.0, 0.0, 0.0), (1.0, 1.1, 0.1 / 1.1),
                                            (-2.0, -1.0, 0.5), (1.0, -1.0, 2.0), (0.0, 1e-300, 1.0)])
def test_relative_error(a, b, expected):
    assert relative_error(a, b) == pytest.approx(expected, rel=1e-15)
    assert relative_error(b, a) == relative_error(a, b)


@pytest.mark.parametrize("a, b, error, message", [
    (float("nan"), 1.0, ValueError, r"a must be a finite number, got nan"),
    (1.0, float("inf"), ValueError, r"b must be a finite number, got inf"),
    ("1", 1.0, TypeError, r"a must be a real number, got str '1'"),
])
def test_relative_error_rejects_bad_input(a, b, error, message):
    with pytest.raises(error, match=message):
        relative_error(a, b)
