"""The worked example's parameters, inputs and targets, against the published setup."""
import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from helpers import EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, TARGET_O1, TARGET_O2, WEIGHT_NAMES, Params
from helpers.example import BIAS_NAMES, checked_params

SETUP = json.loads((Path(__file__).resolve().parents[1] / "helpers" / "published_figures.json").read_text())["setup"]


def test_the_example_starts_from_the_published_setup():
    assert EXAMPLE.as_dict() == {name: float(SETUP[name]) for name in PARAMETER_NAMES}
    assert (I1, I2, TARGET_O1, TARGET_O2) == tuple(float(SETUP[k]) for k in ("i1", "i2", "target_o1", "target_o2"))
    assert LEARNING_RATE == float(SETUP["learning_rate"])
    assert Params() == EXAMPLE


def test_parameter_names_in_order():
    assert WEIGHT_NAMES == ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
    assert BIAS_NAMES == ("b1", "b2")
    assert PARAMETER_NAMES == WEIGHT_NAMES + BIAS_NAMES
    assert list(EXAMPLE.as_dict()) == list(PARAMETER_NAMES)


def test_replace_makes_a_changed_copy():
    changed = EXAMPLE.replace(w5=0.3, b2=1)
    assert changed.w5 == 0.3 and changed.b2 == 1.0 and type(changed.b2) is float
    assert {k: v for k, v in changed.as_dict().items() if k not in ("w5", "b2")} == \
        {k: v for k, v in EXAMPLE.as_dict().items() if k not in ("w5", "b2")}
    assert EXAMPLE.w5 == 0.40


def test_params_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EXAMPLE.w1 = 0.5


def test_any_real_number_becomes_a_float():
    params = Params(w1=1, w2=Fraction(1, 4), w3=np.float32(0.5), w4=np.int64(2))
    assert [params.w1, params.w2, params.w3, params.w4] == [1.0, 0.25, 0.5, 2.0]
    assert all(type(value) is float for value in params.as_dict().values())


@pytest.mark.parametrize("kwargs, error, message", [
    ({"w1": "0.15"}, TypeError, r"w1 must be a real number, got str '0\.15'"),
    ({"w2": None}, TypeError, r"w2 must be a real number, got NoneType None"),
    ({"w3": True}, TypeError, r"w3 must be a real number, got bool True"),
    ({"w4": 1 + 2j}, TypeError, r"w4 must be a real number, got complex"),
    ({"b1": float("nan")}, ValueError, r"b1 must be a finite number, got nan"),
    ({"b2": float("-inf")}, ValueError, r"b2 must be a finite number, got -inf"),
    ({"w8": 10 ** 400}, ValueError, r"w8 must be a finite number, got int too large for a float"),
])
def test_params_refuse_what_is_not_a_finite_number(kwargs, error, message):
    with pytest.raises(error, match=message):
        Params(**kwargs)
    with pytest.raises(error, match=message):
        EXAMPLE.replace(**kwargs)


def test_replace_refuses_an_unknown_parameter_and_lists_the_known_ones():
    with pytest.raises(TypeError, match=r"unknown parameter\(s\) \['b3', 'w9'\]; expected names from \['w1', "):
        EXAMPLE.replace(w9=0.1, b3=0.2)


def test_checked_params():
    assert checked_params(EXAMPLE) is EXAMPLE
    with pytest.raises(TypeError, match=r"start must be the network's parameters as helpers\.Params, got list"):
        checked_params([0.15] * 10, "start")
