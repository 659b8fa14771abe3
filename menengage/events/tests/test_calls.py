"""Calls for proposals: the deadline across time zones, the reviewer conflict rule, scoring,
decisions, notification and the programme."""

import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail

from menengage.core.errors import DomainError, NotPermitted
from menengage.events import services
from menengage.events.models import Review, Submission

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


def submit(call, author, now=None, **extra):
    return services.submission_create(
        call=call,
        actor=author,
        track=call.tracks.first(),
        format=Submission.Format.ORAL,
        title="Fathers' groups in Kisumu",
        abstract="What changed for caregivers.",
        zone=KOLKATA,
        now=now,
        **extra,
    )


@pytest.mark.django_db
def test_one_second_before_the_deadline_is_accepted_one_second_after_is_refused_in_local_time(
    call, author
):
    # 23:59:59 on 30 June in São Paulo is 08:29:59 on 1 July in Kolkata.
    call.deadline = call.deadline.replace(year=2030, month=7, day=1, hour=2, minute=59, second=59)
    call.opens_at = call.deadline - timedelta(days=60)
    call.save()
    assert submit(call, author, now=call.deadline - timedelta(seconds=1)).pk
    with pytest.raises(DomainError) as refused:
        submit(call, author, now=call.deadline + timedelta(seconds=1))
    assert "Asia/Kolkata" in str(refused.value)
    assert "8:29" in str(refused.value) or "08:29" in str(refused.value)
    assert "July 1, 2030" in str(refused.value)
    with pytest.raises(DomainError):
        submit(call, author, now=call.deadline)
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_co_authors_are_kept_and_only_represented_organisations_may_be_named(
    call, author, organisation, represent
):
    with pytest.raises(NotPermitted):
        submit(call, author, organisation=organisation)
    represent(author, organisation)
    submission = submit(
        call,
        author,
        organisation=organisation,
        coauthors=[{"name": "Ben Co", "organisation": "Elsewhere", "email": "ben@example.org"}],
    )
    assert [c.name for c in submission.coauthors.all()] == ["Ben Co"]


@pytest.mark.django_db
def test_a_reviewer_never_gets_a_submission_from_their_own_organisation(
    call, author, reviewer, organiser, organisation, represent
):
    represent(author, organisation)
    represent(reviewer, organisation)
    submission = submit(call, author, organisation=organisation)
    with pytest.raises(DomainError, match="own organisation"):
        services.review_assign(submission=submission, reviewer=reviewer, actor=organiser)
    assert services.reviews_assign_evenly(call=call, actor=organiser) == []
    assert not Review.objects.exists()


@pytest.mark.django_db
def test_co_writers_and_people_outside_the_committee_cannot_review(
    call, author, reviewer, organiser, outsider
):
    submission = submit(call, author, coauthors=[{"name": "Rae", "email": reviewer.email}])
    with pytest.raises(DomainError, match="co-wrote"):
        services.review_assign(submission=submission, reviewer=reviewer, actor=organiser)
    with pytest.raises(DomainError, match="committee"):
        services.review_assign(submission=submission, reviewer=outsider, actor=organiser)
    with pytest.raises(NotPermitted):
        services.review_assign(submission=submission, reviewer=reviewer, actor=outsider)


@pytest.mark.django_db
def test_review_decide_notify_and_schedule(
    call, author, reviewer, organiser, outsider, django_capture_on_commit_callbacks
):
    submission = submit(call, author, coauthors=[{"name": "Ben", "email": "ben@example.org"}])
    [review] = services.reviews_assign_evenly(call=call, actor=organiser)
    criteria = list(call.criteria.all())
    with pytest.raises(NotPermitted):
        services.review_submit(review=review, actor=outsider, scores={})
    with pytest.raises(DomainError):
        services.review_submit(
            review=review, actor=reviewer, scores={criteria[0].pk: 9, criteria[1].pk: 1}
        )
    services.review_submit(
        review=review, actor=reviewer, scores={c.pk: 4 for c in criteria}, comments="Strong."
    )
    assert review.scores.count() == 2
    with pytest.raises(DomainError):
        services.session_create(
            event=call.event,
            actor=organiser,
            submission=submission,
            starts_at=call.event.starts_at,
            ends_at=call.event.ends_at,
        )
    services.submission_decide(submission=submission, actor=organiser, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        notified = services.submissions_notify(call=call, actor=organiser)
    assert [s.pk for s in notified] == [submission.pk]
    # One message per author, so each has its own delivery status and retries.
    assert [m.to for m in mail.outbox] == [["author@example.org"], ["ben@example.org"]]
    assert all("accepted" in m.body for m in mail.outbox)
    session = services.session_create(
        event=call.event,
        actor=organiser,
        submission=submission,
        starts_at=call.event.starts_at,
        ends_at=call.event.ends_at,
        room="Stream 1",
    )
    assert session.speaker_list == ["Ama Author", "Ben"]


@pytest.mark.django_db
def test_the_submitter_is_sent_an_acknowledgement_in_their_language(
    call, author, django_capture_on_commit_callbacks
):
    author.language = "fr"
    author.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(call, author)
    [message] = mail.outbox
    assert message.to == ["author@example.org"]
    assert submission.title in message.body
    # The link to the call carries the reader's language.
    assert f"/fr/events/{call.event.slug}/calls/{call.pk}/" in message.body


@pytest.mark.django_db
def test_a_refused_submission_sends_nothing(call, author, django_capture_on_commit_callbacks):
    call.deadline = call.opens_at
    call.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        submit(call, author)
    assert mail.outbox == []
