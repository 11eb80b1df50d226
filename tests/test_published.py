"""The published figures, their rounding, and the tables that set computed values beside them."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from helpers.published import PUBLISHED, SECTIONS, Comparison, ComparisonTable, as_printed, compare, side_by_side

REPO = Path(__file__).resolve().parents[1]
SHIPPED = json.loads((REPO / "helpers" / "published_figures.json").read_text())
REFERENCE = REPO.parent / "shared" / "reference" / "mazur_published.json"


def test_published_holds_every_figure_of_the_four_sections_as_printed():
    expected = {name: text for section in ("forward_pass", "output_layer", "hidden_layer", "training")
                for name, text in SHIPPED[section].items()}
    assert PUBLISHED == expected
    assert len(PUBLISHED) == 32
    assert PUBLISHED["E_total"] == "0.298371109"
    assert PUBLISHED["w7_new"] == "0.511301270"  # the trailing zero is part of the printed precision
    assert SECTIONS == ("forward_pass", "output_layer", "hidden_layer", "training")


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"no reference copy of the published figures at {REFERENCE}")
def test_the_shipped_figures_equal_the_reference_copy():
    reference = json.loads(REFERENCE.read_text())
    for section in ("setup", *SECTIONS):
        assert SHIPPED[section] == reference[section], section


@pytest.mark.parametrize("value, places, expected", [
    (Decimal("-0.0190491185"), 9, "-0.019049119"),
    (Decimal("0.0190491185"), 9, "0.019049119"),
    (Decimal("0.0190491184999"), 9, "0.019049118"),
    (2.5, 0, "3"),
    (-2.5, 0, "-3"),
    (0.125, 2, "0.13"),
    (-0.125, 2, "-0.13"),
    (0.5112012702387, 9, "0.511201270"),
    (3.51085481225126e-05, 10, "0.0000351085"),
    (1, 3, "1.000"),
])
def test_as_printed_rounds_halves_away_from_zero(value, places, expected):
    assert as_printed(value, places) == expected


def test_compare_rounds_to_the_published_precision():
    right = compare("out_o1", 0.751365069552316, "by hand")
    assert (right.published, right.shown, right.matches, right.how) == ("0.75136507", "0.75136507", True, "by hand")
    wrong = compare("out_o1", 0.7513650649)
    assert (wrong.shown, wrong.matches) == ("0.75136506", False)
    exact = compare("dE_o2/dout_h1", Decimal("-0.0190491185"))
    assert (exact.shown, exact.matches) == ("-0.019049119", True)


def test_a_wildly_wrong_value_is_shown_in_full_not_an_error():
    huge = compare("net_h1", 1e30)
    assert huge.shown == "1000000000000000019884624838656.0000" and not huge.matches
    assert compare("E_total", -1e308).shown.startswith("-1000000000000000010979063629440455417404923096773118463368")
    assert as_printed(Decimal("1e-300"), 1_000) == "0." + "0" * 299 + "1" + "0" * 700
    assert as_printed(Decimal("1.5e-7"), 7) == "0.0000002"  # plain digits, never 2E-7


def test_a_table_shows_the_how_column_only_when_a_row_says_how():
    table = side_by_side([compare("out_o1", 0.751365069552316), compare("out_o1", 0.75, "rounded")])
    header, first, second = repr(table).splitlines()
    assert header.split()[:2] == ["figure", "how"]
    assert second.split()[:2] == ["out_o1", "rounded"] and first.split()[1] == "0.75136507"
    assert ">how</th>" in table._repr_html_()
    assert ">how</th>" not in side_by_side({"out_o1": 0.75})._repr_html_()


def test_a_table_marks_each_row_in_text_and_html():
    table = side_by_side({"out_o1": 0.751365069552316, "out_o2": 0.7729})
    assert isinstance(table, ComparisonTable) and [row.matches for row in table.rows] == [True, False]
    lines = repr(table).splitlines()
    assert lines[0].split() == ["figure", "published", "computed", "(as", "printed)", "computed", "(9", "digits)", "match"]
    assert lines[1].startswith("out_o1") and lines[1].endswith("✓ match")
    assert lines[2].startswith("out_o2") and lines[2].endswith("✗ differs")
    assert "0.772900000" in lines[2]  # the computed value, shown at the published precision
    html = table._repr_html_()
    assert html.startswith("<table") and html.count("<tr>") == 3
    assert ">✓ match</td>" in html and ">✗ differs</td>" in html
    assert side_by_side([compare("net_h1", 0.3775)]).rows[0].matches


def test_a_table_escapes_html():
    html = side_by_side([compare("net_h1", 0.3775, "w1·i1 + w2·i2 + b1 <by hand>")])._repr_html_()
    assert "&lt;by hand&gt;" in html and "<by hand>" not in html


@pytest.mark.parametrize("rows, message", [
    ([0.3775], r"expected Comparisons made by compare\(\.\.\.\), or a \{figure: value\} dict; got a row of type float"),
    ([compare("net_h1", 0.3775), ("E_total", 0.3)], r"got a row of type tuple"),
])
def test_side_by_side_rejects_rows_that_are_not_comparisons(rows, message):
    with pytest.raises(TypeError, match=message):
        side_by_side(rows)


def test_side_by_side_checks_the_dict_it_is_given():
    with pytest.raises(ValueError, match=r"figure must be one of"):
        side_by_side({"E_grand_total": 0.3})
    with pytest.raises(ValueError, match=r"E_total must be a finite number, got nan"):
        side_by_side({"E_total": float("nan")})


def test_a_comparison_keeps_a_float_as_a_float():
    assert type(compare("E_total", 0.298371108760003).computed) is float
    assert isinstance(compare("E_total", 0.3), Comparison)
