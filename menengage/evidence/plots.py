"""The forest plot's geometry, for a server-rendered SVG: one row per evaluation (its
effect size as a square sized by its weight, its 95 % interval as a line), the pooled
estimate as a diamond, and a zero line. The template only draws what this computes.

In a right-to-left language the axis runs right to left: lower effects on the right, as a
reader of Arabic reads a scale."""

from math import ceil, floor

from django.utils.translation import get_language_bidi

WIDTH = 640
LABEL_WIDTH = 0  # the labels are in the table beside the figure, so the plot stays small
ROW_HEIGHT = 18
TOP = 10
AXIS_HEIGHT = 34


def forest_layout(studies, pooled):
    """Coordinates for the rows, the diamond and the axis ticks; None with no studies."""
    if not studies:
        return None
    lows = [row["ci_low"] for row in studies] + ([pooled["ci_low"]] if pooled else [])
    highs = [row["ci_high"] for row in studies] + ([pooled["ci_high"]] if pooled else [])
    low = min(-0.25, floor(min(lows) * 2) / 2)
    high = max(0.25, ceil(max(highs) * 2) / 2)
    span = high - low
    left, right = 20, WIDTH - 20
    if get_language_bidi():
        left, right = right, left

    def x(value):
        return round(left + (value - low) / span * (right - left), 1)

    biggest = max(row["weight"] for row in studies) or 1
    rows = []
    for index, row in enumerate(studies):
        y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        size = round(4 + 8 * (row["weight"] / biggest) ** 0.5, 1)
        rows.append(
            {
                "y": y,
                "x": x(row["g"]),
                "x1": x(row["ci_low"]),
                "x2": x(row["ci_high"]),
                "size": size,
                "corner": round(x(row["g"]) - size / 2, 1),
                "top": round(y - size / 2, 1),
                "label": row["title"],
            }
        )
    bottom = TOP + len(studies) * ROW_HEIGHT
    diamond = None
    if pooled:
        middle = bottom + ROW_HEIGHT / 2 + 4
        diamond = (
            f"{x(pooled['ci_low'])},{middle} {x(pooled['estimate'])},{middle - 6} "
            f"{x(pooled['ci_high'])},{middle} {x(pooled['estimate'])},{middle + 6}"
        )
        bottom += ROW_HEIGHT + 8
    ticks = []
    value = low
    while value <= high + 1e-9:
        ticks.append({"x": x(value), "label": f"{value:g}"})
        value += 0.5
    return {
        "width": WIDTH,
        "height": bottom + AXIS_HEIGHT,
        "rows": rows,
        "diamond": diamond,
        "zero": x(0),
        "axis_y": bottom + 4,
        "tick_label_y": bottom + 18,
        "ticks": ticks,
        "plot_top": TOP,
        "mirrored": left > right,
    }
