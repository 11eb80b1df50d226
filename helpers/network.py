"""The worked example's network in plain Python, keeping every intermediate the lessons name."""
import math
from dataclasses import dataclass, make_dataclass
from functools import cached_property

from .example import (EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, PARAMS, TARGET_O1, TARGET_O2, VALUE_NAMES,
                      WEIGHT_NAMES, Params)
from .validate import finite_number, instance, one_of, positive_number, whole_number

VARIANTS = ("described", "published")
"""variant="described": the method as the example's text describes it (the hidden layer's gradients use w5..w8 as they
were before the step); "published": behind the published training figures (the w5..w8 the same step has produced)."""
MAX_STEPS = 100_000


def logistic(x):
    """The logistic function 1 / (1 + e^(-x)), written so that no x overflows exp()."""
    if type(x) is not float:  # floats, the usual case, skip the full check
        x = finite_number("logistic's input x", x)
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _record(name, fields, doc, namespace=None):
    """A dataclass with one float per name (with slots: training makes thousands of them)."""
    record = make_dataclass(name, [(field, float) for field in fields], namespace=namespace, slots=True)
    record.__doc__, record.__module__ = doc, __name__
    return record


ForwardPass = _record("ForwardPass", VALUE_NAMES, "Every value the forward pass computes, net inputs to total error.")


def forward(params=EXAMPLE):
    """Feed the example's inputs through the network and measure the squared error of each output."""
    p = instance("params", params, Params, PARAMS)
    net_h1 = p.w1 * I1 + p.w2 * I2 + p.b1
    net_h2 = p.w3 * I1 + p.w4 * I2 + p.b1
    out_h1, out_h2 = logistic(net_h1), logistic(net_h2)
    net_o1 = p.w5 * out_h1 + p.w6 * out_h2 + p.b2
    net_o2 = p.w7 * out_h1 + p.w8 * out_h2 + p.b2
    out_o1, out_o2 = logistic(net_o1), logistic(net_o2)
    E_o1 = 0.5 * (TARGET_O1 - out_o1) ** 2
    E_o2 = 0.5 * (TARGET_O2 - out_o2) ** 2
    return ForwardPass(net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2, E_o1, E_o2, E_o1 + E_o2)


def _of(self, name):
    """dE_total/d(name) for a parameter name such as 'w5' or 'b1'."""
    return getattr(self, "dE_d" + one_of("parameter name", name, PARAMETER_NAMES))


Gradients = _record("Gradients", (
    "dE_dout_o1", "dE_dout_o2", "dout_dnet_o1", "dout_dnet_o2", "delta_o1", "delta_o2",
    "dE_o1_dout_h1", "dE_o2_dout_h1", "dE_o1_dout_h2", "dE_o2_dout_h2", "dE_dout_h1", "dE_dout_h2",
    "dout_dnet_h1", "dout_dnet_h2", "delta_h1", "delta_h2", *("dE_d" + name for name in PARAMETER_NAMES)), """\
Every chain-rule factor of the backward pass, the deltas, and dE_total/d(parameter).

Names read as derivatives: `dE_dout_o1` is dE_total/dout_o1, `dout_dnet_o1` is dout_o1/dnet_o1,
`dE_o2_dout_h1` is dE_o2/dout_h1 (one path only), `delta_o1` = dE_total/dnet_o1, and `dE_dw5` is
dE_total/dw5 (also `grads.of("w5")`).
""", {"of": _of})


def backward(params, fp):
    """Apply the chain rule from E_total back to every weight and bias (the deltas go back through w5..w8)."""
    p = instance("params", params, Params, PARAMS)
    instance("fp", fp, ForwardPass, "the ForwardPass that forward(params) returns")
    dE_dout_o1, dE_dout_o2 = fp.out_o1 - TARGET_O1, fp.out_o2 - TARGET_O2
    dout_dnet_o1, dout_dnet_o2 = fp.out_o1 * (1 - fp.out_o1), fp.out_o2 * (1 - fp.out_o2)
    delta_o1, delta_o2 = dE_dout_o1 * dout_dnet_o1, dE_dout_o2 * dout_dnet_o2
    dE_o1_dout_h1, dE_o2_dout_h1 = delta_o1 * p.w5, delta_o2 * p.w7
    dE_o1_dout_h2, dE_o2_dout_h2 = delta_o1 * p.w6, delta_o2 * p.w8
    dE_dout_h1, dE_dout_h2 = dE_o1_dout_h1 + dE_o2_dout_h1, dE_o1_dout_h2 + dE_o2_dout_h2
    dout_dnet_h1, dout_dnet_h2 = fp.out_h1 * (1 - fp.out_h1), fp.out_h2 * (1 - fp.out_h2)
    delta_h1, delta_h2 = dE_dout_h1 * dout_dnet_h1, dE_dout_h2 * dout_dnet_h2
    return Gradients(
        dE_dout_o1, dE_dout_o2, dout_dnet_o1, dout_dnet_o2, delta_o1, delta_o2,
        dE_o1_dout_h1, dE_o2_dout_h1, dE_o1_dout_h2, dE_o2_dout_h2, dE_dout_h1, dE_dout_h2,
        dout_dnet_h1, dout_dnet_h2, delta_h1, delta_h2,
        dE_dw1=delta_h1 * I1, dE_dw2=delta_h1 * I2, dE_dw3=delta_h2 * I1, dE_dw4=delta_h2 * I2,
        dE_dw5=delta_o1 * fp.out_h1, dE_dw6=delta_o1 * fp.out_h2,
        dE_dw7=delta_o2 * fp.out_h1, dE_dw8=delta_o2 * fp.out_h2,
        dE_db1=delta_h1 + delta_h2, dE_db2=delta_o1 + delta_o2,
    )


def update(params, grads, learning_rate=LEARNING_RATE, update_biases=False):
    """One gradient-descent step: each weight (with update_biases=True each bias too) moves by -learning_rate × grad."""
    instance("params", params, Params, PARAMS)
    instance("grads", grads, Gradients, "the Gradients that backward(...) returns")
    learning_rate = positive_number("learning_rate", learning_rate)
    instance("update_biases", update_biases, bool, "True or False")
    names = PARAMETER_NAMES if update_biases else WEIGHT_NAMES
    return params.replace(**{n: getattr(params, n) - learning_rate * grads.of(n) for n in names})


def train_step(params=EXAMPLE, learning_rate=LEARNING_RATE, variant="described", update_biases=False):
    """Forward pass, backward pass and update, for the example's one training pair (see VARIANTS)."""
    return train(params, 1, learning_rate, variant, update_biases).params


def _step(params, fp, learning_rate, variant, update_biases):
    grads = backward(params, fp)
    if variant == "published":  # the output deltas go back through the w5..w8 this step produces
        grads = backward(update(params, grads, learning_rate), fp)
    return update(params, grads, learning_rate, update_biases)


@dataclass(frozen=True)
class TrainingRun:
    """Where training ended, and E_total after 0, 1, ..., steps updates."""

    params: Params
    errors: tuple

    @cached_property
    def final(self):
        """The forward pass of the trained network (computed once)."""
        return forward(self.params)


def train(params=EXAMPLE, steps=10_000, learning_rate=LEARNING_RATE, variant="described", update_biases=False):
    """Repeat `train_step` `steps` times, recording E_total before the first and after each update."""
    instance("params", params, Params, PARAMS)
    steps, rate = whole_number("steps", steps, maximum=MAX_STEPS), positive_number("learning_rate", learning_rate)
    one_of("variant", variant, VARIANTS)
    instance("update_biases", update_biases, bool, "True or False")
    errors = []
    for step in range(1, steps + 1):
        fp = forward(params)
        errors.append(fp.E_total)
        try:
            params = _step(params, fp, rate, variant, update_biases)
        except ValueError as error:  # a parameter left the range Params allow
            raise ValueError(f"learning_rate {rate:g} made training diverge at step {step:,} ({error})") from None
    errors.append(forward(params).E_total)
    return TrainingRun(params, tuple(errors))
