"""The worked example's network in plain Python: forward pass, backward pass, update and training.

Every intermediate the lessons name is kept: the forward pass returns net_h1, out_h1, ...,
and the backward pass returns each chain-rule factor, the deltas and every gradient.
"""
import math
from dataclasses import dataclass

from .example import (EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, TARGET_O1, TARGET_O2, WEIGHT_NAMES, Params,
                      checked_params)
from .validate import finite_number, one_of, positive_number, whole_number

HIDDEN_USES = ("original", "updated")


def logistic(x):
    """The logistic function 1 / (1 + e^(-x)), written so that no x overflows exp()."""
    if type(x) is not float or not math.isfinite(x):  # floats, the usual case, skip the full check
        x = finite_number("logistic's input x", x)
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass(slots=True)
class ForwardPass:
    """Every value the forward pass computes, from the net inputs to the total error."""

    net_h1: float
    out_h1: float
    net_h2: float
    out_h2: float
    net_o1: float
    out_o1: float
    net_o2: float
    out_o2: float
    E_o1: float
    E_o2: float
    E_total: float


def forward(params=EXAMPLE, i1=I1, i2=I2, target_o1=TARGET_O1, target_o2=TARGET_O2):
    """Feed the inputs through the network and measure the squared error of each output."""
    checked_params(params)
    i1, i2 = finite_number("i1", i1), finite_number("i2", i2)
    target_o1, target_o2 = finite_number("target_o1", target_o1), finite_number("target_o2", target_o2)
    p = params
    net_h1 = p.w1 * i1 + p.w2 * i2 + p.b1
    net_h2 = p.w3 * i1 + p.w4 * i2 + p.b1
    out_h1, out_h2 = logistic(net_h1), logistic(net_h2)
    net_o1 = p.w5 * out_h1 + p.w6 * out_h2 + p.b2
    net_o2 = p.w7 * out_h1 + p.w8 * out_h2 + p.b2
    out_o1, out_o2 = logistic(net_o1), logistic(net_o2)
    E_o1 = 0.5 * (target_o1 - out_o1) ** 2
    E_o2 = 0.5 * (target_o2 - out_o2) ** 2
    return ForwardPass(net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2,
                       E_o1, E_o2, E_o1 + E_o2)


@dataclass(slots=True)
class Gradients:
    """Every chain-rule factor of the backward pass, the deltas, and dE_total/d(parameter).

    Names read as derivatives: `dE_dout_o1` is dE_total/dout_o1, `dout_dnet_o1` is
    dout_o1/dnet_o1, `dE_o2_dout_h1` is dE_o2/dout_h1 (one path only), and
    `delta_o1` = dE_total/dnet_o1.
    """

    dE_dout_o1: float
    dE_dout_o2: float
    dout_dnet_o1: float
    dout_dnet_o2: float
    delta_o1: float
    delta_o2: float
    dE_o1_dout_h1: float
    dE_o2_dout_h1: float
    dE_o1_dout_h2: float
    dE_o2_dout_h2: float
    dE_dout_h1: float
    dE_dout_h2: float
    dout_dnet_h1: float
    dout_dnet_h2: float
    delta_h1: float
    delta_h2: float
    dE_dw1: float
    dE_dw2: float
    dE_dw3: float
    dE_dw4: float
    dE_dw5: float
    dE_dw6: float
    dE_dw7: float
    dE_dw8: float
    dE_db1: float
    dE_db2: float

    def of(self, name):
        """dE_total/d(name) for a parameter name such as 'w5' or 'b1'."""
        one_of("parameter name", name, PARAMETER_NAMES)
        return getattr(self, "dE_d" + name)

    def as_params(self):
        """The ten parameter gradients, laid out like the parameters themselves."""
        return Params(**{name: self.of(name) for name in PARAMETER_NAMES})


def backward(params, fp, i1=I1, i2=I2, target_o1=TARGET_O1, target_o2=TARGET_O2, carry_back_with=None):
    """Apply the chain rule from E_total back to every weight and bias.

    The output deltas reach the hidden layer through w5..w8. `carry_back_with` names the
    Params whose w5..w8 do that; by default the same `params` (as the method says).
    """
    checked_params(params)
    if not isinstance(fp, ForwardPass):
        raise TypeError(f"fp must be the ForwardPass that forward(params) returns, got {type(fp).__name__}")
    i1, i2 = finite_number("i1", i1), finite_number("i2", i2)
    target_o1, target_o2 = finite_number("target_o1", target_o1), finite_number("target_o2", target_o2)
    via = params if carry_back_with is None else checked_params(carry_back_with, "carry_back_with")
    dE_dout_o1, dE_dout_o2 = fp.out_o1 - target_o1, fp.out_o2 - target_o2
    dout_dnet_o1, dout_dnet_o2 = fp.out_o1 * (1 - fp.out_o1), fp.out_o2 * (1 - fp.out_o2)
    delta_o1, delta_o2 = dE_dout_o1 * dout_dnet_o1, dE_dout_o2 * dout_dnet_o2
    dE_o1_dout_h1, dE_o2_dout_h1 = delta_o1 * via.w5, delta_o2 * via.w7
    dE_o1_dout_h2, dE_o2_dout_h2 = delta_o1 * via.w6, delta_o2 * via.w8
    dE_dout_h1, dE_dout_h2 = dE_o1_dout_h1 + dE_o2_dout_h1, dE_o1_dout_h2 + dE_o2_dout_h2
    dout_dnet_h1, dout_dnet_h2 = fp.out_h1 * (1 - fp.out_h1), fp.out_h2 * (1 - fp.out_h2)
    delta_h1, delta_h2 = dE_dout_h1 * dout_dnet_h1, dE_dout_h2 * dout_dnet_h2
    return Gradients(
        dE_dout_o1, dE_dout_o2, dout_dnet_o1, dout_dnet_o2, delta_o1, delta_o2,
        dE_o1_dout_h1, dE_o2_dout_h1, dE_o1_dout_h2, dE_o2_dout_h2, dE_dout_h1, dE_dout_h2,
        dout_dnet_h1, dout_dnet_h2, delta_h1, delta_h2,
        dE_dw1=delta_h1 * i1, dE_dw2=delta_h1 * i2, dE_dw3=delta_h2 * i1, dE_dw4=delta_h2 * i2,
        dE_dw5=delta_o1 * fp.out_h1, dE_dw6=delta_o1 * fp.out_h2,
        dE_dw7=delta_o2 * fp.out_h1, dE_dw8=delta_o2 * fp.out_h2,
        dE_db1=delta_h1 + delta_h2, dE_db2=delta_o1 + delta_o2,
    )


def update(params, grads, learning_rate=LEARNING_RATE, update_biases=False):
    """One gradient-descent step: every weight moves by -learning_rate * its gradient.

    The worked example keeps the biases fixed; `update_biases=True` moves them too.
    """
    checked_params(params)
    if not isinstance(grads, Gradients):
        raise TypeError(f"grads must be the Gradients that backward(...) returns, got {type(grads).__name__}")
    learning_rate = positive_number("learning_rate", learning_rate)
    _check_flag("update_biases", update_biases)
    names = PARAMETER_NAMES if update_biases else WEIGHT_NAMES
    return params.replace(**{n: getattr(params, n) - learning_rate * grads.of(n) for n in names})


def train_step(params=EXAMPLE, learning_rate=LEARNING_RATE, hidden_uses="original", update_biases=False):
    """Forward pass, backward pass and update, for the example's one training pair.

    hidden_uses="original": the hidden layer's gradients use w5..w8 as they were before this
    step (the method as the example's text describes it). "updated": they use the w5..w8 this
    step has just produced (what the example's published training figures follow).
    """
    _check_step(learning_rate, hidden_uses, update_biases)
    return _step_from(params, forward(params), learning_rate, hidden_uses, update_biases)


def _step_from(params, fp, learning_rate, hidden_uses, update_biases):
    grads = backward(params, fp)
    if hidden_uses == "updated":
        grads = backward(params, fp, carry_back_with=update(params, grads, learning_rate))
    return update(params, grads, learning_rate, update_biases)


@dataclass(frozen=True)
class TrainingRun:
    """Where training ended, and E_total after 0, 1, ..., steps updates."""

    params: Params
    errors: tuple

    @property
    def final(self):
        """The forward pass of the trained network."""
        return forward(self.params)


def train(params=EXAMPLE, steps=10_000, learning_rate=LEARNING_RATE, hidden_uses="original",
          update_biases=False):
    """Repeat `train_step` `steps` times, recording E_total before the first and after each update."""
    checked_params(params)
    steps = whole_number("steps", steps)
    _check_step(learning_rate, hidden_uses, update_biases)
    errors = []
    for _ in range(steps):
        fp = forward(params)
        errors.append(fp.E_total)
        params = _step_from(params, fp, learning_rate, hidden_uses, update_biases)
    errors.append(forward(params).E_total)
    return TrainingRun(params, tuple(errors))


def _check_flag(name, value):
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")


def _check_step(learning_rate, hidden_uses, update_biases):
    """Check a training step's settings once, before any work is done."""
    positive_number("learning_rate", learning_rate)
    one_of("hidden_uses", hidden_uses, HIDDEN_USES)
    _check_flag("update_biases", update_biases)
