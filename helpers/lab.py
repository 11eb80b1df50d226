"""The interactive lab: a slider for every weight, bias and the learning rate, redrawing all that they change."""
import html
import math
import threading

import ipywidgets as widgets

from .drawing import draw_loss_curves, draw_network
from .example import EXAMPLE, LEARNING_RATE, PARAMETER_NAMES, VALUE_NAMES, WEIGHT_NAMES, Params
from .network import VARIANTS, backward, forward, train_step
from .reproduce import named_values
from .table import Table
from .validate import number_in, one_of, whole_number

PARAMETER_RANGE = (-20.0, 20.0)
LEARNING_RATE_RANGE = (0.01, 100.0)
LEARNING_RATE_STEP = 0.05  # one arrow key press: a factor of 10**0.05, about 1.12
MAX_STEPS = 10_000
VARIANT_TIPS = ("hidden layer uses the original w5..w8, as the example's text describes",
                "hidden layer uses the already-updated w5..w8, as behind the published training figures")
SATURATED_SLOPE = 0.001  # out(1 - out) below this: a unit passes back under 1/250 of its best slope
STALLED = 0.01  # E_total fell by less than 1% over the second half of training
STYLE = """<style>.lab-variant .mod-active {background:#0072B2 !important; color:#fff !important; font-weight:bold}
.lab-message {border-radius:4px; padding:0 8px} .lab .widget-html-content {line-height:1.35}</style>"""
ALL_WELL = "✓ Every unit passes gradient back, and training runs without overshooting or stalling."
PREPARING = "sympy is writing the training loop; the training results follow in a moment."
RUN_FIRST = "The lab appears here once the notebook runs: choose Run → Run All Cells."


def numbers(params, learning_rate, steps, variant, fast):
    """The lab's numbers by section (name -> value), the forward pass, gradients and run (None until `fast` is set)."""
    fp = forward(params)
    grads = backward(params, fp)
    run = fast.train(params, steps, learning_rate, variant) if fast else None  # divergence: a clear ValueError
    named = named_values(fp, grads, train_step(params, learning_rate, variant), run)
    sections = {"Forward pass": VALUE_NAMES, "Gradients": [f"dE_total/d{name}" for name in PARAMETER_NAMES],
                "After one update": [f"{name}_new" for name in WEIGHT_NAMES] + ["E_total_after_1_update"]}
    if run:
        after = ("E_total", "out_o1", "out_o2")
        sections[f"After {steps:,} updates"] = [f"{value}_after_{steps}_updates" for value in after]
    return {title: {name: named[name] for name in names} for title, names in sections.items()}, fp, grads, run


def messages(fp, run):
    """Plain sentences about saturated units and training that overshoots or stalls ([] when all is well)."""
    steps, errors = len(run.errors) - 1, run.errors
    before = _saturated(fp)
    said = [f"{unit} is saturated: {_slope(fp, unit)} Almost no gradient passes back through it." for unit in before]
    said += [f"Training saturated {unit}: after {steps:,} updates {_slope(run.final, unit)}"
             for unit in _saturated(run.final) if unit not in before]
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


def _placeholder(width, height, text):
    """A box the size of a figure, saying why the figure is not there (so nothing else moves)."""
    return (f"<div style='width:{width}px;height:{height}px;display:flex;align-items:center;justify-content:center;"
            f"border:1px dashed #888'>{html.escape(text)}</div>")


def _tables(sections):
    tables = (Table(("", ""), [(name, f"{value:.9g}") for name, value in rows.items()], title)
              for title, rows in sections.items())
    return ("<div style='display:flex;flex-wrap:wrap;align-items:flex-start;gap:6px 24px;font-size:12px'>"
            + "".join(table._repr_html_() for table in tables) + "</div>")


class Lab:
    """The lab's widgets. `Lab().widget` is what a notebook displays."""

    def __init__(self):
        self.sliders = {name: self._slider(widgets.FloatSlider, name, getattr(EXAMPLE, name), *PARAMETER_RANGE,
                                           0.01, readout_format=".2f") for name in PARAMETER_NAMES}
        self.learning_rate = self._slider(widgets.FloatLogSlider, "learning rate", LEARNING_RATE,
                                          *map(math.log10, LEARNING_RATE_RANGE),
                                          LEARNING_RATE_STEP, base=10, readout_format=".3g", continuous_update=False)
        self.steps = self._slider(widgets.IntSlider, "steps", MAX_STEPS, 1, MAX_STEPS, 1, continuous_update=False)
        self.variant = widgets.ToggleButtons(options=list(VARIANTS), tooltips=list(VARIANT_TIPS), description="update",
                                             style={"description_width": "90px", "button_width": "105px"},
                                             layout={"width": "340px"})
        self.reset_button = widgets.Button(description="Reset to the worked example", icon="undo",
                                           layout={"width": "330px"})
        parts = ("key-numbers", "message", "numbers", "diagram", "curve")
        self.key_numbers, self.message, self.numbers, self.diagram, self.curve = (
            widgets.HTML().add_class(f"lab-{part}") for part in parts)
        self._lock, self._paused, self._drawn_params, self._fast = threading.RLock(), False, None, None
        for control in (*self.sliders.values(), self.learning_rate, self.steps, self.variant):
            control.observe(self.refresh, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.widget = self._layout()
        self.refresh()
        self.preparing = threading.Thread(target=self._train_when_ready, daemon=True)
        self.preparing.start()

    def _ipython_display_(self):
        """The widget, and for a notebook opened without running it, a sentence instead of the widget's repr."""
        from IPython.display import display
        view = {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}
        display({"application/vnd.jupyter.widget-view+json": view, "text/plain": RUN_FIRST}, raw=True)

    @staticmethod
    def _slider(kind, name, value, low, high, step, **options):
        options.setdefault("continuous_update", True)  # a redraw is quick enough to follow a drag
        return kind(value=value, min=low, max=high, step=step, description=name, layout={"width": "330px"},
                    style={"description_width": "90px"}, **options).add_class(f"lab-{name.replace(' ', '-')}")

    def _layout(self):
        controls = widgets.VBox([*self.sliders.values(), self.learning_rate, self.steps, self.variant.add_class(
            "lab-variant"), self.reset_button, self.key_numbers, self.message], layout={"width": "340px"})
        figures = widgets.VBox([self.diagram, self.curve], layout={"width": "480px"})
        self.numbers.layout.flex = "1 1 280px"  # beside the figures when there is room, else below them
        row = widgets.HBox([controls, figures, self.numbers], layout={"flex_flow": "row wrap", "align_items":
                                                                       "flex-start", "grid_gap": "4px 12px"})
        return widgets.VBox([widgets.HTML(STYLE), row]).add_class("lab")

    def _train_when_ready(self):
        """Import helpers.fast and let sympy write both training loops (about a second), then show the training."""
        from . import fast
        for variant in VARIANTS:
            fast.train_loop(variant)
        self._fast = fast
        self.refresh()

    @property
    def params(self):
        return Params(**{name: slider.value for name, slider in self.sliders.items()})

    def reset(self):
        """Every control back to the worked example: its weights and biases, learning rate 0.5, 10,000 steps."""
        self.set(**EXAMPLE.as_dict(), learning_rate=LEARNING_RATE, steps=MAX_STEPS, variant="described")

    def set(self, **values):
        """Move several controls at once, redrawing once: lab.set(w5=1.0, learning_rate=2)."""
        controls = {**self.sliders, "learning_rate": self.learning_rate, "steps": self.steps, "variant": self.variant}
        unknown = sorted(set(values) - set(controls))
        if unknown:
            raise TypeError(f"Lab.set() got unknown argument(s) {unknown}; expected some of {list(controls)}")
        for name, value in values.items():
            if name == "variant":
                one_of("variant", value, VARIANTS)
            elif name == "steps":
                whole_number("steps", value, 1, MAX_STEPS)
            else:
                low, high = LEARNING_RATE_RANGE if name == "learning_rate" else PARAMETER_RANGE
                number_in(name, value, low, high)
        self._paused = True
        try:
            for name, value in values.items():
                controls[name].value = value
        finally:
            self._paused = False
        self.refresh()

    def refresh(self, change=None):
        """Recompute everything from the controls and redraw; values that cannot be computed leave only a message."""
        if self._paused:
            return
        with self._lock:  # the background thread refreshes too, once training is ready
            try:
                params = self.params
                sections, fp, grads, run = numbers(params, self.learning_rate.value, self.steps.value,
                                                   self.variant.value, self._fast)
            except (ArithmeticError, ValueError) as error:
                self._show_nothing(f"These values cannot be computed: {error}")
                return
            self._show(sections, params, grads, run)
            said = messages(fp, run) if run else []
            self._say([f"⚠ {sentence}" for sentence in said] or [ALL_WELL if run else PREPARING], bool(said))
            at_example = (params, self.learning_rate.value, self.steps.value, self.variant.value) == (
                EXAMPLE, LEARNING_RATE, MAX_STEPS, "described")
            self.reset_button.disabled = at_example  # its label says the state too, as greying is faint in dark themes
            self.reset_button.description = "At the worked example" if at_example else "Reset to the worked example"

    def _show(self, sections, params, grads, run):
        steps = self.steps.value
        after = f"after {steps:,} update{'s' * (steps != 1)}"
        key = {"E_total": sections["Forward pass"]["E_total"],
               "E_total after 1 update": sections["After one update"]["E_total_after_1_update"]}
        if run:
            trained = sections[f"After {steps:,} updates"]
            key.update({f"{name} {after}": trained[f"{name}_after_{steps}_updates"]
                        for name in ("E_total", "out_o1", "out_o2")})
        rows = [(name, f"{value:.9g}") for name, value in key.items()] + [("training", "being prepared…")] * (not run)
        self.key_numbers.value = Table(("", ""), rows)._repr_html_()
        self.numbers.value = _tables(sections)
        if params != self._drawn_params:  # only the learning rate, steps or variant changed: same diagram
            self.diagram.value = draw_network(params, grads).svg
            self._drawn_params = params
        self.curve.value = (draw_loss_curves({self.variant.value: run.errors}, f"E_total {after}, {self.variant.value}")
                            .svg if run else _placeholder(440, 230, "training loop being written…"))

    def _say(self, sentences, warning):
        self.message.value = "".join(f"<p>{html.escape(sentence)}</p>" for sentence in sentences)
        self.message.layout.border = f"2px solid {'#E69F00' if warning else '#009E73'}"

    def _show_nothing(self, sentence):
        self._say([f"⚠ {sentence}"], True)
        self.message.layout.border = "2px solid #D55E00"
        self.key_numbers.value = self.numbers.value = ""
        self.diagram.value, self.curve.value = _placeholder(470, 342, "no diagram"), _placeholder(440, 230, "no curve")
        self._drawn_params = None
