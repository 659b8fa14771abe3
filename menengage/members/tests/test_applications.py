"""The life of an application: apply, confirm, review, decide."""

import re
import threading
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connections

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.models import AuditEvent, Country
from menengage.members import services
from menengage.members.models import Application, Endorsement, FrameworkDocument, Membership
from menengage.members.selectors import application_queue_for
from menengage.networks.models import Network
from menengage.testing.concurrency import concurrent_writers


@pytest.fixture
def framework(db):
    return [
        FrameworkDocument.objects.create(
            kind=kind, version="1.0", in_force_from="2020-01-01", text={"en": f"The {kind}."}
        )
        for kind in ("core-principles", "code-of-conduct")
    ]


def apply(country="KE", name="Invented Fathers Forum", key=None, **extra):
    return services.application_submit(
        actor=None,
        submission_key=key or uuid.uuid4(),
        as_individual=False,
        country=Country.objects.get(code=country),
        applicant_name="Amina Applicant",
        applicant_email="amina@example.org",
        language="es",
        activities="Groups with fathers.",
        organisation={"name": name, "kind": "ngo", **extra},
    )


@pytest.mark.django_db(transaction=False)
def test_apply_records_endorsements_and_sends_a_confirmation_in_the_applicants_language(
    framework, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply()
    membership = application.membership
    assert (membership.status, membership.network.slug) == ("applied", "kenya")
    assert Endorsement.objects.filter(organisation=membership.organisation).count() == 2
    assert len(mail.outbox) == 1
    assert "/es/join/confirm/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(verb="membership.apply").count() == 1


@pytest.mark.django_db
def test_a_country_without_a_network_joins_its_region_or_the_alliance(framework):
    assert apply(country="EG", name="Cairo Invented").membership.network.slug == (
        "middle-east-north-africa"
    )
    assert apply(country="JP", name="Tokyo Invented").membership.network.kind == "global"
    assert apply(country="CU", name="Habana Invented").membership.network.slug == "caribbean"


@pytest.mark.django_db
def test_the_same_form_submitted_twice_writes_once(framework):
    key = uuid.uuid4()
    first, second = apply(key=key), apply(key=key)
    assert first.pk == second.pk
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_a_duplicate_organisation_is_caught_and_nothing_written(framework):
    apply(identifier="KE-NCB-777")
    with pytest.raises(services.DuplicateOrganisation):
        apply(name="invented fathers forum")
    with pytest.raises(services.DuplicateOrganisation):
        apply(name="Other Name", identifier="KE-NCB-777")
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_confirmation_puts_the_application_in_the_coordinators_queue(
    framework, coordinator, outsider, django_capture_on_commit_callbacks
):
    application = apply()
    assert list(application_queue_for(actor=coordinator)) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.application_confirm_email(application=application)
    assert list(application_queue_for(actor=coordinator)) == [application]
    assert list(application_queue_for(actor=outsider)) == []
    assert [message.to for message in mail.outbox] == [[coordinator.email]]


@pytest.mark.django_db
def test_a_coordinator_of_another_network_cannot_decide(framework, staff, outsider):
    brazil_coordinator = outsider
    services.role_assign(
        user=brazil_coordinator,
        role=RoleAssignment.Role.COORDINATOR,
        scope=Network.objects.get(slug="brazil"),
        actor=staff,
    )
    application = services.application_confirm_email(application=apply())
    with pytest.raises(NotPermitted):
        services.application_approve(application=application, actor=brazil_coordinator)
    assert Membership.objects.get().status == "under_review"
    assert not AuditEvent.objects.filter(verb="membership.approve").exists()


@pytest.mark.django_db
def test_approval_activates_and_makes_the_applicant_representative(
    framework, coordinator, django_capture_on_commit_callbacks
):
    application = services.application_confirm_email(application=apply())
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=coordinator)
    membership = Membership.objects.get()
    assert membership.status == "active" and membership.joined_on
    representative = membership.organisation.memberships.get().application.applicant_email
    from menengage.accounts.models import User

    person = User.objects.get(email=representative)
    assert has_role(person, RoleAssignment.Role.REPRESENTATIVE, membership.organisation)
    from django.utils import translation

    with translation.override("es"):
        welcome = translation.gettext("Welcome to the MenEngage Alliance")
    assert (mail.outbox[-1].to, mail.outbox[-1].subject) == ([person.email], welcome)


@pytest.mark.django_db
def test_decline_needs_a_reason(framework, coordinator):
    application = services.application_confirm_email(application=apply())
    with pytest.raises(ValidationError):
        services.application_decline(application=application, actor=coordinator, reason=" ")
    assert Membership.objects.get().status == "under_review"
    services.application_decline(application=application, actor=coordinator, reason="Not in Kenya.")
    assert Membership.objects.get().status == "declined"


@pytest.mark.django_db
def test_a_declined_application_cannot_be_approved(framework, coordinator):
    application = services.application_confirm_email(application=apply())
    services.application_decline(application=application, actor=coordinator, reason="No.")
    with pytest.raises(DomainError):
        services.application_approve(application=application, actor=coordinator)


# Views: anonymous, outsider, coordinator


JOIN = {
    "applying_as": "organisation",
    "applicant_name": "Lucía Pérez",
    "applicant_email": "lucia@example.org",
    "name": "Colectivo Inventado",
    "kind": "ngo",
    "activities": "Talleres con varones jóvenes.",
    "endorse_principles": "on",
    "endorse_conduct": "on",
}


@pytest.mark.django_db
def test_visitor_applies_in_spanish_and_confirms_with_a_post(
    client, framework, django_capture_on_commit_callbacks
):
    form = {**JOIN, "country": "CL", "submission_key": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/join/", form)
    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/es/join/confirm/[^/\s]+/)", mail.outbox[0].body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert Application.objects.get().email_confirmed_at is None  # a GET confirms nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == link
    assert Membership.objects.get().status == "under_review"
    main = client.get(link).content.split(b"<main")[1].split(b"</main>")[0]
    assert b'method="post"' not in main  # confirmed: nothing left to post


@pytest.mark.django_db
def test_bad_input_is_refused_in_the_visitors_language_and_nothing_written(client, framework):
    form = {
        **JOIN,
        "country": "XX",
        "applicant_email": "not-an-address",
        "submission_key": str(uuid.uuid4()),
        "endorse_conduct": "",
    }
    response = client.post("/fr/join/", form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"country", "applicant_email", "endorse_conduct"} <= set(errors)
    assert "Saisissez une adresse" in response.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_forged_confirmation_link_is_refused(client):
    assert client.get("/en/join/confirm/forged-token/").status_code == 404


@pytest.mark.django_db
def test_review_queue_persona_matrix(client, framework, coordinator, outsider):
    application = services.application_confirm_email(application=apply())
    url = f"/en/membership/review/{application.pk}/"
    assert client.get("/en/membership/review/").status_code == 302
    client.force_login(outsider)
    assert client.get("/en/membership/review/").status_code == 403
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert "Invented Fathers Forum" in client.get("/en/membership/review/").content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 302
    assert Membership.objects.get().status == "active"


@pytest.mark.django_db
def test_asking_for_information_keeps_the_application_under_review(client, framework, coordinator):
    application = services.application_confirm_email(application=apply())
    client.force_login(coordinator)
    url = f"/en/membership/review/{application.pk}/"
    response = client.post(url, {"decision": "ask", "text": ""})
    assert response.status_code == 200 and response.context["form"].errors
    client.post(url, {"decision": "ask", "text": "Where do you work?"})
    application.refresh_from_db()
    assert application.information_request == "Where do you work?"
    assert application.membership.status == "under_review"


@pytest.mark.django_db
def test_framework_pages(client, framework):
    assert client.get("/en/accountability/").status_code == 200
    page = client.get("/pt/accountability/core-principles/1.0/")
    assert page.status_code == 200 and "The core-principles." in page.content.decode()
    assert client.get("/en/accountability/core-principles/9.9/").status_code == 404


@pytest.mark.django_db
def test_applications_are_limited_per_client_in_the_visitors_language(
    client, framework, monkeypatch, settings
):
    monkeypatch.setattr(services, "APPLICATIONS_PER_HOUR", 2)
    settings.TRUSTED_PROXIES = ["10.0.0.1"]

    def send(number, forwarded):
        form = {
            **JOIN,
            "country": "CL",
            "name": f"Colectivo Inventado {number}",
            "submission_key": str(uuid.uuid4()),
        }
        return client.post(
            "/es/join/", form, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        )

    assert send(1, "203.0.113.5").status_code == 302
    assert send(2, "198.51.100.1, 203.0.113.5").status_code == 302
    refused = send(3, "198.51.100.2, 203.0.113.5")
    assert refused.status_code == 429
    assert '<html lang="es">' in refused.content.decode()
    assert refused.context["form"].non_field_errors()
    assert Application.objects.count() == 2
    assert send(4, "203.0.113.6").status_code == 302


def apply_as_individual(email, key):
    return services.application_submit(
        actor=None,
        submission_key=key,
        as_individual=True,
        country=Country.objects.get(code="KE"),
        applicant_name="Juma Individual",
        applicant_email=email,
        language="en",
        activities="Talks with young men.",
    )


@concurrent_writers
def test_two_applications_at_once_from_one_person_give_one_membership_and_a_clear_answer(
    framework,
):
    rounds = 10
    outcomes, errors = [], []

    def work(email, key, barrier):
        try:
            barrier.wait()
            outcomes.append((email, key, apply_as_individual(email, key).submission_key))
        except DomainError as refused:
            outcomes.append((email, key, str(refused)))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    for number in range(rounds):
        email = f"juma{number}@example.org"
        # Even rounds: two different forms; odd rounds: the same form sent twice.
        keys = [uuid.uuid4(), uuid.uuid4()] if number % 2 == 0 else [uuid.uuid4()] * 2
        barrier = threading.Barrier(2)
        workers = [threading.Thread(target=work, args=(email, key, barrier)) for key in keys]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    assert errors == []
    for number in range(rounds):
        email = f"juma{number}@example.org"
        assert Membership.objects.filter(person__email=email).count() == 1
        assert Application.objects.filter(applicant_email=email).count() == 1
        answers = [answer for sent, _key, answer in outcomes if sent == email]
        if number % 2 == 0:  # one accepted, the other told it already applied
            assert sorted(isinstance(answer, uuid.UUID) for answer in answers) == [False, True]
            assert "You have already applied to this network." in answers
        else:  # the same form twice: both answered with the one application
            assert answers[0] == answers[1]
