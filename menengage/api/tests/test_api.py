"""The API as a whole: page bounds on every list, one schema per name, JSON for every 404."""

import enum

import pytest
from ninja import Query, Router, Schema

from menengage.api.api import AllianceAPI, api
from menengage.core.api_schema import MAX_LIMIT, MAX_OFFSET

pytestmark = pytest.mark.django_db

PAST_INT64 = "9223372036854775808"


def operations():
    """(path with its parameters filled in, operation) for every GET of the document."""
    document = api.get_openapi_schema()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method == "get":
                filled = path.replace("{slug}", "no-such-slug").replace("{id}", "1")
                yield filled.replace("{year}", "1999"), operation


def list_operations():
    return [
        (path, operation)
        for path, operation in operations()
        if any(p["name"] == "limit" for p in operation.get("parameters", []))
    ]


def test_the_api_has_lists_to_check():
    assert len(list_operations()) >= 14


@pytest.mark.parametrize(
    "query",
    [f"offset={PAST_INT64}", f"offset={MAX_OFFSET + 1}", "offset=-1", "limit=0", "limit=100000"],
)
def test_out_of_bounds_pages_are_a_json_422_on_every_list(client, query):
    for path, operation in list_operations():
        headers = {"Authorization": "Bearer mev_wrong"} if operation.get("security") else {}
        response = client.get(f"{path}?{query}", headers=headers)
        expected = 401 if operation.get("security") else 422
        assert response.status_code == expected, (path, query, response.content[:200])
        assert response["Content-Type"].startswith("application/json")


def test_every_list_publishes_its_bounds():
    for path, operation in list_operations():
        params = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert params["limit"]["maximum"] == MAX_LIMIT, path
        assert params["offset"]["maximum"] == MAX_OFFSET, path


def test_the_largest_page_at_the_deepest_offset_is_empty_not_an_error(client):
    for path, operation in list_operations():
        if operation.get("security") or "no-such-slug" in path:
            continue
        response = client.get(f"{path}?limit={MAX_LIMIT}&offset={MAX_OFFSET}")
        assert response.status_code == 200, path
        assert response.json()["items"] == []


def test_a_page_holds_at_most_the_limit(client, db):
    from menengage.networks.models import Network

    assert Network.objects.count() > 3
    data = client.get("/api/v1/networks?limit=2&offset=1").json()
    assert len(data["items"]) == 2 and data["count"] > 3


def clashing_api():
    """Two routers whose filters are both called `Kind`, with different values."""

    class Kind(enum.StrEnum):
        TRAINING = "training"

    class FirstFilters(Schema):
        kind: Kind | None = None

    first = Router()

    @first.get("/first")
    def first_list(request, filters: Query[FirstFilters]):
        return []

    class Kind(enum.StrEnum):  # noqa: F811 - the clash under test
        CONFERENCE = "conference"

    class SecondFilters(Schema):
        kind: Kind | None = None

    second = Router()

    @second.get("/second")
    def second_list(request, filters: Query[SecondFilters]):
        return []

    clashing = AllianceAPI(urls_namespace="clash")
    clashing.add_router("/", first)
    clashing.add_router("/", second)
    return clashing


def test_the_clash_check_finds_two_schemas_under_one_name():
    assert set(clashing_api().get_openapi_schema(path_prefix="").name_clashes) == {"Kind"}


def test_no_two_different_schemas_share_a_name():
    assert api.get_openapi_schema().name_clashes == {}


def test_every_published_choice_is_accepted_where_it_is_published(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    checked = 0
    for path, operation in operations():
        if operation.get("security") or "no-such-slug" in path:
            continue
        for parameter in operation.get("parameters", []):
            refs = [
                option["$ref"].rsplit("/", 1)[-1]
                for option in parameter["schema"].get("anyOf", [parameter["schema"]])
                if "$ref" in option
            ]
            for ref in refs:
                for value in schemas[ref]["enum"]:
                    response = client.get(path, {parameter["name"]: value})
                    assert response.status_code == 200, (path, parameter["name"], value)
                    checked += 1
    assert checked > 20


def test_kind_training_is_an_activity_kind_only(client):
    assert client.get("/api/v1/activities?kind=training").status_code == 200
    assert client.get("/api/v1/events?kind=training").status_code == 422


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here", "/api/v1/networks/africa/no/such/thing", "/api/v2/networks", "/api/"],
)
def test_unknown_api_addresses_answer_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_a_missing_object_is_still_the_api_404(client):
    response = client.get("/api/v1/networks/no-such-network")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    refused = client.get("/api/v1/transparency/years/1999")
    assert refused.json() == {"detail": "No published financial year has that number."}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations?q=%00",
        "/api/v1/networks?q=a%00b",
        "/api/v1/resources?q=%00",
        "/api/v1/activities?country=%00",
        "/api/v1/networks/africa%00",
    ],
)
def test_a_null_character_is_a_422_before_any_lookup(client, path, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "null_character"


def test_every_free_text_parameter_publishes_that_it_holds_no_null():
    checked = 0
    for _path, operation in operations():
        for parameter in operation.get("parameters", []):
            for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                if option.get("type") == "string" and "enum" not in option:
                    assert option["pattern"] == "^[^\\x00]*$", parameter["name"]
                    checked += 1
    assert checked >= 25
