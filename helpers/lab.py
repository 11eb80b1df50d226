"""The interactive lab: a slider for every weight, bias and the learning rate, and all they change.

Every change recomputes the forward pass, every gradient, the weights after one update and a whole
training run (helpers.fast), then redraws the network with its gradients and the loss curve.
Both figures and their axes are made once: a change redraws the network into the same axes (only
when a weight or bias moved) and gives the loss curve's line new data, then renders each as SVG.
"""
import html
import io
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from . import fast
from .diagram import draw_network
from .example import EXAMPLE, LEARNING_RATE, PARAMETER_NAMES, WEIGHT_NAMES, Params
from .network import backward, forward, train_step

PARAMETER_RANGE = (-20.0, 20.0)
LEARNING_RATE_RANGE = (0.05, 100.0)
MAX_STEPS = 10_000
VARIANTS = (("as the text describes", "described"), ("as the published figures", "published"))
SATURATED_SLOPE = 0.001  # out(1 - out) below this: a unit passes back under 1/250 of its best slope
STALLED = 0.01  # E_total fell by less than 1% over the second half of training


def numbers(params, learning_rate, steps, hidden_uses):
    """Everything the lab shows as numbers, by section (name -> value); then the forward pass, the
    gradients and the training run they come from."""
    fp = forward(params)
    grads = backward(params, fp)
    stepped = train_step(params, learning_rate, hidden_uses)
    run = fast.train(params, steps, learning_rate, hidden_uses)
    final = run.final
    return {
        "Forward pass": {name: getattr(fp, name) for name in
                         ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2",
                          "E_o1", "E_o2", "E_total")},
        "Gradients": {f"dE_total/d{name}": grads.of(name) for name in PARAMETER_NAMES},
        "After one update": {**{f"{name}_new": getattr(stepped, name) for name in WEIGHT_NAMES},
                             "E_total_after_1_update": forward(stepped).E_total},
        f"After {steps:,} updates": {f"E_total_after_{steps}_updates": run.errors[-1],
                                     f"out_o1_after_{steps}_updates": final.out_o1,
                                     f"out_o2_after_{steps}_updates": final.out_o2},
    }, fp, grads, run


def warnings(fp, run):
    """Plain sentences about saturated units and training that overshoots or stalls ([] when all is well)."""
    steps, errors = len(run.errors) - 1, run.errors
    said = [f"{unit} is saturated: {_slope(fp, unit)} Almost no gradient passes back through it."
            for unit in _saturated(fp)]
    said += [f"Training saturated {unit}: after {steps:,} updates {_slope(run.final, unit)}"
             for unit in _saturated(run.final) if unit not in _saturated(fp)]
    rises = sum(later > earlier * (1 + 1e-9) for earlier, later in zip(errors, errors[1:]))
    if rises:
        said.append(f"E_total went up on {rises:,} of the {steps:,} updates (from {errors[0]:.4g} it ended at "
                    f"{errors[-1]:.4g}): the learning rate is so large that steps overshoot.")
    elif steps >= 2 and errors[-1] > 1e-6 and errors[steps // 2] - errors[-1] < STALLED * errors[steps // 2]:
        said.append(f"Training stalls: over the last {steps - steps // 2:,} updates E_total fell by less than "
                    f"{STALLED:.0%} and is still {errors[-1]:.4g}. Saturated units or a tiny learning rate do that.")
    return said


def _saturated(fp):
    return [unit for unit in ("h1", "h2", "o1", "o2") if _slope_of(fp, unit) < SATURATED_SLOPE]


def _slope_of(fp, unit):
    out = getattr(fp, "out_" + unit)
    return out * (1 - out)


def _slope(fp, unit):
    return (f"net_{unit} = {getattr(fp, 'net_' + unit):.3g}, so out_{unit} = {getattr(fp, 'out_' + unit):.9g} "
            f"and its slope out_{unit}(1 − out_{unit}) is {_slope_of(fp, unit):.2g}.")


def _table(title, rows):
    cells = "".join(f"<tr><td>{html.escape(name)}</td><td style='text-align:right'>{value:.9g}</td></tr>"
                    for name, value in rows.items())
    return (f"<table style='font-variant-numeric:tabular-nums'><caption><b>{html.escape(title)}</b></caption>"
            f"{cells}</table>")


def _svg(figure):
    buffer = io.BytesIO()
    # Text stays text (smaller, faster); fixed ids and no date make the same figure give the same bytes.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lab"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


class Lab:
    """The lab's widgets. `Lab().widget` is what a notebook displays."""

    def __init__(self, steps=MAX_STEPS):
        self.sliders = {name: self._slider(name, getattr(EXAMPLE, name), *PARAMETER_RANGE, 0.01)
                        for name in PARAMETER_NAMES}
        self.learning_rate = self._slider("learning rate", LEARNING_RATE, *LEARNING_RATE_RANGE, 0.05)
        self.learning_rate.add_class("lab-learning-rate")  # class names let a browser test find the parts
        self.steps = widgets.IntSlider(steps, 1, MAX_STEPS, description="steps", continuous_update=False,
                                       style={"description_width": "initial"})
        self.hidden_uses = widgets.ToggleButtons(options=VARIANTS, description="hidden layer uses w5..w8",
                                                 style={"description_width": "initial", "button_width": "auto"})
        self.reset_button = widgets.Button(description="Reset to the worked example", icon="undo",
                                           layout={"width": "auto"})
        self.numbers = widgets.HTML().add_class("lab-numbers")
        self.message = widgets.HTML(layout={"width": "320px"}).add_class("lab-message")
        self.diagram = widgets.Image(format="svg+xml", layout={"width": "560px"})
        self.curve = widgets.Image(format="svg+xml", layout={"width": "480px"})
        self._diagram_figure = Figure(figsize=(8, 4.6))
        self._diagram_ax = self._diagram_figure.add_axes((0, 0, 1, 1))
        self._drawn_params = None
        self._curve_figure, self._line = self._new_curve()
        self._paused = False
        for control in (*self.sliders.values(), self.learning_rate, self.steps, self.hidden_uses):
            control.observe(self.refresh, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.widget = self._layout()
        for _, variant in VARIANTS:  # let sympy write both training loops now, not on the first switch
            fast.train_loop(variant)
        self.refresh()

    @staticmethod
    def _slider(name, value, low, high, step):
        return widgets.FloatSlider(value, min=low, max=high, step=step, description=name, readout_format=".2f",
                                   continuous_update=False, style={"description_width": "initial"})

    def _new_curve(self):
        figure = Figure(figsize=(6, 3.6))
        ax = figure.add_axes((0.14, 0.14, 0.82, 0.76))  # fixed margins: no layout pass on every redraw
        (line,) = ax.plot([0], [1], color="tab:blue")
        ax.set_yscale("log")
        # Few ticks, plain-text labels (no mathtext): ticks are most of the time a redraw takes.
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        ax.yaxis.set_major_locator(LogLocator(numticks=6))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.set_xlabel("updates")
        ax.set_ylabel("E_total")
        ax.grid(True, which="major", alpha=0.4)
        return figure, line

    def _layout(self):
        parameters = widgets.VBox([self.sliders[name] for name in PARAMETER_NAMES])
        controls = widgets.HBox([self.learning_rate, self.steps])
        return widgets.VBox([
            widgets.HBox([parameters, self.diagram]),
            controls,
            widgets.HBox([self.hidden_uses, self.reset_button]),
            widgets.HBox([self.numbers, self.curve, self.message]),
        ])

    @property
    def params(self):
        """The network the sliders describe."""
        return Params(**{name: slider.value for name, slider in self.sliders.items()})

    @contextmanager
    def _paused_refresh(self):
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
        self.refresh()

    def reset(self):
        """Every control back to the worked example: its weights and biases, learning rate 0.5, 10,000 steps."""
        with self._paused_refresh():
            for name, slider in self.sliders.items():
                slider.value = getattr(EXAMPLE, name)
            self.learning_rate.value = LEARNING_RATE
            self.steps.value = MAX_STEPS
            self.hidden_uses.value = "described"

    def set(self, **values):
        """Move several controls at once, redrawing once: lab.set(w5=1.0, learning_rate=2)."""
        controls = {**self.sliders, "learning_rate": self.learning_rate, "steps": self.steps,
                    "hidden_uses": self.hidden_uses}
        with self._paused_refresh():
            for name, value in values.items():
                controls[name].value = value

    def refresh(self, change=None):
        """Recompute everything from the controls and redraw; bad values give a message, not an error."""
        if self._paused:
            return
        try:
            params = self.params
            sections, fp, grads, run = numbers(params, self.learning_rate.value, self.steps.value,
                                               self.hidden_uses.value)
        except (ArithmeticError, ValueError) as error:
            self.message.value = f"<p><b>These values cannot be computed:</b> {html.escape(str(error))}</p>"
            return
        self.numbers.value = "<div style='display:flex;gap:1.5em;flex-wrap:wrap'>" + "".join(
            _table(title, rows) for title, rows in sections.items()) + "</div>"
        self._draw_diagram(params, grads)
        self._draw_curve(run.errors)
        said = warnings(fp, run)
        self.message.value = "".join(f"<p>⚠ {html.escape(sentence)}</p>" for sentence in said)

    def _draw_diagram(self, params, grads):
        if params == self._drawn_params:  # only the learning rate, steps or variant changed
            return
        ax = self._diagram_ax
        for artist in (*ax.lines, *ax.patches, *ax.texts):  # quicker than ax.clear(), which resets the axes too
            artist.remove()
        draw_network(params, grads, ax=ax)
        self.diagram.value = _svg(self._diagram_figure)
        self._drawn_params = params

    def _draw_curve(self, errors):
        ax = self._line.axes
        values = np.maximum(np.asarray(errors), np.finfo(float).tiny)  # a log axis needs E_total > 0
        self._line.set_data(np.arange(len(values)), values)
        ax.set_xlim(0, max(len(values) - 1, 1))
        low, high = values.min(), values.max()
        ax.set_ylim(low / 1.5, high * 1.5)
        variant = dict((uses, label) for label, uses in VARIANTS)[self.hidden_uses.value]
        ax.set_title(f"E_total over {len(values) - 1:,} updates, {variant}", fontsize=10)
        self.curve.value = _svg(self._curve_figure)
