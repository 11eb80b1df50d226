"""Input checks shared by every helper (it imports none): each failure says what was wrong and what is expected."""
import math
from decimal import Decimal
from numbers import Integral, Real



def finite_number(name, value, limit=None):
    """Return `value` as a float, or raise if it is not a finite real number (of size at most `limit`)."""
    if type(value) is not float:  # a float, the usual case, skips the slower checks
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(f"{name} must be a real number, got {type(value).__name__} {_short(value)}")
        try:
            value = float(value)
        except OverflowError:  # e.g. a whole number with hundreds of digits
            too_big = f"{type(value).__name__} too large for a float"
            raise ValueError(f"{name} must be a finite number, got {too_big}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if limit is not None and abs(value) > limit:
        raise ValueError(f"{name} must lie between -{limit:g} and {limit:g}, got {value:g}")
    return value


def positive_number(name, value):
    value = finite_number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def whole_number(name, value, minimum=0, maximum=None):
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {_short(value)}")
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" and at most {maximum:,}"
        raise ValueError(f"{name} must be at least {minimum}{upper}, got {value:,}")
    return value


def finite_decimal(name, value):
    """Return `value` as a Decimal (kept exact if it is one already) that fits a float, or raise."""
    if isinstance(value, Decimal):
        finite_number(name, float(value) if value.is_finite() else math.nan)
        return value
    return Decimal(finite_number(name, value))


def one_of(name, value, choices):
    try:
        known = value in choices
    except (TypeError, ValueError):  # e.g. an array, whose == compares entry by entry
        known = False
    if not known:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}, got {_short(value)}")
    return value


def instance(name, value, kind, expected):
    """Return `value` if it is a `kind`, or raise saying it must be `expected` (in words)."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__} {_short(value)}")
    return value


def checked_rng(value):
    import numpy as np  # here and in finite_array: the lab, which checks no arrays, opens sooner without numpy
    return instance("rng", value, np.random.Generator, "a numpy Generator, e.g. numpy.random.default_rng(seed)")


def sequence(name, values, expected="a list"):
    """`values` as a list with at least one entry, or raise saying it must be `expected`."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be {expected}, got {type(values).__name__} {_short(values)}")
    values = list(values)
    if not values:
        raise ValueError(f"{name} must not be empty")
    return values


def finite_array(name, value, min_dims=0):
    """`value` as a float array with at least `min_dims` axes, no empty axis and only finite entries, or raise."""
    if isinstance(value, (str, bytes, bool)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__} {_short(value)}")
    import numpy as np
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__} {_short(value)}") from None
    if array.ndim < min_dims:
        hint = " (one row per example: for one example write [[...]])" if min_dims == 2 else ""
        raise ValueError(f"{name} needs at least {min_dims} axes, got shape {array.shape}{hint}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only, got {array[~np.isfinite(array)].flat[0]}")
    return array


def expression(value):
    """`value` as a finite sympy expression, or raise (a string is refused: its names are not the lesson's symbols)."""
    import sympy as sp  # here, not at the top: most helpers never need sympy
    if isinstance(value, str):
        raise TypeError(f"expected a sympy expression built from the lesson's symbols (e.g. symbol.w5 * "
                        f"symbol.out_h1), got the string {value!r}")
    try:
        expr = sp.sympify(value, strict=True)
    except sp.SympifyError:
        expr = None
    if not isinstance(expr, sp.Expr):  # not convertible, or e.g. a dict or a tuple of expressions
        raise TypeError(f"expected a sympy expression or a number, got {type(value).__name__} {_short(value)}")
    if expr.has(sp.nan, sp.oo, -sp.oo, sp.zoo):
        raise ValueError(f"expected a finite expression, got {expr}")
    return expr


def _short(value):
    """repr(value), cut to 60 characters: an error message quotes what it got, not a whole array."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def number_in(name, value, low, high):
    value = finite_number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}, got {value:g}")
    return value
