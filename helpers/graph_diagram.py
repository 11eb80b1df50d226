"""A computational graph of `autodiff.Value`s drawn with matplotlib, each node with its value and gradient."""
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch

from .autodiff import topological_order

LEAF, OPERATION, NAMED = "0.93", "white", "#e8f0fb"


def draw_graph(root, ax=None, width=0.8, height=0.42):
    """Draw every node `root` was computed from, inputs on the left, `root` on the right.

    A node's column is its distance from the inputs (a leaf sits just left of the first node that
    uses it); within a column, nodes keep the order in which the computation made them. Each box
    shows the node's label (or its operation), its value and its gradient.
    """
    order = topological_order(root)
    column = _columns(order)
    rows = {}
    for node in order:
        rows.setdefault(column[id(node)], []).append(node)
    tallest = max(len(nodes) for nodes in rows.values())
    if ax is None:
        ax = plt.subplots(figsize=(1.25 * (max(rows) + 1), 0.62 * tallest + 0.4))[1]
    where = {}
    for col, nodes in rows.items():
        for k, node in enumerate(nodes):
            where[id(node)] = (col, (len(nodes) - 1) / 2 - k)
    for node in order:
        for parent in node.parents:
            (x0, y0), (x1, y1) = where[id(parent)], where[id(node)]
            ax.add_patch(FancyArrowPatch((x0 + width / 2, y0), (x1 - width / 2, y1), arrowstyle="-|>",
                                         mutation_scale=7, color="0.55", linewidth=0.7, shrinkA=0, shrinkB=0))
    for node in order:
        x, y = where[id(node)]
        fill = LEAF if not node.parents else NAMED if node.label else OPERATION
        title = node.label or node.op
        ax.text(x, y, f"{title}\n{node.value:.4g}\ngrad {node.grad:.3g}", ha="center", va="center", fontsize=6.5,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": fill, "edgecolor": "0.35", "linewidth": 0.6})
    ax.set_xlim(-0.6, max(rows) + 0.6)
    ax.set_ylim(-tallest / 2 - 0.1, tallest / 2 + 0.1)
    ax.axis("off")
    return ax.figure


def _columns(order):
    """Each node's column: an operation sits one right of its furthest operation parent (column 1 if
    it only reads leaves); a leaf sits one left of the first node that uses it."""
    column = {}
    for node in order:  # parents come first in a topological order
        if node.parents:
            column[id(node)] = 1 + max((column[id(p)] for p in node.parents if p.parents), default=0)
    for node in reversed(order):
        if not node.parents:
            column[id(node)] = min(column[id(user)] for user in order if node in user.parents) - 1
    return column
