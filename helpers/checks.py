"""Self-checks for the exercises: compare a learner's answer with the right value, and hint when wrong."""
import math
from dataclasses import dataclass
from functools import cache

from .example import EXAMPLE, I1, LEARNING_RATE
from .network import backward, forward, train, train_step
from .validate import finite_number, one_of


@dataclass(frozen=True)
class Exercise:
    """An exercise's right value, a hint, and the values that common mistakes give (with their hints)."""

    value: float
    hint: str
    mistakes: tuple = ()


@cache
def exercises():
    """Every exercise of the series by name, computed on first use."""
    fp = forward()
    g = backward(EXAMPLE, fp)
    step = train_step()
    slope_o1 = fp.out_o1 * (1 - fp.out_o1)
    saturated = forward(EXAMPLE.replace(w5=20.0))
    return _beyond_the_example() | {
        "parameter_count": Exercise(10, "Count the weights on the arrows, then the biases: one per layer, shared."),
        "net_h2": Exercise(fp.net_h2, "net_h2 = w3·i1 + w4·i2 + b1.",
                           ((fp.net_h2 - EXAMPLE.b1, "You left out the bias b1."),)),
        "out_o2": Exercise(fp.out_o2, "out_o2 = 1 / (1 + e^(-net_o2)), and net_o2 = w7·out_h1 + w8·out_h2 + b2.",
                           ((fp.net_o2, "That is net_o2: squash it with the logistic function."),)),
        "E_o2": Exercise(fp.E_o2, "E_o2 = ½ (target_o2 − out_o2)².",
                         ((2 * fp.E_o2, "You left out the ½."),
                          (abs(0.99 - fp.out_o2), "Square the difference (and halve it)."))),
        "dE_total/dw6": Exercise(g.dE_dw6, "Three factors: (out_o1 − target_o1) · out_o1(1 − out_o1) · out_h2.",
                                 ((g.dE_dout_o1 * fp.out_h2, "You dropped dout_o1/dnet_o1 = out_o1(1 − out_o1)."),
                                  (-g.dE_dw6, "Check the sign of dE_total/dout_o1 = out_o1 − target_o1."),
                                  (g.dE_dw5, "That is dE_total/dw5: w6 carries out_h2, not out_h1."))),
        "dE_total/dw7": Exercise(g.dE_dw7, "w7 joins h1 to o2: delta_o2 · out_h1.",
                                 ((g.dE_dw8, "That is dE_total/dw8: w7 carries out_h1."),)),
        "dE_total/dw3": Exercise(g.dE_dw3, "Sum both paths into out_h2 (through w6 and w8), "
                                           "times out_h2(1 − out_h2), times i1.",
                                 ((g.delta_o1 * EXAMPLE.w6 * g.dout_dnet_h2 * I1,
                                   "You followed only the path through o1: o2 depends on out_h2 too."),
                                  (g.dE_dout_h2 * I1, "You dropped dout_h2/dnet_h2 = out_h2(1 − out_h2)."))),
        "dE_total/db2": Exercise(g.dE_db2, "b2 feeds both outputs: delta_o1 + delta_o2.",
                                 ((g.delta_o1, "b2 is shared: add the path through o2."),)),
        "w6_new": Exercise(step.w6, "w6 − learning_rate · dE_total/dw6, with learning_rate = 0.5.",
                           ((EXAMPLE.w6 + LEARNING_RATE * g.dE_dw6, "Step against the gradient: subtract."),
                            (EXAMPLE.w6 - g.dE_dw6, "Multiply the gradient by the learning rate."))),
        "E_total_after_2_updates": Exercise(train(steps=2).errors[2], "Take two steps with train_step, "
                                            "then run a forward pass."),
        "slope_at_out_o1": Exercise(slope_o1, "The logistic's slope, written with its output: out_o1(1 − out_o1)."),
        "E_total_after_1000_updates_at_learning_rate_2": Exercise(
            train(steps=1000, learning_rate=2).errors[1000],
            "In the lab: learning rate 2, steps 1,000, hidden layer as the text describes; read "
            "E_total_after_1000_updates.",
            ((train(steps=1000, learning_rate=2, variant="published").errors[1000],
              "That is the published figures' variant: switch to 'as the text describes'."),
             (train(steps=1000).errors[1000], "That is with learning rate 0.5: set it to 2."))),
        "slope_at_out_o1_when_w5_is_20": Exercise(
            saturated.out_o1 * (1 - saturated.out_o1),
            "Set w5 to 20, read out_o1, and compute out_o1(1 − out_o1).",
            ((slope_o1, "That is the slope with w5 = 0.4: move w5 to 20 first."),
             (saturated.out_o1, "That is out_o1 itself: the slope is out_o1(1 − out_o1)."))),
    }



@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer; it prints as a sentence."""

    exercise: str
    answer: object
    correct: bool
    message: str

    def __repr__(self):
        return self.message


def _close(a, b):
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def check(exercise, answer):
    """Check `answer` for the named exercise. Right to 6 significant digits counts as right."""
    ex = exercises()[one_of("exercise", exercise, tuple(exercises()))]
    if answer is None:
        return CheckResult(exercise, answer, False, f"… {exercise}: not answered yet. Hint: {ex.hint}")
    answer = finite_number(f"your answer to {exercise}", answer)
    if _close(answer, ex.value):
        return CheckResult(exercise, answer, True, f"✓ {exercise} = {answer:.9g} is right.")
    for wrong, hint in ex.mistakes:
        if _close(answer, wrong):
            return CheckResult(exercise, answer, False, f"✗ {answer:.9g} is not {exercise}. {hint}")
    return CheckResult(exercise, answer, False, f"✗ {answer:.9g} is not {exercise}. Hint: {ex.hint}")


# ── Lessons 08–12, beyond the worked example ────────────────────────────────────────────────────
# Their helpers are imported inside the function, so that `import helpers` stays fast.

def _beyond_the_example():
    """The exercises of lessons 08–12 by name."""
    from .example import TARGET_O1
    from .network import update
    from .xor import XOR_TARGET, XOR_X, xor_network

    fp = forward()
    g = backward(EXAMPLE, fp)
    h = 1e-4
    error_at_w5 = {s: forward(EXAMPLE.replace(w5=EXAMPLE.w5 + s * h)).E_total for s in (-1, 0, 1)}
    central = (error_at_w5[1] - error_at_w5[-1]) / (2 * h)
    mixed = backward(update(EXAMPLE, g, LEARNING_RATE), fp).dE_dw1
    net = xor_network()
    row, target = XOR_X[2:3], XOR_TARGET[2:3]
    out_o = net.forward(row).output[0, 0]
    delta_o = (out_o - target[0, 0]) * out_o * (1 - out_o)
    b_o = net.biases[1][0]
    return {
        "mlp_parameter_count": Exercise(784 * 30 + 30 + 30 * 10 + 10,
                                        "Each layer has (its inputs × its neurons) weights and one bias per neuron.",
                                        ((784 * 30 + 30 * 10, "You left out the biases: one per neuron."),)),
        "delta_o1_cross_entropy": Exercise(fp.out_o1 - TARGET_O1, "With cross-entropy and a sigmoid output, "
                                           "delta_o1 = out_o1 − target_o1.",
                                           ((g.delta_o1, "That is the squared-error delta: with cross-entropy the "
                                                         "sigmoid's slope cancels."),)),
        "dE_total/db1": Exercise(g.dE_db1, "b1 feeds both hidden neurons: delta_h1 + delta_h2.",
                                 ((g.delta_h1, "b1 is shared: add the path through h2 (delta_h2)."),
                                  (g.dE_db2, "That is dE_total/db2, the output layer's bias."))),
        "E_total_after_1_update_with_biases": Exercise(
            forward(train_step(update_biases=True)).E_total,
            "train_step(update_biases=True), then a forward pass.",
            ((forward(train_step()).E_total, "That is the error when only the weights move: let the biases move too."),)),
        "central_difference_w5": Exercise(central, "(E_total at w5 + h − E_total at w5 − h) / (2h), with h = 0.0001.",
                                          ((2 * central, "Divide by 2h: the two points are 2h apart."),
                                           ((error_at_w5[1] - error_at_w5[0]) / h,
                                            "That is the one-sided difference: use w5 + h and w5 − h."))),
        "relative_error_w1_updated": Exercise(abs(mixed - g.dE_dw1) / max(abs(mixed), abs(g.dE_dw1)),
                                              "|a − b| / max(|a|, |b|), with a and b the two values of dE_total/dw1.",
                                              ((abs(mixed - g.dE_dw1), "That is the absolute difference: divide it "
                                                                       "by the larger of the two sizes."),)),
        "grad_at_out_h1": Exercise(g.dE_dout_h1, "out_h1 feeds net_o1 and net_o2: its grad adds what both send back.",
                                   ((g.dE_o1_dout_h1, "You followed only the path through o1."),)),
        "x_times_y_plus_x": Exercise(4.0, "x reaches f along two paths: through x·y (slope y) and directly (slope 1).",
                                     ((3.0, "That is only the path through x·y: add the direct path (slope 1)."),)),
        "xor_new_output_bias": Exercise(b_o - 0.8 * delta_o, "b_new = b − 0.8 · delta_o, with delta_o = "
                                        "(out_o − target) · out_o · (1 − out_o).",
                                        ((b_o - delta_o, "Multiply the gradient by the learning rate, 0.8."),
                                         (b_o + 0.8 * delta_o, "Step against the gradient: subtract."),
                                         (b_o - 0.8 * (out_o - target[0, 0]), "You dropped the sigmoid's slope "
                                                                               "out_o (1 − out_o)."))),
        "minibatch_updates": Exercise(2000, "Each epoch splits the four rows into batches of two: two updates per epoch.",
                                      ((1000, "That is full-batch: one update per epoch."),
                                       (4000, "That is one row at a time: batches of 2 make 2 updates per epoch."))),
    }
