"""Background work for the library, through Django's tasks framework.

With the default immediate backend the extraction runs at once (after the upload's
transaction commits); with a queue-backed backend the same code runs on a worker.
"""

from django.tasks import task


@task
def resource_file_extract(file_pk):
    """Read the text of one uploaded file into the resource's searchable text."""
    from . import services

    services.resource_file_extract(file_pk=file_pk)
