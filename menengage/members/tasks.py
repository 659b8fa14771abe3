"""Background work for members, through Django's tasks framework.

Queued in the database and run by `menengage worker` (TASKS_BACKEND); the immediate backend
runs the same code inside the request instead.
"""

from django.tasks import task

from . import notifications
from .models import FrameworkDocument


@task
def framework_announce(document_pk):
    """Tell every active member that a new framework version asks for their endorsement."""
    document = FrameworkDocument.objects.get(pk=document_pk)
    notifications.send_framework_announcement(document)
