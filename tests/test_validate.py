"""The shared input checks: what they accept, what they return, and what their messages say."""
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers.validate import finite_number, one_of, positive_number, whole_number


@pytest.mark.parametrize("value, expected", [(0.5, 0.5), (3, 3.0), (Fraction(1, 8), 0.125), (np.float64(-2.5), -2.5),
                                             (np.float32(0.25), 0.25), (np.int32(7), 7.0), (-0.0, 0.0)])
def test_finite_number_returns_a_float(value, expected):
    result = finite_number("x", value)
    assert result == expected and type(result) is float


@pytest.mark.parametrize("value, error, message", [
    ("1", TypeError, r"^x must be a real number, got str '1'$"),
    (True, TypeError, r"^x must be a real number, got bool True$"),
    (Decimal("0.5"), TypeError, r"^x must be a real number, got Decimal Decimal\('0\.5'\)$"),
    (None, TypeError, r"^x must be a real number, got NoneType None$"),
    (float("nan"), ValueError, r"^x must be a finite number, got nan$"),
    (-math.inf, ValueError, r"^x must be a finite number, got -inf$"),
    (np.float64("nan"), ValueError, r"^x must be a finite number, got nan$"),
    (-(10 ** 309), ValueError, r"^x must be a finite number, got int too large for a float$"),
])
def test_finite_number_says_what_was_wrong(value, error, message):
    with pytest.raises(error, match=message):
        finite_number("x", value)


def test_positive_number():
    assert positive_number("rate", 1e-300) == 1e-300
    with pytest.raises(ValueError, match=r"^rate must be a positive number, got 0\.0$"):
        positive_number("rate", 0)
    with pytest.raises(ValueError, match=r"^rate must be a positive number, got -0\.0$"):
        positive_number("rate", -0.0)
    with pytest.raises(ValueError, match=r"^rate must be a finite number, got inf$"):
        positive_number("rate", math.inf)


def test_whole_number():
    assert whole_number("n", 0) == 0
    assert whole_number("n", np.int64(5)) == 5 and type(whole_number("n", np.int64(5))) is int
    assert whole_number("n", 3, minimum=3, maximum=3) == 3
    with pytest.raises(ValueError, match=r"^n must be at least 0, got -1$"):
        whole_number("n", -1)
    with pytest.raises(ValueError, match=r"^n must be at least 1 and at most 5, got 6$"):
        whole_number("n", 6, minimum=1, maximum=5)
    with pytest.raises(TypeError, match=r"^n must be a whole number, got float 1\.0$"):
        whole_number("n", 1.0)
    with pytest.raises(TypeError, match=r"^n must be a whole number, got bool False$"):
        whole_number("n", False)


def test_one_of():
    assert one_of("colour", "red", ("red", "blue")) == "red"
    with pytest.raises(ValueError, match=r"^colour must be one of 'red', 'blue', got 'green'$"):
        one_of("colour", "green", ("red", "blue"))
    with pytest.raises(ValueError, match=r"^colour must be one of 'red', 'blue', got \['red'\]$"):
        one_of("colour", ["red"], ("red", "blue"))
