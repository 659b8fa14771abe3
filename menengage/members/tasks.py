"""Background work for members, through Django's tasks framework.

With the default immediate backend the work runs at once; set TASKS to a queue-backed
backend in production and the same code runs on a worker.
"""

from django.tasks import task

from . import notifications
from .models import FrameworkDocument


@task
def framework_announce(document_pk):
    """Tell every active member that a new framework version asks for their endorsement."""
    document = FrameworkDocument.objects.get(pk=document_pk)
    notifications.send_framework_announcement(document)
