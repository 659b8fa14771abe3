import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from menengage.accounts.permissions import is_secretariat
from menengage.core.clients import client_key
from menengage.core.errors import DomainError
from menengage.core.spreadsheets import cell_text

from . import selectors, services
from .forms import (
    DecisionForm,
    InviteForm,
    JoinForm,
    OrganisationProfileForm,
    StatusChangeForm,
    WithdrawForm,
)
from .models import Application, FrameworkDocument, Organisation
from .permissions import can_see_review_queue

# Accountability Framework


def framework_index(request):
    context = {
        "current": selectors.framework_current(),
        "versions": selectors.framework_versions(),
    }
    return render(request, "members/framework_list.html", context)


def framework_version(request, kind, version):
    try:
        document = selectors.framework_get(kind=kind, version=version)
    except FrameworkDocument.DoesNotExist as missing:
        raise Http404 from missing
    current = {doc.kind: doc for doc in selectors.framework_current()}.get(kind)
    context = {"document": document, "current": current}
    return render(request, "members/framework_detail.html", context)


# Joining


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.application_limit_exceeded(client=client_key(request)):
            form.add_error(
                None, _("Too many applications from your connection. Please try again later.")
            )
            return render(request, "members/join_form.html", {"form": form}, status=429)
        data = form.cleaned_data
        individual = data["applying_as"] == "individual"
        try:
            services.application_submit(
                actor=request.user,
                submission_key=data["submission_key"],
                as_individual=individual,
                country=data["country"],
                applicant_name=data["applicant_name"],
                applicant_email=data["applicant_email"],
                language=get_language(),
                activities=data["activities"],
                organisation=None if individual else form.organisation_fields(),
            )
        except services.DuplicateOrganisation as duplicate:
            form.add_error(None, str(duplicate))
            return render(
                request,
                "members/join_form.html",
                {"form": form, "duplicate": duplicate.existing},
                status=409,
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, refused)
        else:
            return redirect("members:join_sent")
    return render(request, "members/join_form.html", {"form": form})


def join_sent(request):
    return render(request, "members/join_sent.html")


@require_http_methods(["GET", "POST"])
def join_confirm(request, token):
    try:
        application = services.application_from_token(token)
    except DomainError as bad:
        return render(request, "members/join_confirm.html", {"error": bad}, status=404)
    if request.method == "POST":
        services.application_confirm_email(application=application, actor=request.user)
        return redirect(request.path)  # a refresh shows the confirmation, posts nothing
    context = {"application": application, "confirmed": bool(application.email_confirmed_at)}
    return render(request, "members/join_confirm.html", context)


# Reviewing


@login_required
def review_queue(request):
    if not can_see_review_queue(request.user):
        raise PermissionDenied
    applications = selectors.application_queue_for(actor=request.user)
    return render(request, "members/review_queue.html", {"applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    try:
        application = selectors.application_get_for(actor=request.user, pk=pk)
    except Application.DoesNotExist as missing:
        raise Http404 from missing
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as refused:
            form.add_error("text", refused.messages[0])
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("members:review_queue")
    return render(request, "members/review_detail.html", {"application": application, "form": form})


@login_required
def review_members(request):
    """Coordinators see their networks' members, contacts and framework endorsements."""
    if not can_see_review_queue(request.user):
        raise PermissionDenied
    current = selectors.framework_current()
    memberships = selectors.network_members_for_coordinator(actor=request.user)
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    rows = selectors.endorsement_matrix(memberships=page.object_list, documents=current)
    context = {"page": page, "rows": rows, "current": current}
    return render(request, "members/review_members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_membership_status(request, pk):
    """A coordinator suspends, lapses, removes or reinstates one of their network's members."""
    if not can_see_review_queue(request.user):
        raise PermissionDenied
    membership = selectors.membership_get_for_coordinator(actor=request.user, pk=pk)
    if membership is None:
        raise Http404
    form = StatusChangeForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_status(
                membership=membership, actor=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, refused)
        else:
            return redirect("members:review_members")
    context = {"membership": membership, "form": form}
    return render(request, "members/review_membership_status.html", context)


# Member portal


@login_required
def portal(request):
    represented = selectors.organisations_represented_by(actor=request.user)
    organisations = selectors.framework_unendorsed_by(organisations=represented)
    return render(request, "members/portal.html", {"organisations": organisations})


def _represented(request, slug):
    for organisation in selectors.organisations_represented_by(actor=request.user):
        if organisation.slug == slug:
            return organisation
    raise Http404


@login_required
@require_http_methods(["POST"])
def portal_endorse(request, slug, document_pk):
    organisation = _represented(request, slug)
    document = FrameworkDocument.objects.filter(pk=document_pk).first()
    try:
        services.framework_endorse(document=document, organisation=organisation, actor=request.user)
    except DomainError as refused:
        raise Http404 from refused
    return redirect("members:portal")


@login_required
@require_http_methods(["GET", "POST"])
def portal_edit(request, slug):
    organisation = _represented(request, slug)
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        themes = changes.pop("themes", None)
        logo_upload = changes.pop("logo_upload", None)
        if changes.pop("remove_logo", False) and not logo_upload:
            changes["logo"] = None
        services.organisation_update(
            organisation=Organisation.objects.get(pk=organisation.pk),
            actor=request.user,
            themes=themes,
            logo_upload=logo_upload,
            **changes,
        )
        return redirect("members:portal")
    return render(request, "members/portal_edit.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def portal_people(request, slug):
    organisation = _represented(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.organisation_invite(
            organisation=organisation, actor=request.user, **form.cleaned_data
        )
        return redirect("members:portal_people", slug=slug)
    people = selectors.organisation_people(organisation=organisation)
    context = {"organisation": organisation, "people": people, "form": form}
    return render(request, "members/portal_people.html", context)


@login_required
@require_http_methods(["POST"])
def portal_remove_person(request, slug, person_pk):
    organisation = _represented(request, slug)
    person = selectors.organisation_people(organisation=organisation).filter(pk=person_pk).first()
    if person is None:
        raise Http404
    try:
        services.organisation_remove_person(
            organisation=organisation, actor=request.user, person=person
        )
    except DomainError as refused:
        messages.error(request, str(refused))
    return redirect("members:portal_people", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def portal_withdraw(request, slug, membership_pk):
    organisation = _represented(request, slug)
    membership = organisation.memberships.filter(pk=membership_pk).first()
    if membership is None:
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_withdraw(
                membership=membership, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("members:portal")
    context = {"form": form, "organisation": organisation, "membership": membership}
    return render(request, "members/portal_withdraw.html", context)


# Directory

DIRECTORY_PAGE_SIZE = 24


def _directory_filters(params):
    """The directory's filters from a query string; an unknown kind is ignored, not an error."""
    filters = {key: params.get(key, "").strip()[:100] for key in selectors.DIRECTORY_FILTERS}
    if filters["kind"] not in Organisation.Kind.values:
        filters["kind"] = ""
    return filters


def organisation_directory(request):
    filters = _directory_filters(request.GET)
    sort = request.GET.get("sort", "name")
    sort = sort if sort in selectors.DIRECTORY_SORTS else "name"
    organisations = selectors.organisation_list_for_directory(filters=filters, sort=sort)
    page = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "sort": sort,
        # Read only when the filters' cached fragment is rebuilt, and then once.
        "facets": SimpleLazyObject(
            lambda: selectors.organisation_directory_facets(filters=filters)
        ),
        "places": SimpleLazyObject(selectors.organisation_directory_places),
    }
    return render(request, "members/organisation_list.html", context)


def _organisation_json_ld(request, organisation, contact):
    """schema.org data for search engines, escaped so it cannot close its script element."""
    page_url = request.build_absolute_uri(organisation.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "@id": page_url,
        "name": organisation.name,
        "url": organisation.website or page_url,
        "address": {"@type": "PostalAddress", "addressCountry": organisation.country_id},
    }
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.city:
        data["address"]["addressLocality"] = organisation.city
    if organisation.founded:
        data["foundingDate"] = str(organisation.founded)
    if contact["email"]:
        data["email"] = contact["email"]
    if contact["phone"]:
        data["telephone"] = contact["phone"]
    text = json.dumps(data, ensure_ascii=False)
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(escaped)  # noqa: S308 - JSON with <, > and & escaped


def organisation_detail(request, slug):
    try:
        organisation = selectors.organisation_get_for_directory(slug=slug)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    contact = selectors.organisation_public_contact(organisation)
    context = {
        "organisation": organisation,
        "contact": contact,
        "json_ld": _organisation_json_ld(request, organisation, contact),
    }
    return render(request, "members/organisation_detail.html", context)


# Export (staff)

EXPORT_FILENAME = "menengage-members"


def _export_response(response, extension):
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}.{extension}"'
    return response


@never_cache
@login_required
def directory_export_csv(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.DictWriter(response, fieldnames=selectors.export_columns())
    writer.writeheader()
    for row in selectors.organisation_export_rows():
        row = {**row, "networks": ";".join(row["networks"]), "themes": ";".join(row["themes"])}
        writer.writerow({column: cell_text(value) for column, value in row.items()})
    return _export_response(response, "csv")


@never_cache
@login_required
def directory_export_json(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    rows = selectors.organisation_export_rows()
    response = JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
    return _export_response(response, "json")
