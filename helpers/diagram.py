"""The 2-2-2 network drawn with matplotlib: neurons, biases and every weight labelled."""
import math

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from .example import EXAMPLE, PARAMS, Params
from .network import Gradients
from .validate import instance

NEURONS = {"i1": (0, 2), "i2": (0, 0), "h1": (3, 2), "h2": (3, 0), "o1": (6, 2), "o2": (6, 0),
           "b1": (1.9, -1.4), "b2": (4.9, -1.4)}
EDGES = {"w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
         "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2")}
BIAS_EDGES = {"b1": ("h1", "h2"), "b2": ("o1", "o2")}
# Where along an edge its label sits: crossing edges get different spots so labels never overlap.
LABEL_AT = {"w1": 0.5, "w2": 0.22, "w3": 0.22, "w4": 0.5, "w5": 0.5, "w6": 0.78, "w7": 0.78, "w8": 0.5}
DESCENT, ASCENT = "tab:blue", "tab:red"


def draw_network(params=EXAMPLE, gradients=None, ax=None):
    """Draw the network with each weight's value; with `gradients`, each edge also shows dE_total/dw.

    With gradients, an edge's colour gives the gradient's sign (red: positive, so descent lowers
    the weight; blue: negative) and its width the gradient's size.
    """
    instance("params", params, Params, PARAMS)
    if gradients is not None and not isinstance(gradients, Gradients):
        raise TypeError(f"gradients must be None or the Gradients that backward(...) returns, "
                        f"got {type(gradients).__name__}")
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be None or a matplotlib Axes to draw on, got {type(ax).__name__}")
    if ax is None:
        ax = plt.subplots(figsize=(8, 4.6))[1]
    biggest = max((abs(gradients.of(w)) for w in EDGES), default=0) if gradients else 0
    for name, (start, end) in EDGES.items():
        _edge(ax, name, start, end, getattr(params, name), gradients, biggest)
    for bias, ends in BIAS_EDGES.items():
        for end in ends:
            _line(ax, NEURONS[bias], NEURONS[end], "0.6", 1, "--")
        x, y = NEURONS[bias]
        text = f"{bias} = {getattr(params, bias):.4g}"
        if gradients:
            text += f"\n∂E/∂{bias} = {gradients.of(bias):+.3g}"
        ax.annotate(text, (x, y), xytext=(0, -18), textcoords="offset points", ha="center", va="top", fontsize=8)
    for name, (x, y) in NEURONS.items():
        ax.add_artist(Circle((x, y), 0.3, facecolor="white" if name[0] != "b" else "0.92",
                             edgecolor="black", zorder=3))
        ax.text(x, y, name, ha="center", va="center", fontsize=11, zorder=4)
    ax.set_xlim(-0.5, 6.5)
    ax.set_ylim(-2.5, 2.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax.figure


def _edge(ax, name, start, end, weight, gradients, biggest):
    (x0, y0), (x1, y1) = NEURONS[start], NEURONS[end]
    label = f"{name} = {weight:.4g}"
    colour, width = "0.3", 1.2
    if gradients:
        grad = gradients.of(name)
        colour = ASCENT if grad > 0 else DESCENT
        width = 0.8 + 3 * math.sqrt(abs(grad) / biggest) if biggest else 0.6
        label += f"\n∂E/∂{name} = {grad:+.3g}"
    _line(ax, (x0, y0), (x1, y1), colour, width, "-")
    t = LABEL_AT[name]
    ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), label, ha="center", va="center", fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            zorder=2)


def _line(ax, start, end, colour, width, style):
    # add_artist, not plot/add_patch: the limits are fixed, so no autoscaling work on every redraw.
    ax.add_artist(Line2D([start[0], end[0]], [start[1], end[1]], color=colour, linewidth=width,
                         linestyle=style, zorder=1))
