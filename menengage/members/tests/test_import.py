import io

import pytest
from django.core.management import CommandError, call_command

from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent
from menengage.members.models import Membership, Organisation
from menengage.members.services import organisation_import_row, organisation_register

HEADER = "identifier,name,acronym,kind,country,city,website,founded,email,description,themes\n"
FATHERS = (
    "KE-NCB-12345,Nairobi Fathers Forum,NFF,ngo,KE,Nairobi,https://fathers.example.org,2004,"
    'hello@fathers.example.org,"Fathers\' groups, on caregiving.",care-fatherhood;education\n'
)
CHAD = ",Sahel Youth Voices,,youth,td,N'Djamena,,,,,\n"


class TTY(io.StringIO):
    def isatty(self):
        return True


def csv_file(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "members.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run(path, *args, stderr=None):
    out = io.StringIO()
    call_command("import-members", str(path), *args, stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def lines(output):
    return [line for line in output.splitlines() if line.startswith("row ")]


@pytest.mark.django_db
def test_dry_run_reports_every_row_and_writes_nothing(tmp_path):
    output = run(csv_file(tmp_path, HEADER + FATHERS + CHAD))
    assert lines(output) == ["row 2: created", "row 3: created"]
    assert "Dry run: 2 created, 0 updated, 0 unchanged, 0 rejected." in output
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_commit_creates_active_members_in_their_countrys_network(tmp_path, kenya):
    output = run(csv_file(tmp_path, HEADER + FATHERS + CHAD), "--commit")
    assert "Committed: 2 created, 0 updated, 0 unchanged, 0 rejected." in output
    fathers = Organisation.objects.get(identifier="KE-NCB-12345")
    assert (fathers.name, fathers.acronym, fathers.kind, fathers.founded) == (
        "Nairobi Fathers Forum",
        "NFF",
        "ngo",
        2004,
    )
    assert fathers.description == "Fathers' groups, on caregiving."
    assert fathers.public_email == "hello@fathers.example.org"
    assert sorted(fathers.themes.values_list("code", flat=True)) == [
        "care-fatherhood",
        "education",
    ]
    membership = fathers.memberships.get()
    assert (membership.network, membership.status) == (kenya, Membership.Status.ACTIVE)
    # Chad has no country network: its members join the regional one.
    sahel = Organisation.objects.get(name="Sahel Youth Voices")
    assert (sahel.country_id, sahel.identifier) == ("TD", "")
    assert sahel.memberships.get().network.slug == "africa"
    events = AuditEvent.objects.filter(target_id=str(fathers.pk), verb="organisation.import_create")
    assert events.get().actor_label == "system"
    assert AuditEvent.objects.filter(verb="membership.create").count() == 2


@pytest.mark.django_db
def test_commit_updates_changed_organisations_and_leaves_the_rest(tmp_path, staff, kenya):
    forum = organisation_register(
        actor=staff,
        name="Nairobi Fathers Forum",
        kind="ngo",
        country_id="KE",
        identifier="KE-NCB-12345",
        city="Nakuru",
        description="Kept: the file has no description column.",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    organisation_register(
        actor=staff,
        name="Kisumu Youth Voices",
        kind="youth",
        country_id="KE",
        city="Kisumu",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    text = (
        "identifier,name,kind,country,city,themes\n"
        "KE-NCB-12345,Nairobi Fathers Forum,ngo,KE,Nairobi,care-fatherhood\n"
        ",Kisumu Youth Voices,youth,KE,Kisumu,\n"
    )
    output = run(csv_file(tmp_path, text), "--commit")
    assert lines(output) == ["row 2: updated (city, themes)", "row 3: unchanged"]
    forum.refresh_from_db()
    assert forum.city == "Nairobi"
    assert forum.description == "Kept: the file has no description column."
    assert list(forum.themes.values_list("code", flat=True)) == ["care-fatherhood"]
    event = AuditEvent.objects.get(verb="organisation.import_update")
    assert event.before == {"city": "Nakuru", "themes": []}
    assert event.after == {"city": "Nairobi", "themes": ["care-fatherhood"]}
    assert Organisation.objects.count() == 2
    assert forum.memberships.count() == 1


@pytest.mark.django_db
def test_an_identifier_is_added_to_the_same_organisation_and_never_blanked(tmp_path, staff, kenya):
    organisation_register(
        actor=staff,
        name="Kisumu Youth Voices",
        kind="youth",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    adding = "identifier,name,kind,country\nKE-NCB-777,kisumu youth voices,youth,KE\n"
    assert lines(run(csv_file(tmp_path, adding), "--commit")) == [
        "row 2: updated (identifier, name)"
    ]
    blank = "identifier,name,kind,country\n,kisumu youth voices,youth,KE\n"
    assert lines(run(csv_file(tmp_path, blank), "--commit")) == ["row 2: unchanged"]
    assert Organisation.objects.get().identifier == "KE-NCB-777"


@pytest.mark.django_db
def test_a_second_run_changes_nothing(tmp_path):
    path = csv_file(tmp_path, HEADER + FATHERS + CHAD)
    run(path, "--commit")
    events = AuditEvent.objects.count()
    output = run(path, "--commit")
    assert lines(output) == ["row 2: unchanged", "row 3: unchanged"]
    assert "Committed: 0 created, 0 updated, 2 unchanged, 0 rejected." in output
    assert Organisation.objects.count() == 2
    assert Membership.objects.count() == 2
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    output = run(csv_file(tmp_path, HEADER + FATHERS, encoding="utf-8-sig"), "--commit")
    assert lines(output) == ["row 2: created"]
    assert Organisation.objects.filter(identifier="KE-NCB-12345").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = csv_file(tmp_path, HEADER + ",Société Égalité,,ngo,SN,,,,,,\n", encoding="cp1252")
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        run(path, "--commit")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_missing_required_columns_stop_before_any_row(tmp_path):
    path = csv_file(tmp_path, "identifier,name,city\nKE-NCB-1,Forum,Nairobi\n")
    with pytest.raises(CommandError, match="The header has no kind, country column"):
        run(path, "--commit")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is empty"):
        run(csv_file(tmp_path, ""))


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.csv")


@pytest.mark.django_db
def test_bad_rows_are_rejected_with_reasons_and_good_rows_written(tmp_path, kenya):
    text = (
        "identifier,name,kind,country,website,founded,themes,notes\n"
        "KE-NCB-1,Good Forum,ngo,KE,https://good.example.org,1999,srhr,ignored\n"
        "KE-NCB-2,Nowhere Forum,ngo,XX,,,,\n"
        "KE-NCB-3,Odd Forum,charity,KE,,,,\n"
        "KE-NCB-4,Webless Forum,ngo,KE,not a website,,,\n"
        "12345 bad,Badly Numbered Forum,ngo,KE,,,,\n"
        "KE-NCB-1,Good Forum Again,ngo,KE,,,,\n"
        ",good forum,ngo,KE,,,,\n"
        "KE-NCB-5,Vague Forum,ngo,KE,,last year,,\n"
        "KE-NCB-6,Themeless Forum,ngo,KE,,,gardening,\n"
        ",,ngo,KE,,,,\n"
        "KE-NCB-7,Short Forum,ngo\n"
        ",,,,,,,\n"
        "KE-NCB-8,Second Good Forum,womens_rights,ke,,,,\n"
    )
    output = run(csv_file(tmp_path, text), "--commit")
    assert "Ignoring columns: notes." in output
    assert lines(output) == [
        "row 2: created",
        'row 3: rejected: Unknown country "XX".',
        'row 4: rejected: Unknown kind "charity"; use one of: ngo, ingo, un_agency, academic, '
        "womens_rights, youth, lgbtiq, other.",
        'row 5: rejected: Invalid website "not a website": Enter a valid URL.',
        'row 6: rejected: Invalid organisation identifier "12345 bad": Use the org-id.guide '
        "form, for example KE-NCB-12345.",
        "row 7: rejected: Duplicate of Good Forum (row 2) in the file.",
        "row 8: rejected: Duplicate of Good Forum (row 2) in the file.",
        'row 9: rejected: The year founded must be a year such as 2004, not "last year".',
        'row 10: rejected: Unknown theme "gardening".',
        "row 11: rejected: The name is missing.",
        "row 12: rejected: The row has 3 cells but the header 8.",
        "row 14: created",
    ]
    assert "Committed: 2 created, 0 updated, 0 unchanged, 10 rejected." in output
    assert sorted(Organisation.objects.values_list("identifier", flat=True)) == [
        "KE-NCB-1",
        "KE-NCB-8",
    ]
    assert Organisation.objects.get(identifier="KE-NCB-1").name == "Good Forum"


@pytest.mark.django_db
def test_a_dry_run_reports_what_a_commit_does(tmp_path):
    text = HEADER + FATHERS + FATHERS + ",Bad,,ngo,XX,,,,,,\n"
    path = csv_file(tmp_path, text)
    dry = lines(run(path))
    assert dry == lines(run(path, "--commit"))
    assert [line.split(":")[1].strip() for line in dry] == ["created", "rejected", "rejected"]


@pytest.mark.django_db
def test_progress_is_shown_only_on_a_terminal(tmp_path):
    path = csv_file(tmp_path, HEADER + FATHERS + CHAD)
    terminal = TTY()
    run(path, stderr=terminal)
    assert "\r1/2" in terminal.getvalue()
    assert "\r2/2" in terminal.getvalue()
    piped = io.StringIO()
    run(path, stderr=piped)
    assert piped.getvalue() == ""


@pytest.mark.django_db
def test_only_staff_or_the_system_may_import(outsider):
    row = {"name": "Forum", "kind": "ngo", "country": "KE"}
    with pytest.raises(NotPermitted):
        organisation_import_row(actor=outsider, row=row, commit=True)
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_service_records_the_staff_member_who_imported(staff):
    row = {"name": "Forum", "kind": "ngo", "country": "KE"}
    result = organisation_import_row(actor=staff, row=row, commit=True)
    assert result.outcome == "created"
    event = AuditEvent.objects.get(verb="organisation.import_create")
    assert event.actor == staff
