"""Background work for the library, through Django's tasks framework.

Queued after the upload's transaction commits and run by `menengage worker`, so a large PDF is
parsed and indexed while its uploader goes on; the immediate backend (TASKS_BACKEND) runs it at
once instead.
"""

from django.tasks import task


@task
def resource_file_extract(file_pk):
    """Read the text of one uploaded file into the resource's searchable text."""
    from . import services

    services.resource_file_extract(file_pk=file_pk)
