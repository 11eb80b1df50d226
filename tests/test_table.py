"""The table type: aligned text for terminals and nbval, an HTML table for notebooks."""
import pytest

from helpers.table import Table


def test_text_columns_are_left_aligned_and_numbers_right_aligned():
    table = Table(("name", "value", "note"), [("w1", "0.15", "start"), ("E_total", "-2.5e-05", "✓ match")])
    assert repr(table) == ("name        value  note\n"
                           "w1           0.15  start\n"
                           "E_total  -2.5e-05  ✓ match")


def test_a_string_row_is_a_heading_and_a_title_goes_on_top():
    table = Table(("name", "value"), ["Forward pass", ("net_h1", "0.3775")], title="At the example")
    assert repr(table).splitlines() == ["At the example", "name     value", "Forward pass", "net_h1  0.3775"]
    html = table._repr_html_()
    assert "<th colspan='2' style='text-align:left;padding-top:6px'>Forward pass</th>" in html
    assert ">At the example</caption>" in html


def test_html_aligns_marks_colours_and_never_wraps():
    html = Table(("figure", "value", "match"), [("out_o1", "0.75", "✓ match"), ("out_o2", "0.77", "✗ differs")])._repr_html_()
    assert html.count("white-space:nowrap") == 9  # every header and data cell
    assert "text-align:right'>0.75</td>" in html and "text-align:left'>out_o1</td>" in html
    assert "color:#009E73;font-weight:bold'>✓ match</td>" in html
    assert "color:#D55E00;font-weight:bold'>✗ differs</td>" in html


def test_html_is_escaped_and_an_empty_header_left_out():
    html = Table(("", ""), [("a <b>", "1")])._repr_html_()
    assert "a &lt;b&gt;" in html and "<thead>" not in html
    assert repr(Table(("", ""), [("a", "1")])) == "a  1"


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match=r"each row must have 2 cells, one per column of \('name', 'value'\), got \('w1',\)"):
        Table(("name", "value"), [("w1",)])
