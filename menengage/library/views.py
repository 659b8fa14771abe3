from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from menengage.core.errors import DomainError
from menengage.members.selectors import organisations_represented_by

from . import citations, selectors, services
from .forms import ResourceSubmitForm, ReviewForm
from .models import Resource, ResourceFile
from .permissions import can_edit_library
from .uploads import CONTENT_TYPES

CITATION_LIST_LIMIT = 200


def _search(request, **options):
    q = request.GET.get("q", "")[:200]
    filters = selectors.clean_filters(request.GET)
    sort = request.GET.get("sort", "")
    return selectors.resource_search(q=q, filters=filters, sort=sort, **options)


def resource_list(request):
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    offset = (page - 1) * selectors.PAGE_SIZE
    results = _search(request, offset=offset)
    context = {"results": results, "can_edit": can_edit_library(request.user)}
    return render(request, "library/resource_list.html", context)


def _get_resource(request, pk):
    try:
        return selectors.resource_get_for(actor=request.user, pk=pk)
    except Resource.DoesNotExist as missing:
        raise Http404 from missing


def resource_detail(request, pk, slug=""):
    resource = _get_resource(request, pk)
    if slug != resource.slug:
        return redirect(resource.get_absolute_url(), permanent=True)
    context = {
        "resource": resource,
        "can_edit": can_edit_library(request.user),
        "review_form": ReviewForm(),
    }
    return render(request, "library/resource_detail.html", context)


def resource_download(request, pk, file_pk):
    try:
        item = selectors.resource_file_get(actor=request.user, resource_pk=pk, file_pk=file_pk)
        stored = item.file.open("rb")
    except (ResourceFile.DoesNotExist, Resource.DoesNotExist, OSError) as missing:
        raise Http404 from missing
    services.resource_file_download(item=item)
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=item.filename,
        content_type=CONTENT_TYPES[item.format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _citation_response(resources, request, fmt, name):
    if fmt not in citations.FORMATS:
        raise Http404
    content_type, extension = citations.FORMATS[fmt]

    def url_for(resource):
        return request.build_absolute_uri(resource.get_absolute_url())

    body = citations.RENDERERS[fmt](resources, url_for)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


def resource_cite(request, pk, fmt):
    resource = _get_resource(request, pk)
    return _citation_response([resource], request, fmt, f"menengage-{resource.pk}")


def resource_list_cite(request, fmt):
    results = _search(request, offset=0, limit=CITATION_LIST_LIMIT, facets=False)
    return _citation_response(results.resources, request, fmt, "menengage-library")


@login_required
@require_http_methods(["GET", "POST"])
def resource_submit(request):
    organisations = organisations_represented_by(actor=request.user)
    if not organisations:
        raise PermissionDenied
    form = ResourceSubmitForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            resource = services.resource_submit(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                files=[(form.cleaned_data["language"], upload)] if upload else [],
                **form.resource_fields(),
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Thank you. The editors will review the resource."))
            return redirect(resource.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "library/resource_submit.html", {"form": form}, status=status)


@login_required
def resource_submissions(request):
    resources = selectors.resource_submissions_for(actor=request.user)
    context = {"resources": resources, "can_edit": can_edit_library(request.user)}
    return render(request, "library/resource_submissions.html", context)


@login_required
@require_http_methods(["POST"])
def resource_review(request, pk, decision):
    if not can_edit_library(request.user):
        raise Http404
    resource = _get_resource(request, pk)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    action = {
        "publish": services.resource_publish,
        "reject": services.resource_reject,
        "withdraw": services.resource_withdraw,
    }.get(decision)
    if action is None:
        raise Http404
    try:
        action(actor=request.user, resource=resource, note=note)
    except DomainError as refused:
        messages.error(request, str(refused))
    return redirect(resource.get_absolute_url())
