from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import record_save
from menengage.core.errors import DomainError

from . import services
from .models import Announcement, DigestPreference, NewsletterIssue, Subscriber, Suppression


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnly):
    """Announcements are written and sent on the site; here staff look them up, and queue the
    rest of one whose worker stopped while writing its messages."""

    list_display = ["__str__", "status", "author", "network", "sent_at", "recipient_count"]
    list_filter = ["status"]
    search_fields = ["search_text"]
    list_select_related = ["author", "network"]
    actions = ["deliver_rest"]

    @admin.action(description=_("Queue the messages not yet queued"))
    def deliver_rest(self, request, queryset):
        for announcement in queryset:
            try:
                services.announcement_deliver_rest(announcement=announcement, actor=request.user)
            except (DomainError, ValidationError) as refused:
                self.message_user(request, f"{announcement}: {refused}", messages.ERROR)


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    """Staff write an issue in one or more languages and send it to its topic's subscribers."""

    list_display = ["__str__", "topic", "status", "sent_at", "recipient_count"]
    list_filter = ["topic", "status"]
    exclude = ["author", "status", "sent_at", "recipient_count"]
    actions = ["send"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == NewsletterIssue.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.status == NewsletterIssue.Status.DRAFT

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        record_save(actor=request.user, record=obj, changed=form.changed_data)

    @admin.action(description=_("Send to the confirmed subscribers of the topic"))
    def send(self, request, queryset):
        for issue in queryset:
            try:
                services.newsletter_issue_send(issue=issue, actor=request.user)
            except (DomainError, ValidationError) as refused:
                self.message_user(request, f"{issue}: {refused}", messages.ERROR)


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnly):
    """Subscribers change their own choices; staff report a bounce or erase one on request."""

    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    actions = ["report_bounce", "delete_on_request"]

    @admin.action(description=_("Report a permanent bounce (suppress the address)"))
    def report_bounce(self, request, queryset):
        for subscriber in queryset:
            services.suppression_add(
                email=subscriber.email, reason=Suppression.Reason.BOUNCE, actor=request.user
            )

    @admin.action(description=_("Delete on the subscriber's request"))
    def delete_on_request(self, request, queryset):
        for subscriber in queryset:
            services.subscriber_delete(subscriber=subscriber, actor=request.user)


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Addresses nothing is sent to; staff add one (a bounce a provider reported by e-mail) or
    lift one."""

    list_display = ["email", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]
    fields = ["email", "reason", "note"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def save_model(self, request, obj, form, change):
        saved = services.suppression_add(
            email=obj.email, reason=obj.reason, note=obj.note, actor=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.suppression_remove(suppression=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for suppression in queryset:
            services.suppression_remove(suppression=suppression, actor=request.user)


@admin.register(DigestPreference)
class DigestPreferenceAdmin(ReadOnly):
    list_display = ["user", "frequency", "last_sent_at"]
    list_filter = ["frequency"]
    list_select_related = ["user"]
