import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import caches

from menengage.core.models import Country

from .. import selectors
from ..models import Activity
from .conftest import record, terms

KE, UG, BR = "KE", "UG", "BR"
TITLES = re.compile(r'<h3><a href="/\w\w/activities/\d+/"[^>]*>([^<]+)</a>')
MAP_ROWS = re.compile(
    r'<tr><th scope="row"><a href="[^"]*country=(\w\w)[^"]*">[^<]+</a></th>'
    r'<td class="num">(\d+)</td>'
)


def countries(*codes):
    return list(Country.objects.filter(code__in=codes))


@pytest.fixture
def spread(staff, orgs, kenya, brazil):
    """Five activities across Kenya, Uganda and Brazil with different kinds, years and terms."""
    made = [
        record(
            staff,
            orgs["nairobi"],
            title={"en": "A Kenya training 2023"},
            kind="training",
            starts_on=datetime.date(2023, 2, 1),
            ends_on=datetime.date(2023, 6, 1),
            status="completed",
            themes=terms("theme", "srhr"),
            mandates=terms("mandate", "icpd"),
        ),
        record(
            staff,
            orgs["nairobi"],
            title={"en": "B Kenya and Uganda campaign"},
            kind="campaign",
            countries=countries(KE, UG),
            starts_on=datetime.date(2024, 1, 1),
            status="ongoing",
            themes=terms("theme", "violence-prevention"),
            mandates=terms("mandate", "cedaw", "csw"),
            age_groups=terms("age_group", "youth"),
        ),
        record(
            staff,
            orgs["rio"],
            title={"en": "C Brazil research"},
            kind="research",
            starts_on=datetime.date(2022, 5, 1),
            status="ongoing",
            mandates=terms("mandate", "crc"),
            age_groups=terms("age_group", "children"),
        ),
        record(
            staff,
            orgs["rio"],
            title={"en": "D Brazil advocacy"},
            kind="advocacy",
            starts_on=datetime.date(2024, 9, 1),
            ends_on=datetime.date(2025, 2, 1),
            status="completed",
            themes=terms("theme", "srhr"),
        ),
        record(
            staff,
            orgs["rio"],
            title={"en": "E Brazil cancelled"},
            kind="training",
            starts_on=datetime.date(2021, 9, 1),
            status="cancelled",
            mandates=terms("mandate", "cedaw"),
        ),
    ]
    caches["fragments"].clear()
    return made


def listed(client, query=""):
    titles = []
    page = 1
    while True:
        response = client.get(f"/en/activities/?{query}&page={page}")
        assert response.status_code == 200
        titles += TITLES.findall(response.text)
        if 'rel="next"' not in response.text:
            return sorted(titles)
        page += 1


def mapped(client, query=""):
    response = client.get(f"/en/activities/map/?{query}")
    assert response.status_code == 200
    return {code: int(count) for code, count in MAP_ROWS.findall(response.text)}


FILTERS = [
    ("", ["A", "B", "C", "D", "E"]),
    ("kind=training", ["A", "E"]),
    ("status=ongoing", ["B", "C"]),
    ("theme=srhr", ["A", "D"]),
    ("mandate=cedaw", ["B", "E"]),
    ("age_group=youth", ["B"]),
    ("region=africa", ["A", "B"]),
    ("region=latin-america", ["C", "D", "E"]),
    ("country=UG", ["B"]),
    ("region=africa&mandate=cedaw", ["B"]),
    ("year=2024", ["B", "C", "D"]),
    ("year=2023", ["A", "C"]),
    ("year=2025", ["B", "C", "D"]),
    ("kind=training&region=latin-america", ["E"]),
    ("kind=nonsense", ["A", "B", "C", "D", "E"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_filters_and_map_counts_agree_with_the_list(client, spread, query, expected):
    titles = listed(client, query)
    assert [title[0] for title in titles] == expected
    counts = mapped(client, query)
    chosen = dict(pair.split("=") for pair in query.split("&") if pair)
    for code, count in counts.items():
        assert len(listed(client, urlencode({**chosen, "country": code}))) == count
    if not {"country", "region"} & set(chosen):
        in_countries = sum(Activity.objects.get(title__en=t).countries.count() for t in titles)
        assert sum(counts.values()) == in_countries
    if "country" in chosen:
        assert set(counts) == {chosen["country"]}


@pytest.mark.django_db
def test_map_draws_a_circle_per_country_linking_to_the_filtered_list(client, spread):
    response = client.get("/en/activities/map/?mandate=cedaw")
    links = re.findall(
        r'<a href="(/en/activities/\?[^"]+)"><title>([^<]+)</title><circle', response.text
    )
    assert sorted(title for _href, title in links) == [
        "Brazil: 1 activity",
        "Kenya: 1 activity",
        "Uganda: 1 activity",
    ]
    assert all("mandate=cedaw" in href for href, _title in links)
    assert 'class="member-map__land"' in response.text


def test_the_drawn_map_is_kept_as_long_as_its_counts(client, spread, monkeypatch):
    first = client.get("/en/activities/map/?mandate=cedaw")
    # Served again, the map is not drawn again: its counts are not even asked for.
    monkeypatch.setattr(selectors, "activity_map", lambda **_: pytest.fail("drawn again"))
    assert client.get("/en/activities/map/?mandate=cedaw").text == first.text
    monkeypatch.undo()
    # Another query string is drawn for itself: its links keep its own parameters.
    other = client.get("/en/activities/map/?mandate=cedaw&kind=training")
    link = re.search(r'<a href="(/en/activities/\?[^"]+)"><title>', other.text)[1]
    assert "kind=training" in link


@pytest.mark.django_db
def test_list_paginates(client, staff, orgs):
    for number in range(23):
        record(staff, orgs["nairobi"], title={"en": f"Session {number:02d}"})
    first = client.get("/en/activities/")
    assert "23 activities found" in first.text
    assert len(TITLES.findall(first.text)) == 20
    second = client.get("/en/activities/?page=2")
    assert len(TITLES.findall(second.text)) == 3
    assert client.get("/en/activities/?page=zzz").status_code == 200


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_results(client, staff, orgs, django_assert_max_num_queries):
    record(staff, orgs["nairobi"], themes=terms("theme", "srhr"))
    for path in ("/en/activities/", "/en/activities/map/", "/api/v1/activities"):
        client.get(path)
    few = {}
    for path in (
        "/en/activities/?theme=srhr",
        "/en/activities/map/?theme=srhr",
        "/api/v1/activities?theme=srhr",
    ):
        caches["fragments"].clear()  # count the map's aggregate, not its cached figures
        with django_assert_max_num_queries(15) as counted:
            client.get(path)
        few[path] = len(counted.captured_queries)
    for number in range(25):
        record(
            staff,
            orgs["rio" if number % 2 else "nairobi"],
            title={"en": f"More {number}"},
            themes=terms("theme", "srhr", "hiv"),
            countries=countries(KE, BR, UG)[: 1 + number % 3],
            mandates=terms("mandate", "icpd"),
            reach={("25-59", "men"): number + 1},
        )
    for path, count in few.items():
        caches["fragments"].clear()
        with django_assert_max_num_queries(15) as counted:
            response = client.get(path)
        assert response.status_code == 200
        assert len(counted.captured_queries) == count, path


@pytest.mark.django_db
def test_detail_shows_reach_totals_and_consultation(client, representative, orgs):
    activity = record(
        representative,
        orgs["nairobi"],
        is_new_programme=True,
        reach={("25-59", "men"): 40, ("25-59", "women"): 12, ("15-19", "self_described"): 3},
        consultation={
            "organisations": [orgs["womens"]],
            "consulted_on": datetime.date(2024, 1, 15),
            "method": "meeting",
            "what_changed": "The curriculum now covers unpaid care.",
        },
    )
    response = client.get(f"/en/activities/{activity.pk}/")
    assert response.status_code == 200
    assert '<td class="num" id="reach-total">55</td>' in response.text
    assert '<td class="num">52</td>' in response.text  # the 25 to 59 row
    assert "In their own words" in response.text
    assert "Kenya Women&#x27;s Voice" in response.text
    assert "The curriculum now covers unpaid care." in response.text
    assert "Edit this activity" not in response.text
    assert client.get("/en/activities/999999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_every_page_renders_in_every_language(client, activity, staff, orgs, language):
    from .. import services

    services.working_group_create(
        actor=staff, slug="care", name={"en": "Care"}, members=[orgs["nairobi"]]
    )
    for path in ("", "map/", f"{activity.pk}/", "working-groups/", "working-groups/care/"):
        response = client.get(f"/{language}/activities/{path}")
        assert response.status_code == 200, path
        assert len(response.content) < 50_000
    assert client.get(f"/{language}/activities/working-groups/nope/").status_code == 404


@pytest.mark.django_db
def test_record_and_edit_pages_persona_matrix(
    client, activity, representative, other_representative, coordinator, outsider, staff
):
    assert client.get("/en/activities/new/").status_code == 302
    assert client.get(f"/en/activities/{activity.pk}/edit/").status_code == 302
    client.force_login(outsider)
    assert client.get("/en/activities/new/").status_code == 403
    assert client.get(f"/en/activities/{activity.pk}/edit/").status_code == 403
    client.force_login(other_representative)
    assert client.get("/en/activities/new/").status_code == 200
    assert client.get(f"/en/activities/{activity.pk}/edit/").status_code == 403
    response = client.post(f"/en/activities/{activity.pk}/edit/", {"title_en": "Mine"})
    assert response.status_code == 403
    for allowed in (representative, coordinator, staff):
        client.force_login(allowed)
        assert client.get(f"/en/activities/{activity.pk}/edit/").status_code == 200
        assert "Edit this activity" in client.get(f"/en/activities/{activity.pk}/").text
        mine = client.get("/en/activities/mine/")
        assert f"/en/activities/{activity.pk}/edit/" in mine.text


def form_data(lead, **overrides):
    data = {
        "kind": "training",
        "status": "ongoing",
        "language": "es",
        "title_es": "Círculos de padres",
        "summary_es": "Encuentros semanales sobre cuidado.",
        "lead": lead.pk,
        "countries": ["KE"],
        "starts_on": "2024-03-01",
        "reach_25_59_men": "30",
        "reach_15_19_non_binary": "4",
        "reach_60plus_women": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_representative_records_an_activity_through_the_form(client, representative, orgs):
    client.force_login(representative)
    response = client.post("/en/activities/new/", form_data(orgs["nairobi"]))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/activities/{activity.pk}/"
    assert activity.people_reached == 34
    assert activity.title == "Círculos de padres"
    assert activity.created_by == representative


@pytest.mark.django_db
def test_form_requires_consultation_for_a_new_programme(client, representative, orgs):
    client.force_login(representative)
    response = client.post("/en/activities/new/", form_data(orgs["nairobi"], is_new_programme="on"))
    assert response.status_code == 200
    assert "A new programme records how women" in response.text
    assert not Activity.objects.exists()
    response = client.post(
        "/en/activities/new/",
        form_data(
            orgs["nairobi"],
            is_new_programme="on",
            consulted_organisations="Kenya Women's Voice\nCoast Women's Collective",
            consulted_on="2024-01-10",
            consultation_method="meeting",
            what_changed="Added a session on consent.",
        ),
    )
    assert response.status_code == 302
    consultation = Activity.objects.get().consultations.get()
    assert list(consultation.organisations.all()) == [orgs["womens"]]
    assert consultation.other_organisation_names == ["Coast Women's Collective"]


@pytest.mark.django_db
def test_bad_form_input_is_a_clear_message_not_an_error(client, representative, orgs):
    client.force_login(representative)
    response = client.post(
        "/en/activities/new/",
        form_data(
            orgs["nairobi"],
            title_es="",
            reach_25_59_men="-3",
            partners="No Such Organisation",
            starts_on="2024-05-01",
            ends_on="2024-01-01",
        ),
    )
    assert response.status_code == 200
    assert "Not in the member directory: No Such Organisation" in response.text
    assert "Ensure this value is greater than or equal to 0" in response.text
    assert not Activity.objects.exists()
    response = client.post(
        "/en/activities/new/", form_data(orgs["nairobi"], title_es="", ends_on="2024-01-01")
    )
    assert response.status_code == 200
    assert "Give the title in the activity" in response.text
    assert "cannot end before it starts" in response.text
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_coordinator_edits_through_the_form(client, activity, coordinator):
    client.force_login(coordinator)
    form = client.get(f"/en/activities/{activity.pk}/edit/")
    assert 'value="40"' in form.text  # the reach is filled in
    data = {
        **form_data(activity.lead, language="en", title_es="", summary_es=""),
        "lead": activity.lead.identifier,
        "title_en": "Fathers' circles, second year",
        "summary_en": "Weekly groups.",
        "networks": [str(pk) for pk in activity.networks.values_list("pk", flat=True)],
    }
    response = client.post(f"/en/activities/{activity.pk}/edit/", data)
    assert response.status_code == 302, response.text
    activity.refresh_from_db()
    assert activity.title == "Fathers' circles, second year"
    assert activity.people_reached == 34
