"""Background work for communications, run by `menengage worker` (TASKS_BACKEND)."""

from django.tasks import task

from . import notifications
from .models import Announcement, NewsletterIssue


@task
def announcement_deliver(announcement_pk):
    """Write the outbox rows of a sent announcement; safe to run again (it resumes)."""
    notifications.send_announcement(Announcement.objects.get(pk=announcement_pk))


@task
def newsletter_issue_deliver(issue_pk):
    """Write the outbox rows of a sent newsletter issue; safe to run again (it resumes)."""
    notifications.send_newsletter_issue(NewsletterIssue.objects.get(pk=issue_pk))
