"""The drawings: the network with its gradients, loss curves, the computational graph, the decision boundary."""
import re
from base64 import b64decode

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import EXAMPLE, WEIGHT_NAMES, backward, forward  # noqa: E402
from helpers.autodiff import Value, example_graph  # noqa: E402
from helpers.drawing import (EDGES, NEGATIVE, NEURONS, POSITIVE, draw_decision_boundary, draw_graph,  # noqa: E402
                             draw_loss_curves, draw_network)
from helpers.xor import xor_network  # noqa: E402


def texts(picture):
    """Every text of the figure, its lines joined by newlines."""
    return ["\n".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", t)) for t in re.findall(r"<text.*?</text>", picture.svg)]


def edge(picture, name):
    """(colour, width) of the line drawn for weight `name`, found by where it starts and ends."""
    (x0, y0), (x1, y1) = NEURONS[EDGES[name][0]], NEURONS[EDGES[name][1]]
    found = re.findall(rf'points="{x0:.1f},{y0:.1f} {x1:.1f},{y1:.1f}" fill="none" stroke="(.*?)" '
                       rf'stroke-width="(.*?)"', picture.svg)
    assert len(found) == 1, name
    return found[0][0], float(found[0][1])


def test_the_diagram_labels_all_eight_weights_with_their_values():
    shown = texts(draw_network(EXAMPLE.replace(w1=0.123, w8=-2.5)))
    expected = {"w1": "0.123", "w2": "0.2", "w3": "0.25", "w4": "0.3", "w5": "0.4", "w6": "0.45", "w7": "0.5",
                "w8": "-2.5"}
    for name, value in expected.items():
        assert f"{name} = {value}" in shown, name
    assert "b1 = 0.35" in shown and "b2 = 0.6" in shown
    assert {"i1", "i2", "h1", "h2", "o1", "o2"} <= set(shown)
    assert not any("∂E" in t for t in shown)


def test_with_gradients_each_label_shows_the_gradient_and_the_edge_colour_follows_its_sign():
    grads = backward(EXAMPLE, forward())
    picture = draw_network(EXAMPLE, grads)
    shown = texts(picture)
    # w1..w6 have positive gradients at the example, w7 and w8 negative ones.
    assert "w5 = 0.4\n∂E/∂w5 = +0.0822" in shown and "w8 = 0.55\n∂E/∂w8 = -0.0227" in shown
    for name in WEIGHT_NAMES:
        assert edge(picture, name)[0] == (POSITIVE if name not in ("w7", "w8") else NEGATIVE), name
    assert "∂E/∂w &gt; 0: descent lowers w" in picture.svg  # the colours explained beside the network
    assert "positive gradients (orange): w1, w2, w3, w4, w5, w6, the others blue" in picture.description


def test_a_negative_w5_turns_the_hidden_weights_blue():
    params = EXAMPLE.replace(w5=-1.0, w7=2.0, b2=-1.0)  # out_h1 now lowers E_total through both outputs
    picture = draw_network(params, backward(params, forward(params)))
    for name in WEIGHT_NAMES:
        assert edge(picture, name)[0] == (POSITIVE if name in ("w5", "w6") else NEGATIVE), name


def test_the_edge_with_the_largest_gradient_is_the_widest():
    picture = draw_network(EXAMPLE, backward(EXAMPLE, forward()))
    widths = {name: edge(picture, name)[1] for name in WEIGHT_NAMES}
    assert max(widths, key=widths.get) == "w6"


def test_every_text_is_at_least_11_px():
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', draw_network(EXAMPLE).svg)]
    assert sizes and min(sizes) >= 11


def test_a_loss_curve_has_a_log_axis():
    picture = draw_loss_curves({"run": [1.0, 0.1, 0.01]})
    (points,) = re.findall(rf'<polyline points="([^"]*)" fill="none" stroke="{NEGATIVE}"', picture.svg)
    curve = [tuple(map(float, p.split(","))) for p in points.split()]
    (x0, y0), (x1, y1), (x2, y2) = curve
    assert x1 - x0 == pytest.approx(x2 - x1) and y1 - y0 == pytest.approx(y2 - y1, abs=0.11)  # equal steps
    assert y1 > y0  # down the screen as the error falls
    assert "E_total over 2 updates" in texts(picture)
    assert "E_total over 1 update" in texts(draw_loss_curves({"run": [0.3, 0.2]}))


def test_two_equal_curves_both_show():
    errors = list(np.geomspace(0.3, 1e-4, 501))
    picture = draw_loss_curves({"described": errors, "published": errors})
    styles = re.findall(r'<polyline points="[^"]{2000,}" fill="none" stroke="(.*?)" stroke-width="(.*?)"(.*?)/>',
                        picture.svg)
    assert len(styles) == 2 and len(set(styles)) == 2  # another colour, width and dashes
    assert {"described", "published"} <= set(texts(picture))


def test_the_graph_shows_every_node_with_its_value_and_gradient():
    graph = example_graph()
    graph["E_total"].backward()
    picture = draw_graph(graph["E_total"])
    shown = texts(picture)
    assert "E_total\n0.2984\ngrad 1" in shown and "out_h1\n0.5933\ngrad 0.0364" in shown
    assert picture.svg.count("<rect x=") == len(re.findall(r"\ngrad ", "\n".join(shown)))


def test_the_decision_boundary_shades_the_plane():
    figure, ax = plt.subplots()
    shading = draw_decision_boundary(xor_network(), ax, "title")
    assert list(shading.levels) == pytest.approx(np.linspace(0, 1, 11)) and ax.get_title() == "title"
    plt.close(figure)


@pytest.mark.parametrize("draw, args, message", [
    (draw_network, ({"w1": 0.15},), r"params must be the network's parameters as helpers\.Params, got dict"),
    (draw_network, (EXAMPLE, EXAMPLE), r"gradients must be None or the Gradients that backward\(\.\.\.\) returns"),
    (draw_graph, (1.0,), r"root must be the autodiff Value to draw the graph of, got float"),
    (draw_loss_curves, ([0.3, 0.2],), r"curves must be a dict of 1 to 3 label -> errors"),
    (draw_decision_boundary, ("net", None), r"network must be a helpers\.mlp\.Network, got str"),
])
def test_bad_input_is_refused(draw, args, message):
    with pytest.raises(TypeError, match=message):
        draw(*args)


def test_a_single_value_has_a_graph():
    assert "grad 0" in "\n".join(texts(draw_graph(Value(1.0) * 2)))
    alone = draw_graph(Value(1.0, "x"))
    assert texts(alone) == ["x\n1\ngrad 0"] and "1 nodes in 1 rows" in alone.description


def test_a_notebook_shows_the_picture_with_its_description_as_alternative_text():
    picture = draw_network(EXAMPLE)
    bundle = picture._repr_mimebundle_()
    assert bundle["text/plain"] == picture.description
    encoded = re.fullmatch(r'<img src="data:image/svg\+xml;base64,(.*)" alt="(.*)">', bundle["text/html"])
    assert b64decode(encoded[1]).decode() == picture.svg and encoded[2] == picture.description
