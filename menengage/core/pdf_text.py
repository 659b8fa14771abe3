"""Lines of text in generated PDFs, in any of the scripts people's names are written in.

ReportLab's built-in fonts know only Latin-1: "Nguyễn Thị Ánh" loses its marks and Arabic or
Devanagari names print as empty boxes. The project ships Noto Sans, Noto Sans Arabic and Noto
Sans Devanagari (SIL Open Font Licence, `fonts/OFL.txt`); each line is cut into runs of one
script, each run set in its font and shaped by HarfBuzz (uharfbuzz, through ReportLab's
`shapeStr`), which joins Arabic letters, forms Devanagari conjuncts and orders a right-to-left
run's glyphs. The runs are then placed in visual order: a line whose first letter is Arabic
reads right to left, so its runs are laid from the right. (ReportLab's `drawString(...,
shaping=True)` shapes only with its own bidi library, rlbidi, installed; without it the
text is drawn unshaped, letter by letter, so the shaping is asked for here directly.)
"""

import unicodedata
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr

FONTS = Path(__file__).resolve().parent / "fonts"
# One family per script; Latin covers Latin (with Vietnamese), Greek and Cyrillic.
FAMILIES = {"latin": "NotoSans", "arabic": "NotoSansArabic", "devanagari": "NotoSansDevanagari"}
RIGHT_TO_LEFT = {"arabic"}
_RANGES = [
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0xA8E0, 0xA8FF, "devanagari"),
]


@cache
def register_fonts():
    """Register the shipped fonts with ReportLab once per process."""
    for family in FAMILIES.values():
        for weight in ("Regular", "Bold"):
            name = f"{family}-{weight}"
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf"), shapable=True))


def font_name(script, *, bold=False):
    return f"{FAMILIES[script]}-{'Bold' if bold else 'Regular'}"


def _script(character):
    """The script of a letter or digit, or None for a space, a mark or punctuation, which
    belong to the run they stand in."""
    point = ord(character)
    for first, last, script in _RANGES:
        if first <= point <= last:
            return script
    if unicodedata.category(character)[0] in "LN":
        return "latin"
    return None


def script_runs(text):
    """`text` cut into (script, text) runs in logical order. Spaces, marks and punctuation
    join the run they stand in; between runs of opposite directions they join the side that
    reads in the line's direction, as the Unicode bidirectional algorithm places them."""
    line_rtl = is_right_to_left(text)
    runs = []
    pending = ""
    for character in unicodedata.normalize("NFC", text):
        script = _script(character)
        if script is None:
            pending += character
            continue
        if runs and runs[-1][0] == script:
            runs[-1][1] += pending + character
        elif runs and line_rtl in (runs[-1][0] in RIGHT_TO_LEFT, script not in RIGHT_TO_LEFT):
            # The previous run reads in the line's direction, or the new one does not.
            runs[-1][1] += pending
            runs.append([script, character])
        else:
            runs.append([script, pending + character])
        pending = ""
    if runs:
        runs[-1][1] += pending
    elif pending:
        runs.append(["latin", pending])
    return [(script, run) for script, run in runs]


def is_right_to_left(text):
    """Whether a line reads right to left: its first letter is in a right-to-left script."""
    for character in text:
        script = _script(character)
        if script is not None and unicodedata.category(character)[0] == "L":
            return script in RIGHT_TO_LEFT
    return False


def visual_runs(text):
    """The runs of `text` in the order they are laid from left to right. In a right-to-left
    line, the runs of left-to-right scripts (and numbers) keep their order among themselves
    and the groups are reversed; within a run HarfBuzz orders the glyphs."""
    runs = script_runs(text)
    if not is_right_to_left(text):
        return runs
    groups = []
    for run in runs:
        direction = run[0] in RIGHT_TO_LEFT
        if groups and groups[-1][0] == direction:
            groups[-1][1].append(run)
        else:
            groups.append((direction, [run]))
    return [run for _direction, group in reversed(groups) for run in group]


def shaped_run(run, *, font, size):
    """(glyphs, width): `run` shaped by HarfBuzz in `font`, its glyphs in visual order, as a
    string ReportLab draws glyph by glyph; unchanged where shaping changes nothing."""
    register_fonts()
    glyphs = shapeStr(run, font, size)
    data = getattr(glyphs, "__shapeData__", None)
    if data is None:
        return glyphs, pdfmetrics.stringWidth(glyphs, font, size)
    return glyphs, sum(glyph.x_advance for glyph in data) * size / 1000


def _laid(text, size, bold):
    laid = []
    for script, run in visual_runs(text):
        font = font_name(script, bold=bold)
        glyphs, width = shaped_run(run, font=font, size=size)
        laid.append((font, glyphs, width))
    return laid


def text_width(text, *, size, bold=False):
    """The width in points `text` takes when drawn by `draw_centred`."""
    return sum(width for _font, _glyphs, width in _laid(text, size, bold))


def draw_centred(page, x, y, text, *, size, bold=False):
    """Draw one line of `text` on the ReportLab canvas `page`, centred on `x`, each script in
    its font, shaped, in reading order."""
    laid = _laid(text, size, bold)
    left = x - sum(width for _font, _glyphs, width in laid) / 2
    for font, glyphs, width in laid:
        page.setFont(font, size)
        page.drawString(left, y, glyphs)
        left += width
