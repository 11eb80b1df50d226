"""Gradient checking: a derivative estimated from two function values, and how far apart two numbers are."""

from .validate import finite_number, positive_number


def central_difference(f, x, h=1e-4):
    """(f(x + h) - f(x - h)) / 2h: the slope at `x` of `f`, a function of one number; its error shrinks like h²."""
    if not callable(f):
        raise TypeError(f"f must be a function of one number, got {type(f).__name__} {f!r}")
    x, h = finite_number("x", x), positive_number("h", h)
    return (finite_number("f(x + h)", f(x + h)) - finite_number("f(x - h)", f(x - h))) / (2 * h)


def relative_error(a, b):
    """|a - b| / max(|a|, |b|): 0 when a equals b, 1 or more when they differ in sign."""
    a, b = finite_number("a", a), finite_number("b", b)
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale
