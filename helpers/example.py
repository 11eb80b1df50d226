"""The worked example: a 2-2-2 logistic network, its starting parameters and training pair, names and wiring."""
from dataclasses import dataclass, fields, replace

from .validate import finite_number

I1, I2 = 0.05, 0.10
TARGET_O1, TARGET_O2 = 0.01, 0.99
LEARNING_RATE = 0.5

WEIGHT_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
PARAMETER_NAMES = WEIGHT_NAMES + ("b1", "b2")
PAIR_NAMES = ("i1", "i2", "target_o1", "target_o2")
VALUE_NAMES = ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2", "E_o1", "E_o2",
               "E_total")
"""The forward pass's values, in the order it computes them."""

LAYERS = (("i1", "i2"), ("h1", "h2"), ("o1", "o2"))
EDGES = {"w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
         "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2")}
"""The wiring: each weight joins the output of one neuron (or input) to the net input of a neuron of the next layer."""
BIAS_EDGES = {"b1": ("h1", "h2"), "b2": ("o1", "o2")}
"""Each bias, and the neurons whose net input it joins (one bias per layer, shared)."""
BIAS_OF = {neuron: bias for bias, neurons in BIAS_EDGES.items() for neuron in neurons}

LIMIT = 1e100
"""The largest size of a parameter: beyond it the forward and backward passes can overflow."""


@dataclass(frozen=True)
class Params:
    """Every weight and bias (wired as EDGES and BIAS_EDGES say); the defaults are the example's starting values."""

    w1: float = 0.15
    w2: float = 0.20
    w3: float = 0.25
    w4: float = 0.30
    w5: float = 0.40
    w6: float = 0.45
    w7: float = 0.50
    w8: float = 0.55
    b1: float = 0.35
    b2: float = 0.60

    def __post_init__(self):
        for field in fields(self):
            object.__setattr__(self, field.name, finite_number(field.name, getattr(self, field.name), LIMIT))

    def replace(self, **changes):
        """A copy with some parameters changed, e.g. `params.replace(w5=0.3)`."""
        unknown = set(changes) - set(PARAMETER_NAMES)
        if unknown:
            raise TypeError(f"unknown parameter(s) {sorted(unknown)}; expected names from {list(PARAMETER_NAMES)}")
        return replace(self, **changes)

    def as_dict(self):
        """The parameters as a name -> value dict, in the order w1..w8, b1, b2."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


EXAMPLE = Params()
PARAMS = "the network's parameters as helpers.Params"  # what a `params` argument must be, in error messages
