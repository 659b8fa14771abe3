import pytest


@pytest.mark.django_db
def test_list_networks_paginates(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/networks?limit=5")
    body = response.json()
    assert response.status_code == 200
    assert len(body["items"]) == 5
    assert body["count"] > 60


@pytest.mark.django_db
def test_list_networks_filters_by_kind_and_region_and_sorts(client):
    body = client.get("/api/v1/networks?kind=country&region=south-asia&sort=-name&limit=100").json()
    slugs = [item["slug"] for item in body["items"]]
    assert "india" in slugs and "kenya" not in slugs
    names = [item["name"] for item in body["items"]]
    assert names == sorted(names, reverse=True)
    assert all(item["parent"] == "south-asia" for item in body["items"])


@pytest.mark.django_db
def test_unknown_filter_value_is_a_clear_error_not_a_500(client):
    response = client.get("/api/v1/networks?kind=planet")
    assert response.status_code == 422


@pytest.mark.django_db
def test_get_network_with_children_and_names(client):
    body = client.get("/api/v1/networks/africa").json()
    assert body["kind"] == "regional"
    assert body["names"]["fr"] == "MenEngage Afrique"
    assert "kenya" in [child["slug"] for child in body["children"]]


@pytest.mark.django_db
def test_unknown_network_is_404(client):
    assert client.get("/api/v1/networks/atlantis").status_code == 404


@pytest.mark.django_db
def test_schema_and_docs_are_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/networks" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
