import pytest

from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.members.tests import test_directory as directory
from menengage.networks.models import Network

alliance = directory.alliance  # the same members as the directory page's tests
register = directory.register


def names(response):
    return [item["name"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_list_returns_active_members_with_public_fields(client, alliance):
    response = client.get("/api/v1/organisations")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 4
    assert names(response) == [
        "Kisumu Youth Voices",
        "Nairobi Fathers Forum",
        "Pan-African Allies",
        "Rede Homens pela Igualdade",
    ]
    fathers = body["items"][1]
    assert fathers["slug"] == "nairobi-fathers-forum"
    assert fathers["acronym"] == "NFF"
    assert fathers["country"]["code"] == "KE"
    assert fathers["themes"] == [{"code": "care-fatherhood", "name": "Care and fatherhood"}]
    assert {term["code"] for term in fathers["languages"]} == {"en", "sw"}
    assert fathers["networks"] == [{"slug": "kenya", "kind": "country", "name": "MenEngage Kenya"}]
    assert fathers["email"] == "hello@fathers.example.org"
    assert fathers["url"] == "/en/members/nairobi-fathers-forum/"


@pytest.mark.django_db
def test_hidden_contact_details_never_leave_the_api(client, alliance):
    response = client.get("/api/v1/organisations?limit=100")
    text = response.content.decode()
    assert "secret@youth.example.org" not in text  # e-mail hidden by the member
    assert "+254 700 000 001" not in text  # telephone hidden by the member
    assert "public_email" not in text and "show_email" not in text
    youth = client.get(f"/api/v1/organisations/{alliance['youth'].pk}").json()
    assert youth["email"] == "" and youth["phone"] == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=KISUMU", ["Kisumu Youth Voices"]),
        ("q=nff", ["Nairobi Fathers Forum"]),
        ("q=north-east", ["Rede Homens pela Igualdade"]),
        ("region=africa", ["Kisumu Youth Voices", "Nairobi Fathers Forum", "Pan-African Allies"]),
        ("country=BR", ["Rede Homens pela Igualdade"]),
        ("network=kenya", ["Kisumu Youth Voices", "Nairobi Fathers Forum"]),
        ("kind=ingo", ["Pan-African Allies"]),
        ("theme=violence-prevention", ["Kisumu Youth Voices", "Rede Homens pela Igualdade"]),
        ("language=fr", ["Pan-African Allies"]),
        ("region=africa&language=en&theme=care-fatherhood", ["Nairobi Fathers Forum"]),
        ("q=hopeful", []),
    ],
)
@pytest.mark.django_db
def test_list_filters(client, alliance, query, expected):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.django_db
def test_list_sorts(client, alliance, staff, kenya):
    register(staff, kenya, name="Aardvark Newcomers")
    assert names(client.get("/api/v1/organisations?sort=-name"))[0] == "Rede Homens pela Igualdade"
    assert names(client.get("/api/v1/organisations?sort=newest"))[0] == "Aardvark Newcomers"
    assert names(client.get("/api/v1/organisations?sort=name"))[0] == "Aardvark Newcomers"


@pytest.mark.parametrize("query", ["kind=planet", "sort=sideways", "limit=-1", "q=" + "x" * 101])
@pytest.mark.django_db
def test_bad_parameters_are_a_clear_error_not_a_500(client, query):
    assert client.get(f"/api/v1/organisations?{query}").status_code == 422


@pytest.mark.django_db
def test_list_paginates_with_limit_and_offset(client, staff, kenya):
    for number in range(7):
        register(staff, kenya, name=f"Group {number}")
    body = client.get("/api/v1/organisations?limit=3&offset=3").json()
    assert body["count"] == 7
    assert [item["name"] for item in body["items"]] == ["Group 3", "Group 4", "Group 5"]


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_rows(
    client, staff, kenya, django_assert_max_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the queries of the answer drawn, not a kept copy
    brazil = Network.objects.get(slug="brazil")
    register(staff, kenya, name="Only One", themes=["srhr"])
    client.get("/api/v1/organisations?theme=srhr")  # reads the terms and countries once
    with django_assert_max_num_queries(7) as few:
        client.get("/api/v1/organisations?theme=srhr")
    for number in range(30):
        register(
            staff,
            brazil if number % 2 else kenya,
            name=f"Many {number}",
            themes=["srhr", "hiv"],
            languages=["en", "pt"],
            age_groups=["youth"],
        )
    with django_assert_max_num_queries(7) as many:
        body = client.get("/api/v1/organisations?theme=srhr").json()
    assert body["count"] == 31
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_get_one_organisation(client, alliance, django_assert_max_num_queries):
    client.get("/api/v1/organisations")  # reads the terms and countries once
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/organisations/{alliance['regional'].pk}")
    body = response.json()
    assert response.status_code == 200
    assert body["name"] == "Pan-African Allies"
    assert body["networks"] == [{"slug": "africa", "kind": "regional", "name": "MenEngage Africa"}]


@pytest.mark.parametrize("who", ["applicant", "lapsed"])
@pytest.mark.django_db
def test_non_members_are_404(client, alliance, who):
    response = client.get(f"/api/v1/organisations/{alliance[who].pk}")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


@pytest.mark.django_db
def test_unknown_id_is_404(client):
    response = client.get("/api/v1/organisations/999999")
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_only_active_memberships_are_listed_as_networks(client, staff, kenya):
    brazil = Network.objects.get(slug="brazil")
    organisation = organisation_register(
        actor=staff,
        name="Two Networks",
        slug="two-networks",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE), (brazil, Membership.Status.SUSPENDED)],
    )
    body = client.get(f"/api/v1/organisations/{organisation.pk}").json()
    assert [network["slug"] for network in body["networks"]] == ["kenya"]
    assert client.get("/api/v1/organisations?network=brazil").json()["count"] == 0


@pytest.mark.django_db
def test_schema_lists_the_organisation_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/organisations" in paths
    assert "/api/v1/organisations/{id}" in paths
