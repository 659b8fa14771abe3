import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from menengage.core.models import Term
from menengage.members.models import Membership, Organisation
from menengage.members.selectors import export_columns
from menengage.members.services import organisation_register
from menengage.networks.models import Network

CSV_URL = "/en/members/export.csv"
JSON_URL = "/en/members/export.json"
ACTIVE = Membership.Status.ACTIVE


def register(staff, memberships, themes=(), **fields):
    fields.setdefault("kind", "ngo")
    organisation = organisation_register(actor=staff, memberships=memberships, **fields)
    organisation.themes.set(Term.objects.filter(vocabulary="theme", code__in=themes))
    return organisation


@pytest.fixture
def members(staff, kenya):
    africa = Network.objects.get(slug="africa")
    brazil = Network.objects.get(slug="brazil")
    return [
        register(
            staff,
            [(kenya, ACTIVE), (africa, ACTIVE)],
            themes=["care-fatherhood", "education"],
            name="Nairobi Fathers Forum",
            acronym="NFF",
            country_id="KE",
            city="Nairobi",
            website="https://fathers.example.org",
            identifier="KE-NCB-12345",
            founded=2004,
            public_email="hidden@fathers.example.org",
            show_email=False,
            description={"en": "Fathers' groups.", "es": "Grupos de padres."},
        ),
        register(staff, [(brazil, ACTIVE)], name="Rede Homens", kind="ingo", country_id="BR"),
        register(staff, [(kenya, Membership.Status.APPLIED)], name="Applicant", country_id="KE"),
    ]


def rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_signed_in_outsiders_are_refused(client, outsider, members, url):
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 403
    assert b"Nairobi" not in response.content


@pytest.mark.django_db
def test_staff_download_every_active_member_as_csv(client, staff, members):
    client.force_login(staff)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="menengage-members.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.decode().splitlines()[0] == ",".join(export_columns())
    exported = rows(response.content)
    assert [row["name"] for row in exported] == ["Nairobi Fathers Forum", "Rede Homens"]
    assert exported[0]["description_en"] == "Fathers' groups."
    assert exported[0]["description_es"] == "Grupos de padres."
    assert exported[0]["description_fr"] == ""
    assert {k: v for k, v in exported[0].items() if not k.startswith("description_")} == {
        "identifier": "KE-NCB-12345",
        "name": "Nairobi Fathers Forum",
        "acronym": "NFF",
        "kind": "ngo",
        "country": "KE",
        "city": "Nairobi",
        "website": "https://fathers.example.org",
        "founded": "2004",
        "email": "hidden@fathers.example.org",
        "networks": "africa;kenya",
        "themes": "care-fatherhood;education",
    }
    assert (exported[1]["founded"], exported[1]["networks"]) == ("", "brazil")


@pytest.mark.django_db
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(client, staff, members):
    Organisation.objects.filter(name="Rede Homens").update(city='=HYPERLINK("http://x.example")')
    client.force_login(staff)
    exported = rows(client.get(CSV_URL).content)
    assert exported[1]["city"] == '\'=HYPERLINK("http://x.example")'


@pytest.mark.django_db
def test_staff_download_every_active_member_as_json(client, staff, members):
    client.force_login(staff)
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    exported = response.json()
    assert [row["name"] for row in exported] == ["Nairobi Fathers Forum", "Rede Homens"]
    assert exported[0]["networks"] == ["africa", "kenya"]
    assert exported[0]["themes"] == ["care-fatherhood", "education"]
    assert exported[0]["email"] == "hidden@fathers.example.org"
    assert (exported[0]["founded"], exported[1]["founded"]) == (2004, None)
    assert set(exported[0]) == set(export_columns())


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_export_query_count_does_not_grow_with_members(
    client, staff, kenya, members, url, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(8) as few:
        assert len(client.get(url).content) > 0
    for number in range(30):
        register(
            staff,
            [(kenya, ACTIVE)],
            themes=["srhr"],
            name=f"Member {number:02}",
            country_id="KE",
        )
    with django_assert_max_num_queries(8) as many:
        response = client.get(url)
    assert response.content.count(b"Member ") == 30
    assert len(many.captured_queries) == len(few.captured_queries)
    assert reverse(f"members:export_{url.rsplit('.', 1)[1]}") == url


def import_members(path, *args):
    out = io.StringIO()
    call_command("import-members", str(path), *args, stdout=out, stderr=io.StringIO())
    return [line for line in out.getvalue().splitlines() if line.startswith("row ")]


@pytest.mark.django_db
def test_an_export_imports_back_unchanged_and_rebuilds_the_directory(
    client, staff, members, tmp_path
):
    client.force_login(staff)
    exported = client.get(CSV_URL).content
    path = tmp_path / "menengage-members.csv"
    path.write_bytes(exported)
    assert import_members(path, "--commit") == ["row 2: unchanged", "row 3: unchanged"]

    Organisation.objects.all().delete()
    assert import_members(path, "--commit") == ["row 2: created", "row 3: created"]
    # Imported members join their country's network only; every other column comes back.
    again = rows(client.get(CSV_URL).content)
    assert [{**row, "networks": ""} for row in again] == [
        {**row, "networks": ""} for row in rows(exported)
    ]
    assert [row["networks"] for row in again] == ["kenya", "brazil"]
