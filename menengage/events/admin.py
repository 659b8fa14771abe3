"""Staff create and edit events, their calls for proposals and programme sessions here.

Registrations, submissions and reviews are not edited in the admin: they have their own pages,
whose services keep the waiting list, the review conflicts and the audit trail right.
"""

from django.contrib import admin

from menengage.core.admin import AuditedAdmin
from menengage.core.translation import TranslatedSearchAdmin, missing_translation_filter

from .models import Call, Criterion, Event, Session, Track


@admin.register(Event)
class EventAdmin(AuditedAdmin, TranslatedSearchAdmin):
    list_display = ["title", "kind", "mode", "starts_at", "audience", "is_published"]
    list_filter = [
        "kind",
        "mode",
        "audience",
        "is_published",
        "language",
        missing_translation_filter("title"),
        missing_translation_filter("description"),
    ]
    search_fields = ["slug", "city"]
    translated_search_fields = ["title", "description"]
    autocomplete_fields = ["organisers"]
    filter_horizontal = ["languages", "interpretation"]
    readonly_fields = ["created_at"]


class TrackInline(admin.TabularInline):
    model = Track
    extra = 1
    can_delete = False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1
    can_delete = False


@admin.register(Call)
class CallAdmin(AuditedAdmin):
    list_display = ["title", "event", "deadline", "time_zone"]
    search_fields = ["title", "event__slug"]
    autocomplete_fields = ["event", "reviewers"]
    inlines = [TrackInline, CriterionInline]


@admin.register(Session)
class SessionAdmin(AuditedAdmin, TranslatedSearchAdmin):
    list_display = ["title", "event", "starts_at", "room"]
    list_filter = ["event", missing_translation_filter("title")]
    search_fields = ["speakers"]
    translated_search_fields = ["title"]
    autocomplete_fields = ["event"]
    raw_id_fields = ["submission"]
