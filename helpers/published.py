"""The worked example's published figures, and tables that set computed values beside them."""
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from html import escape
from importlib.resources import files

from .validate import finite_decimal, finite_number, instance, one_of, whole_number

_RAW = json.loads(files("helpers").joinpath("published_figures.json").read_text())
SECTIONS = ("forward_pass", "output_layer", "hidden_layer", "training")
MAX_PLACES = 1_000
PUBLISHED = {name: printed for section in SECTIONS for name, printed in _RAW[section].items()}
"""Every published figure, by name, as printed (a string, so it keeps its printed precision)."""


def decimals(printed):
    """How many digits a printed figure has after its decimal point."""
    return len(instance("figure", printed, str, "a figure as printed (a string such as '0.3775')").partition(".")[2])


def as_printed(value, places):
    """`value` rounded to `places` decimals the way a calculator does (halves away from zero)."""
    value, places = finite_decimal("value", value), whole_number("places", places, maximum=MAX_PLACES)
    with localcontext(prec=max(value.adjusted(), 0) + places + 2):  # enough digits for any number a float holds
        return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


@dataclass(frozen=True)
class Comparison:
    """One computed value set beside its published figure."""

    figure: str
    computed: float
    how: str = ""

    @property
    def published(self):
        return PUBLISHED[self.figure]

    @property
    def shown(self):
        """The computed value at the published figure's printed precision."""
        return as_printed(self.computed, decimals(self.published))

    @property
    def matches(self):
        return self.shown == self.published


def compare(figure, computed, how=""):
    """Set `computed` beside the published figure named `figure` (a key of PUBLISHED)."""
    one_of("figure", figure, tuple(PUBLISHED))
    instance("how", how, str, "a string saying how the value was computed")
    computed = finite_decimal(figure, computed) if isinstance(computed, Decimal) else finite_number(figure, computed)
    return Comparison(figure, computed, how)


class ComparisonTable:
    """Rows of computed-beside-published figures, shown as a table with a match mark on each row."""

    HEADER = ("figure", "how", "published", "computed (as printed)", "computed (full)", "match")

    def __init__(self, rows):
        self.rows = list(rows)

    @property
    def all_match(self):
        return all(row.matches for row in self.rows)

    def _with_how(self):
        return any(row.how for row in self.rows)

    def _columns(self):
        """The header, without the "how" column when no row says how it was computed."""
        return self.HEADER if self._with_how() else self.HEADER[:1] + self.HEADER[2:]

    def _cells(self):
        for row in self.rows:
            full = str(row.computed) if isinstance(row.computed, Decimal) else f"{row.computed:.15g}"
            how = (row.how,) if self._with_how() else ()
            yield (row.figure, *how, row.published, row.shown, full, "✓ match" if row.matches else "✗ differs")

    def _repr_html_(self):
        head = "".join(f"<th>{escape(h)}</th>" for h in self._columns())
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
                       for cells in self._cells())
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self):
        lines = [self._columns(), *self._cells()]
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)


def side_by_side(rows):
    """A ComparisonTable from Comparisons, or from a {figure: computed value} dict."""
    if isinstance(rows, dict):
        rows = [compare(figure, value) for figure, value in rows.items()]
    rows = list(rows)
    for row in rows:
        if not isinstance(row, Comparison):
            raise TypeError(f"expected Comparisons made by compare(...), or a {{figure: value}} dict; "
                            f"got a row of type {type(row).__name__}")
    return ComparisonTable(rows)
