from django.contrib import admin

from . import services
from .models import Network


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name_en", "kind", "parent", "country", "founded", "is_forming"]
    list_filter = ["kind", "is_forming", "parent"]
    search_fields = ["name_en", "name_es", "name_fr", "name_pt", "slug"]
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
