"""The worked example's published figures, and tables that set computed values beside them."""
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from importlib.resources import files

from .table import Table
from .validate import finite_decimal, finite_number, instance, one_of, sequence, whole_number

_RAW = json.loads(files("helpers").joinpath("published_figures.json").read_text())
SECTIONS = ("forward_pass", "output_layer", "hidden_layer", "training")
MAX_PLACES = 1_000
PUBLISHED = {name: printed for section in SECTIONS for name, printed in _RAW[section].items()}
"""Every published figure, by name, as printed (a string, so it keeps its printed precision)."""
SECTION_OF = {name: section for section in SECTIONS for name in _RAW[section]}
LESSONS = {"forward_pass": "The forward pass and the error (lessons 02, 03)", "output_layer": "An output-layer weight "
           "(lesson 04)", "hidden_layer": "A hidden-layer weight (lesson 05)", "training": "The update and training "
           "(lesson 06)"}


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
        return as_printed(self.computed, len(self.published.partition(".")[2]))

    @property
    def matches(self):
        return self.shown == self.published


def compare(figure, computed, how=""):
    """Set `computed` beside the published figure named `figure` (a key of PUBLISHED)."""
    one_of("figure", figure, tuple(PUBLISHED))
    instance("how", how, str, "a string saying how the value was computed")
    computed = finite_decimal(figure, computed) if isinstance(computed, Decimal) else finite_number(figure, computed)
    return Comparison(figure, computed, how)


class ComparisonTable(Table):
    """Computed values beside their published figures, a ✓ or ✗ on each row, under a heading per lesson."""

    def __init__(self, comparisons):
        self.rows = list(comparisons)  # the Comparisons; the table's own cells are in .body
        with_how = any(row.how for row in self.rows)
        header = ("figure", "how" * with_how, "published", "computed (as printed)", "computed (9 digits)", "match")
        rows, section = [], None
        grouped = len({SECTION_OF[row.figure] for row in self.rows}) > 1
        for row in self.rows:
            if grouped and SECTION_OF[row.figure] != section:
                section = SECTION_OF[row.figure]
                rows.append(LESSONS[section])
            full = format(Decimal(f"{float(row.computed):.9g}"), "f")  # positional, like the published figures
            verdict = "✓ match" if row.matches else "✗ differs"
            rows.append((row.figure, row.how, row.published, row.shown, full, verdict))
        keep = [k for k, name in enumerate(header) if name]
        super().__init__([header[k] for k in keep], [r if isinstance(r, str) else [r[k] for k in keep] for r in rows])


def side_by_side(rows):
    """A ComparisonTable from Comparisons, or from a {figure: computed value} dict."""
    if isinstance(rows, dict):
        rows = [compare(figure, value) for figure, value in rows.items()]
    rows = sequence("rows", rows, "Comparisons made by compare(...), or a {figure: value} dict")
    for row in rows:
        if not isinstance(row, Comparison):
            raise TypeError(f"expected Comparisons made by compare(...), or a {{figure: value}} dict; "
                            f"got a row of type {type(row).__name__}")
    return ComparisonTable(rows)
