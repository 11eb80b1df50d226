"""The worked example's parameters, inputs and targets, against the published setup."""
import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from helpers import EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, TARGET_O1, TARGET_O2, WEIGHT_NAMES, Params
from helpers.example import BIAS_EDGES, EDGES, LAYERS

SETUP = json.loads((Path(__file__).resolve().parents[1] / "helpers" / "published_figures.json").read_text())["setup"]


def test_the_example_starts_from_the_published_setup():
    assert EXAMPLE.as_dict() == {name: float(SETUP[name]) for name in PARAMETER_NAMES}
    assert (I1, I2, TARGET_O1, TARGET_O2) == tuple(float(SETUP[k]) for k in ("i1", "i2", "target_o1", "target_o2"))
    assert LEARNING_RATE == float(SETUP["learning_rate"])
    assert Params() == EXAMPLE


def test_parameter_names_in_order():
    assert WEIGHT_NAMES == ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
    assert PARAMETER_NAMES == WEIGHT_NAMES + ("b1", "b2")
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


def test_params_refuse_what_is_not_a_finite_number_in_replace_too():
    with pytest.raises(ValueError, match=r"b1 must be a finite number, got nan"):
        EXAMPLE.replace(b1=float("nan"))


def test_the_wiring_is_the_published_one():
    """Each net input as the published setup writes it: net_h1 = w1*i1 + w2*i2 + b1; ..."""
    written = {}
    for line in SETUP["wiring"].split("; "):
        net, terms = line.split(" = ")
        written[net.removeprefix("net_")] = sorted(terms.split(" + "))
    out = {"i1": "i1", "i2": "i2", "h1": "out_h1", "h2": "out_h2"}
    rebuilt = {neuron: sorted([f"{w}*{out[start]}" for w, (start, end) in EDGES.items() if end == neuron]
                              + [b for b, ends in BIAS_EDGES.items() if neuron in ends])
               for neuron in LAYERS[1] + LAYERS[2]}
    assert rebuilt == written
    assert LAYERS[0] == ("i1", "i2")
