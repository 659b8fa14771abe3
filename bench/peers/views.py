"""The floor (what every page costs before it does anything) and the plain directory."""

from django.db.models import Q
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from menengage.core.page_cache import not_kept
from menengage.members.models import Membership, Organisation


@not_kept
def floor(request):
    """The base template with nothing in it, through the same middleware: the cheapest page
    drawn (never a kept copy, core.page_cache)."""
    return render(request, "base.html", {})


@method_decorator(not_kept, name="dispatch")
class PlainDirectory(ListView):
    """The member directory as `ListView` and `icontains` would make it, over the same rows."""

    template_name = "bench_peers/organisation_list.html"
    paginate_by = 24

    def get_queryset(self):
        params = self.request.GET
        rows = Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
        if q := params.get("q"):
            rows = rows.filter(
                Q(name__icontains=q)
                | Q(acronym__icontains=q)
                | Q(city__icontains=q)
                | Q(description__icontains=q)
            )
        if kind := params.get("kind"):
            rows = rows.filter(kind=kind)
        if region := params.get("region"):
            rows = rows.filter(
                Q(memberships__network__slug=region) | Q(memberships__network__parent__slug=region)
            )
        if theme := params.get("theme"):
            rows = rows.filter(themes__code=theme)
        if language := params.get("language"):
            rows = rows.filter(languages__code=language)
        return (
            rows.distinct()
            .select_related("country")
            .prefetch_related("themes")
            .order_by("name", "pk")
        )
