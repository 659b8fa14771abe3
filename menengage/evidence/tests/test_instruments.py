"""The GEM Scale as shipped, and versions that never change once responses use them."""

import pytest
from django.core.exceptions import ValidationError

from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import AuditEvent

from .. import services
from .conftest import synthetic_csv


def test_gem_scale_ships_with_24_items_17_inequitable(gem):
    items = list(gem.items.all())
    assert len(items) == 24
    assert sum(not item.reverse_scored for item in items) == 17
    assert sum(item.reverse_scored for item in items) == 7
    assert gem.points == [1, 2, 3]
    assert gem.answer_label(1, "en") == "Agree"
    assert gem.status == "published" and gem.subscales.count() == 5
    for item in items:
        # The scale ships in the four languages it was published in; others fall back.
        assert set(item.texts) == {"en", "es", "fr", "pt"} and all(item.texts.values())
    assert [band.min_score for band in gem.bands.all()][0] == 24


def test_outsider_cannot_change_or_adapt(gem, outsider, representative):
    for actor in (outsider, representative):
        with pytest.raises(NotPermitted):
            services.instrument_update(instrument=gem, actor=actor, source="x")
        with pytest.raises(NotPermitted):
            services.instrument_adapt(instrument=gem, actor=actor)


def test_version_in_use_cannot_change(gem, staff, scored_evaluation):
    before = gem.names
    with pytest.raises(InvalidTransition):
        services.instrument_update(instrument=gem, actor=staff, names={"en": "Changed"})
    item = gem.items.first()
    with pytest.raises(InvalidTransition):
        services.instrument_item_update(item=item, actor=staff, reverse_scored=True)
    gem.refresh_from_db()
    item.refresh_from_db()
    assert gem.names == before and item.reverse_scored is False
    assert not AuditEvent.objects.filter(verb__startswith="instrument.").exists()


def test_unused_version_can_change_and_is_audited(gem, staff):
    services.instrument_update(instrument=gem, actor=staff, min_share="0.75")
    gem.refresh_from_db()
    assert str(gem.min_share) == "0.75"
    assert AuditEvent.objects.filter(verb="instrument.update").exists()
    with pytest.raises(ValidationError):
        services.instrument_update(instrument=gem, actor=staff, names={"xx": "Bad"})


def test_adaptation_is_a_new_draft_version_then_published(gem, staff):
    short = services.instrument_adapt(instrument=gem, actor=staff)
    assert (short.family, short.version, short.status) == ("gem", 2, "draft")
    assert short.items.count() == 24 and short.based_on == gem
    services.instrument_item_update(
        item=short.items.get(code="gem01"), actor=staff, texts={"en": "Local wording"}
    )
    services.instrument_publish(instrument=short, actor=staff)
    short.refresh_from_db()
    assert short.status == "published"
    with pytest.raises(InvalidTransition):
        services.instrument_publish(instrument=short, actor=staff)


def test_upload_csv_helper_matches_instrument(gem):
    header = synthetic_csv(gem, respondents=1).decode().splitlines()[0].split(",")
    assert header[5:] == [item.code for item in gem.items.all()]
