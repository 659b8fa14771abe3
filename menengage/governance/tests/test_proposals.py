import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from menengage.core.errors import DomainError, NotPermitted
from menengage.core.models import AuditEvent
from menengage.governance import services
from menengage.governance.models import Decision, Position, Proposal, Proxy, Term
from menengage.testing.concurrency import concurrent_writers

pytestmark = pytest.mark.django_db


def later(days=4):
    return timezone.now() + datetime.timedelta(days=days)


def take(proposal, people, stance="agree", reason=""):
    for person in people:
        services.position_take(actor=person, proposal=proposal, stance=stance, reason=reason)


def test_a_member_opens_a_proposal_and_the_members_are_told(
    committee, chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_open(
            actor=chair,
            body=committee,
            title="Meet in Kigali",
            text="Next meeting.",
            closes_at=later(),
        )
    assert proposal.status == Proposal.Status.OPEN
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        person.email for person in committee.people
    )
    assert AuditEvent.objects.filter(verb="proposal.open").count() == 1


def test_nobody_outside_the_body_opens_a_proposal(committee, outsider, staff):
    for person in (outsider, staff):
        with pytest.raises(NotPermitted):
            services.proposal_open(
                actor=person, body=committee, title="X", text="Y", closes_at=later()
            )
    assert not Proposal.objects.exists()


def test_consensus_when_the_quorum_agrees_and_nobody_blocks(proposal, members):
    take(proposal, members[:3])
    services.position_take(actor=members[3], proposal=proposal, stance="disagree", reason="Costs.")
    decision = services.proposal_close(proposal=proposal, now=later())
    assert decision.outcome == Decision.Outcome.CONSENSUS
    assert (decision.agree, decision.disagree, decision.quorum, decision.members) == (3, 1, 3, 5)
    assert decision.published is True


def test_a_single_block_prevents_consensus(proposal, members):
    take(proposal, members[:4])
    services.position_take(
        actor=members[4], proposal=proposal, stance="block", reason="Against our principles."
    )
    decision = services.proposal_close(proposal=proposal, now=later())
    assert decision.outcome == Decision.Outcome.NO_CONSENSUS
    assert decision.block == 1


def test_without_quorum_there_is_no_consensus(proposal, members):
    take(proposal, members[:2])
    decision = services.proposal_close(proposal=proposal, now=later())
    assert decision.outcome == Decision.Outcome.NO_CONSENSUS
    assert decision.taken == 2


def test_a_configured_quorum_replaces_the_majority(committee, proposal, members):
    committee.quorum = 2
    committee.save()
    take(proposal, members[:2])
    assert services.proposal_close(proposal=proposal, now=later()).outcome == "consensus"


def test_disagree_and_block_need_a_reason(proposal, members):
    for stance in ("disagree", "block"):
        with pytest.raises(DomainError):
            services.position_take(actor=members[1], proposal=proposal, stance=stance, reason=" ")
    assert not Position.objects.exists()


def test_a_member_changes_their_position_and_one_row_remains(proposal, members):
    services.position_take(actor=members[1], proposal=proposal, stance="agree")
    services.position_take(actor=members[1], proposal=proposal, stance="block", reason="No.")
    assert Position.objects.get().stance == "block"


def test_nobody_outside_the_body_takes_a_position(proposal, outsider, staff):
    for person in (outsider, staff):
        with pytest.raises(NotPermitted):
            services.position_take(actor=person, proposal=proposal, stance="agree")
    assert not Position.objects.exists()


def test_a_member_whose_term_ended_no_longer_takes_a_position(proposal, members, staff):
    term = members[4].seat_terms.get()
    services.term_end(
        actor=staff, term=term, ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(NotPermitted):
        services.position_take(actor=members[4], proposal=proposal, stance="agree")


def test_positions_after_closing_are_refused(proposal, members):
    with pytest.raises(DomainError):
        services.position_take(actor=members[1], proposal=proposal, stance="agree", now=later())
    services.proposal_close(proposal=proposal, now=later())
    with pytest.raises(DomainError):
        services.position_take(actor=members[1], proposal=proposal, stance="agree")
    assert not Position.objects.exists()


def test_a_proxy_is_counted_once(proposal, members):
    giver, holder = members[1], members[2]
    services.proxy_give(actor=giver, proposal=proposal, holder=holder)
    services.position_take(actor=holder, proposal=proposal, stance="agree")
    services.position_take(actor=holder, proposal=proposal, stance="agree", member=giver)
    services.position_take(actor=holder, proposal=proposal, stance="abstain", member=giver)
    with pytest.raises(DomainError):
        services.position_take(actor=giver, proposal=proposal, stance="block", reason="Mine.")
    assert Position.objects.filter(member=giver).get().cast_by == holder
    decision = services.proposal_close(proposal=proposal, now=later())
    assert (decision.agree, decision.abstain, decision.taken) == (1, 1, 2)
    assert decision.outcome == Decision.Outcome.NO_CONSENSUS  # 2 of a quorum of 3


def test_a_proxy_goes_only_to_a_member_of_the_same_body(proposal, members, outsider):
    with pytest.raises(DomainError):
        services.proxy_give(actor=members[1], proposal=proposal, holder=outsider)
    with pytest.raises(NotPermitted):
        services.position_take(
            actor=members[3], proposal=proposal, stance="agree", member=members[1]
        )
    assert not Proxy.objects.exists()


def test_a_conflicted_member_cannot_vote(proposal, members):
    services.position_take(actor=members[1], proposal=proposal, stance="agree")
    services.conflict_declare(actor=members[1], proposal=proposal, note="My organisation bids.")
    assert not Position.objects.filter(member=members[1]).exists()
    with pytest.raises(DomainError):
        services.position_take(actor=members[1], proposal=proposal, stance="agree")
    with pytest.raises(DomainError):
        services.proxy_give(actor=members[1], proposal=proposal, holder=members[2])
    decision = services.proposal_close(proposal=proposal, now=later())
    assert (decision.taken, decision.conflicted) == (0, 1)


def test_closing_is_idempotent_and_early_only_for_a_chair(proposal, members, chair):
    with pytest.raises(NotPermitted):
        services.proposal_close(proposal=proposal, actor=members[1], early=True)
    take(proposal, members[:3])
    first = services.proposal_close(proposal=proposal, actor=chair, early=True)
    again = services.proposal_close(proposal=proposal, now=later())
    assert first == again and Decision.objects.count() == 1


def test_the_close_command_and_reading_record_due_decisions(proposal, members, committee):
    take(proposal, members[:3])
    Proposal.objects.filter(pk=proposal.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    from django.core.management import call_command

    call_command("governance_close")
    assert Decision.objects.get().outcome == "consensus"
    assert Proposal.objects.get().status == Proposal.Status.CLOSED


def test_a_chair_calls_a_fallback_vote_with_the_two_thirds_threshold(proposal, members, chair):
    services.position_take(actor=members[1], proposal=proposal, stance="block", reason="No.")
    services.proposal_close(proposal=proposal, now=later())
    with pytest.raises(NotPermitted):
        services.vote_call(actor=members[1], proposal=proposal, closes_at=later(2))
    services.vote_call(actor=chair, proposal=proposal, closes_at=later(2))
    for person in members[:3]:
        services.vote_cast(actor=person, proposal=proposal, choice="yes")
    services.vote_cast(actor=members[3], proposal=proposal, choice="no")
    decision = services.vote_close(proposal=proposal, now=later(3))
    assert decision.outcome == Decision.Outcome.ADOPTED  # 3 of 4 >= 2/3
    assert Decision.objects.filter(proposal=proposal).count() == 2


def test_a_fallback_vote_below_the_threshold_is_rejected(proposal, members, chair):
    services.proposal_close(proposal=proposal, now=later())
    services.vote_call(actor=chair, proposal=proposal, closes_at=later(2))
    for person, choice in zip(members, ["yes", "yes", "no", "no", "abstain"], strict=True):
        services.vote_cast(actor=person, proposal=proposal, choice=choice)
    assert services.vote_close(proposal=proposal, now=later(3)).outcome == "rejected"


def test_no_vote_is_called_after_consensus(proposal, members, chair):
    take(proposal, members[:3])
    services.proposal_close(proposal=proposal, now=later())
    with pytest.raises(DomainError):
        services.vote_call(actor=chair, proposal=proposal, closes_at=later(2))


def test_the_reminder_goes_once_to_the_silent_members(
    proposal, members, django_capture_on_commit_callbacks
):
    take(proposal, members[:2])
    mail.outbox.clear()
    now = proposal.closes_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(services.proposals_remind(now=now)) == 1
        assert services.proposals_remind(now=now) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in members[2:])
    assert not services.proposals_remind(now=proposal.closes_at - datetime.timedelta(days=2))


def test_the_outcome_is_e_mailed(proposal, members, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_close(proposal=proposal, now=later())
    assert len(mail.outbox) == 5
    assert "no consensus" in mail.outbox[0].body


@concurrent_writers
def test_two_positions_sent_at_once_leave_one(proposal, members):
    barrier = threading.Barrier(2)
    errors = []

    def post(stance):
        try:
            barrier.wait()
            services.position_take(actor=members[1], proposal=proposal, stance=stance, reason="r")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(stance,)) for stance in ("agree", "block")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Position.objects.filter(proposal=proposal, member=members[1]).count() == 1


def test_the_opener_hears_the_outcome_after_their_seat_has_ended(
    proposal, chair, members, django_capture_on_commit_callbacks
):
    Term.objects.filter(delegate=chair).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_close(proposal=proposal, now=later())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(person.email for person in members)
    assert chair.email in recipients
