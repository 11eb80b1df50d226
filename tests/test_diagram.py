"""The network diagram: every weight labelled, and with gradients, edges coloured by the gradient's sign."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import EXAMPLE, WEIGHT_NAMES, backward, forward  # noqa: E402
from helpers.diagram import EDGES, NEURONS, draw_network  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _texts(figure):
    return [text.get_text() for ax in figure.axes for text in ax.texts]


def _edge_line(figure, name):
    """The solid line drawn for weight `name`, found by where it starts and ends."""
    (x0, y0), (x1, y1) = NEURONS[EDGES[name][0]], NEURONS[EDGES[name][1]]
    lines = [line for line in figure.axes[0].lines if line.get_linestyle() == "-"
             and list(line.get_xdata()) == [x0, x1] and list(line.get_ydata()) == [y0, y1]]
    assert len(lines) == 1, name
    return lines[0]


def _is_red(colour):
    r, g, b, _ = to_rgba(colour)
    return r > 0.6 and b < 0.4


def _is_blue(colour):
    r, g, b, _ = to_rgba(colour)
    return b > 0.6 and r < 0.4


def test_the_diagram_labels_all_eight_weights_with_their_values():
    params = EXAMPLE.replace(w1=0.123, w8=-2.5)
    figure = draw_network(params)
    assert isinstance(figure, Figure)
    texts = _texts(figure)
    expected = {"w1": "0.123", "w2": "0.2", "w3": "0.25", "w4": "0.3", "w5": "0.4", "w6": "0.45", "w7": "0.5",
                "w8": "-2.5"}
    for name, value in expected.items():
        assert [t for t in texts if t.split("\n")[0] == f"{name} = {value}"], name
    assert sum(t.startswith("w") and " = " in t for t in texts) == 8
    assert [t for t in texts if t.startswith("b1 = 0.35")] and [t for t in texts if t.startswith("b2 = 0.6")]
    assert {"i1", "i2", "h1", "h2", "o1", "o2"} <= set(texts)
    assert not any("∂E" in t for t in texts)


def test_with_gradients_each_label_shows_the_gradient_and_the_edge_colour_follows_its_sign():
    grads = backward(EXAMPLE, forward())
    figure = draw_network(EXAMPLE, grads)
    texts = _texts(figure)
    # w1..w6 have positive gradients at the example, w7 and w8 negative ones.
    for name in WEIGHT_NAMES:
        label = next(t for t in texts if t.startswith(f"{name} = "))
        assert f"∂E/∂{name} = {grads.of(name):+.3g}" in label
        colour = _edge_line(figure, name).get_color()
        assert _is_red(colour) if name in ("w1", "w2", "w3", "w4", "w5", "w6") else _is_blue(colour), name


def test_swapping_the_targets_flips_every_colour():
    fp = forward(EXAMPLE, target_o1=0.99, target_o2=0.01)
    grads = backward(EXAMPLE, fp, target_o1=0.99, target_o2=0.01)
    figure = draw_network(EXAMPLE, grads)
    for name in WEIGHT_NAMES:
        colour = _edge_line(figure, name).get_color()
        assert _is_red(colour) if grads.of(name) > 0 else _is_blue(colour), name
    assert {grads.of(name) > 0 for name in WEIGHT_NAMES} == {True, False}


def test_the_edge_with_the_largest_gradient_is_the_widest():
    grads = backward(EXAMPLE, forward())
    figure = draw_network(EXAMPLE, grads)
    widths = {name: _edge_line(figure, name).get_linewidth() for name in WEIGHT_NAMES}
    assert max(widths, key=widths.get) == max(WEIGHT_NAMES, key=lambda name: abs(grads.of(name))) == "w6"


def test_drawing_on_a_given_axes():
    figure, ax = plt.subplots()
    assert draw_network(ax=ax) is figure


@pytest.mark.parametrize("kwargs, message", [
    ({"params": {"w1": 0.15}}, r"params must be the network's parameters as helpers\.Params, got dict"),
    ({"gradients": EXAMPLE}, r"gradients must be None or the Gradients that backward\(\.\.\.\) returns, got Params"),
    ({"ax": "left"}, r"ax must be None or a matplotlib Axes to draw on, got str"),
])
def test_bad_input_is_refused(kwargs, message):
    with pytest.raises(TypeError, match=message):
        draw_network(**kwargs)
