"""The exercises' self-checks, against values worked out here without the helpers package.

Every right value and every known mistake is computed in this file (mostly with mpmath, through
tests/independent.py); none is read from the exercise table under test.
"""
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import independent
from helpers import check
from helpers.checks import EXERCISES, CheckResult, solution, typed_precision

MP = independent.MP
EXACT = independent.exact()
G = {name: independent.exact_gradient(name) for name in independent.NAMES}
OUT = {unit: EXACT[f"out_{unit}"] for unit in ("h1", "h2", "o1", "o2")}
P = {name: MP.mpf(value) for name, value in independent.START.items()}
DELTA_O1 = (OUT["o1"] - MP.mpf("0.01")) * OUT["o1"] * (1 - OUT["o1"])
DELTA_O2 = (OUT["o2"] - MP.mpf("0.99")) * OUT["o2"] * (1 - OUT["o2"])


def after_one_step(names):
    """E_total after one step of 0.5 on the named parameters, gradients by numerical differentiation."""
    return independent.exact({name: P[name] - G[name] / 2 for name in names})["E_total"]


def after_two_steps():
    p = dict(P)
    for _ in range(2):
        steps = {name: independent.exact_gradient(name, p) / 2 for name in independent.NAMES if name[0] == "w"}
        p = {name: value - steps.get(name, 0) for name, value in p.items()}
    return independent.exact(p)["E_total"]


def E_total_from_out_h1(path):
    """E_total (or one output's error) as a function of out_h1 alone, for mpmath to differentiate."""
    sigma = lambda x: 1 / (1 + MP.exp(-x))  # noqa: E731
    o1 = lambda h1: sigma(P["w5"] * h1 + P["w6"] * OUT["h2"] + P["b2"])  # noqa: E731
    o2 = lambda h1: sigma(P["w7"] * h1 + P["w8"] * OUT["h2"] + P["b2"])  # noqa: E731
    parts = {"o1": lambda h1: (MP.mpf("0.01") - o1(h1)) ** 2 / 2, "o2": lambda h1: (MP.mpf("0.99") - o2(h1)) ** 2 / 2}
    return lambda h1: sum(parts[p](h1) for p in path)


def slope_at_out_h1(path):
    return MP.diff(E_total_from_out_h1(path), OUT["h1"])


def xor_bias_update():
    """The XOR network's starting numbers drawn again from its seed, and its output bias's step by hand."""
    rng = np.random.default_rng(1)
    W1, W2 = rng.normal(0, 1 / math.sqrt(2), (4, 2)), rng.normal(0, 1 / math.sqrt(4), (1, 4))
    b1, b2 = rng.normal(0, 1, 4), rng.normal(0, 1, 1)
    out_h = [1 / (1 + math.exp(-(W1[k, 0] * 1 + W1[k, 1] * 0 + b1[k]))) for k in range(4)]
    out_o = 1 / (1 + math.exp(-(sum(W2[0, k] * out_h[k] for k in range(4)) + b2[0])))
    return b2[0], out_o, (out_o - 1) * out_o * (1 - out_o)


def central(w5_up, w5_down, h):
    return (independent.exact({"w5": w5_up})["E_total"] - independent.exact({"w5": w5_down})["E_total"]) / h


def relative_error_w1_published():
    """dE_total/dw1 with the output deltas carried back through w5 and w7 after their update."""
    w5 = P["w5"] - DELTA_O1 * OUT["h1"] / 2
    w7 = P["w7"] - DELTA_O2 * OUT["h1"] / 2
    published = (DELTA_O1 * w5 + DELTA_O2 * w7) * OUT["h1"] * (1 - OUT["h1"]) * MP.mpf("0.05")
    return abs(published - G["w1"]) / max(abs(published), abs(G["w1"])), abs(published - G["w1"])


B_O, OUT_O, DELTA_O = xor_bias_update()
SATURATED = independent.exact({"w5": "20"})["out_o1"]
DESCRIBED_1000, _ = independent.float_training(1000, learning_rate=2)
PUBLISHED_1000, _ = independent.float_training(1000, learning_rate=2, variant="published")

RIGHT = {
    "parameter_count": 8 + 2,
    "net_h2": 0.25 * 0.05 + 0.30 * 0.10 + 0.35,
    "out_o2": OUT["o2"],
    "E_o2": (MP.mpf("0.99") - OUT["o2"]) ** 2 / 2,
    "dE_total/dw6": G["w6"],
    "dE_total/dw7": G["w7"],
    "dE_total/dw3": G["w3"],
    "dE_total/db2": G["b2"],
    "w6_new": P["w6"] - G["w6"] / 2,
    "E_total_after_2_updates": after_two_steps(),
    "E_total_after_1000_updates_at_learning_rate_2": DESCRIBED_1000[1000],
    "slope_at_out_o1_when_w5_is_20": SATURATED * (1 - SATURATED),
    "mlp_parameter_count": sum(n_in * n_out + n_out for n_in, n_out in [(784, 30), (30, 10)]),
    "delta_o1_cross_entropy": OUT["o1"] - MP.mpf("0.01"),
    "dE_total/db1": G["b1"],
    "E_total_after_1_update_with_biases": after_one_step(independent.NAMES),
    "central_difference_w5": central("0.4001", "0.3999", MP.mpf("0.0002")),
    "relative_error_w1_updated": relative_error_w1_published()[0],
    "grad_at_out_h1": slope_at_out_h1(("o1", "o2")),
    "x_times_y_plus_x": MP.diff(lambda x: x * 3 + x, 2),
    "xor_new_output_bias": B_O - 0.8 * DELTA_O,
    "minibatch_updates": 1000 * (4 // 2),
}

MISTAKES = {
    "parameter_count": [(8, "weights only"), (8 + 4, "one bias per layer")],
    "net_h2": [(0.25 * 0.05 + 0.30 * 0.10, "You left out the bias b1."),
               (0.15 * 0.05 + 0.20 * 0.10 + 0.35, "That is net_h1")],
    "out_o2": [(EXACT["net_o2"], "squash it"), (OUT["o1"], "That is out_o1")],
    "E_o2": [((MP.mpf("0.99") - OUT["o2"]) ** 2, "You left out the ½."),
             (MP.mpf("0.99") - OUT["o2"], "square it"), (EXACT["E_o1"], "That is E_o1")],
    "dE_total/dw6": [((OUT["o1"] - MP.mpf("0.01")) * OUT["h2"], "You dropped dout_o1/dnet_o1"),
                     (-G["w6"], "Check the sign"), (G["w5"], "That is dE_total/dw5")],
    "dE_total/dw7": [(G["w8"], "That is dE_total/dw8"), (G["w5"], "That is dE_total/dw5")],
    "dE_total/dw3": [(DELTA_O1 * P["w6"] * OUT["h2"] * (1 - OUT["h2"]) * MP.mpf("0.05"), "only the path through o1"),
                     ((DELTA_O1 * P["w6"] + DELTA_O2 * P["w8"]) * MP.mpf("0.05"), "You dropped dout_h2/dnet_h2")],
    "dE_total/db2": [(DELTA_O1, "add the path through o2"), (DELTA_O2, "add the path through o1")],
    "w6_new": [(P["w6"] + G["w6"] / 2, "Step against the gradient: subtract."),
               (P["w6"] - G["w6"], "Multiply the gradient by the learning rate.")],
    "E_total_after_2_updates": [(independent.float_training(2, variant="published")[0][2], "published figures' variant"),
                                (after_one_step([f"w{k}" for k in range(1, 9)]), "after one update"),
                                (EXACT["E_total"], "before any update")],
    "E_total_after_1000_updates_at_learning_rate_2": [(PUBLISHED_1000[1000], "published figures' variant"),
                                                      (independent.float_training(1000)[0][1000], "learning rate 0.5")],
    "slope_at_out_o1_when_w5_is_20": [(OUT["o1"] * (1 - OUT["o1"]), "w5 = 0.4"), (SATURATED, "out_o1 itself")],
    "mlp_parameter_count": [(784 * 30 + 30 * 10, "You left out the biases")],
    "delta_o1_cross_entropy": [(DELTA_O1, "squared-error delta")],
    "dE_total/db1": [((DELTA_O1 * P["w5"] + DELTA_O2 * P["w7"]) * OUT["h1"] * (1 - OUT["h1"]), "add the path through h2"),
                     (G["b2"], "That is dE_total/db2")],
    "E_total_after_1_update_with_biases": [(after_one_step([f"w{k}" for k in range(1, 9)]), "only the weights move")],
    "central_difference_w5": [(2 * central("0.4001", "0.3999", MP.mpf("0.0002")), "Divide by 2h"),
                              (central("0.4001", "0.4", MP.mpf("0.0001")), "one-sided difference")],
    "relative_error_w1_updated": [(relative_error_w1_published()[1], "absolute difference")],
    "grad_at_out_h1": [(slope_at_out_h1(("o1",)), "only the path through o1"),
                       (slope_at_out_h1(("o2",)), "only the path through o2")],
    "x_times_y_plus_x": [(MP.diff(lambda x: x * 3, 2), "only the path through x·y")],
    "xor_new_output_bias": [(B_O - DELTA_O, "learning rate, 0.8"), (B_O + 0.8 * DELTA_O, "subtract"),
                            (B_O - 0.8 * (OUT_O - 1), "You dropped the sigmoid's slope")],
    "minibatch_updates": [(1000 * 1, "full-batch"), (1000 * 4, "one row at a time")],
}


def significant(value, digits, cut=False):
    """`value` to `digits` significant digits, rounded, or cut off (as a learner copying digits may)."""
    value = float(value)
    if not cut:
        return float(f"{value:.{digits - 1}e}")
    mantissa, exponent = f"{value:.15e}".split("e")
    kept = mantissa.lstrip("-").replace(".", "")[:digits]
    return float(f"{'-' * (value < 0)}{kept[0]}.{kept[1:]}e{exponent}")


def test_every_exercise_has_an_independent_value_and_every_mistake_is_tested():
    assert set(RIGHT) == set(EXERCISES) == set(MISTAKES)
    for name, mistakes in MISTAKES.items():
        assert len(mistakes) == len(EXERCISES[name].get("mistakes", ())), name


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_value_in_full_is_right(name):
    result = check(name, float(RIGHT[name]))
    assert isinstance(result, CheckResult) and result.correct is True
    assert repr(result).startswith(f"✓ {name} = ")


@pytest.mark.parametrize("cut", [False, True], ids=["rounded", "cut off"])
@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_value_to_3_to_9_digits_is_never_marked_wrong(name, cut):
    for digits in range(3, 10):
        if isinstance(RIGHT[name], int) and digits < len(str(RIGHT[name])):
            continue  # a count is a whole number, typed in full
        answer = significant(RIGHT[name], digits, cut)
        message = repr(check(name, answer))
        assert message.startswith(("✓", "…")), f"{answer!r}: {message}"
        if message.startswith("…"):
            assert "type at least" in message and "significant digits" in message
    assert check(name, significant(RIGHT[name], 9, cut)).correct, "nine digits tell every exercise apart"


@pytest.mark.parametrize("name, wrong, hint", [(name, wrong, hint) for name, listed in MISTAKES.items()
                                               for wrong, hint in listed])
def test_each_known_mistake_gets_its_hint_at_the_precision_typed(name, wrong, hint):
    for digits in range(3, 10):
        if isinstance(wrong, int) and digits < len(str(wrong)):
            continue  # a count is a whole number, typed in full
        message = repr(check(name, significant(wrong, digits)))
        assert message.startswith(("✗", "…")), message
        assert hint in message or "type at least" in message, message
    message = repr(check(name, significant(wrong, 9)))
    assert message.startswith("✗") and hint in message


@pytest.mark.parametrize("name, answer", [
    ("E_o2", 0.02356), ("dE_total/dw7", -0.0226025), ("xor_new_output_bias", 0.1203),
    ("relative_error_w1_updated", 0.168), ("slope_at_out_o1_when_w5_is_20", 2.9e-06),
    ("net_h2", 0.3925), ("w6_new", 0.4087), ("grad_at_out_h1", 0.03635),
])
def test_values_as_the_lessons_and_the_lab_print_them_are_right(name, answer):
    assert check(name, answer).correct


def test_the_variant_after_two_updates_gets_its_own_hint():
    message = repr(check("E_total_after_2_updates", 0.283547364))
    assert message.startswith("✗ 0.283547364 is not E_total_after_2_updates.")
    assert "published figures' variant" in message and 'variant="described"' in message


def test_too_few_digits_to_tell_from_a_mistake_asks_for_more():
    assert repr(check("E_total_after_2_updates", 0.283547)) == (
        "… 0.283547 agrees with E_total_after_2_updates to the 6 significant digits you typed, but so would a "
        "common mistake: type at least 7 significant digits.")
    assert check("E_total_after_2_updates", 0.2835471).correct


def test_one_digit_could_be_a_guess():
    assert repr(check("E_o2", 0.02)) == ("… 0.02 agrees with E_o2 to the 1 significant digit you typed, but one "
                                         "digit could be a guess: type at least 2 significant digits.")
    assert repr(check("net_h2", 0.4)).endswith("but so would a common mistake: type at least 2 significant digits.")


def test_a_count_must_be_exact():
    assert check("parameter_count", 10).correct and check("parameter_count", 10.0).correct
    assert not check("parameter_count", 10.4).correct
    assert repr(check("minibatch_updates", 2000)) == "✓ minibatch_updates = 2000 is right."
    assert repr(check("mlp_parameter_count", 1234567)).startswith("✗ 1234567 is not mlp_parameter_count.")


def test_an_unlisted_wrong_answer_gets_the_general_hint_and_the_way_to_the_solution():
    assert repr(check("net_h2", 7.0)) == ('✗ 7.0 is not net_h2. Hint: net_h2 = w3·i1 + w4·i2 + b1. '
                                          'Stuck? solution("net_h2") works it through.')


@pytest.mark.parametrize("answer, typed", [(0.02356, (4, 1e-5)), (2.9e-06, (2, 1e-7)), (-0.0226025, (6, 1e-7)),
                                           (0.3925, (4, 1e-4)), (1e30, (1, 1e30))])
def test_the_precision_typed_is_read_from_the_shortest_repr(answer, typed):
    digits, unit = typed_precision(answer)
    assert digits == typed[0] and math.isclose(unit, typed[1])


def test_a_wildly_wrong_answer_is_judged_not_crashed():
    assert repr(check("net_h2", 1e300)).startswith("✗ 1e+300 is not net_h2.")
    assert repr(check("E_o2", 0.0)).startswith("✗ 0.0 is not E_o2.")


def test_no_answer_yet():
    result = check("w6_new", None)
    assert not result.correct
    assert repr(result).startswith("… w6_new: not answered yet. Hint: w6 − learning_rate")


@pytest.mark.parametrize("answer, message", [
    ("0.3925", r"your answer to net_h2 must be a real number, got str '0\.3925'"),
    ([0.3925], r"your answer to net_h2 must be a real number, got list"),
    (True, r"your answer to net_h2 must be a real number, got bool True"),
])
def test_an_answer_of_the_wrong_type_is_a_clear_type_error(answer, message):
    with pytest.raises(TypeError, match=message):
        check("net_h2", answer)


@pytest.mark.parametrize("answer", [float("nan"), float("inf")])
def test_a_non_finite_answer_is_refused(answer):
    with pytest.raises(ValueError, match=r"your answer to net_h2 must be a finite number"):
        check("net_h2", answer)


@pytest.mark.parametrize("call", [check, lambda name, *_: solution(name)], ids=["check", "solution"])
def test_an_unknown_exercise_lists_the_known_ones(call):
    with pytest.raises(ValueError) as raised:
        call("net_h3", 0.39)
    message = str(raised.value)
    assert message.startswith("exercise must be one of ") and message.endswith("got 'net_h3'")
    assert all(repr(name) in message for name in RIGHT)


def test_the_hints_of_one_exercise_differ():
    for name, ex in EXERCISES.items():
        hints = [ex["hint"]] + [hint for _, hint in ex.get("mistakes", ())]
        assert len(set(hints)) == len(hints), name


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_worked_solution_ends_on_the_right_value(name):
    worked = solution(name)
    assert repr(worked) == str(worked) and worked.count("\n") >= 1
    last = re.findall(r"-?\d[\d,]*\.?\d*(?:e[-+]\d+)?", worked.splitlines()[-1])[-1]
    assert math.isclose(float(last.replace(",", "")), float(RIGHT[name]), rel_tol=1e-6), worked


def test_what_the_readme_and_lesson_01_say_about_judging_is_true():
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text()
    cells = json.loads((root / "notebooks" / "01_start_here.ipynb").read_text())["cells"]
    lesson = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    for text in (readme, lesson):
        assert "An answer is judged at the precision you type it" in text and "so are 0.392 and 0.39" in text
    assert check("net_h2", 0.392).correct and check("net_h2", 0.39).correct
    assert not check("parameter_count", 10.000001).correct
    assert "type at least" in repr(check("E_total_after_2_updates", 0.28355))
    shown = re.search(r'check\("net_h2", answer\)\s+# (.*)', readme).group(1)
    assert shown == repr(check("net_h2", 0.3925))
