import csv
import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from menengage.core.clients import client_key
from menengage.core.errors import DomainError
from menengage.core.forms import form_refuse
from menengage.core.translation import active_language

from . import links, selectors, services
from .forms import AnnouncementForm, DigestForm, SubscribeForm, SubscriptionChoicesForm
from .models import DigestPreference, Subscriber, Suppression, Topic
from .permissions import can_edit_announcement, can_see_figures, can_write_announcements

PAGE_SIZE = 20


@login_required
def announcement_archive(request):
    query = request.GET.get("q", "")[:200]
    found = selectors.announcement_archive(actor=request.user, query=query)
    context = {
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query,
        "drafts": selectors.announcement_drafts(actor=request.user)[:20],
        "can_write": can_write_announcements(request.user),
    }
    return render(request, "communications/announcement_list.html", context)


def _visible(request, pk):
    announcement = selectors.announcement_get_visible(actor=request.user, pk=pk)
    if announcement is None:
        raise Http404
    return announcement


@login_required
def announcement_detail(request, pk):
    announcement = _visible(request, pk)
    can_edit = can_edit_announcement(request.user, announcement)
    figures = (
        selectors.delivery_figures(selectors.ANNOUNCEMENT_KIND, announcement) if can_edit else None
    )
    context = {"announcement": announcement, "can_edit": can_edit, "figures": figures}
    return render(request, "communications/announcement_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    if not can_write_announcements(request.user):
        raise PermissionDenied
    form = AnnouncementForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_create(
                actor=request.user, **form.service_arguments()
            )
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            return redirect("communications:send", pk=announcement.pk)
    return render(request, "communications/announcement_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk):
    announcement = _visible(request, pk)
    if not can_edit_announcement(request.user, announcement) or announcement.status != "draft":
        raise PermissionDenied
    form = AnnouncementForm(request.POST or None, actor=request.user, announcement=announcement)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_update(
                announcement=announcement, actor=request.user, **form.service_arguments()
            )
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            return redirect("communications:send", pk=announcement.pk)
    context = {"form": form, "announcement": announcement}
    return render(request, "communications/announcement_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_send(request, pk):
    """Shows how many people the draft reaches; sends it on POST."""
    announcement = _visible(request, pk)
    if not can_edit_announcement(request.user, announcement):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.announcement_send(announcement=announcement, actor=request.user)
        except DomainError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The announcement is on its way."))
        return redirect(announcement)
    count = selectors.announcement_recipients(announcement).count()
    context = {"announcement": announcement, "count": count}
    return render(request, "communications/announcement_send.html", context)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The newsletter form; the footer's e-mail box arrives here by GET, prefilled."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if services.subscribe_limit_exceeded(client=client_key(request)):
            form.is_valid()
            form.add_error(None, _("Too many subscriptions from here; please try again later."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.newsletter_subscribe(
                    email=data["email"],
                    languages=data["languages"],
                    topics=data["topics"],
                    language=active_language(),
                )
            except ValidationError as refused:
                form_refuse(form, refused)
            else:
                return render(request, "communications/subscribe_sent.html", status=200)
    else:
        form = SubscribeForm(
            initial={
                "email": request.GET.get("email", "")[:254],
                "languages": [active_language()],
                "topics": Topic.values,
            }
        )
    return render(request, "communications/subscribe.html", {"form": form})


@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    """The double opt-in link: a button, so that mail scanners following links confirm nothing."""
    subscriber = links.subscriber_from_confirm_token(token)
    if subscriber is None:
        return render(request, "communications/link_invalid.html", status=404)
    if request.method == "POST":
        services.subscription_confirm(subscriber=subscriber)
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect("communications:preferences", token=links.manage_token(subscriber))
    return render(request, "communications/subscription_confirm.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def subscription_preferences(request, token):
    subscriber = links.subscriber_from_manage_token(token)
    if subscriber is None:
        return render(request, "communications/link_invalid.html", status=404)
    form = SubscriptionChoicesForm(
        request.POST or None,
        initial={"languages": subscriber.languages, "topics": subscriber.topics},
    )
    if request.method == "POST" and "unsubscribe" in request.POST:
        services.subscription_unsubscribe(subscriber=subscriber, how="preferences")
        return render(request, "communications/unsubscribed.html", {"token": token})
    if request.method == "POST" and form.is_valid():
        services.subscription_update(subscriber=subscriber, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("communications:preferences", token=token)
    context = {"form": form, "subscriber": subscriber, "token": token}
    return render(request, "communications/subscription_preferences.html", context)


# RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" here with no cookie and no
# token of ours, so the signed link is the only credential and CSRF cannot apply.
@csrf_exempt
@require_POST
def unsubscribe_one_click(request, token):
    """The List-Unsubscribe target (RFC 8058): a POST from the mail client ends the
    subscription at once; there is no page to confirm."""
    subscriber = links.subscriber_from_unsubscribe_token(token)
    if subscriber is None:
        # Not 404: outside the language prefix, a 404 is turned into a redirect to /en/.
        return HttpResponse(status=400)
    services.subscription_unsubscribe(subscriber=subscriber, how="one-click")
    return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = links.subscriber_from_manage_token(token)
    if subscriber is None:
        return render(request, "communications/link_invalid.html", status=404)
    if request.method == "POST":
        services.subscription_unsubscribe(subscriber=subscriber, how="one-click")
        return render(request, "communications/unsubscribed.html", {"token": token})
    return render(request, "communications/unsubscribe.html", {"token": token})


@login_required
@require_http_methods(["GET", "POST"])
def digest_preference(request):
    current = DigestPreference.objects.filter(user=request.user).first()
    frequency = current.frequency if current else DigestPreference.Frequency.NONE
    form = DigestForm(request.POST or None, initial={"frequency": frequency})
    if request.method == "POST" and form.is_valid():
        services.digest_preference_set(
            user=request.user, frequency=form.cleaned_data["frequency"], actor=request.user
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("communications:digest")
    return render(request, "communications/digest_preference.html", {"form": form})


@login_required
def figures(request):
    if not can_see_figures(request.user):
        raise PermissionDenied
    context = {
        "subscribers": selectors.subscriber_figures(),
        "mail": selectors.mail_figures(),
        "announcements": selectors.announcement_archive(actor=request.user)[:20],
        "issues": selectors.newsletter_issues()[:20],
        "suppressed": Suppression.objects.count(),
        "statuses": Subscriber.Status.choices,
    }
    return render(request, "communications/figures.html", context)


@login_required
def subscribers_csv(request):
    """Every subscriber with their consent, for the Alliance's own records."""
    if not can_see_figures(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    writer = csv.writer(response)
    fields = [
        "email", "status", "languages", "topics", "consented_at", "consent_language",
        "consent_text", "confirmed_at", "unsubscribed_at",
    ]  # fmt: skip
    writer.writerow(fields)
    for subscriber in Subscriber.objects.order_by("pk").iterator():
        row = [getattr(subscriber, name) for name in fields]
        row[2], row[3] = " ".join(subscriber.languages), " ".join(subscriber.topics)
        writer.writerow(["" if value is None else value for value in row])
    return response


PERMANENT = {"permanent", "hard", "bounce", "complaint", "spam"}


@csrf_exempt
@require_POST
def bounce_webhook(request):
    """The mail provider reports permanent bounces and complaints: one JSON object or a list,
    each with `email` and `type`; the shared secret comes as `?token=` or a Bearer header."""
    secret = settings.COMMUNICATIONS_BOUNCE_TOKEN
    given = request.GET.get("token") or request.headers.get("Authorization", "").removeprefix(
        "Bearer "
    )
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return JsonResponse({"error": "Unknown token."}, status=403)
    try:
        events = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "The body is not JSON."}, status=400)
    events = events if isinstance(events, list) else [events]
    suppressed = 0
    for event in events[:1000]:
        kind = str(event.get("type", "")).lower() if isinstance(event, dict) else ""
        email = str(event.get("email", ""))[:254] if kind in PERMANENT else ""
        if "@" not in email:
            continue
        reason = "complaint" if kind in {"complaint", "spam"} else "bounce"
        try:
            services.suppression_add(email=email, reason=reason, actor=None, note="webhook")
        except ValidationError:
            continue
        suppressed += 1
    return JsonResponse({"suppressed": suppressed})
