"""Every configured language's catalogue is complete and compiled.

The languages are settings.LANGUAGES but the source language. A language whose catalogue file
has not been added yet is skipped (say so in the run); a catalogue that exists is never skipped,
however incomplete.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from menengage.core.management.commands.catalogues_update import catalogue_languages

LANGUAGES = catalogue_languages()


def catalogue(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        pytest.skip(f"no catalogue for {language} yet: run `make messages` and translate it")
    return path


def test_every_site_language_but_the_source_has_a_catalogue_to_check():
    assert set(LANGUAGES) == {code for code, _name in settings.LANGUAGES} - {"en"}
    assert {"es", "fr", "pt", "ar", "sw"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    po = polib.pofile(str(catalogue(language)))
    assert len(po) > 50
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    po = polib.pofile(str(catalogue(language)))
    mo = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid
