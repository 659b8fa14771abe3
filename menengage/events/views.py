import functools
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from menengage.core.clients import client_key
from menengage.core.errors import DomainError
from menengage.core.shown_once import shown_once_keep, shown_once_take
from menengage.core.translation import translated_order
from menengage.members.selectors import organisations_represented_by
from menengage.networks.models import Network

from . import documents, selectors, services
from .forms import (
    AssignForm,
    CoAuthorFormSet,
    DecisionForm,
    RegistrationForm,
    ReviewForm,
    SessionForm,
    SubmissionForm,
)
from .models import Event, Registration, Review, Submission
from .permissions import (
    can_manage_call,
    can_register,
    can_see_join_link,
    is_organiser,
    organises_any,
)

# Zones offered in the "show times in" menu; any IANA name also works through ?tz=.
COMMON_ZONES = (
    "UTC",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Cairo",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "America/Bogota",
    "America/New_York",
    "America/Los_Angeles",
    "America/Port-au-Prince",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Kathmandu",
    "Asia/Manila",
    "Asia/Beirut",
    "Europe/London",
    "Europe/Brussels",
    "Europe/Stockholm",
    "Pacific/Auckland",
)
ZONE_COOKIE = "tz"


@functools.cache
def _known_zones():
    return frozenset(zoneinfo.available_timezones())


def visitor_zone(request, default="UTC"):
    """The visitor's zone: ?tz= first, then their remembered choice, then `default`."""
    for name in (request.GET.get("tz"), request.COOKIES.get(ZONE_COOKIE), default):
        if name and name in _known_zones():
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo("UTC")


def _remember_zone(request, response):
    chosen = request.GET.get("tz")
    if chosen and chosen in _known_zones() and chosen != request.COOKIES.get(ZONE_COOKIE):
        response.set_cookie(ZONE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def _render(request, template, context, status=200):
    context.setdefault("zones", COMMON_ZONES)
    return _remember_zone(request, render(request, template, context, status=status))


def _event(request, slug):
    try:
        return selectors.event_get(slug=slug, actor=request.user)
    except Event.DoesNotExist as missing:
        raise Http404 from missing


def _organised_event(request, slug):
    event = _event(request, slug)
    if not is_organiser(request.user, event):
        # Whether someone may see a registration list is itself not for outsiders to learn.
        raise Http404
    return event


# Public pages


def event_list(request):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    filters = {name: request.GET.get(name, "") for name in ("kind", "mode", "network", "year")}
    if filters["year"] and not filters["year"].isdigit():
        filters["year"] = ""
    events = selectors.event_list(filters=filters, when=when)
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "when": when,
        "filters": filters,
        "kinds": Event.Kind.choices,
        "modes": Event.Mode.choices,
        "networks": Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
            translated_order("name")
        ),
        "years": selectors.event_years(),
        "zone": visitor_zone(request),
    }
    return _render(request, "events/event_list.html", context)


def event_feed(request):
    response = HttpResponse(
        documents.feed_ics(selectors.event_feed()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="menengage-events.ics"'
    return response


def event_detail(request, slug):
    event = _event(request, slug)
    registration = selectors.registration_confirmed_for(event=event, actor=request.user)
    context = {
        "event": event,
        "join_url": event.join_url if can_see_join_link(registration) else "",
        "registration": registration,
        "zone": visitor_zone(request, event.time_zone),
        "places": selectors.event_places(event=event),
        "organiser": is_organiser(request.user, event),
        "may_register": can_register(request.user, event),
        "has_programme": event.sessions.exists(),
    }
    return _render(request, "events/event_detail.html", context)


def event_ics(request, slug):
    event = _event(request, slug)
    response = HttpResponse(documents.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def registration_ics(request, key):
    """The registrant's own calendar entry: the public one, with the link to join online once
    their place is confirmed."""
    registration = _registration(key)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    join_url = registration.event.join_url if can_see_join_link(registration) else ""
    response = HttpResponse(
        documents.event_ics(registration.event, join_url=join_url),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response


def event_programme(request, slug):
    event = _event(request, slug)
    zone = visitor_zone(request, event.time_zone)

    def days():
        by_day = {}
        for session in selectors.session_list(event=event):
            by_day.setdefault(session.starts_at.astimezone(zone).date(), []).append(session)
        return sorted(by_day.items())

    context = {
        "event": event,
        "zone": zone,
        # The rendered programme is kept under its version: the sessions are read only when
        # that changes (180 sessions cost twelve floors to render on every request).
        "version": selectors.programme_version(event=event),
        "days": SimpleLazyObject(days),
    }
    return _render(request, "events/session_list.html", context)


# Registration


@require_http_methods(["GET", "POST"])
def registration_create(request, slug):
    event = _event(request, slug)
    if not can_register(request.user, event):
        # Said before the form, not after someone has filled it in.
        return _render(request, "events/registration_members_only.html", {"event": event}, 403)
    user = request.user if request.user.is_authenticated else None
    initial = {"language": get_language()}
    if user:
        initial.update(name=user.name, email=user.email, country=user.country_id)
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if services.registration_limit_exceeded(client=client_key(request)):
            form.add_error(
                None, _("Too many registrations from your connection. Please try again later.")
            )
            context = {"event": event, "form": form}
            return _render(request, "events/registration_form.html", context, 429)
        try:
            registration = services.registration_create(
                event=event, actor=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, refused)
        else:
            return redirect("events:registration", key=registration.key)
    status = 400 if form.errors else 200
    return _render(request, "events/registration_form.html", {"event": event, "form": form}, status)


def _registration(key):
    try:
        return selectors.registration_by_key(key=key)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing


def registration_detail(request, key):
    """The registrant's own page, reached from the link in their e-mail."""
    registration = _registration(key)
    context = {
        "registration": registration,
        "join_url": registration.event.join_url if can_see_join_link(registration) else "",
        "event": registration.event,
        "zone": visitor_zone(request, registration.event.time_zone),
    }
    return _render(request, "events/registration_detail.html", context)


def registration_qr(request, key):
    registration = _registration(key)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    token = services.registration_token(registration, services.CHECKIN_SALT)
    url = request.build_absolute_uri(reverse("events:check_in", args=[token]))
    return HttpResponse(documents.qr_svg(url), content_type="image/svg+xml")


@require_http_methods(["GET", "POST"])
def registration_cancel(request, key):
    registration = _registration(key)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except DomainError as refused:
            messages.error(request, str(refused))
        return redirect("events:registration", key=key)
    return render(request, "events/registration_cancel.html", {"registration": registration})


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token):
    try:
        registration = services.registration_from_token(
            token, services.CONFIRM_SALT, services.CONFIRM_MAX_AGE
        )
    except DomainError as bad:
        return render(request, "events/registration_confirm.html", {"error": bad}, status=404)
    if request.method == "POST":
        services.registration_confirm_email(registration=registration, actor=request.user)
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return redirect("events:registration", key=registration.key)
    return render(request, "events/registration_confirm.html", {"registration": registration})


@require_http_methods(["GET", "POST"])
def registration_check_in(request, token):
    """Opened from the QR code. Organisers see a check-in button; others see nothing private."""
    try:
        registration = services.registration_from_token(token, services.CHECKIN_SALT)
    except DomainError as bad:
        return render(request, "events/registration_check_in.html", {"error": bad}, status=404)
    if not is_organiser(request.user, registration.event):
        return render(request, "events/registration_check_in.html", {"not_organiser": True})
    if request.method == "POST":
        try:
            services.registration_check_in(registration=registration, actor=request.user)
        except DomainError as refused:
            messages.error(request, str(refused))
        return redirect("events:check_in", token=token)
    return render(request, "events/registration_check_in.html", {"registration": registration})


def certificate_download(request, token):
    try:
        registration = services.registration_from_token(token, services.CERTIFICATE_SALT)
    except DomainError as bad:
        raise Http404 from bad
    return _certificate_response(registration)


def _certificate_response(registration):
    if registration.certificate_issued_at is None:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{registration.pk}.pdf"'
    return response


# Organisers


@login_required
def registration_list(request, slug):
    event = _organised_event(request, slug)
    registrations = selectors.registration_list_for(event=event, actor=request.user)
    context = {
        "event": event,
        "page": Paginator(registrations, 100).get_page(request.GET.get("page")),
        "places": selectors.event_places(event=event),
        "zone": visitor_zone(request, event.time_zone),
    }
    return _render(request, "events/registration_list.html", context)


@login_required
def registration_export(request, slug):
    event = _organised_event(request, slug)
    rows = selectors.registration_list_for(event=event, actor=request.user)
    response = HttpResponse(
        documents.registrations_csv(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    return response


@login_required
@require_POST
def registration_decide(request, slug, pk):
    event = _organised_event(request, slug)
    registration = get_object_or_404(Registration, event=event, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "cancel":
            services.registration_cancel(registration=registration, actor=request.user)
        elif action == "check_in":
            services.registration_check_in(registration=registration, actor=request.user)
        else:
            services.registration_decide(
                registration=registration, actor=request.user, approve=action == "approve"
            )
    except DomainError as refused:
        messages.error(request, str(refused))
    return redirect("events:registrations", slug=slug)


@login_required
@require_POST
def certificates_issue(request, slug):
    event = _organised_event(request, slug)
    try:
        issued = services.certificates_issue(event=event, actor=request.user)
    except DomainError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Certificates issued: %(count)s.") % {"count": len(issued)})
    return redirect("events:registrations", slug=slug)


@login_required
def certificate_for_organiser(request, slug, pk):
    event = _organised_event(request, slug)
    return _certificate_response(get_object_or_404(Registration, event=event, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def organiser_home(request):
    """The organiser's page: their events, and their API token (shown once when made)."""
    if not organises_any(request.user):
        raise Http404
    if request.method == "POST":
        # Post, redirect, get: a refresh neither makes another token nor shows this one again.
        _token, secret = services.api_token_create(actor=request.user)
        shown_once_keep(request, key="events-api-token", value=secret)
        return redirect("events:organiser")
    context = {
        "events": selectors.events_organised_by(actor=request.user),
        "tokens": request.user.event_api_tokens.all(),
        "secret": shown_once_take(request, key="events-api-token"),
    }
    return render(request, "events/organiser_home.html", context)


# Calls for proposals


def _call(request, slug, call):
    event = _event(request, slug)
    try:
        return selectors.call_get(event=event, pk=call)
    except selectors.Call.DoesNotExist as missing:
        raise Http404 from missing


@require_http_methods(["GET", "POST"])
def call_detail(request, slug, call):
    call = _call(request, slug, call)
    zone = visitor_zone(request, call.time_zone)
    form = formset = None
    if request.user.is_authenticated:
        organisations = organisations_represented_by(actor=request.user)
        form = SubmissionForm(request.POST or None, call=call, organisations=organisations)
        formset = CoAuthorFormSet(request.POST or None, prefix="coauthors")
    if request.method == "POST" and form is not None and form.is_valid() and formset.is_valid():
        coauthors = [row for row in formset.cleaned_data if row.get("name")]
        try:
            services.submission_create(
                call=call, actor=request.user, coauthors=coauthors, zone=zone, **form.cleaned_data
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Thank you: your proposal has been received."))
            return redirect(call.get_absolute_url())
    context = {
        "call": call,
        "event": call.event,
        "zone": zone,
        "form": form,
        "formset": formset,
        "is_open": call.is_open(),
        "organiser": can_manage_call(request.user, call),
        "reviews": selectors.reviews_assigned_to(actor=request.user, call=call),
    }
    status = 400 if form is not None and form.errors else 200
    return _render(request, "events/call_detail.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    """A reviewer's scoring form. Other people's reviews do not exist for them (404)."""
    try:
        review = selectors.review_get_for(actor=request.user, pk=pk)
    except Review.DoesNotExist as missing:
        raise Http404 from missing
    criteria = list(review.submission.call.criteria.all())
    current = {score.criterion_id: score.value for score in review.scores.all()}
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        scores=current,
        initial={"comments": review.comments},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                review=review,
                actor=request.user,
                scores=form.scores(),
                comments=form.cleaned_data["comments"],
            )
        except DomainError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your review has been saved."))
            return redirect(review.submission.call.get_absolute_url())
    return render(request, "events/review_detail.html", {"review": review, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def submission_list(request, slug, call):
    call = _call(request, slug, call)
    if not can_manage_call(request.user, call):
        raise Http404
    if request.method == "POST":
        try:
            if request.POST.get("action") == "notify":
                done = services.submissions_notify(call=call, actor=request.user)
            else:
                done = services.reviews_assign_evenly(call=call, actor=request.user)
        except DomainError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Done: %(count)s.") % {"count": len(done)})
        return redirect("events:submissions", slug=slug, call=call.pk)
    submissions = selectors.submissions_for_organiser(call=call, actor=request.user)
    context = {"call": call, "event": call.event, "submissions": submissions}
    return render(request, "events/submission_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, pk):
    try:
        submission = selectors.submission_get_for_organiser(actor=request.user, pk=pk)
    except Submission.DoesNotExist as missing:
        raise Http404 from missing
    call, event = submission.call, submission.call.event
    data = request.POST or None
    action = request.POST.get("action")
    assign = AssignForm(data if action == "assign" else None, call=call)
    decide = DecisionForm(data if action == "decide" else None)
    with timezone.override(event.zone):
        schedule = SessionForm(data if action == "schedule" else None)
        valid = {"assign": assign, "decide": decide, "schedule": schedule}.get(action)
        if valid is not None and valid.is_valid():
            try:
                _submission_action(request, submission, action, valid.cleaned_data)
            except (DomainError, ValidationError) as refused:
                valid.add_error(None, refused)
            else:
                return redirect("events:submission", pk=pk)
    context = {
        "submission": submission,
        "event": event,
        "assign": assign,
        "decide": decide,
        "schedule": schedule,
    }
    return render(request, "events/submission_detail.html", context)


def _submission_action(request, submission, action, data):
    if action == "assign":
        services.review_assign(submission=submission, reviewer=data["reviewer"], actor=request.user)
    elif action == "decide":
        services.submission_decide(
            submission=submission,
            actor=request.user,
            accept=data["decision"] == "accept",
            note=data["note"],
        )
    else:
        services.session_create(
            event=submission.call.event, actor=request.user, submission=submission, **data
        )
