"""Every published figure of the worked example, computed: first as the example's text describes
the method, then, for the figures that differs from, the way that does give the printed value."""
from decimal import Decimal
from functools import cache

from .example import EXAMPLE, I1
from .network import backward, forward, train, train_step
from .published import as_printed, compare
from .validate import whole_number

AS_DESCRIBED = "as described"
STEPS = 10_000


@cache
def _runs():
    """The two 10,000-step trainings: hidden gradients from the original, or the updated, w5..w8."""
    return {uses: train(EXAMPLE, STEPS, hidden_uses=uses) for uses in ("original", "updated")}


def as_described():
    """Each published figure's name -> its value by the method exactly as the text describes it."""
    fp = forward()
    g = backward(EXAMPLE, fp)
    step = train_step()
    run = _runs()["original"]
    return {
        "net_h1": fp.net_h1, "out_h1": fp.out_h1, "out_h2": fp.out_h2, "net_o1": fp.net_o1,
        "out_o1": fp.out_o1, "out_o2": fp.out_o2, "E_o1": fp.E_o1, "E_o2": fp.E_o2, "E_total": fp.E_total,
        "dE_total/dout_o1": g.dE_dout_o1, "dout_o1/dnet_o1": g.dout_dnet_o1, "dnet_o1/dw5": fp.out_h1,
        "dE_total/dw5": g.dE_dw5,
        "w5_new": step.w5, "w6_new": step.w6, "w7_new": step.w7, "w8_new": step.w8,
        "dE_o1/dnet_o1": g.delta_o1, "dE_o1/dout_h1": g.dE_o1_dout_h1, "dE_o2/dout_h1": g.dE_o2_dout_h1,
        "dE_total/dout_h1": g.dE_dout_h1, "dout_h1/dnet_h1": g.dout_dnet_h1, "dnet_h1/dw1": I1,
        "dE_total/dw1": g.dE_dw1,
        "w1_new": step.w1, "w2_new": step.w2, "w3_new": step.w3, "w4_new": step.w4,
        "E_total_after_1_update": forward(step).E_total,
        "E_total_after_10000_updates": run.errors[STEPS],
        "out_o1_after_10000_updates": run.final.out_o1,
        "out_o2_after_10000_updates": run.final.out_o2,
    }


def rounded_as_you_go(places=9):
    """dE_o2/dout_h1 worked by hand: delta_o2 rounded to `places` decimals first, then times w7."""
    whole_number("places", places)
    g = backward(EXAMPLE, forward())
    return Decimal(as_printed(g.delta_o2, places)) * Decimal(repr(EXAMPLE.w7))


def as_published():
    """For each figure the described method misses: (how it was found, the value that reproduces it)."""
    updated = _runs()["updated"]
    return {
        "dE_o2/dout_h1": ("delta_o2 rounded to 9 places, then × w7", rounded_as_you_go()),
        "E_total_after_1_update": ("hidden layer uses updated w5..w8",
                                   forward(train_step(hidden_uses="updated")).E_total),
        "E_total_after_10000_updates": ("as described, after 9,999 updates", _runs()["original"].errors[STEPS - 1]),
        "out_o1_after_10000_updates": ("hidden layer uses updated w5..w8", updated.final.out_o1),
        "out_o2_after_10000_updates": ("hidden layer uses updated w5..w8", updated.final.out_o2),
    }


def reproductions():
    """One Comparison per published figure as described, plus one for each way that reproduces a miss."""
    rows = []
    published = as_published()
    for figure, value in as_described().items():
        rows.append(compare(figure, value, AS_DESCRIBED))
        if figure in published:
            rows.append(compare(figure, published[figure][1], published[figure][0]))
    return rows
