"""Staff enter the finances here; every save goes through the services, so it is validated,
audited and refused for a published year (whose amounts are corrected by amendment)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from menengage.core.errors import DomainError
from menengage.core.translation import missing_translation_filter

from . import services
from .forms import AmendmentForm, DraftYearForm
from .models import (
    Amendment,
    AnnualReport,
    BudgetLine,
    ExchangeRate,
    ExpenditureLine,
    FinancialYear,
    Funder,
    Grant,
    SubGrant,
)

CREATE = {
    Grant: services.grant_create,
    BudgetLine: services.budget_line_create,
    ExpenditureLine: services.expenditure_line_create,
    SubGrant: services.sub_grant_create,
}


def _changes(form, names):
    return {name: form.cleaned_data[name] for name in form.changed_data if name in names}


@admin.register(FinancialYear)
class FinancialYearAdmin(admin.ModelAdmin):
    list_display = ["year", "heading", "starts_on", "ends_on", "status", "published_at"]
    list_filter = [
        "status",
        missing_translation_filter("title"),
        missing_translation_filter("summary"),
    ]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return ["year", *services.YEAR_PERIOD, "status", "published_at"]
        if obj is not None:
            return ["year", "status", "published_at"]
        return ["status", "published_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        editable = [*services.YEAR_NARRATIVE, *services.YEAR_PERIOD]
        if change:
            fresh = FinancialYear.objects.get(pk=obj.pk)
            services.year_update(
                financial_year=fresh, actor=request.user, **_changes(form, editable)
            )
        else:
            fields = {name: form.cleaned_data[name] for name in editable if name in form.fields}
            obj.pk = services.year_create(
                actor=request.user, year=form.cleaned_data["year"], **fields
            ).pk

    @admin.action(description=_("Publish the selected years (freezes their figures)"))
    def publish(self, request, queryset):
        for financial_year in queryset:
            try:
                services.year_publish(financial_year=financial_year, actor=request.user)
            except DomainError as refused:
                self.message_user(request, f"{financial_year}: {refused}", messages.ERROR)
            else:
                self.message_user(request, _("%(year)s is published.") % {"year": financial_year})


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "identifier"]
    list_filter = ["kind"]
    search_fields = ["name", "identifier"]
    list_select_related = ["country"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            fresh = Funder.objects.get(pk=obj.pk)
            changes = _changes(form, services.FUNDER_FIELDS)
            services.funder_update(funder=fresh, actor=request.user, **changes)
        else:
            fields = {name: form.cleaned_data[name] for name in services.FUNDER_FIELDS}
            obj.pk = services.funder_create(actor=request.user, **fields).pk


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    form = DraftYearForm
    list_display = ["financial_year", "currency", "rate", "source"]
    list_filter = ["financial_year", "currency"]

    def get_readonly_fields(self, request, obj=None):
        return ["financial_year", "currency"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            obj is not None and obj.financial_year.is_published
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj is not None and obj.financial_year.is_published
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        rate = services.exchange_rate_set(
            financial_year=obj.financial_year,
            actor=request.user,
            currency=obj.currency,
            rate=form.cleaned_data["rate"],
            source=form.cleaned_data["source"],
        )
        obj.pk = rate.pk

    def delete_model(self, request, obj):
        services.exchange_rate_remove(exchange_rate=obj, actor=request.user)


class LineAdmin(admin.ModelAdmin):
    """Grants, budget lines, expenditure lines and sub-grants: edited freely in a draft year;
    in a published year only the amount changes, as an amendment with a reason."""

    form = DraftYearForm
    list_filter = ["financial_year", "currency"]

    def _published(self, obj):
        return obj is not None and obj.financial_year.is_published

    def get_form(self, request, obj=None, **kwargs):
        if self._published(obj):
            kwargs["form"] = AmendmentForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if self._published(obj):
            return [name for name in services.line_fields(self.model) if name != "amount"] + [
                "financial_year"
            ]
        return []

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._published(obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        names = services.line_fields(self.model)
        if not change:
            fields = {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}
            created = CREATE[self.model](
                actor=request.user, financial_year=form.cleaned_data["financial_year"], **fields
            )
            obj.pk = created.pk
            return
        fresh = self.model.objects.select_related("financial_year").get(pk=obj.pk)
        if fresh.financial_year.is_published:
            services.line_amend(
                line=fresh,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
            )
        else:
            changes = _changes(form, [*names, "financial_year"])
            services.line_update(line=fresh, actor=request.user, **changes)

    def delete_model(self, request, obj):
        services.line_delete(line=obj, actor=request.user)


@admin.register(Grant)
class GrantAdmin(LineAdmin):
    list_display = ["financial_year", "funder", "purpose", "amount", "currency", "received_on"]
    list_filter = ["financial_year", "currency", "restricted", "funder__kind"]
    list_select_related = ["financial_year", "funder"]
    search_fields = ["purpose", "reference", "funder__name"]


@admin.register(BudgetLine)
class BudgetLineAdmin(LineAdmin):
    list_display = ["financial_year", "category", "theme", "network", "amount", "currency"]
    list_filter = ["financial_year", "category", "currency"]
    list_select_related = ["financial_year", "theme", "network"]


@admin.register(ExpenditureLine)
class ExpenditureLineAdmin(BudgetLineAdmin):
    pass


@admin.register(SubGrant)
class SubGrantAdmin(LineAdmin):
    list_display = ["financial_year", "network", "purpose", "amount", "currency", "disbursed_on"]
    list_select_related = ["financial_year", "network"]
    search_fields = ["purpose", "reference", "network__name_en"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """Amendments are made by editing a published line's amount; here they are only read."""

    list_display = ["financial_year", "made_on", "__str__", "amount_before", "amount_after"]
    list_filter = ["financial_year"]
    readonly_fields = [field.name for field in Amendment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["financial_year", "language", "title", "published_on"]
    list_filter = ["financial_year", "language"]

    def save_model(self, request, obj, form, change):
        names = ["language", "title", "file", "published_on"]
        if change:
            fresh = AnnualReport.objects.get(pk=obj.pk)
            services.annual_report_update(report=fresh, actor=request.user, **_changes(form, names))
        else:
            fields = {name: form.cleaned_data[name] for name in names}
            obj.pk = services.annual_report_add(
                financial_year=form.cleaned_data["financial_year"], actor=request.user, **fields
            ).pk

    def delete_model(self, request, obj):
        services.annual_report_remove(report=obj, actor=request.user)
