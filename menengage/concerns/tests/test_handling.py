import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from menengage.accounts.models import RoleAssignment
from menengage.accounts.services import role_assign
from menengage.concerns import selectors, services
from menengage.concerns.models import CaseAssignment, CaseStep, Concern
from menengage.core.errors import DomainError
from menengage.core.models import AuditEvent
from menengage.governance.models import Body, Seat, Term
from menengage.members.models import Organisation

from .conftest import make_person


@pytest.fixture
def case(submit, focal_kenya, focal_africa, insider, organisation):
    concern, _receipt = submit(subject_organisation=organisation)
    return concern


@pytest.fixture
def committee(staff, kenya):
    """A Governance Committee with one member, seated for an organisation."""
    body = Body.objects.create(
        network=kenya.parent.parent or kenya.parent,
        kind=Body.Kind.COMMITTEE,
        name="Governance Committee",
        slug="governance-committee",
    )
    seat = Seat.objects.create(body=body, constituency=Seat.Constituency.AT_LARGE)
    member = make_person("committee@example.org", "Grace Committee")
    elsewhere = Organisation.objects.create(
        name="Elsewhere Trust", slug="elsewhere-trust", kind="ngo", country=kenya.country
    )
    Term.objects.create(
        seat=seat, organisation=elsewhere, delegate=member, starts_on=datetime.date(2024, 1, 1)
    )
    return member


@pytest.mark.django_db
def test_the_case_goes_to_the_networks_focal_points_but_not_the_excluded_one(
    case, focal_kenya, insider
):
    leads = set(case.assignments.values_list("user__email", flat=True))
    assert leads == {focal_kenya.email}
    assert case.exclusions.filter(user=insider).exists()


@pytest.mark.django_db
def test_an_excluded_focal_point_gets_404_and_never_sees_the_case(case, insider, verified):
    client = verified(insider)
    assert client.get(f"/en/concerns/cases/{case.pk}/").status_code == 404
    assert client.post(f"/en/concerns/cases/{case.pk}/reply/", {"text": "x"}).status_code == 404
    response = client.get("/en/concerns/cases/")
    assert response.status_code == 200
    assert case.reference not in response.content.decode()
    assert list(selectors.case_list_for(actor=insider)) == []
    # Even an assignment made behind the services' back does not let an excluded person in.
    CaseAssignment.objects.create(concern=case, user=insider, role="handler")
    assert client.get(f"/en/concerns/cases/{case.pk}/").status_code == 404
    assert list(selectors.case_list_for(actor=insider)) == []
    assert insider not in selectors.case_eligible_handlers(case)


@pytest.mark.django_db
def test_superusers_and_other_focal_points_cannot_read_a_case(case, staff, focal_africa, verified):
    for person in (staff, focal_africa):
        client = verified(person)
        assert client.get(f"/en/concerns/cases/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_an_assigned_focal_point_reads_the_case_and_the_opening_is_audited(
    case, focal_kenya, verified
):
    client = verified(focal_kenya)
    response = client.get("/en/concerns/cases/")
    assert case.reference in response.content.decode()
    response = client.get(f"/en/concerns/cases/{case.pk}/")
    assert response.status_code == 200
    assert "Something happened at a workshop." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(verb="case.open")
    assert event.actor == focal_kenya and event.target_id == str(case.pk)
    assert "workshop" not in f"{event.target_label}{event.after}"


@pytest.mark.django_db
def test_handling_pages_need_a_recent_second_factor(case, focal_kenya, password_only):
    client = password_only(focal_kenya)
    response = client.get(f"/en/concerns/cases/{case.pk}/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/en/accounts/two-factor/?next=")
    assert not AuditEvent.objects.filter(verb="case.open").exists()
    anonymous = client.__class__()
    response = anonymous.get("/en/concerns/cases/")
    assert response["Location"].startswith("/en/accounts/sign-in/")


@pytest.mark.django_db
def test_an_idle_session_must_verify_again(case, focal_kenya, verified, settings):
    client = verified(focal_kenya)
    session = client.session
    session["two_factor_seen"] -= settings.TWO_FACTOR_IDLE_MINUTES * 60 + 5
    session.save()
    response = client.get(f"/en/concerns/cases/{case.pk}/")
    assert response.status_code == 302
    assert "two-factor" in response["Location"]


@pytest.mark.django_db
def test_handling_steps_acknowledge_assign_ask_and_close(
    case, focal_kenya, focal_africa, insider, verified, django_capture_on_commit_callbacks
):
    client = verified(focal_kenya)
    url = f"/en/concerns/cases/{case.pk}/"
    client.post(f"{url}acknowledge/", {"text": "We received it."})
    case.refresh_from_db()
    assert case.status == Concern.Status.ACKNOWLEDGED and case.acknowledged_at

    eligible = selectors.case_eligible_handlers(case)
    assert focal_africa in eligible and insider not in eligible
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}assign/", {"person": focal_africa.pk})
    assert case.assignments.filter(user=focal_africa, role="handler").exists()
    assert mail.outbox[-1].to == [focal_africa.email]
    assert client.post(f"{url}assign/", {"person": insider.pk}).status_code == 400

    client.post(f"{url}question/", {"text": "Which day was it?"})
    case.refresh_from_db()
    assert case.status == Concern.Status.WAITING

    # A handler may write but not close: closing is for the leads.
    helper = verified(focal_africa)
    assert helper.post(f"{url}close/", {"outcome": "resolved", "text": "x"}).status_code == 404
    client = verified(focal_kenya)
    response = client.post(f"{url}close/", {"outcome": "", "text": "Done."})
    assert response.status_code == 400
    client.post(f"{url}close/", {"outcome": "action_taken", "text": "We acted."})
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Concern.Status.CLOSED, "action_taken")
    kinds = list(case.steps.values_list("kind", flat=True))
    assert kinds == ["acknowledged", "assigned", "question", "closed"]
    with pytest.raises(DomainError):
        services.case_reply(concern=case, actor=focal_kenya, text="After closing")


@pytest.mark.django_db
def test_concerns_about_leadership_go_to_the_governance_committee(
    submit, committee, focal_kenya, kenya
):
    concern, _ = submit(subject_kind="leadership", subject_network=kenya)
    assert concern.route == Concern.Route.GOVERNANCE
    assert list(concern.assignments.values_list("user", flat=True)) == [committee.pk]
    # The Kenyan focal point is of the network concerned: kept out.
    assert concern.exclusions.filter(user=focal_kenya).exists()


@pytest.mark.django_db
def test_concerns_about_a_board_organisation_go_to_the_governance_committee(
    submit, committee, organisation, kenya, staff
):
    board = Body.objects.create(
        network=kenya.parent, kind=Body.Kind.BOARD, name="Global Board", slug="global-board"
    )
    seat = Seat.objects.create(body=board, constituency=Seat.Constituency.AT_LARGE)
    Term.objects.create(
        seat=seat, organisation=organisation, delegate=make_person("b@example.org", "Board")
    )
    concern, _ = submit(subject_organisation=organisation)
    assert concern.route == Concern.Route.GOVERNANCE


@pytest.mark.django_db
def test_a_concern_about_a_network_goes_to_the_network_above_it(
    submit, kenya, focal_kenya, focal_africa
):
    concern, _ = submit(subject_kind="network", subject_network=kenya)
    assert concern.handling_network == kenya.parent
    assert list(concern.assignments.values_list("user", flat=True)) == [focal_africa.pk]
    assert concern.exclusions.filter(user=focal_kenya).exists()
    assert concern.region == kenya.parent


@pytest.mark.django_db
def test_deadlines_are_seven_days_to_acknowledge_and_ninety_to_respond(submit, focal_kenya):
    complaint, _ = submit(kind="complaint")
    received = complaint.received_at.date()
    assert complaint.acknowledge_due == received + datetime.timedelta(days=7)
    assert complaint.respond_due == received + datetime.timedelta(days=90)
    feedback, _ = submit(kind="feedback")
    assert feedback.respond_due is None


@pytest.mark.django_db
def test_overdue_cases_are_flagged_to_the_leads_once_without_content(
    submit, focal_kenya, organisation, django_capture_on_commit_callbacks
):
    concern, _ = submit(subject_organisation=organisation, what_happened="secret words here")
    late = concern.acknowledge_due + datetime.timedelta(days=1)
    assert concern.is_acknowledge_overdue(late) and not concern.is_acknowledge_overdue()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.concern_flag_overdue(today=late) == 1
    assert [m.to for m in mail.outbox] == [[focal_kenya.email]]
    assert "secret words" not in mail.outbox[0].body
    assert "acknowledged by" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.concern_flag_overdue(today=late) == 0
    assert len(mail.outbox) == 1

    far = concern.respond_due + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("concerns_flag_overdue", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert services.concern_flag_overdue(today=far) == 1
    assert "should have had a response" in mail.outbox[-1].body


@pytest.mark.django_db
def test_the_case_list_flags_overdue_cases(submit, focal_kenya, verified, organisation):
    concern, _ = submit(subject_organisation=organisation)
    Concern.objects.filter(pk=concern.pk).update(
        acknowledge_due=datetime.date.today() - datetime.timedelta(days=2)
    )
    response = verified(focal_kenya).get("/en/concerns/cases/")
    assert "overdue" in response.content.decode()


@pytest.mark.django_db
def test_only_people_on_the_case_can_write(case, focal_africa):
    with pytest.raises(DomainError):
        services.case_reply(concern=case, actor=focal_africa, text="Not mine")
    assert not CaseStep.objects.exists()


@pytest.mark.django_db
def test_the_django_admin_does_not_register_concerns():
    from django.contrib import admin

    assert not any(model._meta.app_label == "concerns" for model in admin.site._registry)


@pytest.mark.django_db
def test_a_focal_point_role_elsewhere_does_not_widen_access(case, staff, focal_africa, kenya):
    role_assign(user=focal_africa, role=RoleAssignment.Role.COORDINATOR, scope=kenya, actor=staff)
    assert list(selectors.case_list_for(actor=focal_africa)) == []
