"""The exercises' self-checks (exercises.json): judge an answer at its typed precision, hint, show a solution."""
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from .example import EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, TARGET_O1, TARGET_O2, WEIGHT_NAMES
from .network import backward, forward, train, train_step, update
from .validate import finite_number, one_of

EXERCISES_BY_LESSON = json.loads(files(__package__).joinpath("exercises.json").read_text(encoding="utf-8"))
EXERCISES = {name: exercise for lesson in EXERCISES_BY_LESSON.values() for name, exercise in lesson.items()}


def _example_numbers(fp, g):
    """The forward and backward pass of the example (lessons 01–05, 08, 09, 11), with the slips' values."""
    n = {**EXAMPLE.as_dict(), "i1": I1, "i2": I2, "target_o1": TARGET_O1, "target_o2": TARGET_O2,
         "learning_rate": LEARNING_RATE, **asdict(fp), **asdict(g)}
    return n | {
        "parameter_count": len(PARAMETER_NAMES), "weight_count": len(WEIGHT_NAMES),
        "one_bias_per_neuron_count": len(WEIGHT_NAMES) + 4,
        "net_h2_without_b1": fp.net_h2 - EXAMPLE.b1,
        "target_minus_out_o2": TARGET_O2 - fp.out_o2, "twice_E_o2": 2 * fp.E_o2,
        "dE_dw6_without_slope": g.dE_dout_o1 * fp.out_h2, "minus_dE_dw6": -g.dE_dw6,
        "dE_dw3_through_o1_only": g.delta_o1 * EXAMPLE.w6 * g.dout_dnet_h2 * I1,
        "dE_dw3_without_slope": g.dE_dout_h2 * I1,
        "delta_o1_cross_entropy": fp.out_o1 - TARGET_O1,
    }


def _training_numbers(g):
    """Steps and runs of training (lessons 06, 07 and 09)."""
    described, published = train(steps=2).errors, train(steps=2, variant="published").errors
    with_biases = train_step(update_biases=True)
    saturated = forward(EXAMPLE.replace(w5=20.0))
    at_rate_2 = {variant: train(steps=1000, learning_rate=2, variant=variant).errors[-1]
                 for variant in ("described", "published")}
    return {
        "w6_new": train_step().w6, "w6_plus_step": EXAMPLE.w6 + LEARNING_RATE * g.dE_dw6,
        "w6_minus_gradient": EXAMPLE.w6 - g.dE_dw6,
        "E_total_after_1_update": described[1], "E_total_after_2_updates": described[2],
        "E_total_after_2_updates_published": published[2],
        "b1_new": with_biases.b1, "b2_new": with_biases.b2,
        "E_total_after_1_update_with_biases": forward(with_biases).E_total,
        "E_total_after_1000_updates_at_learning_rate_2": at_rate_2["described"],
        "E_total_after_1000_updates_at_learning_rate_2_published": at_rate_2["published"],
        "E_total_after_1000_updates": train(steps=1000).errors[-1],
        "net_o1_when_w5_is_20": saturated.net_o1, "out_o1_when_w5_is_20": saturated.out_o1,
        "slope_at_out_o1_when_w5_is_20": saturated.out_o1 * (1 - saturated.out_o1),
    }


def _gradient_check_numbers(fp, g):
    """The central difference and the variant's relative error (lesson 10)."""
    from .gradcheck import central_difference, relative_error

    h = 1e-4
    E_at = {w5: forward(EXAMPLE.replace(w5=w5)).E_total for w5 in (EXAMPLE.w5 - h, EXAMPLE.w5, EXAMPLE.w5 + h)}
    central = central_difference(E_at.get, EXAMPLE.w5, h)
    published = backward(update(EXAMPLE, g, LEARNING_RATE), fp).dE_dw1
    return {
        "E_w5_up": E_at[EXAMPLE.w5 + h], "E_w5_down": E_at[EXAMPLE.w5 - h], "central_difference_w5": central,
        "twice_central_difference_w5": 2 * central,
        "one_sided_difference_w5": (E_at[EXAMPLE.w5 + h] - E_at[EXAMPLE.w5]) / h,
        "dE_dw1_published": published, "dE_dw1_gap": abs(published - g.dE_dw1),
        "dE_dw1_larger": max(abs(published), abs(g.dE_dw1)),
        "relative_error_w1_published": relative_error(published, g.dE_dw1),
    }


def _beyond_numbers():
    """Counts and small graphs of lessons 08, 11 and 12, and the one XOR update by hand."""
    from .xor import XOR_TARGET, XOR_X, xor_network

    net = xor_network()
    out_o, target = net.forward(XOR_X[2:3]).output[0, 0], XOR_TARGET[2, 0]
    delta_o, b_o = (out_o - target) * out_o * (1 - out_o), net.biases[1][0]
    return {
        "mlp_parameter_count": 784 * 30 + 30 + 30 * 10 + 10, "mlp_weight_count": 784 * 30 + 30 * 10,
        "x_times_y_plus_x": 4, "x_times_y_plus_x_one_path": 3,
        "xor_out_o": out_o, "xor_slope_o": out_o * (1 - out_o), "xor_delta_o": delta_o, "xor_b_o": b_o,
        "xor_new_output_bias": b_o - 0.8 * delta_o, "xor_new_output_bias_no_rate": b_o - delta_o,
        "xor_new_output_bias_added": b_o + 0.8 * delta_o,
        "xor_new_output_bias_no_slope": b_o - 0.8 * (out_o - target),
        "minibatch_updates": 2000, "full_batch_updates": 1000, "stochastic_updates": 4000,
    }


@cache
def numbers():
    """Every number an exercise or a worked solution names, by the lessons' names."""
    fp = forward()
    g = backward(EXAMPLE, fp)
    return _example_numbers(fp, g) | _training_numbers(g) | _gradient_check_numbers(fp, g) | _beyond_numbers()


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer; it prints as a sentence."""

    correct: bool
    message: str

    def __repr__(self):
        return self.message


class Solution(str):
    """A worked solution: it prints as its lines."""

    def __repr__(self):
        return str(self)


def typed_precision(answer):
    """The significant digits `answer` was typed with, and one unit in its last digit, read from its shortest repr
    (what the learner typed): 0.02356 gives (4, 1e-05), 2.9e-06 gives (2, 1e-07)."""
    typed = Decimal(repr(answer)).as_tuple()
    return len(typed.digits), 10.0 ** typed.exponent


def agrees(answer, value, unit):
    """True when `answer` is `value` to within one unit in its last typed digit (rounded or cut off), or within 1e-9
    of it (rounding noise of an answer computed in floats); a unit coarser than the value (1e+30 for 0.39) never."""
    if isinstance(value, int):
        return answer == value
    return unit <= abs(value) and abs(answer - value) <= max(unit, 1e-9 * abs(value)) * (1 + 1e-12)


def digits_needed(value, mistakes, typed):
    """The fewest significant digits (more than typed, at least 2) that tell `value` apart from the `mistakes`."""
    for digits in range(max(typed + 1, 2), 17):
        rounded = float(f"{value:.{digits - 1}e}")
        if not any(agrees(rounded, wrong, typed_precision(rounded)[1]) for wrong in mistakes):
            return digits
    return 17


def check(exercise, answer):
    """Judge `answer` to the named exercise at the precision it was typed."""
    ex = EXERCISES[one_of("exercise", exercise, tuple(EXERCISES))]
    if answer is None:
        return CheckResult(False, f"… {exercise}: not answered yet. Hint: {ex['hint']}")
    answer = finite_number(f"your answer to {exercise}", answer)
    value, mistakes = numbers()[ex["value"]], [(numbers()[name], hint) for name, hint in ex.get("mistakes", ())]
    typed, unit = typed_precision(answer)
    shown = f"{answer:.15g}" if isinstance(value, int) else repr(answer)
    if agrees(answer, value, unit):
        return _right(exercise, answer, shown, value, [wrong for wrong, _ in mistakes], typed, unit)
    for wrong, hint in mistakes:
        if agrees(answer, wrong, unit):
            return CheckResult(False, f"✗ {shown} is not {exercise}. {hint}")
    return CheckResult(False, f"✗ {shown} is not {exercise}. Hint: {ex['hint']} "
                              f'Stuck? solution("{exercise}") works it through.')


def _right(exercise, answer, shown, value, mistakes, typed, unit):
    """The verdict on an answer that agrees with the right value: right, or too few digits to tell."""
    if isinstance(value, int):
        return CheckResult(True, f"✓ {exercise} = {shown} is right.")
    if any(agrees(answer, wrong, unit) for wrong in mistakes):
        why = "so would a common mistake"
    elif typed < 2:
        why = "one digit could be a guess"
    else:
        return CheckResult(True, f"✓ {exercise} = {shown} is right (to the {typed} significant digits you typed).")
    return CheckResult(False, f"… {shown} agrees with {exercise} to the {typed} significant digit{'s' * (typed > 1)} "
                              f"you typed, but {why}: type at least {digits_needed(value, mistakes, typed)} "
                              "significant digits.")


def solution(exercise):
    """The named exercise worked step by step, with the lesson's names and the example's numbers."""
    ex = EXERCISES[one_of("exercise", exercise, tuple(EXERCISES))]
    return Solution("\n".join(line.format(**numbers()) for line in ex["solution"]))
