from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from menengage.core.errors import DomainError
from menengage.core.forms import form_refuse
from menengage.members.templatetags.member_map_tags import CountryMap

from . import selectors, services
from .forms import ActivityForm
from .models import Activity, WorkingGroup
from .permissions import can_edit_activity, can_record_activities

PAGE_SIZE = 20


def _filter_context(filters):
    return {
        "filters": filters,
        # Read only when the cached filters fragment is rendered again.
        "options": SimpleLazyObject(selectors.activity_filter_options),
        "kinds": Activity.Kind.choices,
        "statuses": Activity.Status.choices,
    }


def activity_list(request):
    filters = selectors.clean_filters(request.GET)
    activities = selectors.activity_list(filters=filters)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        **_filter_context(filters),
        "can_record": can_record_activities(request.user),
    }
    return render(request, "activities/activity_list.html", context)


def activity_map(request):
    filters = selectors.clean_filters(request.GET)
    context = {
        **_filter_context(filters),
        # Drawn only when the rendered map is not kept (the template's cache, as long as the
        # counts are): its two hundred links and table rows cost more than the counts.
        "map": CountryMap(lambda: selectors.activity_map(filters=filters)),
        "map_seconds": selectors.MAP_CACHE_SECONDS,
        "query": request.GET.urlencode(),
    }
    return render(request, "activities/activity_map.html", context)


def activity_detail(request, pk):
    try:
        activity = selectors.activity_get(pk=pk)
    except Activity.DoesNotExist as missing:
        raise Http404 from missing
    context = {
        "activity": activity,
        "reach": selectors.reach_table(activity),
        "can_edit": can_edit_activity(request.user, activity),
    }
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not can_record_activities(request.user):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, **form.service_arguments())
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    try:
        activity = selectors.activity_get(pk=pk)
    except Activity.DoesNotExist as missing:
        raise Http404 from missing
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, actor=request.user, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity, actor=request.user, **form.service_arguments()
            )
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
def activity_mine(request):
    """The activities the signed-in person may edit."""
    if not can_record_activities(request.user):
        raise PermissionDenied
    activities = selectors.activities_editable_by(actor=request.user)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/activity_mine.html", {"page": page})


def working_group_list(request):
    groups = selectors.working_group_list()
    return render(request, "activities/workinggroup_list.html", {"groups": groups})


def working_group_detail(request, slug):
    try:
        group = selectors.working_group_get(slug=slug)
    except WorkingGroup.DoesNotExist as missing:
        raise Http404 from missing
    context = {
        "group": group,
        "activities": selectors.working_group_recent_activities(working_group=group),
    }
    return render(request, "activities/workinggroup_detail.html", context)
