from menengage.declarations import services


def test_api_lists_declarations_with_counts(client, declaration, kenya_country):
    endorsement = services.endorsement_sign(
        actor=None,
        declaration=declaration,
        kind="individual",
        name="Api Person",
        email="api@example.org",
        country=kenya_country,
    )
    services.endorsement_confirm(endorsement=endorsement)
    data = client.get("/api/v1/declarations").json()
    row = next(item for item in data["items"] if item["slug"] == declaration.slug)
    assert row["counts"] == {"signatories": 1, "organisations": 0, "individuals": 1}

    detail = client.get(f"/api/v1/declarations/{declaration.slug}").json()
    assert [p["number"] for p in detail["paragraphs"]] == [1, 2, 3]
    assert detail["signatories_by_region"] == [{"region": "africa", "count": 1}]
    assert len(detail["commitments"]) == 2

    signatories = client.get(f"/api/v1/declarations/{declaration.slug}/signatories").json()
    assert signatories["count"] == 1
    assert signatories["items"][0]["name"] == "Api Person"
    assert "email" not in signatories["items"][0]
    assert "api@example.org" not in str(signatories)
    empty = client.get(f"/api/v1/declarations/{declaration.slug}/signatories?country=BR").json()
    assert empty == {"count": 0, "items": []}


def test_api_unknown_declaration_is_404(client, db):
    assert client.get("/api/v1/declarations/nope").status_code == 404
    assert client.get("/api/v1/declarations/nope/signatories").status_code == 404
