"""The status breakdown as a small inline SVG bar chart, with a table as its text alternative."""

from __future__ import annotations

from html import escape

from citecheck.report._model import Category, ChangeReport

# Bar colours keep at least 3:1 contrast against the white page (WCAG non-text contrast).
COLOURS = {
    Category.GONE: "#b42318",
    Category.MOVED: "#b54708",
    Category.CHANGED: "#6941c6",
    Category.UNVERIFIED: "#475467",
    Category.INVALID: "#c11574",
    Category.ALIVE: "#067647",
    Category.SKIPPED: "#667085",
    Category.UNCHECKED: "#667085",
}
_ROW = 30
_BAR_W = 260
_MIN_BAR = 8  # 5 gone next to 200 alive must still show as a bar, not a hairline
# Room for a label: the widest characters of a 16 px sans-serif are ~9.5 px on average over a
# label ("Not checked (network unreachable)" is 33 of them); the test measures it in Chromium.
_CHAR_W = 9.5
_GAP = 16


def chart_svg(report: ChangeReport) -> str:
    """Horizontal bars, one per category present; scales with its container via viewBox."""
    rows = [(c, report.count(c)) for c in Category if report.count(c)]
    biggest = max((n for _, n in rows), default=1)
    height = _ROW * max(len(rows), 1) + 8
    label_w = round(max((len(c.label) for c, _ in rows), default=0) * _CHAR_W) + _GAP
    bars = [_bar(i, category, n, biggest, label_w) for i, (category, n) in enumerate(rows)]
    summary = ", ".join(f"{c.label}: {n}" for c, n in rows) or "no links"
    width = label_w + _BAR_W + 50
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">Links by status</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>{"".join(bars)}</svg>'
    )


def _bar(index: int, category: Category, count: int, biggest: int, label_w: int) -> str:
    y = index * _ROW + 4
    width = max(_MIN_BAR, round(_BAR_W * count / biggest))
    return (
        f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(category.label)}</text>'
        f'<rect x="{label_w}" y="{y + 2}" width="{width}" height="{_ROW - 8}" rx="3" '
        f'fill="{COLOURS[category]}"/>'
        f'<text x="{label_w + width + 6}" y="{y + 19}">{count}</text>'
    )
