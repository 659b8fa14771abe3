import pytest

from menengage.library import services

pytestmark = pytest.mark.django_db


def test_list_with_query_filters_and_facets(client, make_resource):
    make_resource(title="Gender toolkit", kind="toolkit")
    make_resource(
        title="Gender report",
        kind="report",
        language="es",
        summary={"es": "Sobre gender y género."},
    )
    make_resource(title="Unrelated")
    data = client.get("/api/v1/resources", {"q": "gender"}).json()
    assert data["count"] == 2 and not data["capped"]
    types = {f["value"]: f["count"] for f in data["facets"]["type"]}
    assert types["toolkit"] == 1 and types["report"] == 1
    filtered = client.get("/api/v1/resources", {"q": "gender", "type": "report"}).json()
    assert [item["title"] for item in filtered["items"]] == ["Gender report"]
    assert "<mark>gender</mark>" in filtered["items"][0]["snippet"]


def test_pagination_and_bad_input(client, make_resource):
    for n in range(3):
        make_resource(title=f"Paged {n}")
    data = client.get("/api/v1/resources", {"limit": 2, "offset": 2}).json()
    assert data["count"] == 3 and len(data["items"]) == 1
    assert client.get("/api/v1/resources", {"type": "nonsense"}).status_code == 422
    assert client.get("/api/v1/resources", {"limit": 1000}).status_code == 422


def test_detail_of_published_only(client, make_resource, representative, organisation):
    resource = make_resource(title="Detailed", theme_codes=["srhr"])
    data = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert data["titles"]["en"] == "Detailed" and data["themes"][0]["code"] == "srhr"
    hidden = services.resource_submit(
        actor=representative,
        organisation=organisation,
        language="en",
        title={"en": "Hidden"},
        kind="report",
    )
    assert client.get(f"/api/v1/resources/{hidden.pk}").status_code == 404


def test_api_query_count_does_not_grow(client, make_resource, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        make_resource(title="Counted")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/resources", {"q": "counted"})
    for _ in range(45):
        make_resource(title="Counted")
    with django_assert_max_num_queries(len(few)):
        data = client.get("/api/v1/resources", {"q": "counted"}).json()
    assert data["count"] == 50


def test_detail_carries_every_configured_language(client, make_resource, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("sw", "Swahili")]
    resource = make_resource(title="Caring fathers", summary={"sw": "Baba wanaojali."})
    data = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert data["titles"] == {"en": "Caring fathers"}
    assert data["summaries"] == {"sw": "Baba wanaojali."}
    assert client.get("/api/v1/resources", {"language": "sw"}).status_code == 200
