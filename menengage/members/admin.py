from django.contrib import admin

from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    readonly_fields = ["network", "status", "applied_on", "joined_on", "ended_on", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "city"]
    list_filter = ["kind", "country__region"]
    search_fields = ["name", "acronym", "identifier"]
    list_select_related = ["country"]
    inlines = [MembershipInline]
