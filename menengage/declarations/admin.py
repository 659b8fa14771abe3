from django.contrib import admin

from menengage.core.translation import TranslatedSearchAdmin, missing_translation_filter

from .models import Commitment, Declaration, DeclarationVersion, Endorsement


class VersionInline(admin.StackedInline):
    model = DeclarationVersion
    extra = 0
    fields = ("number", "text", "note", "adopted_at")
    readonly_fields = ("adopted_at",)

    # Texts change only on the drafting page, through the service that refuses to edit an
    # adopted version and records each edit.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Declaration)
class DeclarationAdmin(TranslatedSearchAdmin):
    list_display = ("title", "status", "adopted_on", "organisation_count", "individual_count")
    list_filter = (
        "status",
        missing_translation_filter("title"),
        missing_translation_filter("summary"),
    )
    search_fields = ("slug",)
    translated_search_fields = ("title", "summary")
    readonly_fields = ("status", "adopted_on", "organisation_count", "individual_count")
    filter_horizontal = ("drafters",)
    raw_id_fields = ("event",)
    inlines = [VersionInline, CommitmentInline]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    """Read-only: endorsements change only through the sign-on, confirmation and withdrawal."""

    list_display = ("display_name", "declaration", "kind", "status", "country", "confirmed_at")
    list_filter = ("declaration", "kind", "status")
    search_fields = ("organisation_name", "signatory_name", "email")
    list_select_related = ("declaration", "country")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
