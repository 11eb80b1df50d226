"""A fast training loop, written by sympy from the chain-rule derivation in helpers.derivation.

`helpers.network.train` keeps every intermediate a lesson names, which makes it slow to repeat
10,000 times. Here sympy writes the whole training loop as Python source: the forward pass from
the graph `LOCAL`, then each new weight w - learning_rate * chain_rule(w), with every repeated
subexpression (delta_o1, out_h1(1 - out_h1), ...) computed once. It gives the same numbers as
`helpers.network.train`, several times faster.
"""
import math
from functools import cache
from textwrap import indent

import sympy as sp
from sympy.printing.lambdarepr import LambdaPrinter

from .derivation import LOCAL, S, chain_rule
from .example import EXAMPLE, I1, I2, LEARNING_RATE, TARGET_O1, TARGET_O2, WEIGHT_NAMES
from .network import HIDDEN_USES, TrainingRun, forward
from .validate import one_of, positive_number, whole_number

FORWARD = (S.net_h1, S.net_h2, S.out_h1, S.out_h2, S.net_o1, S.net_o2, S.out_o1, S.out_o2)
OUTPUT_WEIGHTS = ("w5", "w6", "w7", "w8")
learning_rate = sp.Symbol("learning_rate", positive=True)

_LOOP = """\
def train_loop({weights}, b1, b2, learning_rate, steps):
{before}
    for k in range(steps):
{body}
    return errors, ({weights})
"""


def update_expressions(hidden_uses="original"):
    """Each weight after one step, w - learning_rate * dE_total/dw, by the chain rule in the lesson's names.

    With hidden_uses="updated", the hidden gradients carry the output deltas back through
    the w5..w8 this same step produces (the variant behind the published training figures).
    """
    one_of("hidden_uses", hidden_uses, HIDDEN_USES)
    new = {name: _new_weight(name) for name in OUTPUT_WEIGHTS}
    # In chain_rule(w1..w4), w5..w8 appear only as the factors dnet_o/dout_h: replacing them
    # changes exactly the weights the output deltas travel back through.
    carry_back = {getattr(S, name): new[name] for name in OUTPUT_WEIGHTS} if hidden_uses == "updated" else {}
    new.update({name: _new_weight(name, carry_back) for name in ("w1", "w2", "w3", "w4")})
    return {name: new[name] for name in WEIGHT_NAMES}


def _new_weight(name, carry_back=None):
    gradient = sp.factor_terms(chain_rule(name).xreplace(carry_back or {}))  # delta_h1 * i1 stays a product
    return getattr(S, name) - learning_rate * gradient


class _LoopPrinter(LambdaPrinter):
    """Python source for plain floats: numbers as float literals (float-only arithmetic is CPython's
    fast path), x**2 as x*x, and sigma inline as the overflow-safe logistic of helpers.network."""

    def _print_Rational(self, expr):
        return repr(float(expr))

    _print_Integer = _print_Rational

    def _print_Pow(self, expr, **settings):
        if expr.exp == 2:
            base = self.parenthesize(expr.base, sp.printing.precedence.PRECEDENCE["Mul"])
            return f"{base}*{base}"
        return super()._print_Pow(expr, **settings)

    def _print_sigma(self, expr):
        x = self._print(expr.args[0])  # a name (net_h1, ...): evaluated once, as in helpers.network.logistic
        return f"(1.0/(1.0 + exp(-{x})) if {x} >= 0.0 else exp({x})/(1.0 + exp({x})))"


@cache
def loop_source(hidden_uses="original"):
    """The Python source of the training loop sympy writes for the example's training pair."""
    pair = {S.i1: I1, S.i2: I2, S.target_o1: TARGET_O1, S.target_o2: TARGET_O2}
    outputs = [sp.factor_terms(LOCAL[S.E_total]), *update_expressions(hidden_uses).values()]
    shared, (E_total, *new_weights) = sp.cse([expr.xreplace(pair) for expr in outputs])
    code = _LoopPrinter({"allow_unknown_functions": True, "order": "none"}).doprint
    fixed, before, body = {learning_rate, S.b1, S.b2}, ["errors = [0.0] * steps"], []
    for name, expr in shared:  # what depends on nothing that changes goes before the loop
        if expr.free_symbols <= fixed:
            fixed.add(name)
            before.append(f"{name} = {code(expr)}")
        else:
            body.append(f"{name} = {code(expr)}")
    weights = ", ".join(WEIGHT_NAMES)
    body = [f"{s} = {code(LOCAL[s].xreplace(pair))}" for s in FORWARD] + body + [
        f"errors[k] = {code(E_total)}", f"{weights} = {', '.join(map(code, new_weights))}"]
    return _LOOP.format(weights=weights, before=indent("\n".join(before), " " * 4),
                        body=indent("\n".join(body), " " * 8))


@cache
def train_loop(hidden_uses="original"):
    """loop_source(hidden_uses), compiled."""
    namespace = {"exp": math.exp}
    exec(compile(loop_source(hidden_uses), f"<helpers.fast loop, hidden_uses={hidden_uses!r}>", "exec"), namespace)
    return namespace["train_loop"]


def train(params=EXAMPLE, steps=10_000, learning_rate=LEARNING_RATE, hidden_uses="original"):
    """The same TrainingRun as helpers.network.train (weights updated, biases fixed), only faster."""
    steps = whole_number("steps", steps)
    rate = positive_number("learning_rate", learning_rate)
    loop = train_loop(one_of("hidden_uses", hidden_uses, HIDDEN_USES))
    forward(params)  # checks params before the loop starts
    errors, weights = loop(*(getattr(params, name) for name in WEIGHT_NAMES), params.b1, params.b2, rate, steps)
    trained = params.replace(**dict(zip(WEIGHT_NAMES, weights)))
    errors.append(forward(trained).E_total)
    return TrainingRun(trained, tuple(errors))
