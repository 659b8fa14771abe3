import pytest
from django.core import mail

from menengage.concerns import services, throttles
from menengage.concerns.models import Concern

from .test_handling import committee  # noqa: F401 - fixture


def open_with(client, receipt, address="192.0.2.10"):
    return client.post("/en/concerns/follow-up/", {"receipt": receipt}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_the_reporter_reads_replies_and_answers_with_the_receipt(client, submit, focal_kenya):
    concern, receipt = submit()
    services.case_ask(concern=concern, actor=focal_kenya, text="Which day was the workshop?")
    services.case_note(concern=concern, actor=focal_kenya, text="Internal: call the host.")
    response = open_with(client, receipt.replace(" ", "-"))
    assert response.status_code == 302
    page = client.get("/en/concerns/follow-up/case/").content.decode()
    assert "Which day was the workshop?" in page
    assert "Internal: call the host." not in page
    assert focal_kenya.name not in page
    client.post("/en/concerns/follow-up/case/", {"text": "It was a Tuesday."})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    assert concern.steps.last().actor is None
    assert "It was a Tuesday." in client.get("/en/concerns/follow-up/case/").content.decode()


@pytest.mark.django_db
def test_a_passphrase_receipt_works_in_any_case_and_spacing(client, submit):
    _concern, receipt = submit(receipt_kind="passphrase")
    assert open_with(client, "  " + receipt.upper().replace(" ", "  ") + " ").status_code == 302


@pytest.mark.django_db
def test_without_a_receipt_the_case_page_sends_back_to_the_form(client, submit):
    submit()
    response = client.get("/en/concerns/follow-up/case/")
    assert response["Location"] == "/en/concerns/follow-up/"


@pytest.mark.django_db
def test_wrong_receipts_are_throttled_per_client(client, submit):
    _concern, receipt = submit()
    for _ in range(throttles.RECEIPT_FAILURES_PER_CLIENT):
        response = open_with(client, "1111 2222 3333 4444")
        assert response.status_code == 400
        assert "No concern matches this receipt" in response.content.decode()
    response = open_with(client, receipt)
    assert response.status_code == 400
    assert "Too many wrong receipts" in response.content.decode()
    assert open_with(client.__class__(), receipt, address="192.0.2.99").status_code == 302


@pytest.mark.django_db
def test_an_attacker_with_many_addresses_cannot_lock_out_another_reporter(client, submit):
    _concern, receipt = submit()
    for number in range(40):
        open_with(client, "1111 2222 3333 4444", address=f"198.51.100.{number}")
    assert open_with(client.__class__(), receipt, address="192.0.2.200").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_buy_more_guesses(client, submit):
    _concern, receipt = submit()
    for number in range(throttles.RECEIPT_FAILURES_PER_CLIENT):
        client.post(
            "/en/concerns/follow-up/",
            {"receipt": "1111 2222 3333 4444"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    response = client.post(
        "/en/concerns/follow-up/",
        {"receipt": receipt},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert "Too many wrong receipts" in response.content.decode()


@pytest.mark.django_db
def test_a_right_receipt_does_not_count_against_the_reporter(client, submit):
    _concern, receipt = submit()
    for _ in range(throttles.RECEIPT_FAILURES_PER_CLIENT + 2):
        assert open_with(client.__class__(), receipt).status_code == 302


@pytest.mark.django_db
def test_a_named_reporter_is_told_of_news_without_its_content(
    submit, focal_kenya, django_capture_on_commit_callbacks
):
    concern, _ = submit(name="Ama Reporter", email="ama@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_reply(concern=concern, actor=focal_kenya, text="We met the director.")
    message = mail.outbox[-1]
    assert message.to == ["ama@example.org"]
    assert "director" not in message.body
    assert "/en/concerns/follow-up/" in message.body


@pytest.mark.django_db
def test_an_appeal_goes_to_the_governance_committee(
    client,
    submit,
    focal_kenya,
    committee,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    concern, receipt = submit()
    services.case_close(concern=concern, actor=focal_kenya, outcome="not_upheld", message="No.")
    open_with(client, receipt)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/concerns/follow-up/appeal/", {"reason": "I disagree."})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.APPEALED
    assert concern.route == Concern.Route.GOVERNANCE
    leads = concern.assignments.filter(role="lead").values_list("user", flat=True)
    assert list(leads) == [committee.pk]
    assert concern.assignments.get(user=focal_kenya).role == "handler"
    assert mail.outbox[-1].to == [committee.email]
    assert "I disagree" not in mail.outbox[-1].body
    client.post("/en/concerns/follow-up/appeal/", {"reason": "Again."})
    assert concern.steps.filter(kind="appealed").count() == 1
