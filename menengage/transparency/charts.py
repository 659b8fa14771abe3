"""Horizontal bar charts drawn on the server as SVG: no script, no inline style.

Coordinates are plain numbers formatted here (never in the visitor's language, whose decimal
comma would break SVG); the amounts written beside the bars are formatted for the visitor.
Colours come from classes in site.css, since the Content-Security-Policy forbids style
attributes.

In a right-to-left language the chart is mirrored: labels on the right, bars growing to the
left, amounts at the bars' left ends. The template's text anchors are logical ("end" is the
side nearest the bars in both directions), since the SVG inherits the page's `dir`.
"""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from .templatetags.transparency_tags import format_amount

WIDTH = 640
LABEL_RIGHT = 212
BAR_LEFT = 220
BAR_SPACE = 330
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
TOP = 8
LABEL_CHARACTERS = 30


def _number(value):
    return f"{round(value, 1) + 0.0:g}"


@dataclass
class Bar:
    series: int
    x: str
    y: str
    width: str
    height: str
    text_x: str
    text_y: str
    text: str


@dataclass
class Row:
    label: str
    short_label: str
    label_y: str
    bars: list = field(default_factory=list)


@dataclass
class Chart:
    key: str
    title: str
    description: str
    series: list
    rows: list
    width: int = WIDTH
    height: str = "0"
    label_x: int = LABEL_RIGHT

    @property
    def legend(self):
        return len(self.series) > 1


def _short(label):
    label = capfirst(str(label))
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(*, key, title, description, series, rows):
    """A chart of `rows`, each (label, [one value per series]), bars scaled to the largest,
    mirrored in a right-to-left language."""
    mirrored = get_language_bidi()

    def across(x, width=0):
        """A horizontal position (of something `width` wide), mirrored right to left."""
        return WIDTH - x - width if mirrored else x

    largest = max((value for _label, values in rows for value in values), default=0)
    y = TOP
    drawn = []
    for label, values in rows:
        row = Row(capfirst(str(label)), _short(label), "")
        start = y
        for index, value in enumerate(values):
            width = float(value) / float(largest) * BAR_SPACE if largest else 0
            if value and width < 1:
                width = 1
            row.bars.append(
                Bar(
                    series=index,
                    x=_number(across(BAR_LEFT, width)),
                    y=_number(y),
                    width=_number(width),
                    height=str(BAR_HEIGHT),
                    text_x=_number(across(BAR_LEFT + width + 4)),
                    text_y=_number(y + BAR_HEIGHT - 3),
                    text=format_amount(value, 0),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        block = y - BAR_GAP - start
        row.label_y = _number(start + block / 2 + 4)
        drawn.append(row)
        y += ROW_GAP - BAR_GAP
    return Chart(
        key=key,
        title=str(title),
        description=str(description),
        series=[str(name) for name in series],
        rows=drawn,
        height=_number(y - ROW_GAP + TOP + BAR_GAP) if drawn else "0",
        label_x=across(LABEL_RIGHT),
    )


def year_charts(report):
    """The three charts of a year page: income by funder, and budget against spending by
    category and by region."""
    budget_and_actual = [_("Budget"), _("Spent")]
    return {
        "funders": bar_chart(
            key="funders",
            title=_("Income by funder, in US dollars"),
            description=_(
                "One bar per funder, longest for the largest; the table below has the same figures."
            ),
            series=[_("Income")],
            rows=[(share.label, [share.amount]) for share in report.by_funder],
        ),
        "categories": bar_chart(
            key="categories",
            title=_("Budget and spending by category, in US dollars"),
            description=_(
                "Two bars per category, the budget and what was spent; the table "
                "below has the same figures."
            ),
            series=budget_and_actual,
            rows=[(row.label, [row.budget, row.actual]) for row in report.by_category],
        ),
        "regions": bar_chart(
            key="regions",
            title=_("Budget and spending by region, in US dollars"),
            description=_(
                "Two bars per region, the budget and what was spent; the table "
                "below has the same figures."
            ),
            series=budget_and_actual,
            rows=[(row.label, [row.budget, row.actual]) for row in report.by_region],
        ),
    }


def years_chart(reports):
    """Income against spending, year by year, oldest first."""
    return bar_chart(
        key="years",
        title=_("Income and spending by year, in US dollars"),
        description=_(
            "Two bars per year, the income and the spending; the table below has the same figures."
        ),
        series=[_("Income"), _("Spent")],
        rows=[
            (str(report.financial_year.year), [report.totals.income, report.totals.expenditure])
            for report in sorted(reports, key=lambda report: report.financial_year.year)
        ],
    )
