from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import record_save
from .models import AuditEvent, Country, OutgoingMail
from .translation import TranslatedSearchAdmin, missing_translation_filter


class AuditedAdmin(admin.ModelAdmin):
    """A staff admin whose saves are audit events (`core.audit.record_save`) and that deletes
    nothing: rows other records hang off are retired (unpublished, ended), not removed."""

    def save_model(self, request, obj, form, change):
        record_save(actor=request.user, record=obj, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        # Inline rows are audited one by one too; inlines here never delete (can_delete False).
        # The three lists are what the admin's history message reads after the save.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed():
                continue
            record = inline_form.save(commit=False)
            creating = record.pk is None
            setattr(record, formset.fk.name, formset.instance)  # new on an add page
            record_save(actor=request.user, record=record, changed=inline_form.changed_data)
            inline_form.save_m2m()
            if creating:
                formset.new_objects.append(record)
            else:
                formset.changed_objects.append((record, inline_form.changed_data))

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Staff read the trail; nobody adds, changes or deletes it."""

    list_display = ["occurred_at", "actor_label", "verb", "target_type", "target_label"]
    list_filter = ["verb", "target_type"]
    search_fields = ["actor_label", "target_label", "verb"]
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox: staff see what left, what waits and what failed, and can send a failed
    message again; nothing is edited or deleted here."""

    list_display = ["created_at", "kind", "to", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    actions = ["requeue"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed messages again"))
    def requeue(self, request, queryset):
        from .mail import mail_requeue

        count = mail_requeue(mails=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            % {"count": count},
        )


@admin.register(Country)
class CountryAdmin(TranslatedSearchAdmin):
    list_display = ["code", "name", "region", "subregion"]
    list_filter = ["region", missing_translation_filter("name")]
    search_fields = ["code"]
    translated_search_fields = ["name"]
