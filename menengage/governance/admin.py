"""Staff set up bodies here: their seats, composition targets, quorum and vote threshold.

Who sits on a seat (terms), elections, proposals and decisions have their own pages, whose
services check eligibility and the composition rules and keep the audit trail.
"""

from django.contrib import admin

from menengage.core.admin import AuditedAdmin

from .models import Body, ConstituencyTarget, Seat


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
class BodyAdmin(AuditedAdmin):
    list_display = ["name", "kind", "network", "publishes_decisions"]
    list_filter = ["kind", "publishes_decisions"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["network", "parent"]
    inlines = [SeatInline, TargetInline]
