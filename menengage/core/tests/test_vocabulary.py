"""Terms and countries attached from the per-process catalogue (core.vocabulary): the same
rows, in the same order, as Django's prefetch, and never a stale name after an edit."""

import pytest
from django.utils import translation

from menengage.core.models import Country, Term
from menengage.members.models import Organisation
from menengage.members.tests import test_directory as directory

alliance = directory.alliance


def terms(organisation, name):
    return [(term.code, str(term.name)) for term in getattr(organisation, name).all()]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_attached_terms_are_what_the_prefetch_reads_in_its_order(
    alliance, staff, kenya, language, django_assert_num_queries
):
    directory.register(
        staff,
        kenya,
        name="Many Terms",
        themes=["srhr", "hiv", "care-fatherhood", "violence-prevention"],
        languages=["en", "sw", "fr", "pt"],
        age_groups=["youth", "adults"],
    )
    names = ("themes", "languages", "age_groups")
    with translation.override(language):
        prefetched = list(Organisation.objects.prefetch_related(*names, "country").order_by("pk"))
        attached = list(Organisation.objects.with_vocabulary(*names, "country").order_by("pk"))
        # Read, everything is in memory: no query per organisation.
        with django_assert_num_queries(0):
            for before, after in zip(prefetched, attached, strict=True):
                for name in names:
                    assert terms(after, name) == terms(before, name)
                assert after.country == before.country
                assert str(after.country.name) == str(before.country.name)
    assert any(len(terms(organisation, "themes")) == 4 for organisation in attached)


@pytest.mark.django_db
def test_a_renamed_term_and_country_show_at_once(client, alliance):
    client.get("/api/v1/organisations")  # the catalogue is read and kept
    theme = Term.objects.get(vocabulary="theme", code="care-fatherhood")
    theme.name = {"en": "Fathers and care"}
    theme.save()
    kenya = Country.objects.get(code="KE")
    kenya.name = {**kenya.name.as_dict(), "en": "Republic of Kenya"}
    kenya.save()
    fathers = next(
        item
        for item in client.get("/api/v1/organisations").json()["items"]
        if item["slug"] == "nairobi-fathers-forum"
    )
    assert fathers["themes"] == [{"code": "care-fatherhood", "name": "Fathers and care"}]
    assert fathers["country"]["name"] == "Republic of Kenya"


@pytest.mark.django_db
def test_a_term_added_without_a_signal_is_still_found(alliance):
    """Another process adds a term: this one has no signal, its kept catalogue lacks the row."""
    fathers = alliance["fathers"]
    list(Organisation.objects.with_vocabulary("themes"))  # the catalogue is read and kept
    Term.objects.bulk_create([Term(vocabulary="theme", code="sport", name={"en": "Sport"})])
    fathers.themes.add(Term.objects.get(code="sport"))
    found = Organisation.objects.with_vocabulary("themes").get(pk=fathers.pk)
    prefetched = Organisation.objects.prefetch_related("themes").get(pk=fathers.pk)
    assert terms(found, "themes") == terms(prefetched, "themes")
    assert {code for code, _name in terms(found, "themes")} == {"care-fatherhood", "sport"}


@pytest.mark.django_db
def test_a_query_made_from_attached_terms_reads_only_that_records_terms(
    alliance, staff, kenya, django_assert_num_queries
):
    directory.register(staff, kenya, name="Two Themes", themes=["srhr", "hiv"])
    directory.register(staff, kenya, name="Another", themes=["care-fatherhood"])
    records = list(Organisation.objects.with_vocabulary("themes").order_by("pk"))
    record = next(record for record in records if record.name == "Two Themes")
    with django_assert_num_queries(0):
        assert record.themes.count() == 2
        assert record.themes.exists()
        assert len(record.themes.all()) == 2
    with django_assert_num_queries(2):
        assert sorted(record.themes.values_list("code", flat=True)) == ["hiv", "srhr"]
        assert list(record.themes.filter(code="care-fatherhood")) == []
    expected = {
        (r.pk, code)
        for r in Organisation.objects.prefetch_related("themes")
        for code in r.themes.values_list("code", flat=True)
    }
    assert {(r.pk, code) for r in records for code in r.themes.values_list("code", flat=True)} == (
        expected
    )


@pytest.mark.django_db
def test_rows_reads_what_was_prefetched_or_attached_and_else_asks(
    alliance, staff, kenya, django_assert_num_queries
):
    from menengage.core.api_schema import listed, rows

    directory.register(staff, kenya, name="Rows Read", themes=["srhr", "hiv"], languages=["en"])
    organisation = (
        Organisation.objects.with_vocabulary("themes")
        .prefetch_related("memberships", listed("age_groups"))
        .get(name="Rows Read")
    )
    with django_assert_num_queries(0):
        assert sorted(term.code for term in rows(organisation, "themes")) == ["hiv", "srhr"]
        assert [m.network_id for m in rows(organisation, "memberships")] == [kenya.pk]
        assert rows(organisation, "age_groups") == []  # listed: a plain list
    # Not prefetched: read from the database, as `organisation.languages.all()` would.
    with django_assert_num_queries(1):
        assert [term.code for term in rows(organisation, "languages")] == ["en"]
