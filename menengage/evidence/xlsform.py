"""An instrument as an XLSForm (.xlsx) in one of the site's languages, for KoboToolbox,
ODK Collect and other XLSForm tools: the respondent's code, wave, group, age group and
gender, then one select_one question per item. Choice names are the answer points and
the item codes are the question names, so the tool's export uploads as it is."""

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from menengage.core.models import Term

from .models import Respondent, Wave, in_language


def instrument_xlsform(instrument, language):
    """The .xlsx bytes of `instrument`'s XLSForm with labels in `language`."""
    with translation.override(language):
        book = Workbook()
        survey = book.active
        survey.title = "survey"
        survey.append(
            ["type", "name", "label", "hint", "required", "constraint", "constraint_message"]
        )
        survey.append(
            [
                "text",
                "respondent",
                _("Respondent's code"),
                _("The pseudonymous code given to this person, never their name."),
                "yes",
                "regex(., '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$')",
                _("Letters, digits, dots, dashes or underscores only."),
            ]
        )
        survey.append(["select_one waves", "wave", _("Wave"), "", "yes", "", ""])
        survey.append(["select_one groups", "group", _("Group"), "", "yes", "", ""])
        survey.append(["select_one age_groups", "age_group", _("Age group"), "", "", "", ""])
        survey.append(
            ["text", "gender", _("Gender, in your own words"), _("Optional."), "", "", ""]
        )
        survey.append(["begin_group", "items", instrument.name, "", "", "", ""])
        for item in instrument.items.all():
            texts = item.texts
            label = texts.get(language) or texts.get(settings.LANGUAGE_CODE, "")
            survey.append(["select_one answers", item.code, label, "", "", "", ""])
        survey.append(["end_group", "", "", "", "", "", ""])

        choices = book.create_sheet("choices")
        choices.append(["list_name", "name", "label"])
        for point in sorted(instrument.answer_scale, key=lambda point: point["value"]):
            labels = point.get("labels", {})
            choices.append(
                ["answers", str(point["value"]), labels.get(language) or in_language(labels)]
            )
        for wave in Wave:
            choices.append(["waves", wave.value, str(wave.label)])
        for group in Respondent.Group:
            choices.append(["groups", group.value, str(group.label)])
        for term in Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP):
            choices.append(["age_groups", term.code, str(term.name.in_language(language))])

        form_settings = book.create_sheet("settings")
        form_settings.append(["form_title", "form_id", "version", "default_language"])
        form_settings.append(
            [
                instrument.names.get(language) or instrument.name,
                f"{instrument.family}_v{instrument.version}_{language}",
                str(instrument.version),
                language,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
