"""helpers.network.train, several times faster: a training loop sympy writes from the chain rule, per variant."""
import math
from functools import cache
from textwrap import indent

import sympy as sp
from sympy.printing.lambdarepr import LambdaPrinter

from . import network
from .derivation import GRAPH, chain_rule, symbol
from .example import EXAMPLE, I1, I2, LAYERS, LEARNING_RATE, PARAMS, TARGET_O1, TARGET_O2, WEIGHT_NAMES, Params
from .network import MAX_STEPS, VARIANTS, TrainingRun, forward
from .validate import instance, one_of, positive_number, whole_number

FORWARD = [getattr(symbol, f"{kind}_{n}") for layer in LAYERS[1:] for kind in ("net", "out") for n in layer]
OUTPUT_WEIGHTS = ("w5", "w6", "w7", "w8")
learning_rate = sp.Symbol("learning_rate", positive=True)

_LOOP = """\
def train_loop({weights}, b1, b2, learning_rate, steps):
{before}
    for k in range(steps):
{body}
    return errors, ({weights})
"""


def update_expressions(variant="described"):
    """Each weight after one step, w - learning_rate * dE_total/dw, by the chain rule (see network.VARIANTS)."""
    one_of("variant", variant, VARIANTS)
    new = {name: _new_weight(name) for name in OUTPUT_WEIGHTS}
    # In chain_rule(w1..w4), w5..w8 appear only as the factors dnet_o/dout_h: replacing them
    # changes exactly the weights the output deltas travel back through.
    through = {getattr(symbol, name): new[name] for name in OUTPUT_WEIGHTS} if variant == "published" else {}
    new.update({name: _new_weight(name, through) for name in ("w1", "w2", "w3", "w4")})
    return {name: new[name] for name in WEIGHT_NAMES}


def _new_weight(name, through=None):
    gradient = sp.factor_terms(chain_rule(name).xreplace(through or {}))  # delta_h1 * i1 stays a product
    return getattr(symbol, name) - learning_rate * gradient


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
def loop_source(variant="described"):
    """The Python source of the training loop sympy writes for the example's training pair."""
    s = symbol
    pair = {s.i1: I1, s.i2: I2, s.target_o1: TARGET_O1, s.target_o2: TARGET_O2}
    outputs = [sp.factor_terms(GRAPH[s.E_total]), *update_expressions(variant).values()]
    shared, (E_total, *new_weights) = sp.cse([expr.xreplace(pair) for expr in outputs])
    code = _LoopPrinter({"allow_unknown_functions": True, "order": "none"}).doprint
    fixed, before, body = {learning_rate, s.b1, s.b2}, ["errors = [0.0] * steps"], []
    for name, expr in shared:  # what depends on nothing that changes goes before the loop
        if expr.free_symbols <= fixed:
            fixed.add(name)
            before.append(f"{name} = {code(expr)}")
        else:
            body.append(f"{name} = {code(expr)}")
    weights = ", ".join(WEIGHT_NAMES)
    body = [f"{value} = {code(GRAPH[value].xreplace(pair))}" for value in FORWARD] + body + [
        f"errors[k] = {code(E_total)}", f"{weights} = {', '.join(map(code, new_weights))}"]
    return _LOOP.format(weights=weights, before=indent("\n".join(before), " " * 4),
                        body=indent("\n".join(body), " " * 8))


@cache
def train_loop(variant="described"):
    """loop_source(variant), compiled."""
    namespace = {"exp": math.exp}
    exec(compile(loop_source(variant), f"<helpers.fast loop, variant={variant!r}>", "exec"), namespace)
    return namespace["train_loop"]


def train(params=EXAMPLE, steps=10_000, learning_rate=LEARNING_RATE, variant="described"):
    """The same TrainingRun as helpers.network.train (weights updated, biases fixed), only faster."""
    instance("params", params, Params, PARAMS)
    steps = whole_number("steps", steps, maximum=MAX_STEPS)
    rate = positive_number("learning_rate", learning_rate)
    loop = train_loop(one_of("variant", variant, VARIANTS))
    errors, weights = loop(*(getattr(params, name) for name in WEIGHT_NAMES), params.b1, params.b2, rate, steps)
    try:
        trained = params.replace(**dict(zip(WEIGHT_NAMES, weights)))
    except ValueError:  # a weight left the range: the step-by-step training finds the step and says so
        network.train(params, steps, rate, variant)
        raise
    errors.append(forward(trained).E_total)
    return TrainingRun(trained, tuple(errors))
