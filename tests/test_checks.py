"""The exercises' self-checks: right answers, the hints for known mistakes, and bad answers."""
import math

import pytest

import independent
from helpers import check
from helpers.checks import CheckResult, exercises

EXACT = independent.exact()
MP = independent.MP


def _gradient(name):
    return float(independent.exact_gradient(name))


def _after_two_updates():
    p = {name: MP.mpf(value) for name, value in independent.START.items()}
    for _ in range(2):
        steps = {name: independent.exact_gradient(name, p) / 2 for name in independent.NAMES if name[0] == "w"}
        p = {name: value - steps.get(name, 0) for name, value in p.items()}
    return float(independent.exact(p)["E_total"])


RIGHT = {
    "parameter_count": lambda: 10,
    "net_h2": lambda: 0.25 * 0.05 + 0.30 * 0.10 + 0.35,
    "out_o2": lambda: float(EXACT["out_o2"]),
    "E_o2": lambda: float((MP.mpf("0.99") - EXACT["out_o2"]) ** 2 / 2),
    "dE_total/dw6": lambda: _gradient("w6"),
    "dE_total/dw7": lambda: _gradient("w7"),
    "dE_total/dw3": lambda: _gradient("w3"),
    "dE_total/db2": lambda: _gradient("b2"),
    "w6_new": lambda: 0.45 - 0.5 * _gradient("w6"),
    "E_total_after_2_updates": _after_two_updates,
    "slope_at_out_o1": lambda: float(EXACT["out_o1"] * (1 - EXACT["out_o1"])),
}


def test_the_first_lessons_exercises_are_all_there():
    assert set(RIGHT) <= set(exercises())


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_is_accepted(name):
    answer = RIGHT[name]()
    result = check(name, answer)
    assert isinstance(result, CheckResult)
    assert result.correct is True
    assert repr(result) == f"✓ {name} = {answer:.9g} is right."
    assert math.isclose(exercises()[name].value, answer, rel_tol=1e-12)


def test_six_significant_digits_are_enough_and_five_are_not():
    assert check("net_h2", 0.3925 * (1 + 4e-7)).correct
    assert not check("net_h2", 0.3925 * (1 + 4e-6)).correct
    assert check("net_h2", 0.392500).correct


@pytest.mark.parametrize("name, mistake", [(name, mistake) for name, ex in exercises().items()
                                           for mistake in ex.mistakes])
def test_each_listed_mistake_gives_its_own_hint(name, mistake):
    wrong, hint = mistake
    right = RIGHT[name]() if name in RIGHT else exercises()[name].value
    assert not math.isclose(wrong, right, rel_tol=1e-6), "a mistake that is the right answer"
    result = check(name, wrong)
    assert result.correct is False
    assert repr(result) == f"✗ {wrong:.9g} is not {name}. {hint}"


@pytest.mark.parametrize("name, wrong, hint", [
    ("net_h2", 0.25 * 0.05 + 0.30 * 0.10, "You left out the bias b1."),
    ("out_o2", float(EXACT["net_o2"]), "That is net_o2: squash it with the logistic function."),
    ("E_o2", float((MP.mpf("0.99") - EXACT["out_o2"]) ** 2), "You left out the ½."),
    ("dE_total/dw6", -_gradient("w6"), "Check the sign"),
    ("dE_total/dw6", _gradient("w5"), "That is dE_total/dw5"),
    ("dE_total/dw7", _gradient("w8"), "That is dE_total/dw8"),
    ("dE_total/db2", float((EXACT["out_o1"] - MP.mpf("0.01")) * EXACT["out_o1"] * (1 - EXACT["out_o1"])),
     "b2 is shared"),
    ("w6_new", 0.45 + 0.5 * _gradient("w6"), "Step against the gradient: subtract."),
    ("w6_new", 0.45 - _gradient("w6"), "Multiply the gradient by the learning rate."),
])
def test_mistakes_worked_out_here_get_the_matching_hint(name, wrong, hint):
    result = check(name, wrong)
    assert not result.correct and hint in repr(result)


def test_the_hints_of_one_exercise_differ():
    for name, ex in exercises().items():
        hints = [ex.hint] + [hint for _, hint in ex.mistakes]
        assert len(set(hints)) == len(hints), name


def test_an_unlisted_wrong_answer_gets_the_general_hint():
    result = check("net_h2", 7.0)
    assert not result.correct
    assert repr(result) == f"✗ 7 is not net_h2. Hint: {exercises()['net_h2'].hint}"


def test_no_answer_yet():
    result = check("w6_new", None)
    assert not result.correct and result.answer is None
    assert repr(result) == f"… w6_new: not answered yet. Hint: {exercises()['w6_new'].hint}"


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


def test_an_unknown_exercise_lists_the_known_ones():
    with pytest.raises(ValueError) as raised:
        check("net_h3", 0.39)
    message = str(raised.value)
    assert message.startswith("exercise must be one of ") and message.endswith("got 'net_h3'")
    assert all(repr(name) in message for name in RIGHT)
