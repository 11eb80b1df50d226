"""The worked example: a 2-2-2 logistic network, its starting parameters and its one training pair."""
from dataclasses import dataclass, fields, replace

from .validate import finite_number

I1, I2 = 0.05, 0.10
TARGET_O1, TARGET_O2 = 0.01, 0.99
LEARNING_RATE = 0.5

WEIGHT_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
BIAS_NAMES = ("b1", "b2")
PARAMETER_NAMES = WEIGHT_NAMES + BIAS_NAMES


@dataclass(frozen=True)
class Params:
    """Every weight and bias of the network.

    w1..w4 feed the hidden layer (w1, w2 into h1; w3, w4 into h2), w5..w8 feed the
    output layer (w5, w6 into o1; w7, w8 into o2). b1 is shared by h1 and h2, b2 by
    o1 and o2. The defaults are the worked example's starting values.
    """

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
            object.__setattr__(self, field.name, finite_number(field.name, getattr(self, field.name)))

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


def checked_params(params, name="params"):
    """Return `params` if it is a Params, or raise saying what was given instead."""
    if not isinstance(params, Params):
        raise TypeError(f"{name} must be the network's parameters as helpers.Params, got {type(params).__name__}")
    return params
