"""Writes for governance: bodies and seats, terms, elections, proposals and decisions, meetings."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.accounts.permissions import is_secretariat
from menengage.core.audit import audit_record
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.translation import active_language

from . import notifications, selectors
from .composition import GLOBAL_SOUTH_REGIONS, KIND_BY_CONSTITUENCY
from .models import (
    AgendaItem,
    Ballot,
    Body,
    ConflictOfInterest,
    ConstituencyTarget,
    Decision,
    Election,
    Meeting,
    Nomination,
    Position,
    Proposal,
    Proxy,
    Seat,
    Term,
    Vote,
)
from .permissions import is_body_member, is_chair, represents

REMINDER_BEFORE = datetime.timedelta(days=1)


def _require_staff(actor):
    # `actor=None` is the system itself (the demo loader, management commands).
    if actor is not None and not is_secretariat(actor):
        raise NotPermitted(_("Only secretariat staff can change the composition of a body."))


def _broken(body):
    return [check for check in selectors.body_composition(body) if not check.ok]


# Bodies, seats and terms


@transaction.atomic
def body_create(*, actor, network, kind, name, slug, parent=None, **fields):
    """Create a body. Staff only. Records `body.create`."""
    _require_staff(actor)
    body = Body(network=network, kind=kind, name=name, slug=slug, parent=parent, **fields)
    name = body.name.as_dict()
    body.full_clean()
    body.save()
    audit_record(actor=actor, verb="body.create", target=body, after={"name": name, "kind": kind})
    return body


@transaction.atomic
def seat_create(*, actor, body, constituency, network=None, label=""):
    """Add a seat to `body`. Staff only. Records `seat.create`."""
    _require_staff(actor)
    seat = Seat(body=body, constituency=constituency, network=network, label=label)
    seat.full_clean()
    seat.save()
    audit_record(
        actor=actor,
        verb="seat.create",
        target=seat,
        after={"body": body.slug, "constituency": constituency, "label": label},
    )
    return seat


@transaction.atomic
def target_set(*, actor, body, constituency, minimum_percent):
    """Set the minimum share of `body`'s held seats for a constituency. Records `body.target`."""
    _require_staff(actor)
    target = ConstituencyTarget.objects.filter(body=body, constituency=constituency).first()
    before = {"minimum_percent": target.minimum_percent} if target else None
    target = target or ConstituencyTarget(body=body, constituency=constituency)
    target.minimum_percent = minimum_percent
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        verb="body.target",
        target=body,
        before=before,
        after={"constituency": constituency, "minimum_percent": minimum_percent},
    )
    return target


def _overlapping(seat, starts_on, ends_on):
    terms = Term.objects.filter(seat=seat).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        terms = terms.filter(starts_on__lte=ends_on)
    return terms.exists()


@transaction.atomic
def term_start(
    *, actor, seat, organisation, delegate, starts_on=None, ends_on=None, is_chair=False
):
    """Seat `organisation`, represented by `delegate`, on `seat` for a term. Staff only.

    Refused when another term on the seat overlaps. Records `term.start`. Returns the term and
    the body's composition rules the change leaves broken, so staff can be warned.
    """
    _require_staff(actor)
    Seat.objects.select_for_update().get(pk=seat.pk)
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("A term cannot end before it starts."))
    if _overlapping(seat, starts_on, ends_on):
        raise DomainError(_("This seat is already held during those dates. End that term first."))
    term = Term(
        seat=seat,
        organisation=organisation,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        is_chair=is_chair,
    )
    term.full_clean()
    term.save()
    audit_record(
        actor=actor,
        verb="term.start",
        target=term,
        after={
            "seat": str(seat),
            "organisation": str(organisation),
            "delegate": str(delegate),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "is_chair": is_chair,
        },
    )
    return term, _broken(seat.body)


@transaction.atomic
def term_end(*, actor, term, ends_on=None):
    """End `term` on `ends_on` (today by default). Staff only. Records `term.end`.

    Returns the term and the composition rules the change leaves broken.
    """
    _require_staff(actor)
    ends_on = ends_on or timezone.localdate()
    if ends_on < term.starts_on:
        raise DomainError(_("A term cannot end before it starts."))
    if term.ends_on is not None and term.ends_on <= ends_on:
        raise DomainError(_("This term has already ended."))
    before = {"ends_on": term.ends_on}
    term.ends_on = ends_on
    term.full_clean()
    term.save(update_fields=["ends_on"])
    audit_record(
        actor=actor, verb="term.end", target=term, before=before, after={"ends_on": ends_on}
    )
    # Composition is judged the day after the term's last day.
    broken = [
        check
        for check in selectors.body_composition(
            term.seat.body, on=ends_on + datetime.timedelta(days=1)
        )
        if not check.ok
    ]
    return term, broken


# Elections


def election_is_eligible(seat, organisation):
    """An active member of the seat's region (or of the body's network), of its constituency."""
    network = seat.network or seat.body.network
    if not selectors.is_active_member_of(organisation, network):
        return False
    kind = KIND_BY_CONSTITUENCY.get(seat.constituency)
    if kind and organisation.kind != kind:
        return False
    if seat.constituency == Seat.Constituency.GLOBAL_SOUTH:
        from menengage.networks.selectors import region_slug_for_country

        return region_slug_for_country(organisation.country) in GLOBAL_SOUTH_REGIONS
    return True


def election_can_vote(election, organisation):
    """Is `organisation` among the voters the body's rules name?"""
    body = election.seat.body
    if body.electorate == Body.Electorate.SEAT_HOLDERS:
        return selectors.terms_current().filter(seat__body=body, organisation=organisation).exists()
    return selectors.is_active_member_of(organisation, body.network)


@transaction.atomic
def election_open(*, actor, seat, nominations_close_on, term_starts_on, term_ends_on=None):
    """Call for nominations to `seat`, vacant when the term starts. Staff only.

    Records `election.open`.
    """
    _require_staff(actor)
    if _overlapping(seat, term_starts_on, term_ends_on):
        raise DomainError(_("This seat is not vacant for that term."))
    if Election.objects.filter(seat=seat).exclude(status=Election.Status.PUBLISHED).exists():
        raise DomainError(_("An election for this seat is already under way."))
    if nominations_close_on < timezone.localdate():
        raise DomainError(_("Nominations cannot close in the past."))
    election = Election(
        seat=seat,
        nominations_close_on=nominations_close_on,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
    )
    election.full_clean()
    election.save()
    audit_record(
        actor=actor,
        verb="election.open",
        target=election,
        after={"seat": str(seat), "nominations_close_on": nominations_close_on},
    )
    return election


@transaction.atomic
def nomination_submit(*, actor, election, organisation, statement, delegate=None):
    """Nominate `organisation` (which `actor` represents) with a statement. Records
    `election.nominate`. The delegate is the actor unless staff name another."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    election.require(Election.Status.NOMINATING, _("Nominations for this seat are closed."))
    if timezone.localdate() > election.nominations_close_on:
        raise DomainError(_("Nominations for this seat are closed."))
    if not (represents(actor, organisation) or is_secretariat(actor)):
        raise NotPermitted(_("Only a representative of an organisation can nominate it."))
    if not election_is_eligible(election.seat, organisation):
        raise DomainError(
            _("Only an active member of this seat's network and constituency can stand for it.")
        )
    if not statement.strip():
        raise DomainError(_("Write a statement for the nomination."))
    if election.nominations.filter(organisation=organisation).exists():
        raise DomainError(_("This organisation is already nominated."))
    nomination = Nomination(
        election=election,
        organisation=organisation,
        delegate=delegate or actor,
        statement=statement,
    )
    nomination.full_clean()
    nomination.save()
    audit_record(
        actor=actor,
        verb="election.nominate",
        target=nomination,
        after={"election": election.pk, "organisation": str(organisation)},
    )
    return nomination


@transaction.atomic
def election_open_voting(*, actor, election):
    """Close nominations and open the vote. Staff only. Records `election.voting`."""
    _require_staff(actor)
    election = Election.objects.select_for_update().get(pk=election.pk)
    election.require(Election.Status.NOMINATING, _("Voting has already opened."))
    if not election.nominations.exists():
        raise DomainError(_("Nobody is nominated yet."))
    election.status = Election.Status.VOTING
    election.save(update_fields=["status"])
    audit_record(actor=actor, verb="election.voting", target=election, after={"status": "voting"})
    return election


@transaction.atomic
def ballot_cast(*, actor, election, voter, nomination):
    """One vote for `voter`, cast by its representative (or its delegate, where seat holders
    elect). A second vote by the same organisation is refused. Records `election.ballot`."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    election.require(Election.Status.VOTING, _("Voting is not open for this election."))
    if nomination.election_id != election.pk:
        raise DomainError(_("Choose one of the nominations."))
    body = election.seat.body
    if body.electorate == Body.Electorate.SEAT_HOLDERS:
        allowed = (
            selectors.terms_current()
            .filter(seat__body=body, organisation=voter, delegate=actor)
            .exists()
        )
    else:
        allowed = represents(actor, voter)
    if not allowed or not election_can_vote(election, voter):
        raise NotPermitted(_("This organisation does not vote in this election."))
    if election.ballots.filter(voter=voter).exists():
        raise DomainError(_("This organisation has already voted."))
    ballot = Ballot(election=election, voter=voter, nomination=nomination, cast_by=actor)
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError as twice:
        raise DomainError(_("This organisation has already voted.")) from twice
    audit_record(actor=actor, verb="election.ballot", target=ballot, after={"voter": str(voter)})
    return ballot


@transaction.atomic
def election_publish(*, actor, election):
    """Count the votes, publish the result and seat the elected organisation for the term.

    Staff only. A tie is refused. Records `election.publish` and `term.start`; returns the
    election and the composition rules left broken.
    """
    _require_staff(actor)
    election = Election.objects.select_for_update().get(pk=election.pk)
    election.require(Election.Status.VOTING, _("This election is not at the vote."))
    results = list(selectors.election_results(election))
    if not results or results[0].votes == 0:
        raise DomainError(_("No vote has been cast."))
    if len(results) > 1 and results[1].votes == results[0].votes:
        raise DomainError(_("The vote is tied. Open a new election for the seat."))
    winner = results[0]
    election.status = Election.Status.PUBLISHED
    election.elected = winner
    election.published_at = timezone.now()
    election.save(update_fields=["status", "elected", "published_at"])
    audit_record(
        actor=actor,
        verb="election.publish",
        target=election,
        after={
            "elected": str(winner.organisation),
            "votes": {str(r.organisation): r.votes for r in results},
        },
    )
    _term, broken = term_start(
        actor=actor,
        seat=election.seat,
        organisation=winner.organisation,
        delegate=winner.delegate,
        starts_on=election.term_starts_on,
        ends_on=election.term_ends_on,
    )
    return election, broken


# Proposals


def _require_member(actor, body):
    if not is_body_member(actor, body):
        raise NotPermitted(_("Only members of this body can do this."))


def _lock(proposal):
    """Lock the proposal row: positions, proxies and closing on one proposal happen in turn."""
    return Proposal.objects.select_for_update().select_related("body").get(pk=proposal.pk)


@transaction.atomic
def proposal_open(
    *, actor, body, title, text, closes_at, anonymous=False, attachment=None, language=None
):
    """A body member puts a proposal to the body: `title` and `text` as language -> text, or as
    text in `language` (the active one by default). Records `proposal.open`; e-mails the
    members."""
    _require_member(actor, body)
    language = language or active_language()
    if isinstance(title, str):
        title = {language: title}
    if isinstance(text, str):
        text = {language: text}
    if closes_at <= timezone.now():
        raise DomainError(_("The closing time must be in the future."))
    proposal = Proposal(
        body=body,
        language=language,
        title=title,
        text=text,
        closes_at=closes_at,
        anonymous=anonymous,
        opened_by=actor,
        attachment=attachment or "",
    )
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=actor,
        verb="proposal.open",
        target=proposal,
        after={"body": body.slug, "title": title, "closes_at": closes_at, "anonymous": anonymous},
    )
    transaction.on_commit(lambda: notifications.send_proposal_opened(proposal))
    return proposal


def _voter_for(actor, proposal, member):
    """Check `actor` may speak for `member` on `proposal` and return the member."""
    member = member or actor
    body = proposal.body
    if not is_body_member(actor, body):
        raise NotPermitted(_("Only members of this body can take a position."))
    if member != actor:
        if not Proxy.objects.filter(proposal=proposal, giver=member, holder=actor).exists():
            raise NotPermitted(_("You do not hold a proxy from this member."))
        if not is_body_member(member, body):
            raise NotPermitted(_("Only members of this body can take a position."))
    else:
        proxy = (
            Proxy.objects.filter(proposal=proposal, giver=actor).select_related("holder").first()
        )
        if proxy:
            raise DomainError(
                _("You gave your proxy to %(name)s for this proposal.") % {"name": proxy.holder}
            )
    conflicted = ConflictOfInterest.objects.filter(proposal=proposal, member__in={member, actor})
    if conflicted.exists():
        raise DomainError(_("A member who declared a conflict of interest does not vote on it."))
    return member


@transaction.atomic
def position_take(*, actor, proposal, stance, reason="", member=None, now=None):
    """Take or change a position on an open proposal, for oneself or for a proxy's giver.

    One row per member: a second post updates it. Disagree and block need a reason. Refused
    after closing, outside the body, under a declared conflict. Records `proposal.position`.
    """
    now = now or timezone.now()
    proposal = _lock(proposal)
    if not proposal.is_open_at(now):
        raise DomainError(_("This proposal is closed: positions can no longer be taken."))
    member = _voter_for(actor, proposal, member)
    if stance not in Position.Stance.values:
        raise DomainError(_("Choose agree, abstain, disagree or block."))
    reason = reason.strip()
    if stance in Position.NEEDS_REASON and not reason:
        raise DomainError(_("Give a reason when you disagree or block."))
    existing = Position.objects.filter(proposal=proposal, member=member).first()
    before = {"stance": existing.stance, "reason": existing.reason} if existing else None
    position, _created = Position.objects.update_or_create(
        proposal=proposal,
        member=member,
        defaults={"stance": stance, "reason": reason, "cast_by": actor, "updated_at": now},
    )
    audit_record(
        actor=actor,
        verb="proposal.position",
        target=position,
        before=before,
        after={"stance": stance, "reason": reason, "for": str(member)},
    )
    return position


@transaction.atomic
def proxy_give(*, actor, proposal, holder):
    """Give `holder`, another member of the body, a proxy for this one proposal.

    The holder's positions for the giver replace the giver's own; the giver is counted once.
    Records `proposal.proxy`.
    """
    proposal = _lock(proposal)
    if not proposal.is_open_at(timezone.now()):
        raise DomainError(_("This proposal is closed."))
    _require_member(actor, proposal.body)
    if holder == actor or not is_body_member(holder, proposal.body):
        raise DomainError(_("Give your proxy to another member of this body."))
    if Proxy.objects.filter(proposal=proposal, giver=actor).exists():
        raise DomainError(_("You have already given a proxy for this proposal."))
    if Proxy.objects.filter(proposal=proposal, giver=holder).exists():
        raise DomainError(_("That member has given their own proxy to someone else."))
    if ConflictOfInterest.objects.filter(proposal=proposal, member=actor).exists():
        raise DomainError(_("A member who declared a conflict of interest does not vote on it."))
    proxy = Proxy(proposal=proposal, giver=actor, holder=holder)
    proxy.full_clean()
    proxy.save()
    audit_record(actor=actor, verb="proposal.proxy", target=proxy, after={"holder": str(holder)})
    return proxy


@transaction.atomic
def conflict_declare(*, actor, proposal, note=""):
    """Declare a conflict of interest: the member's position and proxy are withdrawn and they
    take no further part in the decision. Records `proposal.conflict`."""
    proposal = _lock(proposal)
    _require_member(actor, proposal.body)
    if proposal.status not in {Proposal.Status.OPEN, Proposal.Status.VOTING}:
        raise DomainError(_("This proposal is closed."))
    conflict, created = ConflictOfInterest.objects.get_or_create(
        proposal=proposal, member=actor, defaults={"note": note.strip()}
    )
    if created:
        Position.objects.filter(proposal=proposal, member=actor).delete()
        Vote.objects.filter(proposal=proposal, member=actor).delete()
        Proxy.objects.filter(proposal=proposal, giver=actor).delete()
        audit_record(actor=actor, verb="proposal.conflict", target=conflict, after={"note": note})
    return conflict


def _counted(queryset, body, field="member"):
    """Rows of people still on the body: someone whose term ended no longer counts."""
    members = selectors.body_members(body).values("pk")
    return queryset.filter(**{f"{field}__in": members})


def _quorum(body):
    return body.quorum_for(body.seats.count())


@transaction.atomic
def proposal_close(*, proposal, actor=None, now=None, early=False):
    """Close a proposal at its closing time and record the decision: consensus when the quorum
    took a position and nobody blocked, otherwise no consensus.

    Idempotent: a closed proposal returns its recorded decision. Before the closing time only a
    chair may close it (`early=True`). Records `proposal.close`; e-mails the outcome.
    """
    now = now or timezone.now()
    proposal = _lock(proposal)
    if proposal.status != Proposal.Status.OPEN:
        return proposal.decisions.get(method=Decision.Method.CONSENSUS)
    if now < proposal.closes_at and not (early and is_chair(actor, proposal.body)):
        raise NotPermitted(_("Only a chair can close a proposal before its closing time."))
    body = proposal.body
    counts = dict.fromkeys(Position.Stance.values, 0)
    for position in _counted(proposal.positions.all(), body):
        counts[position.stance] += 1
    taken = sum(counts.values())
    quorum = _quorum(body)
    consensus = taken >= quorum and counts[Position.Stance.BLOCK] == 0
    decision = Decision.objects.create(
        proposal=proposal,
        method=Decision.Method.CONSENSUS,
        outcome=Decision.Outcome.CONSENSUS if consensus else Decision.Outcome.NO_CONSENSUS,
        decided_at=now,
        members=selectors.body_members(body).count(),
        quorum=quorum,
        conflicted=proposal.conflicts.count(),
        published=body.publishes_decisions,
        **counts,
    )
    proposal.status = Proposal.Status.CLOSED
    proposal.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="proposal.close",
        target=proposal,
        after={"outcome": decision.outcome, "early": bool(early), **counts},
    )
    transaction.on_commit(lambda: notifications.send_decision(decision))
    return decision


@transaction.atomic
def vote_call(*, actor, proposal, closes_at):
    """A chair calls a fallback vote on a proposal that failed to reach consensus.

    Passes with the body's threshold of yes among yes and no, when the quorum voted.
    Records `proposal.vote_call`.
    """
    proposal = _lock(proposal)
    if not is_chair(actor, proposal.body):
        raise NotPermitted(_("Only a chair of this body can call a vote."))
    decision = proposal.decisions.filter(method=Decision.Method.CONSENSUS).first()
    if (
        proposal.status != Proposal.Status.CLOSED
        or decision.outcome != Decision.Outcome.NO_CONSENSUS
    ):
        raise DomainError(_("A vote can only be called when consensus was not reached."))
    if closes_at <= timezone.now():
        raise DomainError(_("The closing time must be in the future."))
    proposal.status = Proposal.Status.VOTING
    proposal.vote_closes_at = closes_at
    proposal.save(update_fields=["status", "vote_closes_at"])
    audit_record(
        actor=actor, verb="proposal.vote_call", target=proposal, after={"closes_at": closes_at}
    )
    return proposal


@transaction.atomic
def vote_cast(*, actor, proposal, choice, member=None, now=None):
    """Cast or change a vote in a fallback vote, for oneself or a proxy's giver.

    Same rules as positions. Records `proposal.vote`.
    """
    now = now or timezone.now()
    proposal = _lock(proposal)
    if not proposal.is_voting_at(now):
        raise DomainError(_("This vote is not open."))
    member = _voter_for(actor, proposal, member)
    if choice not in Vote.Choice.values:
        raise DomainError(_("Choose yes, no or abstain."))
    vote, _created = Vote.objects.update_or_create(
        proposal=proposal,
        member=member,
        defaults={"choice": choice, "cast_by": actor, "updated_at": now},
    )
    audit_record(
        actor=actor, verb="proposal.vote", target=vote, after={"choice": choice, "for": str(member)}
    )
    return vote


@transaction.atomic
def vote_close(*, proposal, actor=None, now=None, early=False):
    """Close a fallback vote and record the decision (adopted or rejected). Idempotent.

    Records `proposal.vote_close`; e-mails the outcome.
    """
    now = now or timezone.now()
    proposal = _lock(proposal)
    if proposal.status == Proposal.Status.DECIDED:
        return proposal.decisions.get(method=Decision.Method.VOTE)
    if proposal.status != Proposal.Status.VOTING:
        raise DomainError(_("This proposal has no vote under way."))
    if now < proposal.vote_closes_at and not (early and is_chair(actor, proposal.body)):
        raise NotPermitted(_("Only a chair can close a vote before its closing time."))
    body = proposal.body
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for vote in _counted(proposal.votes.all(), body):
        counts[vote.choice] += 1
    quorum = _quorum(body)
    yes, no = counts[Vote.Choice.YES], counts[Vote.Choice.NO]
    adopted = (
        sum(counts.values()) >= quorum
        and yes > 0
        and yes * body.vote_threshold_denominator >= body.vote_threshold_numerator * (yes + no)
    )
    decision = Decision.objects.create(
        proposal=proposal,
        method=Decision.Method.VOTE,
        outcome=Decision.Outcome.ADOPTED if adopted else Decision.Outcome.REJECTED,
        decided_at=now,
        members=selectors.body_members(body).count(),
        quorum=quorum,
        agree=yes,
        disagree=no,
        abstain=counts[Vote.Choice.ABSTAIN],
        conflicted=proposal.conflicts.count(),
        published=body.publishes_decisions,
    )
    proposal.status = Proposal.Status.DECIDED
    proposal.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="proposal.vote_close",
        target=proposal,
        after={"outcome": decision.outcome, **counts},
    )
    transaction.on_commit(lambda: notifications.send_decision(decision))
    return decision


def proposals_close_due(*, now=None):
    """Close every proposal and fallback vote past its closing time; each in its own
    transaction. Returns the decisions recorded."""
    now = now or timezone.now()
    decisions = []
    for proposal in Proposal.objects.filter(status=Proposal.Status.OPEN, closes_at__lte=now):
        decisions.append(proposal_close(proposal=proposal, now=now))
    for proposal in Proposal.objects.filter(status=Proposal.Status.VOTING, vote_closes_at__lte=now):
        decisions.append(vote_close(proposal=proposal, now=now))
    return decisions


def proposal_close_if_due(proposal, *, now=None):
    """On reading a proposal past its closing time, record its decision first."""
    now = now or timezone.now()
    if proposal.status == Proposal.Status.OPEN and proposal.closes_at <= now:
        proposal_close(proposal=proposal, now=now)
    elif proposal.status == Proposal.Status.VOTING and proposal.vote_closes_at <= now:
        vote_close(proposal=proposal, now=now)
    else:
        return proposal
    return selectors.proposal_get(pk=proposal.pk)


def proposals_remind(*, now=None):
    """E-mail the members who have not taken a position on a proposal closing within a day.

    Each proposal is reminded once (`reminded_at`), so running this twice sends nothing new.
    Records `proposal.remind`. Returns the proposals reminded.
    """
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status=Proposal.Status.OPEN,
        reminded_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + REMINDER_BEFORE,
    )
    reminded = []
    for candidate in due.values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=candidate)
            if proposal.reminded_at is not None:
                continue
            proposal.reminded_at = now
            proposal.save(update_fields=["reminded_at"])
            audit_record(actor=None, verb="proposal.remind", target=proposal, after={"at": now})
            transaction.on_commit(lambda p=proposal: notifications.send_proposal_reminder(p))
            reminded.append(proposal)
    return reminded


# Meetings


def _require_business(actor, body):
    if not (is_secretariat(actor) or is_body_member(actor, body)):
        raise NotPermitted(_("Only members of this body can do this."))


@transaction.atomic
def meeting_schedule(*, actor, body, title, starts_at, place=""):
    """Schedule a meeting of `body`. Members and secretariat. Records `meeting.schedule`."""
    _require_business(actor, body)
    meeting = Meeting(body=body, title=title, starts_at=starts_at, place=place)
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        verb="meeting.schedule",
        target=meeting,
        after={"title": title, "starts_at": starts_at},
    )
    return meeting


@transaction.atomic
def agenda_item_add(*, actor, meeting, title, proposal=None):
    """Add an item, perhaps linking one of the body's proposals. Records `meeting.agenda`."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _require_business(actor, meeting.body)
    if proposal is not None and proposal.body_id != meeting.body_id:
        raise DomainError(_("Link a proposal of this body."))
    if meeting.minutes_approved_at:
        raise DomainError(_("The minutes of this meeting are approved; its agenda is closed."))
    title = (title or (str(proposal.title) if proposal else "")).strip()
    last = meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, position=last + 1, title=title, proposal=proposal)
    item.full_clean()
    item.save()
    audit_record(actor=actor, verb="meeting.agenda", target=item, after={"title": title})
    return item


@transaction.atomic
def minutes_record(*, actor, meeting, minutes):
    """Write the draft minutes. Records `meeting.minutes`."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _require_business(actor, meeting.body)
    if meeting.minutes_approved_at:
        raise DomainError(_("These minutes are approved and can no longer change."))
    before = {"minutes": meeting.minutes}
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    audit_record(
        actor=actor,
        verb="meeting.minutes",
        target=meeting,
        before=before,
        after={"minutes": meeting.minutes},
    )
    return meeting


@transaction.atomic
def minutes_approve(*, actor, meeting):
    """A chair records that the body approved the minutes; they are then fixed.

    Records `meeting.minutes_approve`.
    """
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if not is_chair(actor, meeting.body):
        raise NotPermitted(_("Only a chair of this body can record the approval of minutes."))
    if not meeting.minutes:
        raise DomainError(_("Write the minutes before approving them."))
    if meeting.minutes_approved_at:
        raise DomainError(_("These minutes are already approved."))
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = actor
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    audit_record(
        actor=actor, verb="meeting.minutes_approve", target=meeting, after={"approved": True}
    )
    return meeting
