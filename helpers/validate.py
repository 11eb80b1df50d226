"""Input checks shared by every helper: each failure says what was wrong and what is expected."""
import math
from numbers import Integral, Real


def finite_number(name, value):
    """Return `value` as a float, or raise if it is not a finite real number."""
    if type(value) is not float:  # a float, the usual case, skips the slower checks
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
        try:
            value = float(value)
        except OverflowError:  # e.g. a whole number with hundreds of digits
            too_big = f"{type(value).__name__} too large for a float"
            raise ValueError(f"{name} must be a finite number, got {too_big}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def positive_number(name, value):
    """Return `value` as a float, or raise if it is not a finite number above zero."""
    value = finite_number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def whole_number(name, value, minimum=0, maximum=None):
    """Return `value` as an int if it is a whole number in [minimum, maximum], or raise."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" and at most {maximum}"
        raise ValueError(f"{name} must be at least {minimum}{upper}, got {value}")
    return value


def one_of(name, value, choices):
    """Return `value` if it is one of `choices`, or raise listing them."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


def number_in(name, value, low, high):
    """Return `value` as a float if it is a finite number from `low` to `high`, or raise."""
    value = finite_number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}, got {value:g}")
    return value
