"""The shared form and model fields: impossible ids and oversized text are refused with
Django's own translated messages, before the database sees them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from menengage.core.fields import TEXT_MAX_LENGTH
from menengage.core.forms import ModelChoiceField, ModelMultipleChoiceField
from menengage.core.models import Term
from menengage.members.models import Organisation

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", [[HUGE], ["1", HUGE], [f"-{HUGE}"]])
def test_an_impossible_id_among_several_is_an_invalid_choice_in_the_visitors_language(value):
    field = ModelMultipleChoiceField(queryset=Term.objects.all())
    with translation.override("es"):
        with pytest.raises(ValidationError) as refused:
            field.clean(value)
        assert "Escoja una opción válida" in refused.value.messages[0]
    assert refused.value.code == "invalid_choice"


def test_an_impossible_id_is_an_invalid_choice():
    field = ModelChoiceField(queryset=Term.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(HUGE)
    assert refused.value.code == "invalid_choice"


def test_a_real_id_is_still_chosen():
    term = Term.objects.first()
    assert list(ModelMultipleChoiceField(queryset=Term.objects.all()).clean([term.pk])) == [term]


def test_free_text_is_limited_by_the_model_and_its_form(kenya):
    organisation = Organisation(
        name="Long Winded", slug="long-winded", kind="ngo", country=kenya.country
    )
    organisation.description = "x" * (TEXT_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert "description" in refused.value.message_dict
    field = Organisation._meta.get_field("description").formfield()
    assert field.max_length == TEXT_MAX_LENGTH


def _network_choices():
    from menengage.concerns.forms import ConcernForm

    return dict(
        (str(value), label) for value, label in ConcernForm().fields["subject_network"].choices
    )


def test_kept_choices_are_read_once_per_language_and_again_after_a_write(
    django_assert_num_queries,
):
    """The concern form's networks (core.forms.KeptChoiceIterator)."""
    from menengage.networks.models import Network

    kenya = Network.objects.get(slug="kenya")
    english = _network_choices()
    assert english[str(kenya.pk)] == kenya.name
    with django_assert_num_queries(0):  # the version is in the test's local cache
        assert _network_choices() == english
    with translation.override("fr"):
        french = _network_choices()
    assert french != english and len(french) == len(english)
    kenya.name = {"en": "Kenya Men Engage Network", "fr": "Réseau kényan"}
    kenya.save()
    assert _network_choices()[str(kenya.pk)] == "Kenya Men Engage Network"
