"""One table type for every table the series shows: HTML in a notebook, aligned text in a terminal (and for nbval)."""
from html import escape

MARKS = {"✓": "#009E73", "✗": "#D55E00"}  # colour-blind safe green and orange, readable in light and dark themes


class Table:
    """Cells as given under a header (none if all ""), numbers right-aligned; a string row heads the rows after it."""

    def __init__(self, header, rows, title=""):
        self.header, self.title = tuple(header), title
        self.body = [row if isinstance(row, str) else tuple(map(str, row)) for row in rows]
        for row in self.body:
            if not isinstance(row, str) and len(row) != len(self.header):
                raise ValueError(f"each row must have {len(self.header)} cells, one per column of "
                                 f"{self.header}, got {row}")

    def _numeric(self):
        cells = [row for row in self.body if not isinstance(row, str)]
        return [bool(cells) and all(_is_number(row[k]) for row in cells) for k in range(len(self.header))]

    def _repr_html_(self):
        align = ["right" if numeric else "left" for numeric in self._numeric()]
        cell = "padding:1px 10px 1px 0;white-space:nowrap;text-align:{}"
        head = "".join(f"<th style='{cell.format(a)}'>{escape(h)}</th>" for h, a in zip(self.header, align))
        body = "".join(
            f"<tr><th colspan='{len(self.header)}' style='text-align:left;padding-top:6px'>{escape(row)}</th></tr>"
            if isinstance(row, str) else
            "<tr>" + "".join(f"<td style='{cell.format(a)}{_mark(c)}'>{escape(c)}</td>" for c, a in zip(row, align))
            + "</tr>" for row in self.body)
        caption = f"<caption style='text-align:left;font-weight:bold'>{escape(self.title)}</caption>" * bool(self.title)
        head = f"<thead><tr>{head}</tr></thead>" * any(self.header)
        return (f"<table style='border-collapse:collapse;line-height:1.35;font-variant-numeric:tabular-nums'>"
                f"{caption}{head}<tbody>{body}</tbody></table>")

    def __repr__(self):
        cells = [self.header, *(row for row in self.body if not isinstance(row, str))]
        widths = [max(len(row[k]) for row in cells) for k in range(len(self.header))]
        pad = [str.rjust if numeric else str.ljust for numeric in self._numeric()]
        lines = [self.title] * bool(self.title) + [
            row if isinstance(row, str) else "  ".join(p(c, w) for c, w, p in zip(row, widths, pad)).rstrip()
            for row in ((self.header,) * any(self.header) + tuple(self.body))]
        return "\n".join(lines)


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _mark(text):
    colour = MARKS.get(text[:1])
    return f";color:{colour};font-weight:bold" if colour else ""
