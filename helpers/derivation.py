"""The chain rule done by sympy: local derivatives, their products along the paths, checked against direct ones."""
from types import SimpleNamespace

import sympy as sp
from sympy.printing.latex import greek_letters_set

from .example import EXAMPLE, I1, I2, PAIR_NAMES, PARAMETER_NAMES, TARGET_O1, TARGET_O2, VALUE_NAMES
from .validate import expression, instance, one_of


class sigma(sp.Function):
    """The logistic function. sympy is told its slope: sigma'(x) = sigma(x) * (1 - sigma(x))."""

    def fdiff(self, argindex=1):
        return sigma(self.args[0]) * (1 - sigma(self.args[0]))

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sp.exp(-x))

    def _eval_evalf(self, prec):
        return self.rewrite(sp.exp)._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        body = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return body if exp is None else rf"{body}^{{{exp}}}"


symbol = SimpleNamespace(**{name: sp.Symbol(name, real=True) for name in PAIR_NAMES + PARAMETER_NAMES + VALUE_NAMES})
"""Every quantity of the lesson as a sympy symbol: symbol.w5, symbol.net_h1, symbol.E_total, ..."""


def _graph(s):
    """The computational graph: each computed quantity in terms of the quantities one step before it."""
    return {
        s.net_h1: s.w1 * s.i1 + s.w2 * s.i2 + s.b1,
        s.net_h2: s.w3 * s.i1 + s.w4 * s.i2 + s.b1,
        s.out_h1: sigma(s.net_h1),
        s.out_h2: sigma(s.net_h2),
        s.net_o1: s.w5 * s.out_h1 + s.w6 * s.out_h2 + s.b2,
        s.net_o2: s.w7 * s.out_h1 + s.w8 * s.out_h2 + s.b2,
        s.out_o1: sigma(s.net_o1),
        s.out_o2: sigma(s.net_o2),
        s.E_o1: sp.Rational(1, 2) * (s.target_o1 - s.out_o1) ** 2,
        s.E_o2: sp.Rational(1, 2) * (s.target_o2 - s.out_o2) ** 2,
        s.E_total: sp.Rational(1, 2) * (s.target_o1 - s.out_o1) ** 2
        + sp.Rational(1, 2) * (s.target_o2 - s.out_o2) ** 2,
    }


GRAPH = _graph(symbol)
_OUT_OF = {value: name for name, value in GRAPH.items() if value.func is sigma}  # sigma(net_o1) -> out_o1


def local_derivative(top, bottom):
    """d(top)/d(bottom) for one edge of the graph, written with the lesson's names (out_o1, not sigma(net_o1))."""
    one_of("top", top, tuple(GRAPH))
    one_of("bottom", bottom, tuple(vars(symbol).values()))
    return sp.diff(GRAPH[top], bottom).subs(_OUT_OF)


def in_parameters(expr):
    """Rewrite `expr` until it speaks only of inputs, targets, weights and biases."""
    expr = expression(expr)
    while any(quantity in GRAPH for quantity in expr.free_symbols):
        expr = expr.subs(GRAPH)
    return expr


def paths(name, top=symbol.E_total):
    """Every path from E_total down to a parameter, as a list of (top, bottom) edges."""
    target = getattr(symbol, one_of("parameter name", name, PARAMETER_NAMES))
    one_of("top", top, tuple(GRAPH))
    found = []
    for child in sorted(GRAPH[top].free_symbols & (set(GRAPH) | {target}), key=str):
        if child == target:
            found.append([(top, child)])
        elif child in GRAPH:
            found += [[(top, child)] + rest for rest in paths(name, child)]
    return found


def chain_rule(name):
    """dE_total/d(name) as the chain rule builds it: a sum over paths of products of local derivatives."""
    return sp.Add(*[sp.Mul(*[local_derivative(t, b) for t, b in path]) for path in paths(name)])


def direct_derivative(name):
    """dE_total/d(name) taken in one go from E_total written out in the parameters."""
    return sp.diff(in_parameters(symbol.E_total), getattr(symbol, one_of("parameter name", name, PARAMETER_NAMES)))


def chain_rule_equals_direct(name):
    """True when sympy shows chain_rule(name) - direct_derivative(name) simplifies to 0: expanding settles the usual
    case; one not 0 at the example's numbers (30 digits) cannot be, checked before sympy's longer search for a proof."""
    difference = in_parameters(chain_rule(name)) - direct_derivative(name)
    if sp.expand(difference) == 0:
        return True
    if abs(difference.subs(example_values()).evalf(30)) > 1e-20:
        return False
    return sp.simplify(difference) == 0


def example_values():
    """The example's inputs, targets, weights and biases as exact rationals, keyed by symbol."""
    values = {"i1": I1, "i2": I2, "target_o1": TARGET_O1, "target_o2": TARGET_O2, **EXAMPLE.as_dict()}
    return {getattr(symbol, name): sp.Rational(repr(value)) for name, value in values.items()}


def evaluate(expr):
    """The value of `expr` at the example's numbers, to 30 significant digits."""
    return in_parameters(expr).subs(example_values()).evalf(30)


def latex(expr):
    """LaTeX for `expr` with the lesson's names set upright: net_h1 as net with subscript h1, w5 as w with 5."""
    instance("expr", expr, (sp.Basic, sp.MatrixBase), "a sympy expression such as symbol.w5 * symbol.out_h1")
    upright = {}
    for quantity in expr.free_symbols:
        base = quantity.name.split("_")[0].rstrip("0123456789")
        sub = quantity.name[len(base):].lstrip("_")
        base = "\\" + base if base in greek_letters_set else base if len(base) == 1 else rf"\mathrm{{{base}}}"
        upright[quantity] = base + rf"_{{\mathrm{{{sub}}}}}" * bool(sub)
    return sp.latex(expr, symbol_names=upright)


class Equation:
    """`lhs = rhs` shown as maths; lhs is LaTeX text or a sympy expression, rhs a sympy expression."""

    def __init__(self, lhs, rhs):
        self.lhs = lhs if isinstance(lhs, str) else latex(lhs)
        self.rhs = rhs if isinstance(rhs, (sp.Basic, sp.MatrixBase)) else expression(rhs)

    def _repr_latex_(self):
        """One line, or for a long sum, a few terms per line."""
        terms = [latex(term) for term in sp.Add.make_args(self.rhs)]
        if len(terms) == 1 or sum(map(len, terms)) < 150:
            return f"$\\displaystyle {self.lhs} = {latex(self.rhs)}$"
        lines, line = [], ""
        for term in terms:
            term = term if term.startswith("-") else "+ " + term
            if len(line) + len(term) > 110 and line:
                lines.append(line)
                line = ""
            line += " " + term
        lines = " \\\\ & ".join(lines + [line]).lstrip(" +")
        return f"$\\displaystyle \\begin{{aligned}} {self.lhs} = & {lines} \\end{{aligned}}$"

    def __repr__(self):
        return f"{self.lhs} = {self.rhs}"


def partial(top, bottom):
    """LaTeX for the partial derivative d(top)/d(bottom)."""
    return rf"\frac{{\partial {latex(top)}}}{{\partial {latex(bottom)}}}"


def factor(top, bottom):
    """The chain-rule factor d(top)/d(bottom) as an equation: partial derivative = local derivative."""
    return Equation(partial(top, bottom), local_derivative(top, bottom))
