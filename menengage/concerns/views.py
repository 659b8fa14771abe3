import functools
import time

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from menengage.accounts.twofactor import two_factor_required
from menengage.core import throttle
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.shown_once import shown_once_keep, shown_once_take

from . import crypto, selectors, services, throttles
from .forms import (
    AcknowledgeForm,
    AppealForm,
    AssignForm,
    CaseMessageForm,
    CloseForm,
    ConcernForm,
    ReceiptForm,
    ReporterMessageForm,
)
from .models import Attachment, Concern
from .permissions import can_lead_case

FOLLOWUP_KEY = "concern_followup"
RECEIPT_KEY = "concern_receipt"
# How long a sent form's key is remembered against sending it again.
RECEIPT_SECONDS = 24 * 60 * 60
FOLLOWUP_SECONDS = 30 * 60


def needs_key(view):
    """Concerns are neither taken nor shown while no encryption key is configured."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            crypto.check_keys()
        except ImproperlyConfigured:
            return render(request, "concerns/concern_unavailable.html", status=503)
        return view(request, *args, **kwargs)

    return wrapped


def _private(response):
    response["Cache-Control"] = "no-store"
    return response


# Reporting


@never_cache
@needs_key
@require_http_methods(["GET", "POST"])
def concern_index(request):
    form = ConcernForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _sent_before(data["submission_key"]):
            return redirect("concerns:received")
        try:
            concern, receipt = services.concern_submit(
                client=throttles.client_key(request),
                kind=data["kind"],
                subject_kind=data["subject_kind"],
                subject_text=data["subject_text"],
                subject_organisation=data["subject_organisation"],
                subject_network=data["subject_network"],
                principle=data["principle"],
                what_happened=data["what_happened"],
                when_where=data["when_where"],
                on_behalf=data["reporter"] == "behalf",
                consent=data["consent"],
                name=data["name"],
                email=data["email"],
                receipt_kind=data["receipt_kind"],
                files=data["attachments"],
                language=get_language(),
            )
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            # Post, redirect, get: a refresh of the receipt page files nothing again.
            shown_once_keep(
                request, key=RECEIPT_KEY, value={"concern": concern.pk, "receipt": receipt}
            )
            return redirect("concerns:received")
    status = 400 if form.is_bound else 200
    return render(request, "concerns/concern_form.html", {"form": form}, status=status)


def _sent_before(submission_key):
    """Whether this very form was already sent (a double click, a resent form)."""
    if submission_key is None:
        return False
    return throttle.attempt_count(f"concern-form:{submission_key}", RECEIPT_SECONDS) > 1


@never_cache
@needs_key
def concern_received(request):
    """The receipt, shown once: taken out of the session as it is shown."""
    shown = shown_once_take(request, key=RECEIPT_KEY)
    concern = shown and Concern.objects.filter(pk=shown["concern"]).first()
    if not concern:
        messages.info(
            request,
            _(
                "Your report was received. Its receipt is shown only once: enter it here to "
                "follow up."
            ),
        )
        return redirect("concerns:followup")
    context = {"concern": concern, "receipt": shown["receipt"]}
    return _private(render(request, "concerns/concern_receipt.html", context))


# Following up with a receipt


def _followup_concern(request):
    held = request.session.get(FOLLOWUP_KEY)
    if not held or time.time() - held["at"] > FOLLOWUP_SECONDS:
        return None
    return Concern.objects.filter(pk=held["pk"]).first()


@never_cache
@needs_key
@require_http_methods(["GET", "POST"])
def followup(request):
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_for_receipt(
                receipt=form.cleaned_data["receipt"], client=throttles.client_key(request)
            )
        except services.ReceiptRefused as refused:
            form.add_error("receipt", str(refused))
        else:
            request.session.cycle_key()
            request.session[FOLLOWUP_KEY] = {"pk": concern.pk, "at": time.time()}
            return redirect("concerns:followup_case")
    status = 400 if form.is_bound else 200
    return render(request, "concerns/concern_followup.html", {"form": form}, status=status)


@never_cache
@needs_key
@require_http_methods(["GET", "POST"])
def followup_case(request):
    concern = _followup_concern(request)
    if concern is None:
        return redirect("concerns:followup")
    form = ReporterMessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_reporter_message(
                concern=concern,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["attachments"],
            )
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("concerns:followup_case")
    context = {
        "concern": concern,
        "content": services.concern_content(concern),
        "thread": selectors.case_thread(concern, for_reporter=True),
        "form": form,
        "appeal_form": AppealForm(),
    }
    return _private(render(request, "concerns/concern_followup_case.html", context))


@needs_key
@require_POST
def followup_appeal(request):
    concern = _followup_concern(request)
    if concern is None:
        return redirect("concerns:followup")
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.concern_appeal(concern=concern, reason=form.cleaned_data["reason"])
        except DomainError as refused:
            form.add_error(None, str(refused))
    return redirect("concerns:followup_case")


@require_POST
def followup_leave(request):
    request.session.pop(FOLLOWUP_KEY, None)
    return redirect("concerns:index")


# Handling


def _case_or_404(request, pk):
    try:
        return selectors.case_get_for(actor=request.user, pk=pk)
    except Concern.DoesNotExist as missing:
        raise Http404 from missing


@never_cache
@two_factor_required
def case_list(request):
    cases = selectors.case_list_for(actor=request.user)
    return render(request, "concerns/case_list.html", {"cases": cases})


@never_cache
@needs_key
@two_factor_required
def case_detail(request, pk):
    concern = _case_or_404(request, pk)
    services.case_open(concern=concern, actor=request.user)
    return _render_case(request, concern, {})


def _render_case(request, concern, failed):
    context = {
        "concern": concern,
        "content": services.concern_content(concern),
        "thread": selectors.case_thread(concern),
        "files": selectors.case_first_attachments(concern),
        "assignments": selectors.case_assignments(concern),
        "lead": can_lead_case(request.user, concern),
        "acknowledge_form": failed.get("acknowledge", AcknowledgeForm()),
        "message_form": failed.get("message", CaseMessageForm()),
        "assign_form": failed.get(
            "assign", AssignForm(people=selectors.case_eligible_handlers(concern))
        ),
        "close_form": failed.get("close", CloseForm()),
    }
    response = render(request, "concerns/case_detail.html", context, status=400 if failed else 200)
    return _private(response)


def _act(request, concern, action):
    """Run one handling step from a posted form; return the bound form when it failed."""
    user = request.user
    if action == "acknowledge":
        form = AcknowledgeForm(request.POST)
        run = lambda d: services.case_acknowledge(concern=concern, actor=user, message=d["text"])  # noqa: E731
    elif action == "assign":
        form = AssignForm(request.POST, people=selectors.case_eligible_handlers(concern))
        run = lambda d: services.case_assign(  # noqa: E731
            concern=concern, actor=user, person=form.people[d["person"]]
        )
    elif action == "close":
        form = CloseForm(request.POST)
        run = lambda d: services.case_close(  # noqa: E731
            concern=concern, actor=user, outcome=d["outcome"], message=d["text"]
        )
    elif action in {"question", "reply", "note"}:
        form = CaseMessageForm(request.POST)
        write = {"question": services.case_ask, "reply": services.case_reply}.get(
            action, services.case_note
        )
        run = lambda d: write(concern=concern, actor=user, text=d["text"])  # noqa: E731
    else:
        raise Http404
    if form.is_valid():
        try:
            run(form.cleaned_data)
            return None
        except NotPermitted as refused:
            raise Http404 from refused
        except DomainError as refused:
            form.add_error(None, str(refused))
    key = "message" if action in {"question", "reply", "note"} else action
    return {key: form}


@needs_key
@two_factor_required
@require_POST
def case_action(request, pk, action):
    concern = _case_or_404(request, pk)
    failed = _act(request, concern, action)
    if failed:
        return _render_case(request, concern, failed)
    return redirect("concerns:case_detail", pk=pk)


@needs_key
@two_factor_required
def case_attachment(request, pk, attachment_pk):
    concern = _case_or_404(request, pk)
    try:
        attachment = concern.attachments.get(pk=attachment_pk)
    except Attachment.DoesNotExist as missing:
        raise Http404 from missing
    services.case_open(concern=concern, actor=request.user)
    response = HttpResponse(
        crypto.decrypt_bytes(attachment.data), content_type=attachment.content_type
    )
    extension = attachment.get_content_type_display().lower()
    response["Content-Disposition"] = (
        f'attachment; filename="concern-{concern.pk}-{attachment.pk}.{extension}"'
    )
    return _private(response)


# Statistics


def statistics(request, year):
    if not 1 <= year < 9999:  # a year the database's date range cannot hold is not a 500
        raise Http404
    context = {
        "stats": selectors.concern_statistics(year=year),
        "years": selectors.concern_statistics_years(),
        "fewer": _("fewer than 5"),
    }
    return render(request, "concerns/concern_statistics.html", context)


def statistics_latest(request):
    """The last full calendar year: the current one is still being counted."""
    return redirect("concerns:statistics", year=timezone.localdate().year - 1)
