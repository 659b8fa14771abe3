from django.contrib import admin

from menengage.core.translation import TranslatedSearchAdmin, missing_translation_filter

from . import services
from .models import Activity, WorkingGroup


@admin.register(Activity)
class ActivityAdmin(TranslatedSearchAdmin):
    """Staff look activities up here; they record and edit them on the site's form, whose
    service checks the rules and writes the audit trail."""

    list_display = ["__str__", "kind", "status", "lead", "starts_on", "people_reached"]
    list_filter = [
        "kind",
        "status",
        "is_new_programme",
        "language",
        missing_translation_filter("title"),
        missing_translation_filter("summary"),
    ]
    search_fields = ["lead__name"]
    translated_search_fields = ["title", "summary"]
    list_select_related = ["lead"]
    date_hierarchy = "starts_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslatedSearchAdmin):
    """Working groups are created and changed through their services, which audit."""

    list_display = ["name", "slug"]
    list_filter = [missing_translation_filter("name"), missing_translation_filter("description")]
    search_fields = ["slug"]
    translated_search_fields = ["name", "description"]
    raw_id_fields = ["convener_people", "convener_organisations", "members"]
    fields = [
        *services.WORKING_GROUP_FIELDS,
        *services.WORKING_GROUP_RELATED,
    ]

    def save_model(self, request, obj, form, change):
        wanted = services.WORKING_GROUP_FIELDS + services.WORKING_GROUP_RELATED
        if change:
            changes = {
                name: form.cleaned_data[name] for name in form.changed_data if name in wanted
            }
            saved = services.working_group_update(
                working_group=WorkingGroup.objects.get(pk=obj.pk), actor=request.user, **changes
            )
        else:
            fields = {name: form.cleaned_data[name] for name in wanted if name in form.cleaned_data}
            saved = services.working_group_create(actor=request.user, **fields)
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # The service has set the conveners and members.
        return

    def has_delete_permission(self, request, obj=None):
        return False
