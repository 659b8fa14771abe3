from django.contrib import admin, messages

from menengage.core.admin import AuditedAdmin
from menengage.core.errors import InvalidTransition

from .models import Band, Evaluation, Instrument, Item, Subscale


class _VersionPart(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_in_use

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_in_use


class SubscaleInline(_VersionPart):
    model = Subscale


class ItemInline(_VersionPart):
    model = Item


class BandInline(_VersionPart):
    model = Band


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdmin):
    """Staff write instrument versions here (adapting one is copying it to a new version);
    a version that responses use shows read-only, and its guard refuses any save."""

    list_display = ["__str__", "family", "version", "status"]
    list_filter = ["family", "status"]
    inlines = [SubscaleInline, ItemInline, BandInline]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not obj.is_in_use)

    def save_model(self, request, obj, form, change):
        try:
            if change:
                Instrument.objects.get(pk=obj.pk).check_editable()
        except InvalidTransition as refused:
            messages.error(request, str(refused))
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if change and form.instance.is_in_use:
            return
        super().save_formset(request, form, formset, change)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Staff look evaluations up here; the organisations register, upload and publish on
    the site, whose services check the rules and write the audit trail."""

    list_display = ["title", "organisation", "instrument", "status", "matched", "effect_size"]
    list_filter = ["status", "design", "instrument"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation", "instrument"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
