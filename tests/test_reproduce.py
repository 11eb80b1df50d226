"""Every published figure is reproduced at its printed precision, and the misses are exactly the known five."""
from decimal import ROUND_HALF_UP, Decimal

import pytest

import independent
from helpers.published import PUBLISHED
from helpers.reproduce import AS_DESCRIBED, reproductions, rounded_as_you_go

MISSED_AS_DESCRIBED = {"dE_o2/dout_h1", "E_total_after_1_update", "E_total_after_10000_updates",
                       "out_o1_after_10000_updates", "out_o2_after_10000_updates"}


def _within_half_a_printed_unit(computed, printed):
    """True when `computed` rounds to `printed`: it lies within half a unit of the last printed place."""
    places = len(printed.partition(".")[2])
    return abs(Decimal(computed) - Decimal(printed)) <= Decimal(1).scaleb(-places) / 2


@pytest.fixture(scope="module")
def rows():
    return reproductions()


@pytest.fixture(scope="module")
def described(rows):
    return {row.figure: row.computed for row in rows if row.how == AS_DESCRIBED}


@pytest.fixture(scope="module")
def published(rows):
    return {row.figure: (row.how, row.computed) for row in rows if row.how != AS_DESCRIBED}


def test_every_published_figure_is_reproduced_by_some_row(rows):
    assert {row.figure for row in rows} == set(PUBLISHED)
    for figure, printed in PUBLISHED.items():
        matching = [row for row in rows if row.figure == figure and row.matches]
        assert matching, f"no row reproduces {figure} = {printed}"
        assert all(_within_half_a_printed_unit(row.computed, printed) for row in matching), figure


def test_one_row_per_published_figure_and_one_more_per_miss(rows):
    assert len(PUBLISHED) == 32  # every figure the worked example prints
    assert len(rows) == 32 + len(MISSED_AS_DESCRIBED) == 37


def test_the_rows_that_differ_as_described_are_exactly_the_known_five(rows):
    differ = {row.figure for row in rows if row.how == AS_DESCRIBED and not row.matches}
    assert differ == MISSED_AS_DESCRIBED
    for row in rows:
        if row.how == AS_DESCRIBED and row.figure in MISSED_AS_DESCRIBED:
            assert not _within_half_a_printed_unit(row.computed, PUBLISHED[row.figure]), row.figure


def test_every_row_that_is_not_as_described_explains_a_miss_and_matches(rows):
    others = [row for row in rows if row.how != AS_DESCRIBED]
    assert sorted(row.figure for row in others) == sorted(MISSED_AS_DESCRIBED)
    assert all(row.matches and row.how for row in others)


FIRST_THREE_SECTIONS = ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2", "E_total",
                        "dE_total/dw5", "dE_total/dw1", "w5_new", "w6_new", "w7_new", "w8_new", "w1_new", "w2_new",
                        "w3_new", "w4_new"]


def _independent(figure):
    if figure.startswith("dE_total/d"):
        return independent.exact_gradient(figure[-2:])
    if figure.endswith("_new"):
        name = figure[:2]
        return independent.MP.mpf(independent.START[name]) - independent.exact_gradient(name) / 2
    return independent.exact()[figure]


@pytest.mark.parametrize("figure", FIRST_THREE_SECTIONS)
def test_values_as_described_agree_with_an_independent_computation(figure, described):
    assert float(described[figure]) == pytest.approx(float(_independent(figure)), rel=1e-13)


def test_the_10000_step_figures_agree_with_an_independent_float_training(described, published):
    errors, outputs = independent.float_training(10_000)
    assert described["E_total_after_10000_updates"] == pytest.approx(errors[10_000], rel=1e-9)
    assert published["E_total_after_10000_updates"][1] == pytest.approx(errors[9_999], rel=1e-9)
    assert (described["out_o1_after_10000_updates"], described["out_o2_after_10000_updates"]) == \
        pytest.approx(outputs, rel=1e-10)
    _, updated_outputs = independent.float_training(10_000, variant="published")
    assert (published["out_o1_after_10000_updates"][1], published["out_o2_after_10000_updates"][1]) == \
        pytest.approx(updated_outputs, rel=1e-10)


def test_rounding_delta_o2_first_reproduces_the_printed_dE_o2_dout_h1():
    o2 = independent.exact()["out_o2"]
    delta_o2 = Decimal(str(float((o2 - independent.MP.mpf("0.99")) * o2 * (1 - o2))))
    expected = delta_o2.quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP) * Decimal("0.5")
    assert rounded_as_you_go() == expected == Decimal("-0.0190491185")
