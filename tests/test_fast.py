"""helpers.fast: the training loop sympy writes gives the numbers helpers.network.train gives."""
import math

import pytest

from helpers import EXAMPLE, PUBLISHED, WEIGHT_NAMES, Params, fast, network
from helpers.published import as_printed


def gaps(quick, slow):
    """Largest difference in E_total over all steps, and in the final parameters."""
    error_gap = max(abs(a - b) for a, b in zip(quick.errors, slow.errors, strict=True))
    param_gap = max(abs(getattr(quick.params, n) - getattr(slow.params, n)) for n in Params().as_dict())
    return error_gap, param_gap


@pytest.mark.parametrize("variant", ["described", "published"])
def test_ten_thousand_steps_match_the_readable_training(variant):
    quick = fast.train(EXAMPLE, 10_000, 0.5, variant)
    slow = network.train(EXAMPLE, 10_000, 0.5, variant)
    assert len(quick.errors) == 10_001
    assert max(gaps(quick, slow)) < 1e-12


@pytest.mark.parametrize("variant", ["described", "published"])
@pytest.mark.parametrize("params, learning_rate", [
    (EXAMPLE.replace(w5=20.0), 0.5),                      # o1 saturated from the start
    (EXAMPLE, 100.0),                                     # the lab's largest learning rate
    (Params(w1=-20.0, w2=20.0, w3=20.0, w4=-20.0, w5=-20.0, w6=20.0, w7=20.0, w8=-20.0, b1=-20.0, b2=20.0), 7.5),
])
def test_other_starting_points_match_too(params, learning_rate, variant):
    quick = fast.train(params, 2_000, learning_rate, variant)
    slow = network.train(params, 2_000, learning_rate, variant)
    assert max(gaps(quick, slow)) < 1e-12


def test_the_variants_differ_only_in_the_hidden_weights_after_one_step():
    described = fast.train(steps=1, variant="described").params
    published = fast.train(steps=1, variant="published").params
    for name in ("w5", "w6", "w7", "w8"):
        assert getattr(described, name) == getattr(published, name)
    for name in ("w1", "w2", "w3", "w4"):
        assert abs(getattr(described, name) - getattr(published, name)) > 1e-6


def test_one_step_by_hand():
    # w5 - learning_rate * (out_o1 - target_o1) * out_o1 * (1 - out_o1) * out_h1, computed here directly
    out_h1 = 1 / (1 + math.exp(-(0.15 * 0.05 + 0.20 * 0.10 + 0.35)))
    out_h2 = 1 / (1 + math.exp(-(0.25 * 0.05 + 0.30 * 0.10 + 0.35)))
    out_o1 = 1 / (1 + math.exp(-(0.40 * out_h1 + 0.45 * out_h2 + 0.60)))
    w5_new = 0.40 - 0.5 * (out_o1 - 0.01) * out_o1 * (1 - out_o1) * out_h1
    assert fast.train(steps=1).params.w5 == pytest.approx(w5_new, abs=1e-15)
    assert f"{fast.train(steps=1).params.w5:.8f}" == PUBLISHED["w5_new"]


def test_the_published_outputs_after_10000_updates_follow_the_published_variant():
    final = fast.train(steps=10_000, variant="published").final
    assert as_printed(final.out_o1, 9) == \
        PUBLISHED["out_o1_after_10000_updates"]


def test_net_inputs_far_beyond_exp_range_do_not_overflow():
    params = EXAMPLE.replace(w5=-900.0, w6=-900.0, b1=800.0)  # net_o1 below -1000, net_h1 above 800
    quick = fast.train(params, 50, 0.5, "described")
    assert max(gaps(quick, network.train(params, 50, 0.5, "described"))) < 1e-12


def test_zero_steps_is_the_untrained_network():
    run = fast.train(steps=0)
    assert run.params == EXAMPLE
    assert run.errors == (network.forward().E_total,)


def test_the_loop_is_written_in_the_lessons_names():
    source = fast.loop_source("described")
    for line in ("net_h1 = b1 + 0.05*w1 + 0.1*w2", "net_o1 = b2 + out_h1*w5 + out_h2*w6",
                 f"{', '.join(WEIGHT_NAMES)} = "):
        assert line in source
