"""The lab, driven without a browser: move its controls and read what it displays."""
import re

import pytest

from helpers import EXAMPLE, PARAMETER_NAMES, PUBLISHED, WEIGHT_NAMES, backward, forward, network
from helpers.lab import ALL_WELL, LEARNING_RATE_RANGE, MAX_STEPS, PARAMETER_RANGE, RUN_FIRST, Lab, messages
from helpers.network import TrainingRun


@pytest.fixture(scope="module")
def lab():
    lab = Lab()
    lab.preparing.join()  # sympy writes the training loop in the background
    return lab


@pytest.fixture(autouse=True)
def start_from_the_example(lab):
    lab.reset()
    lab.steps.value = 200  # fewer steps keep the slow reference training short


def displayed(lab):
    """name -> the number as the lab's tables show it."""
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", lab.numbers.value)
    return dict(rows)


def expected(params, learning_rate, steps, variant="described"):
    """What the lab should show, from the readable helpers (no helpers.fast)."""
    fp = forward(params)
    grads = backward(params, fp)
    stepped = network.train_step(params, learning_rate, variant)
    run = network.train(params, steps, learning_rate, variant)
    values = {name: getattr(fp, name) for name in ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1",
                                                    "net_o2", "out_o2", "E_o1", "E_o2", "E_total")}
    values.update({f"dE_total/d{name}": grads.of(name) for name in PARAMETER_NAMES})
    values.update({f"{name}_new": getattr(stepped, name) for name in WEIGHT_NAMES})
    values["E_total_after_1_update"] = forward(stepped).E_total
    values[f"E_total_after_{steps}_updates"] = run.errors[-1]
    values[f"out_o1_after_{steps}_updates"] = run.final.out_o1
    values[f"out_o2_after_{steps}_updates"] = run.final.out_o2
    return {name: float(f"{value:.9g}") for name, value in values.items()}


def assert_shows(lab, want):
    shown = {name: float(text) for name, text in displayed(lab).items()}
    assert shown.keys() == want.keys()
    for name, value in want.items():
        assert shown[name] == pytest.approx(value, rel=2e-9, abs=1e-15), name


def test_it_opens_on_the_worked_example_with_its_published_figures(lab):
    assert_shows(lab, expected(EXAMPLE, 0.5, 200))
    shown = displayed(lab)
    for figure in ("out_o1", "out_o2", "E_total", "w6_new", "w7_new"):
        assert shown[figure] == PUBLISHED[figure].rstrip("0"), figure
    assert ALL_WELL in lab.message.value


@pytest.mark.parametrize("name, value", [("w5", 1.0), ("w1", -3.25), ("b1", 2.5), ("b2", -0.8)])
def test_a_parameter_slider_changes_every_number(lab, name, value):
    lab.sliders[name].value = value
    assert_shows(lab, expected(EXAMPLE.replace(**{name: value}), 0.5, 200))


def test_the_learning_rate_and_steps_sliders(lab):
    lab.learning_rate.value = 2.0
    lab.steps.value = 1234
    assert_shows(lab, expected(EXAMPLE, 2.0, 1234))


def test_the_switch_gives_the_published_error_after_one_update(lab):
    assert displayed(lab)["E_total_after_1_update"] == "0.291027774"
    lab.variant.value = "published"
    assert displayed(lab)["E_total_after_1_update"] == PUBLISHED["E_total_after_1_update"]
    assert_shows(lab, expected(EXAMPLE, 0.5, 200, "published"))


def test_reset_puts_every_control_back(lab):
    lab.set(w3=4.0, b2=-1.0, learning_rate=7.5, steps=50, variant="published")
    assert not lab.reset_button.disabled and lab.reset_button.description == "Reset to the worked example"
    lab.reset_button.click()
    assert lab.params == EXAMPLE
    assert (lab.learning_rate.value, lab.steps.value, lab.variant.value) == (0.5, MAX_STEPS, "described")
    assert lab.reset_button.disabled and lab.reset_button.description == "At the worked example"
    lab.steps.value = 200
    assert_shows(lab, expected(EXAMPLE, 0.5, 200))


def test_the_diagram_shows_the_weights_and_their_gradients(lab):
    svg = lab.diagram.value
    grads = backward(EXAMPLE, forward())
    assert f"∂E/∂w5 = {grads.dE_dw5:+.3g}" in svg and "w5 = 0.4" in svg
    lab.sliders["w5"].value = 2.0
    svg = lab.diagram.value
    new = EXAMPLE.replace(w5=2.0)
    assert "w5 = 2" in svg and f"∂E/∂w5 = {backward(new, forward(new)).dE_dw5:+.3g}" in svg


def test_the_loss_curve_follows_the_training(lab):
    before = lab.curve.value
    lab.learning_rate.value = 3.0
    errors = network.train(EXAMPLE, 200, 3.0).errors
    assert lab.curve.value != before
    assert "E_total after 200 updates, described" in lab.curve.value
    assert f"from {errors[0]:.3g} to {errors[-1]:.3g}" in lab.curve.value
    lab.steps.value = 1
    assert "E_total after 1 update, described" in lab.curve.value


def test_a_saturated_output_unit_gets_a_message(lab):
    lab.sliders["w5"].value = 20.0
    assert "o1 is saturated" in lab.message.value
    assert "Training stalls" in lab.message.value


def test_the_largest_learning_rate_gets_a_message(lab):
    lab.set(learning_rate=LEARNING_RATE_RANGE[1], variant="published", steps=MAX_STEPS)
    assert "Training saturated o1" in lab.message.value
    assert "Training stalls" in lab.message.value


@pytest.mark.parametrize("end", PARAMETER_RANGE)
def test_every_slider_at_its_extreme_gives_numbers_and_a_message_not_an_error(lab, end):
    lab.set(learning_rate=LEARNING_RATE_RANGE[1], **{name: end for name in PARAMETER_NAMES})
    assert "saturated" in lab.message.value
    assert_shows(lab, expected(lab.params, LEARNING_RATE_RANGE[1], 200))


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_one_slider_at_either_end_gives_numbers_not_an_error(lab, name):
    for end in PARAMETER_RANGE:
        lab.sliders[name].value = end
        assert displayed(lab)["E_total"] == f"{forward(EXAMPLE.replace(**{name: end})).E_total:.9g}"


def test_a_value_that_cannot_be_computed_gives_a_message_and_nothing_stale(lab):
    lab.sliders["w2"].value = float("nan")  # a slider passes NaN through
    assert "cannot be computed" in lab.message.value and "w2 must be a finite number" in lab.message.value
    assert displayed(lab) == {} and lab.key_numbers.value == ""
    assert "<svg" not in lab.diagram.value and "<svg" not in lab.curve.value
    lab.sliders["w2"].value = 0.2
    assert "<svg" in lab.diagram.value and displayed(lab)["E_total"] == "0.298371109"


def test_set_names_a_bad_argument(lab):
    with pytest.raises(TypeError, match=r"Lab.set\(\) got unknown argument\(s\) \['bogus'\]"):
        lab.set(bogus=1)
    with pytest.raises(ValueError, match="w1 must be from -20 to 20, got 50"):
        lab.set(w1=50)
    with pytest.raises(ValueError, match="learning_rate must be from 0.01 to 100, got 0"):
        lab.set(learning_rate=0)
    with pytest.raises(ValueError, match="variant must be one of 'described', 'published', got 'original'"):
        lab.set(variant="original")
    with pytest.raises(TypeError, match="steps must be a whole number"):
        lab.set(steps=2.5)
    assert lab.params == EXAMPLE  # nothing moved


def test_a_lab_needs_a_sensible_number_of_steps(lab):
    with pytest.raises(ValueError, match="steps must be at least 1 and at most 10,000, got 0"):
        lab.set(steps=0)


def test_the_stored_lab_asks_to_run_the_cells(lab):
    shown = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("IPython.display.display", lambda data, raw: shown.append(data))
        lab._ipython_display_()
    assert shown[0]["text/plain"] == RUN_FIRST
    assert shown[0]["application/vnd.jupyter.widget-view+json"]["model_id"] == lab.widget.model_id


def test_error_going_up_is_reported_as_overshooting():
    run = TrainingRun(EXAMPLE, (0.30, 0.20, 0.25, 0.10))
    assert any("went up on 1 of the 3 updates" in sentence for sentence in messages(forward(), run))


def test_a_healthy_run_gets_no_message():
    assert messages(forward(), network.train(steps=100)) == []
