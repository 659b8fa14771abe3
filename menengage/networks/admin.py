from django.contrib import admin

from menengage.core.translation import TranslatedSearchAdmin, missing_translation_filter

from . import services
from .models import Network


@admin.register(Network)
class NetworkAdmin(TranslatedSearchAdmin):
    list_display = ["name", "kind", "parent", "country", "founded", "is_forming"]
    list_filter = [
        "kind",
        "is_forming",
        "parent",
        missing_translation_filter("name"),
        missing_translation_filter("summary"),
    ]
    search_fields = ["slug"]
    translated_search_fields = ["name", "summary"]
    list_select_related = ["parent", "country"]
    readonly_fields = ["slug", "kind", "parent", "country"]

    def has_add_permission(self, request):
        # Networks are reference data shipped by migration.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        fresh = Network.objects.get(pk=obj.pk)
        services.network_update(network=fresh, actor=request.user, **changes)
