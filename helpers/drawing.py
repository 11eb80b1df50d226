"""Every figure: network, loss curves and computational graph as SVG; the decision boundary with matplotlib."""
import math
from base64 import b64encode
from html import escape

from .autodiff import Value, topological_order
from .example import BIAS_EDGES, EDGES, EXAMPLE, PARAMS, Params
from .network import Gradients
from .validate import finite_number, instance, sequence

# Colour-blind safe (Okabe-Ito) colours; an SVG shown inline takes the theme's own colours.
POSITIVE, NEGATIVE, GREEN = "#D55E00", "#0072B2", "#009E73"
INK, PAPER = "var(--jp-content-font-color1,#222)", "var(--jp-layout-color0,#fff)"
NEURONS = {"i1": (40, 45), "i2": (40, 200), "h1": (235, 45), "h2": (235, 200), "o1": (430, 45), "o2": (430, 200),
           "b1": (137, 265), "b2": (332, 265)}
# Where along an edge its label sits: crossing edges get different spots so labels never overlap.
LABEL_AT = {"w1": 0.5, "w2": 0.25, "w3": 0.25, "w4": 0.5, "w5": 0.5, "w6": 0.75, "w7": 0.75, "w8": 0.5}
CURVE_STYLES = ((NEGATIVE, "", 3.0), (POSITIVE, "7 5", 2.0), (GREEN, "2 4", 2.0))


class Picture:
    """An SVG figure (`.svg`) with a sentence saying what it shows: its text form and alternative text."""

    def __init__(self, width, height, body, description):
        self.description = description
        self.svg = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
                    f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" '
                    f'style="color:{INK}"><title>{escape(description)}</title>'
                    f'<rect width="100%" height="100%" style="fill:{PAPER}"/>{"".join(body)}</svg>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        # An <img> of the SVG, which JupyterLab shows even in a notebook it does not trust (bare SVG it would not).
        image = b64encode(self.svg.encode()).decode()
        return {"text/html": f'<img src="data:image/svg+xml;base64,{image}" alt="{escape(self.description)}">',
                "text/plain": self.description}


def _text(x, y, text, anchor="middle", size=12, weight="normal", colour="currentColor"):
    """Text with a halo of the background colour, so it stays readable where it crosses a line."""
    lines = text.split("\n")
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if k == 0 else 1.2}em">{escape(line)}</tspan>'
                    for k, line in enumerate(lines))
    top = y - 0.6 * size * (len(lines) - 1)
    return (f'<text x="{x:.1f}" y="{top:.1f}" text-anchor="{anchor}" dominant-baseline="central" font-size="{size}" '
            f'font-weight="{weight}" fill="{colour}" stroke-width="4" stroke-linejoin="round" paint-order="stroke" '
            f'style="stroke:{PAPER}">{spans}</text>')


def _line(points, colour="currentColor", width=1.0, dashes=""):
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width:.2f}"{dash}/>'


def draw_network(params=EXAMPLE, gradients=None):
    """The 2-2-2 network with each weight's value; with `gradients`, each edge also shows dE_total/dw, its colour
    the sign (orange: positive, so descent lowers the weight; blue: negative), its width the size."""
    instance("params", params, Params, PARAMS)
    if gradients is not None:
        instance("gradients", gradients, Gradients, "None or the Gradients that backward(...) returns")
    biggest = max(abs(gradients.of(w)) for w in EDGES) if gradients else 0  # the widest edge's gradient
    edges = [_edge(name, getattr(params, name), gradients, biggest) for name in EDGES]
    body = [line for line, _ in edges]
    for bias, ends in BIAS_EDGES.items():
        body += [_line((NEURONS[bias], NEURONS[end]), "#999", 1.2, "4 3") for end in ends]
    body += [label for _, label in edges]  # labels over every line
    for name, (x, y) in NEURONS.items():
        fill = "#bbb" if name[0] == "b" else PAPER
        body.append(f'<circle cx="{x}" cy="{y}" r="17" stroke="currentColor" stroke-width="1.5" '
                    f'style="fill:{fill}"/>' + _text(x, y, name, size=13, weight="bold"))
    for bias in BIAS_EDGES:
        x, y = NEURONS[bias]
        grad = f"\n∂E/∂{bias} = {gradients.of(bias):+.3g}" if gradients else ""
        body.append(_text(x, y + 34, f"{bias} = {getattr(params, bias):.4g}{grad}"))
    if gradients:
        body += _legend(8, 330)
    return Picture(470, 342 if gradients else 312, body, _describe_network(gradients))


def _edge(name, weight, gradients, biggest):
    (x0, y0), (x1, y1) = NEURONS[EDGES[name][0]], NEURONS[EDGES[name][1]]
    label, colour, width = f"{name} = {weight:.4g}", "currentColor", 1.5
    if gradients:
        grad = gradients.of(name)
        colour = POSITIVE if grad > 0 else NEGATIVE
        width = 1 + 5 * math.sqrt(abs(grad) / biggest) if biggest else 1
        label += f"\n∂E/∂{name} = {grad:+.3g}"
    t = LABEL_AT[name]
    return _line(((x0, y0), (x1, y1)), colour, width), _text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), label)


def _legend(x, y):
    return [_line(((x, y), (x + 24, y)), POSITIVE, 4), _text(x + 30, y, "∂E/∂w > 0: descent lowers w", "start"),
            _line(((x + 235, y), (x + 259, y)), NEGATIVE, 4), _text(x + 265, y, "< 0: raises w", "start"),
            _text(x + 455, y, "width: size", "end")]


def _describe_network(gradients):
    up = ", ".join(w for w in EDGES if gradients and gradients.of(w) > 0) or "none"
    return ("The 2-2-2 network: inputs i1, i2, hidden units h1, h2, outputs o1, o2, each edge labelled with its weight"
            + (f" and its gradient; positive gradients (orange): {up}, the others blue." if gradients else "."))


def draw_loss_curves(curves, title=None, width=440, height=230):
    """E_total after each update on a log scale, one line per run: `curves` maps a label to its errors
    (before any update, then after each). Lines differ in colour, dashes and width, so equal ones both show."""
    if not isinstance(curves, dict) or not 1 <= len(curves) <= len(CURVE_STYLES):
        raise TypeError(f"curves must be a dict of 1 to {len(CURVE_STYLES)} label -> errors, got {curves!r:.60}")
    runs = {label: _curve(label, errors) for label, errors in curves.items()}
    steps = max(len(errors) for errors in runs.values()) - 1
    low, high = (math.log10(f(map(f, runs.values()))) for f in (min, max))
    low, high = (low - 0.1, high + 0.1) if high - low > 0.02 else (low - 0.5, high + 0.5)
    left, right, top, bottom = 62, width - 28, 28, height - 40
    x_at = lambda k: left + (right - left) * k / max(steps, 1)  # noqa: E731
    y_at = lambda v: bottom - (bottom - top) * (math.log10(v) - low) / (high - low)  # noqa: E731
    body = [_text((left + right) / 2, 12, title or f"E_total over {steps:,} update{'s' * (steps != 1)}", size=13),
            _line(((left, top), (left, bottom), (right, bottom))),
            _text((left + right) / 2, height - 10, "updates"), _text(14, (top + bottom) / 2, "E_total", size=12)
            .replace("<text ", f'<text transform="rotate(-90 14 {(top + bottom) / 2:.1f})" ')]
    for k in _x_ticks(steps):
        body += [_line(((x_at(k), bottom), (x_at(k), bottom + 4))), _text(x_at(k), bottom + 13, f"{k:,}")]
    for value in _y_ticks(low, high):
        body += [_line(((left, y_at(value)), (right, y_at(value))), "#888", 0.5, "2 3"),
                 _text(left - 4, y_at(value), f"{value:.3g}", "end")]
    for (label, errors), (colour, dashes, thickness), row in zip(runs.items(), CURVE_STYLES, range(3)):
        keep = sorted({*range(0, len(errors), max(1, len(errors) // 400)), len(errors) - 1})  # about 1 per pixel
        body.append(_line([(x_at(k), y_at(errors[k])) for k in keep], colour, thickness, dashes))
        if len(runs) > 1:
            body += [_line(((right - 190, top + 8 + 16 * row), (right - 166, top + 8 + 16 * row)), colour, thickness,
                           dashes), _text(right - 160, top + 8 + 16 * row, label, "start", size=11)]
    ends = "; ".join(f"{label}: from {e[0]:.3g} to {e[-1]:.3g}" for label, e in runs.items())
    return Picture(width, height, body, f"E_total after each of {steps:,} updates, log scale. {ends}.")


def _x_ticks(steps):
    raw = max(steps, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 5, 10) if s * magnitude >= raw)
    return list(range(0, steps + 1, max(int(step), 1)))


def _y_ticks(low, high):
    """Powers of ten in range; when fewer than two fit, three values spread over the range."""
    decades = [10.0 ** k for k in range(math.ceil(low), math.floor(high) + 1)]
    step = max(1, len(decades) // 6 + 1)
    return decades[::step] if len(decades) >= 2 else [10 ** (low + (high - low) * f) for f in (0.2, 0.5, 0.8)]


def draw_graph(root):
    """The graph `root` was computed from, inputs on top: label (or operation), value and gradient of each node."""
    instance("root", root, Value, "the autodiff Value to draw the graph of")
    order = topological_order(root)
    level, rows = _levels(order), {}
    for node in order:
        rows.setdefault(level[id(node)], []).append(node)
    tallest = max(len(nodes) for nodes in rows.values())
    where = {id(node): (60 + 112 * (k + (tallest - len(nodes)) / 2), 32 + 74 * row)  # inputs on top
             for row, nodes in rows.items() for k, node in enumerate(nodes)}
    body = ['<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#888"/></marker></defs>']
    for node in order:
        for parent in node.parents:
            (x0, y0), (x1, y1) = where[id(parent)], where[id(node)]
            body.append(f'<line x1="{x0:.1f}" y1="{y0 + 26}" x2="{x1:.1f}" y2="{y1 - 26}" stroke="#888" '
                        f'stroke-width="1.2" marker-end="url(#arrow)"/>')
    for node in order:
        x, y = where[id(node)]
        fill = "#ddd" if not node.parents else "#cfe0f5" if node.label else "#fff"
        body.append(f'<rect x="{x - 50}" y="{y - 26}" width="100" height="52" rx="6" fill="{fill}" stroke="#555"/>'
                    + _text(x, y, f"{node.label or node.op}\n{node.value:.4g}\ngrad {node.grad:.3g}", size=11,
                            colour="#111").replace(f"stroke:{PAPER}", f"stroke:{fill}"))
    description = (f"The computational graph of {root.label or 'the result'}: {len(order)} nodes in "
                   f"{len(rows)} rows, inputs at the top, each box with its value and gradient.")
    return Picture(112 * tallest + 8, 74 * len(rows), body, description)


def _levels(order):
    """Each node's row: an operation sits one below its furthest operation parent (row 1 if it only
    reads leaves); a leaf sits one above the first node that uses it."""
    column = {}
    for node in order:  # parents come first in a topological order
        if node.parents:
            column[id(node)] = 1 + max((column[id(p)] for p in node.parents if p.parents), default=0)
    for node in reversed(order):
        if not node.parents:
            column[id(node)] = min((column[id(user)] for user in order if node in user.parents), default=1) - 1
    return column


def _curve(label, errors):
    """One run's errors as checked floats, at least 1e-300 for the log scale."""
    errors = sequence(f"curves[{label!r}]", errors, "a list of errors")
    return [max(finite_number(f"curves[{label!r}] entries", error), 1e-300) for error in errors]


def draw_decision_boundary(network, ax, title=""):
    """Shade the plane by the network's output, draw the 0.5 contour and mark the four rows (o: 1, x: 0)."""
    import numpy as np  # here, not above: the lab, which draws no boundary, opens sooner without numpy

    from .mlp import NETWORK, Network
    from .xor import XOR_TARGET, XOR_X
    instance("network", network, Network, NETWORK)
    grid = np.linspace(-0.5, 1.5, 161)
    g1, g2 = np.meshgrid(grid, grid)
    out = network.forward(np.column_stack([g1.ravel(), g2.ravel()])).output.reshape(g1.shape)
    shading = ax.contourf(g1, g2, out, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.8)
    ax.contour(g1, g2, out, levels=[0.5], colors="black", linewidths=1.5)
    for (i1, i2), (target,) in zip(XOR_X, XOR_TARGET):
        ax.scatter(i1, i2, s=120, marker="o" if target else "X", color="white", edgecolors="black", zorder=3)
    ax.set(xlabel="input 1", ylabel="input 2", aspect="equal", title=title)
    return shading
