"""The newsletter: double opt-in, consent, issues per topic and language, one-click
unsubscribe, preferences without an account, bounces, figures and erasure."""

import email.policy
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from menengage.core.errors import NotPermitted
from menengage.core.mail import _message
from menengage.core.models import AuditEvent, OutgoingMail

from .. import links, services
from ..models import NewsletterIssue, Subscriber, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def subscribe(client, committed, email="ana@example.org", languages=("fr",), page="en", **extra):
    data = {"email": email, "languages": list(languages), "topics": ["news", "events"]}
    data["consent"] = "on"
    data.update(extra)
    with translation.override(page):
        path = reverse("communications:subscribe")
    with committed():
        return client.post(path, data)


def confirmed(email="ana@example.org", languages=("fr",), topics=("news",)):
    subscriber = services.newsletter_subscribe(
        email=email, languages=list(languages), topics=list(topics), language=languages[0]
    )
    return services.subscription_confirm(subscriber=subscriber)


def issue(staff, topic="news"):
    return NewsletterIssue.objects.create(
        author=staff,
        topic=topic,
        original_language="en",
        subject={"en": "Meet a member", "fr": "Rencontre avec un membre"},
        text={"en": "Stories from Kenya.", "fr": "Des histoires du Kenya."},
    )


def link_in(mail):
    return re.search(r"https?://\S+", mail.text_body).group(0)


# Attackers first.


def test_nothing_is_sent_before_confirmation(client, committed, staff):
    subscribe(client, committed)
    with committed():
        services.newsletter_issue_send(issue=issue(staff), actor=staff)
    assert not OutgoingMail.objects.filter(kind="communications.newsletter").exists()


def test_a_forged_or_wrong_kind_of_token_is_refused(client, committed):
    subscribe(client, committed)
    subscriber = Subscriber.objects.get()
    for token in (subscriber.token, links.manage_token(subscriber) + "x"):
        assert client.post(reverse("communications:confirm", args=[token])).status_code == 404
    # The preferences link does not confirm, and the confirmation link opens no preferences.
    manage = links.manage_token(subscriber)
    assert client.post(reverse("communications:confirm", args=[manage])).status_code == 404
    confirm = links.confirm_token(subscriber)
    assert client.get(reverse("communications:preferences", args=[confirm])).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_consent_is_required(client, committed):
    response = subscribe(client, committed, consent="")
    assert response.status_code == 200 and response.context["form"].errors
    assert not Subscriber.objects.exists() and not OutgoingMail.objects.exists()


def test_subscribe_is_rate_limited_per_client(client, committed, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    behind_proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    client.defaults.update(behind_proxy)
    for number in range(10):
        subscribe(client, committed, email=f"n{number}@example.org")
    response = subscribe(client, committed, email="eleventh@example.org")
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="eleventh@example.org").exists()
    # Another visitor behind the same proxy is counted on their own.
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.6"
    subscribe(client, committed, email="other@example.org")
    assert Subscriber.objects.filter(email="other@example.org").exists()


def test_subscribing_again_does_not_tell_who_is_subscribed(client, committed):
    confirmed()
    response = subscribe(client, committed)
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "confirmed"
    assert OutgoingMail.objects.filter(kind="communications.subscription_manage").count() == 1


def test_outsider_and_anonymous_see_no_figures(signed_in, outsider):
    for path in ("communications:figures", "communications:subscribers_csv"):
        assert Client().get(reverse(path)).status_code == 302
        assert signed_in(outsider).get(reverse(path)).status_code == 403


def test_only_staff_send_issues_and_delete_subscribers(staff, outsider):
    subscriber = confirmed()
    with pytest.raises(NotPermitted):
        services.newsletter_issue_send(issue=issue(staff), actor=outsider)
    with pytest.raises(NotPermitted):
        services.subscriber_delete(subscriber=subscriber, actor=outsider)
    assert Subscriber.objects.exists()


def test_webhook_needs_the_shared_secret(client, settings):
    settings.COMMUNICATIONS_BOUNCE_TOKEN = "s3cret"
    body = json.dumps({"email": "gone@example.org", "type": "permanent"})
    for path in ("/communications/bounces", "/communications/bounces?token=wrong"):
        response = client.post(path, body, content_type="application/json")
        assert response.status_code == 403
    settings.COMMUNICATIONS_BOUNCE_TOKEN = ""
    response = client.post("/communications/bounces?token=", body, content_type="application/json")
    assert response.status_code == 403
    assert not Suppression.objects.exists()


# The visitor's way through.


def test_subscribe_confirm_receive_in_french_and_unsubscribe_in_one_click(client, committed, staff):
    page = client.get(reverse("communications:subscribe"), {"email": "ana@example.org"})
    assert page.context["form"].initial["email"] == "ana@example.org"
    response = subscribe(client, committed, languages=["fr", "en"], page="fr")
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.consent_language == "fr"
    assert subscriber.consent_text and subscriber.consented_at
    confirmation = OutgoingMail.objects.get(kind="communications.subscription_confirm")
    assert confirmation.language == "fr" and confirmation.status == "sent"
    path = link_in(confirmation).split("8000", 1)[-1]
    assert path.startswith("/fr/communications/newsletter/confirm/")
    assert client.get(path).status_code == 200  # a button, not yet confirmed
    assert Subscriber.objects.get().status == "pending"
    client.post(path)
    assert Subscriber.objects.get().status == "confirmed"

    with committed():
        services.newsletter_issue_send(issue=issue(staff), actor=staff)
    mail = OutgoingMail.objects.get(kind="communications.newsletter")
    assert mail.subject == "Rencontre avec un membre" and mail.language == "fr"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = mail.headers["List-Unsubscribe"].strip("<>")
    assert "/fr/communications/newsletter/preferences/" in mail.text_body
    assert "/fr/communications/newsletter/unsubscribe/" in mail.text_body

    # One header line, no encoded words: what a mail client can read as a URL.
    wire = _message(mail).message(policy=email.policy.SMTP).as_string()
    assert f"List-Unsubscribe: <{unsubscribe}>" in wire
    assert Client().post("/u/not-a-token/").status_code == 400

    # The mail client's one-click POST: no cookie, no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    path = unsubscribe.split("8000", 1)[-1]
    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"
    assert AuditEvent.objects.filter(verb="subscriber.unsubscribe").exists()


def test_issue_goes_to_its_topic_in_the_first_written_language(staff, committed):
    confirmed("fr@example.org", languages=("fr",))
    confirmed("pt@example.org", languages=("pt", "fr"))
    confirmed("es@example.org", languages=("es",))
    confirmed("events@example.org", languages=("en",), topics=("events",))
    with committed():
        sent = services.newsletter_issue_send(issue=issue(staff), actor=staff)
    assert sent.recipient_count == 3
    subjects = {
        mail.to: mail.subject
        for mail in OutgoingMail.objects.filter(kind="communications.newsletter")
    }
    assert subjects == {
        "fr@example.org": "Rencontre avec un membre",
        "pt@example.org": "Rencontre avec un membre",
        "es@example.org": "Meet a member",
    }


def test_preferences_change_without_signing_in(client):
    subscriber = confirmed()
    path = reverse("communications:preferences", args=[links.manage_token(subscriber)])
    response = client.post(path, {"languages": ["es"], "topics": ["resources"]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.languages == ["es"] and subscriber.topics == ["resources"]
    client.post(path, {"unsubscribe": "1"})
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


# Bounces, figures and erasure.


def test_webhook_suppresses_and_suppressed_addresses_are_skipped(client, settings, staff):
    settings.COMMUNICATIONS_BOUNCE_TOKEN = "s3cret"
    confirmed("gone@example.org")
    confirmed("here@example.org")
    events = [
        {"email": "Gone@example.org", "type": "permanent"},
        {"email": "here@example.org", "type": "transient"},
    ]
    response = client.post(
        "/communications/bounces",
        json.dumps(events),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer s3cret",
    )
    assert response.json() == {"suppressed": 1}
    assert Suppression.objects.get().email == "gone@example.org"
    sent = services.newsletter_issue_send(issue=issue(staff), actor=staff)
    assert sent.recipient_count == 1


def test_admin_action_reports_a_bounce(signed_in, staff):
    subscriber = confirmed("gone@example.org")
    response = signed_in(staff).post(
        reverse("admin:communications_subscriber_changelist"),
        {"action": "report_bounce", "_selected_action": [subscriber.pk]},
    )
    assert response.status_code == 302
    assert Suppression.objects.filter(email="gone@example.org", reason="bounce").exists()


def test_delete_on_request_is_audited_and_wipes_the_outbox(staff, committed):
    with committed():
        subscriber = confirmed("ana@example.org")
    assert OutgoingMail.objects.filter(to="ana@example.org").exists()
    services.subscriber_delete(subscriber=subscriber, actor=staff)
    assert not Subscriber.objects.exists()
    assert not OutgoingMail.objects.filter(to="ana@example.org").exists()
    event = AuditEvent.objects.get(verb="subscriber.delete")
    assert "ana@" not in event.target_label and event.actor == staff


def test_staff_figures_and_export(signed_in, staff):
    confirmed("ana@example.org")
    client = signed_in(staff)
    response = client.get(reverse("communications:figures"))
    assert response.status_code == 200
    assert response.context["subscribers"]["by_status"] == {"confirmed": 1}
    export = client.get(reverse("communications:subscribers_csv"))
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("email,status") and lines[1].startswith("ana@example.org,confirmed")
