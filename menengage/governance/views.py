from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from menengage.accounts.permissions import is_secretariat
from menengage.core.errors import DomainError

from . import selectors, services
from .forms import (
    AgendaItemForm,
    BallotForm,
    ConflictForm,
    ElectionForm,
    MeetingForm,
    MinutesForm,
    NominationForm,
    PositionForm,
    ProposalForm,
    ProxyForm,
    TermEndForm,
    TermForm,
    VoteCallForm,
    VoteForm,
)
from .models import Body, Election, Meeting, Proposal, Term
from .permissions import can_manage_seats, can_see_body_business, is_body_member, is_chair

REFUSALS = (DomainError, ValidationError)


def _refusal_text(refused):
    return " ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)


def _warn_broken(request, broken):
    for check in broken:
        messages.warning(
            request,
            _(
                "This change breaks a composition rule: %(rule)s "
                "(required %(required)s, now %(actual)s)."
            )
            % {"rule": check.label, "required": check.required, "actual": check.actual},
        )


def _body(slug):
    try:
        return selectors.body_get(slug=slug)
    except Body.DoesNotExist as missing:
        raise Http404 from missing


def _private_body(request, slug):
    """A body whose business `request.user` may see; 404 for everyone else. The views that use
    it, `_proposal` and `_meeting` send a visitor who is not signed in to sign in first: links to
    proposals arrive by e-mail, and a member reading one signed out must land on it, not on a
    404."""
    body = _body(slug)
    if not can_see_body_business(request.user, body):
        raise Http404
    return body


def _proposal(request, pk):
    try:
        proposal = selectors.proposal_get(pk=pk)
    except Proposal.DoesNotExist as missing:
        raise Http404 from missing
    if not can_see_body_business(request.user, proposal.body):
        raise Http404
    return proposal


def _meeting(request, pk):
    try:
        meeting = selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    if not can_see_body_business(request.user, meeting.body):
        raise Http404
    return meeting


def _election(pk):
    try:
        return selectors.election_get(pk=pk)
    except Election.DoesNotExist as missing:
        raise Http404 from missing


def _personal(response, request):
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    return response


# Bodies (public)


def body_index(request):
    bodies = selectors.body_list()
    return render(request, "governance/body_list.html", {"bodies": bodies})


def body_detail(request, slug):
    body = _body(slug)
    current = selectors.body_terms_current(body)
    context = {
        "body": body,
        "seats": selectors.body_seats(body, current=current),
        "current": current,
        "chairs": [term for term in current if term.is_chair],
        "past": selectors.body_terms_past(body),
        "checks": selectors.body_composition(body, current=current),
        "targets": body.targets.all(),
        "elections": selectors.elections_for(body=body)[:10],
        "decisions": selectors.decision_register(body=body)[:5] if body.publishes_decisions else [],
        "is_member": can_see_body_business(request.user, body),
        "can_manage": can_manage_seats(request.user),
        "end_form": TermEndForm(),
    }
    return _personal(render(request, "governance/body_detail.html", context), request)


def decision_register(request):
    decisions = selectors.decision_register()
    page = Paginator(decisions, 25).get_page(request.GET.get("page"))
    return render(request, "governance/decision_list.html", {"page": page})


# Seats and terms (secretariat)


@login_required
@require_http_methods(["GET", "POST"])
def seat_fill(request, slug, seat_pk):
    body = _body(slug)
    seat = body.seats.filter(pk=seat_pk).first()
    if seat is None or not can_manage_seats(request.user):
        raise Http404
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _term, broken = services.term_start(actor=request.user, seat=seat, **form.cleaned_data)
        except REFUSALS as refused:
            form.add_error(None, _refusal_text(refused))
        else:
            messages.success(request, _("The organisation is seated."))
            _warn_broken(request, broken)
            return redirect(body)
    return render(request, "governance/term_form.html", {"body": body, "seat": seat, "form": form})


@login_required
@require_POST
def term_end(request, pk):
    term = Term.objects.select_related("seat__body").filter(pk=pk).first()
    if term is None or not can_manage_seats(request.user):
        raise Http404
    form = TermEndForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the last day of the term."))
        _term, broken = services.term_end(actor=request.user, term=term, **form.cleaned_data)
    except REFUSALS as refused:
        messages.error(request, _refusal_text(refused))
    else:
        messages.success(request, _("The term is ended."))
        _warn_broken(request, broken)
    return redirect(term.seat.body)


# Proposals (the body's members)


@never_cache
@login_required
def proposal_list(request, slug):
    body = _private_body(request, slug)
    context = {
        "body": body,
        "proposals": selectors.proposals_for(body=body),
        "can_open": is_body_member(request.user, body),
    }
    return render(request, "governance/proposal_list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request, slug):
    body = _private_body(request, slug)
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_open(actor=request.user, body=body, **form.cleaned_data)
        except REFUSALS as refused:
            form.add_error(None, _refusal_text(refused))
        else:
            messages.success(request, _("The proposal is open. The members have been told."))
            return redirect(proposal)
    return render(request, "governance/proposal_form.html", {"body": body, "form": form})


def _proposal_context(request, proposal):
    user = request.user
    member = is_body_member(user, proposal.body)
    givers = [
        proxy.giver
        for proxy in proposal.proxies.select_related("giver")
        if proxy.holder_id == user.pk
    ]
    positions = list(selectors.proposal_positions(proposal))
    return {
        "proposal": proposal,
        "body": proposal.body,
        "decisions": list(proposal.decisions.all()),
        "tally": selectors.proposal_tally(proposal),
        "votes": selectors.vote_tally(proposal),
        "positions": positions,
        "mine": next((p for p in positions if p.member_id == user.pk), None),
        "proxies": list(proposal.proxies.select_related("giver", "holder")),
        "conflicts": list(proposal.conflicts.select_related("member")),
        "is_member": member,
        "is_chair": is_chair(user, proposal.body),
        "position_form": PositionForm(givers=givers),
        "vote_form": VoteForm(givers=givers),
        "proxy_form": ProxyForm(members=selectors.body_members(proposal.body).exclude(pk=user.pk)),
        "conflict_form": ConflictForm(),
        "vote_call_form": VoteCallForm(),
    }


@never_cache
@login_required
def proposal_detail(request, pk):
    proposal = services.proposal_close_if_due(_proposal(request, pk))
    return render(request, "governance/proposal_detail.html", _proposal_context(request, proposal))


@login_required
def proposal_attachment(request, pk):
    proposal = _proposal(request, pk)
    if not proposal.attachment:
        raise Http404
    try:
        handle = proposal.attachment.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="application/pdf")
    patch_cache_control(response, private=True, no_store=True)
    return response


def _proposal_action(request, pk, form_class, act, done, *, form_kwargs=None):
    """Parse `form_class` (built with `form_kwargs(proposal)` when given), run
    `act(proposal, data)`, and go back to the proposal."""
    proposal = services.proposal_close_if_due(_proposal(request, pk))
    form = form_class(request.POST, **(form_kwargs(proposal) if form_kwargs else {}))
    try:
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        act(proposal, form.cleaned_data)
    except REFUSALS as refused:
        messages.error(request, _refusal_text(refused))
    else:
        messages.success(request, done)
    return redirect(proposal)


def _givers(request):
    def kwargs(proposal):
        return {
            "givers": [
                p.giver
                for p in proposal.proxies.filter(holder=request.user).select_related("giver")
            ]
        }

    return kwargs


@login_required
@require_POST
def proposal_position(request, pk):
    def act(proposal, data):
        services.position_take(
            actor=request.user,
            proposal=proposal,
            stance=data["stance"],
            reason=data["reason"],
            member=data.get("member"),
        )

    return _proposal_action(
        request,
        pk,
        PositionForm,
        act,
        _("Your position is recorded."),
        form_kwargs=_givers(request),
    )


@login_required
@require_POST
def proposal_vote(request, pk):
    def act(proposal, data):
        services.vote_cast(
            actor=request.user, proposal=proposal, choice=data["stance"], member=data.get("member")
        )

    return _proposal_action(
        request, pk, VoteForm, act, _("Your vote is recorded."), form_kwargs=_givers(request)
    )


@login_required
@require_POST
def proposal_proxy(request, pk):
    def act(proposal, data):
        services.proxy_give(actor=request.user, proposal=proposal, holder=data["holder"])

    def kwargs(proposal):
        return {"members": selectors.body_members(proposal.body)}

    return _proposal_action(
        request, pk, ProxyForm, act, _("Your proxy is recorded."), form_kwargs=kwargs
    )


@login_required
@require_POST
def proposal_conflict(request, pk):
    def act(proposal, data):
        services.conflict_declare(actor=request.user, proposal=proposal, note=data["note"])

    done = _("Your conflict of interest is recorded; you take no part in this decision.")
    return _proposal_action(request, pk, ConflictForm, act, done, form_kwargs=None)


@login_required
@require_POST
def proposal_close(request, pk):
    def act(proposal, data):
        if proposal.status == Proposal.Status.VOTING:
            services.vote_close(proposal=proposal, actor=request.user, early=True)
        else:
            services.proposal_close(proposal=proposal, actor=request.user, early=True)

    return _proposal_action(
        request, pk, ConflictForm, act, _("The decision is recorded."), form_kwargs=None
    )


@login_required
@require_POST
def proposal_vote_call(request, pk):
    def act(proposal, data):
        services.vote_call(actor=request.user, proposal=proposal, closes_at=data["closes_at"])

    return _proposal_action(
        request, pk, VoteCallForm, act, _("The fallback vote is open."), form_kwargs=None
    )


# Meetings


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def meeting_list(request, slug):
    body = _private_body(request, slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, body=body, **form.cleaned_data)
        except REFUSALS as refused:
            form.add_error(None, _refusal_text(refused))
        else:
            return redirect(meeting)
    context = {"body": body, "meetings": selectors.meetings_for(body=body), "form": form}
    return render(request, "governance/meeting_list.html", context)


@never_cache
@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda_form": AgendaItemForm(body=meeting.body),
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        "is_chair": is_chair(request.user, meeting.body),
    }
    return render(request, "governance/meeting_detail.html", context)


def _meeting_action(request, pk, form_class, act, done, **kwargs):
    meeting = _meeting(request, pk)
    form = form_class(request.POST, **({"body": meeting.body} if kwargs.get("with_body") else {}))
    try:
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        act(meeting, form.cleaned_data)
    except REFUSALS as refused:
        messages.error(request, _refusal_text(refused))
    else:
        messages.success(request, done)
    return redirect(meeting)


@login_required
@require_POST
def meeting_agenda(request, pk):
    def act(meeting, data):
        services.agenda_item_add(actor=request.user, meeting=meeting, **data)

    return _meeting_action(
        request, pk, AgendaItemForm, act, _("The item is on the agenda."), with_body=True
    )


@login_required
@require_POST
def meeting_minutes(request, pk):
    def act(meeting, data):
        services.minutes_record(actor=request.user, meeting=meeting, minutes=data["minutes"])

    return _meeting_action(request, pk, MinutesForm, act, _("The minutes are saved."))


@login_required
@require_POST
def meeting_approve(request, pk):
    def act(meeting, data):
        services.minutes_approve(actor=request.user, meeting=meeting)

    return _meeting_action(request, pk, ConflictForm, act, _("The minutes are approved."))


# Elections


def election_detail(request, pk):
    election = _election(pk)
    user = request.user
    context = {
        "election": election,
        "body": election.seat.body,
        "results": selectors.election_results(election) if election.status == "published" else None,
        "nominations": election.nominations.select_related("organisation"),
        "can_manage": can_manage_seats(user),
    }
    if election.status == Election.Status.VOTING:
        voters = selectors.election_voters_for(actor=user, election=election)
        if voters.exists():
            context["ballot_form"] = BallotForm(voters=voters, election=election)
    return _personal(render(request, "governance/election_detail.html", context), request)


@login_required
@require_http_methods(["GET", "POST"])
def election_new(request, slug, seat_pk):
    body = _body(slug)
    seat = body.seats.filter(pk=seat_pk).first()
    if seat is None or not can_manage_seats(request.user):
        raise Http404
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_open(actor=request.user, seat=seat, **form.cleaned_data)
        except REFUSALS as refused:
            form.add_error(None, _refusal_text(refused))
        else:
            return redirect(election)
    return render(
        request, "governance/election_form.html", {"body": body, "seat": seat, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def election_nominate(request, pk):
    from menengage.members.selectors import organisations_represented_by

    election = _election(pk)
    form = NominationForm(
        request.POST or None, organisations=organisations_represented_by(actor=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_submit(actor=request.user, election=election, **form.cleaned_data)
        except REFUSALS as refused:
            form.add_error(None, _refusal_text(refused))
        else:
            messages.success(request, _("The nomination is recorded."))
            return redirect(election)
    return render(request, "governance/nomination_form.html", {"election": election, "form": form})


@login_required
@require_POST
def election_ballot(request, pk):
    election = _election(pk)
    voters = selectors.election_voters_for(actor=request.user, election=election)
    form = BallotForm(request.POST, voters=voters, election=election)
    try:
        if not form.is_valid():
            raise DomainError(_("Choose your organisation and one of the nominations."))
        services.ballot_cast(actor=request.user, election=election, **form.cleaned_data)
    except REFUSALS as refused:
        messages.error(request, _refusal_text(refused))
    else:
        messages.success(request, _("Your organisation's vote is recorded."))
    return redirect(election)


def _election_step(request, pk, step, done):
    election = _election(pk)
    if not is_secretariat(request.user):
        raise Http404
    try:
        result = step(actor=request.user, election=election)
    except REFUSALS as refused:
        messages.error(request, _refusal_text(refused))
    else:
        messages.success(request, done)
        if isinstance(result, tuple):
            _warn_broken(request, result[1])
    return redirect(election)


@login_required
@require_POST
def election_voting(request, pk):
    return _election_step(request, pk, services.election_open_voting, _("Voting is open."))


@login_required
@require_POST
def election_publish(request, pk):
    done = _("The result is published and the elected organisation is seated.")
    return _election_step(request, pk, services.election_publish, done)
