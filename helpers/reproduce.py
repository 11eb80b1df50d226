"""Every published figure, computed as the text describes it, and each miss the way that gives the printed value."""
from decimal import Decimal

from .example import EXAMPLE, I1, PARAMETER_NAMES, VALUE_NAMES, WEIGHT_NAMES
from .network import backward, forward, train, train_step
from .published import PUBLISHED, as_printed, compare

AS_DESCRIBED = 'variant="described"'
STEPS = 10_000
FACTORS = {"dE_total/dout_o1": "dE_dout_o1", "dout_o1/dnet_o1": "dout_dnet_o1", "dE_o1/dnet_o1": "delta_o1",
           "dE_o1/dout_h1": "dE_o1_dout_h1", "dE_o2/dout_h1": "dE_o2_dout_h1", "dE_total/dout_h1": "dE_dout_h1",
           "dout_h1/dnet_h1": "dout_dnet_h1"}
"""The chain-rule factors the example prints, by figure name -> the Gradients field that holds it."""


def named_values(fp, grads, stepped, run=None):
    """Figure name -> value (said here alone) for a forward pass, its gradients, one update and a training run."""
    values = {**{name: getattr(fp, name) for name in VALUE_NAMES},
              **{figure: getattr(grads, field) for figure, field in FACTORS.items()},
              "dnet_o1/dw5": fp.out_h1, "dnet_h1/dw1": I1,
              **{f"dE_total/d{name}": grads.of(name) for name in PARAMETER_NAMES},
              **{f"{name}_new": getattr(stepped, name) for name in WEIGHT_NAMES},
              "E_total_after_1_update": forward(stepped).E_total}
    if run is not None:
        steps = len(run.errors) - 1
        values |= {f"E_total_after_{steps}_updates": run.errors[-1],
                   f"out_o1_after_{steps}_updates": run.final.out_o1, f"out_o2_after_{steps}_updates": run.final.out_o2}
    return values


def rounded_as_you_go():
    """dE_o2/dout_h1 worked by hand: delta_o2 rounded to 9 decimals first, then times w7."""
    return Decimal(as_printed(backward(EXAMPLE, forward()).delta_o2, 9)) * Decimal(repr(EXAMPLE.w7))


def reproductions():
    """One Comparison per published figure as the text describes the method, and one per miss the way that gives it."""
    fp = forward()
    runs = {variant: train(EXAMPLE, STEPS, variant=variant) for variant in ("described", "published")}
    described = named_values(fp, backward(EXAMPLE, fp), train_step(), runs["described"])
    published = 'variant="published"'
    misses = {
        "dE_o2/dout_h1": ("delta_o2 rounded to 9 places, then × w7", rounded_as_you_go()),
        "E_total_after_1_update": (published, forward(train_step(variant="published")).E_total),
        "E_total_after_10000_updates": (f"{AS_DESCRIBED}, after 9,999 updates", runs["described"].errors[STEPS - 1]),
        "out_o1_after_10000_updates": (published, runs["published"].final.out_o1),
        "out_o2_after_10000_updates": (published, runs["published"].final.out_o2),
    }
    rows = []
    for figure in PUBLISHED:
        rows.append(compare(figure, described[figure], AS_DESCRIBED))
        if figure in misses:
            rows.append(compare(figure, misses[figure][1], misses[figure][0]))
    return rows
