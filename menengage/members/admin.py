from django.conf import settings
from django.contrib import admin

from menengage.core.translation import missing_translation_filter

from . import services
from .models import Application, FrameworkDocument, Membership, Organisation


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
    readonly_fields = ["slug", "kind", "country", "identifier", "created_at"]

    def has_add_permission(self, request):
        # Organisations arrive through applications or the import command.
        return False

    def save_model(self, request, obj, form, change):
        changes = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in services.PROFILE_FIELDS or field == "themes"
        }
        themes = changes.pop("themes", None)
        services.organisation_update(
            organisation=Organisation.objects.get(pk=obj.pk),
            actor=request.user,
            themes=themes,
            **changes,
        )

    def save_related(self, request, form, formsets, change):
        # The service has saved the organisation and its themes; the read-only inline has
        # nothing to save.
        return


@admin.register(FrameworkDocument)
class FrameworkDocumentAdmin(admin.ModelAdmin):
    """New versions go through `framework_document_publish`; a published version's English
    text and dates are frozen, its translations can still be added."""

    list_display = ["kind", "version", "in_force_from", "grace_days"]
    list_filter = ["kind"]
    frozen = ["kind", "version", "in_force_from", "grace_days"]
    list_filter = [
        "kind",
        missing_translation_filter("text"),
        missing_translation_filter("summary"),
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.frozen if obj else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            # The published text in the default language is frozen: its box is read-only and
            # what is sent for it is ignored; the other languages stay editable.
            published = obj.text.get(settings.LANGUAGE_CODE, "")
            field = form.base_fields["text"]
            for code, widget in zip(field.languages, field.widget.widgets, strict=True):
                if code == settings.LANGUAGE_CODE:
                    widget.attrs["readonly"] = True

            def clean_text(self):
                texts = dict(self.cleaned_data.get("text") or {})
                texts[settings.LANGUAGE_CODE] = published
                return texts

            form.clean_text = clean_text
        return form

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            texts = {field: form.cleaned_data[field] for field in form.changed_data}
            document = FrameworkDocument.objects.get(pk=obj.pk)
            services.framework_document_translate(document=document, actor=request.user, **texts)
        else:
            fields = {name: form.cleaned_data[name] for name in form.fields}
            obj.pk = services.framework_document_publish(actor=request.user, **fields).pk


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Staff follow applications here; decisions are taken on the review pages."""

    list_display = [
        "__str__",
        "applicant_email",
        "submitted_at",
        "email_confirmed_at",
        "escalated_at",
    ]
    list_select_related = ["membership__organisation", "membership__person", "membership__network"]
    readonly_fields = [field.name for field in Application._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
