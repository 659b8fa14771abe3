"""Staff set up bodies here: their seats, composition targets, quorum and vote threshold.

Who sits on a seat (terms), elections, proposals and decisions have their own pages, whose
services check eligibility and the composition rules and keep the audit trail.
"""

from django.contrib import admin

from menengage.core.admin import AuditedAdmin
from menengage.core.translation import TranslatedSearchAdmin, missing_translation_filter

from .models import Body, ConstituencyTarget, Proposal, Seat


class SeatInline(admin.TabularInline):
    model = Seat
    fk_name = "body"
    extra = 1
    can_delete = False
    autocomplete_fields = ["network"]


class TargetInline(admin.TabularInline):
    model = ConstituencyTarget
    extra = 1
    can_delete = False


@admin.register(Body)
class BodyAdmin(AuditedAdmin, TranslatedSearchAdmin):
    list_display = ["name", "kind", "network", "publishes_decisions"]
    list_filter = [
        "kind",
        "publishes_decisions",
        missing_translation_filter("name"),
        missing_translation_filter("description"),
    ]
    search_fields = ["slug"]
    translated_search_fields = ["name", "description"]
    autocomplete_fields = ["network", "parent"]
    inlines = [SeatInline, TargetInline]


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin, TranslatedSearchAdmin):
    """Staff add and correct the translations of a proposal here; the body decides it on the
    site, through the services."""

    list_display = ["title", "body", "status", "language", "opened_at"]
    list_filter = [
        "status",
        "language",
        "body",
        missing_translation_filter("title"),
        missing_translation_filter("text"),
    ]
    translated_search_fields = ["title", "text"]
    fields = ["body", "language", "status", "title", "text"]
    readonly_fields = ["body", "language", "status"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
