"""Certificates print every name in its own script: Vietnamese with its marks, Arabic joined
and right to left, Devanagari; the fonts are the ones shipped with the project."""

import io
import unicodedata
from datetime import timedelta

import pypdf
import pytest
from django.utils import timezone

from menengage.core.pdf_text import script_runs, shaped_run, visual_runs
from menengage.events.documents import certificate_pdf
from menengage.events.models import Registration

VIETNAMESE = "Nguyễn Thị Ánh"
ARABIC = "مؤسسة الرجال من أجل المساواة"
DEVANAGARI = "सहयोग संस्था"


def _pdf(registration):
    reader = pypdf.PdfReader(io.BytesIO(certificate_pdf(registration)))
    page = reader.pages[0]
    fonts = {
        font.get_object()["/BaseFont"].split("+")[-1]
        for font in page["/Resources"]["/Font"].values()
    }
    return fonts, unicodedata.normalize("NFKC", page.extract_text())


@pytest.fixture
def attended(make_event):
    event = make_event("past", starts_at=timezone.now() - timedelta(days=3))

    def register(name, language="en"):
        return Registration.objects.create(
            event=event,
            name=name,
            email="someone@example.org",
            language=language,
            status="confirmed",
            checked_in_at=timezone.now(),
        )

    return register


@pytest.mark.django_db
def test_a_vietnamese_name_keeps_its_marks(attended):
    fonts, text = _pdf(attended(VIETNAMESE))
    assert VIETNAMESE in text
    assert fonts <= {"NotoSans-Regular", "NotoSans-Bold"}
    assert "Helvetica" not in fonts


@pytest.mark.django_db
def test_an_arabic_name_is_joined_and_right_to_left(attended):
    fonts, text = _pdf(attended(ARABIC, language="ar"))
    assert {"NotoSansArabic-Bold", "NotoSansArabic-Regular"} <= fonts
    # The page holds the joined letter forms (Arabic presentation forms), which fold back to
    # the name; unshaped, it would hold the bare letters.
    assert ARABIC in text
    glyphs, width = shaped_run(ARABIC, font="NotoSansArabic-Bold", size=24)
    assert width > 0
    assert any(0xFE70 <= ord(glyph) <= 0xFEFF for glyph in glyphs)
    # HarfBuzz gives the glyphs in visual order: the name's first letter (meem, initial
    # form) is drawn last, at the right.
    assert unicodedata.normalize("NFKC", glyphs[-1]) == ARABIC[0]


@pytest.mark.django_db
def test_a_devanagari_name_is_set_in_devanagari(attended):
    fonts, text = _pdf(attended(DEVANAGARI))
    assert "NotoSansDevanagari-Bold" in fonts
    assert "सहयोग" in text


def test_a_right_to_left_line_lays_its_runs_from_the_right():
    assert script_runs("Men مؤسسة 2020") == [
        ("latin", "Men "),
        ("arabic", "مؤسسة"),
        ("latin", " 2020"),
    ]
    assert [run for _script, run in visual_runs("مؤسسة Men للمساواة")] == [
        " للمساواة",
        "Men",
        "مؤسسة ",
    ]
    assert [run for _script, run in visual_runs(VIETNAMESE)] == [VIETNAMESE]
