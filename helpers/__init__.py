"""Helpers for the "Backprop, step by step" series: each lesson teaches a step in the open, then calls the one here."""
from .checks import check, solution
from .example import EXAMPLE, I1, I2, LEARNING_RATE, PARAMETER_NAMES, TARGET_O1, TARGET_O2, WEIGHT_NAMES, Params
from .network import ForwardPass, Gradients, backward, forward, logistic, train, train_step, update
from .published import PUBLISHED, compare, side_by_side

__all__ = [
    "EXAMPLE", "I1", "I2", "LEARNING_RATE", "PARAMETER_NAMES", "PUBLISHED", "TARGET_O1", "TARGET_O2",
    "WEIGHT_NAMES", "ForwardPass", "Gradients", "Params", "backward", "check", "compare", "forward",
    "logistic", "side_by_side", "solution", "train", "train_step", "update",
]
