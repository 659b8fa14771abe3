"""The site's languages come from settings alone: the catalogues `make messages` updates, the
formats of dates and numbers, the month names, and Django's own messages our catalogues
supply where Django's lack them."""

import ast
from pathlib import Path
from unittest import mock

import django
import polib
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import dates, formats, translation

import menengage.core.django_strings
import menengage.core.month_names
from menengage.core.management.commands import catalogues_update

DJANGO = Path(django.__file__).parent
MAY = __import__("datetime").date(2026, 5, 4)


def test_make_messages_updates_every_language_but_the_source():
    with mock.patch.object(catalogues_update, "call_command") as call:
        catalogues_update.Command().handle(verbosity=0)
    makemessages = call.call_args_list[0]
    assert makemessages.args == ("makemessages",)
    assert makemessages.kwargs["locale"] == ["es", "fr", "pt", "ar", "sw"]
    assert call.call_args_list[1].args == ("catalogues_compile",)


def test_a_language_added_in_settings_alone_gets_a_catalogue(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("hi", "Hindi")]
    assert "hi" in catalogues_update.catalogue_languages()


def test_swahili_and_arabic_dates_and_numbers_follow_their_own_rules():
    with translation.override("sw"):
        assert formats.date_format(MAY, "DATE_FORMAT").startswith("4 ")
        assert intcomma(1234567) == "1,234,567"
        assert formats.number_format(1234.5, 1, use_l10n=True) == "1234.5"
    with translation.override("ar"):
        # Django's Arabic formats (Western digits, a decimal comma), with thousands grouped.
        assert formats.date_format(MAY, "DATE_FORMAT").startswith("4 ")
        assert formats.date_format(MAY, "DATE_FORMAT").endswith("، 2026")
        assert intcomma(1234567) == "1.234.567"
        assert formats.number_format(1234.5, 1, use_l10n=True) == "1234,5"


def test_month_names_are_the_messages_django_prints():
    """Our catalogues translate exactly the msgids Django's date formats look up, so the ar
    and sw catalogues decide how months are written."""
    source = ast.parse(Path(menengage.core.month_names.__file__).read_text())
    marked = [node.args[0].value for node in ast.walk(source) if isinstance(node, ast.Call)]
    assert marked == [str(name) for name in dates.MONTHS.values()]
    for language in ["ar", "sw"]:
        with translation.override(language):
            assert translation.gettext("May") in formats.date_format(MAY, "DATE_FORMAT")
            assert translation.gettext("May") != "May"


def _marked(module):
    source = ast.parse(Path(module.__file__).read_text())
    for node in ast.walk(source):
        if isinstance(node, ast.Call) and node.func.id in {"gettext_noop", "ngettext_lazy"}:
            strings = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            yield tuple(strings[:2]) if node.func.id == "ngettext_lazy" else (strings[0],)


def test_the_django_messages_we_supply_are_djangos_own():
    known = set()
    for path in [
        DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
        DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]:
        for entry in polib.pofile(str(path)):
            known.add((entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,))
    marked = list(_marked(menengage.core.django_strings))
    assert len(marked) > 20
    assert [message for message in marked if message not in known] == []


def test_django_lacks_the_empty_choice_in_some_of_our_languages():
    """Why the module exists: if Django's catalogues gain these, it can shrink."""
    lacking = []
    for code, _name in settings.LANGUAGES:
        path = DJANGO / f"conf/locale/{code}/LC_MESSAGES/django.po"
        if code != "en" and path.exists():
            entry = polib.pofile(str(path)).find("- Select an option -")
            if entry is None or not entry.translated():
                lacking.append(code)
    assert {"es", "pt"} <= set(lacking)
