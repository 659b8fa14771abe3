"""Writes for the library: creating, submitting, reviewing resources, their files and downloads."""

import shutil
import tempfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.links import links_add

from . import extraction, search
from .models import Resource, ResourceFile
from .permissions import can_edit_library, can_submit_for
from .tasks import resource_file_extract as extract_task
from .uploads import check_upload, safe_filename

FIELDS = (
    "title",
    "summary",
    "language",
    "kind",
    "publisher",
    "publisher_name",
    "authors",
    "published_on",
    "audience",
    "licence",
    "external_url",
    "text",
)
TAGS = ("themes", "mandates", "age_groups", "regions", "countries")
AUDITED = tuple(name for name in FIELDS if name != "text")


def _split(fields):
    unknown = set(fields) - set(FIELDS) - set(TAGS)
    if unknown:
        raise TypeError(f"Unknown resource fields: {sorted(unknown)}")
    tags = {name: fields[name] for name in TAGS if name in fields}
    plain = {name: value for name, value in fields.items() if name in FIELDS}
    return plain, tags


def _save_new(resource, tags, files, actor):
    resource.year = resource.published_on.year if resource.published_on else None
    resource.full_clean()
    resource.save()
    links_add(resource, tags)
    search.index_add(resource.pk)
    for language, upload in files:
        _add_file(resource=resource, upload=upload, language=language, actor=actor)


@transaction.atomic
def resource_create(*, actor, files=(), **fields):
    """An editor adds a resource to the library, published at once.

    `files` is a list of (language, uploaded file); each is checked by its content and its
    text extracted after commit. Records `resource.create`.
    """
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can add resources directly."))
    plain, tags = _split(fields)
    now = timezone.now()
    resource = Resource(
        **plain,
        status=Resource.Status.PUBLISHED,
        published_at=now,
        created_at=now,
        submitted_by=actor,
    )
    _save_new(resource, tags, files, actor)
    audit_record(
        actor=actor, verb="resource.create", target=resource, after=snapshot(resource, AUDITED)
    )
    return resource


@transaction.atomic
def resource_submit(*, actor, organisation, files=(), **fields):
    """A member representative submits a resource their organisation published, for review.

    The organisation becomes the publisher; the resource stays unlisted until an editor
    publishes it. Records `resource.submit`.
    """
    if organisation is None or not can_submit_for(actor, organisation):
        raise NotPermitted(_("You can only submit resources for an organisation you represent."))
    plain, tags = _split(fields)
    plain.update(publisher=organisation, publisher_name="")
    resource = Resource(**plain, status=Resource.Status.SUBMITTED, submitted_by=actor)
    _save_new(resource, tags, files, actor)
    audit_record(
        actor=actor, verb="resource.submit", target=resource, after=snapshot(resource, AUDITED)
    )
    return resource


@transaction.atomic
def resource_update(*, actor, resource, **fields):
    """An editor changes a resource's description. Records `resource.update` with the changes."""
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can edit resources."))
    plain, tags = _split(fields)
    before = snapshot(resource, AUDITED)
    for name, value in plain.items():
        setattr(resource, name, value)
    resource.year = resource.published_on.year if resource.published_on else None
    resource.full_clean()
    resource.save()
    for name, values in tags.items():
        getattr(resource, name).set(values)
    search.index_add(resource.pk)
    after = snapshot(resource, AUDITED)
    changed = [name for name in AUDITED if before[name] != after[name]]
    audit_record(
        actor=actor,
        verb="resource.update",
        target=resource,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return resource


def _move(*, actor, resource, to, note, verb):
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can review resources."))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    resource.check_transition(to)
    before = resource.status
    resource.status = to
    resource.review_note = note or resource.review_note
    fields = ["status", "review_note"]
    if to == Resource.Status.PUBLISHED and resource.published_at is None:
        resource.published_at = timezone.now()
        fields.append("published_at")
    resource.save(update_fields=fields)
    audit_record(
        actor=actor,
        verb=verb,
        target=resource,
        before={"status": before},
        after={"status": to, "note": note},
    )
    return resource


@transaction.atomic
def resource_publish(*, actor, resource, note=""):
    """An editor publishes a submitted (or withdrawn) resource. Records `resource.publish`."""
    return _move(
        actor=actor,
        resource=resource,
        to=Resource.Status.PUBLISHED,
        note=note,
        verb="resource.publish",
    )


@transaction.atomic
def resource_reject(*, actor, resource, note):
    """An editor declines a submission, saying why. Records `resource.reject`."""
    if not (note or "").strip():
        raise DomainError(_("Say why the resource is not accepted."))
    return _move(
        actor=actor,
        resource=resource,
        to=Resource.Status.REJECTED,
        note=note,
        verb="resource.reject",
    )


@transaction.atomic
def resource_withdraw(*, actor, resource, note=""):
    """An editor takes a published resource off the library. Records `resource.withdraw`."""
    return _move(
        actor=actor,
        resource=resource,
        to=Resource.Status.WITHDRAWN,
        note=note,
        verb="resource.withdraw",
    )


@transaction.atomic
def resource_delete(*, actor, resource):
    """An editor deletes a resource and its files. Records `resource.delete`."""
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can delete resources."))
    audit_record(
        actor=actor, verb="resource.delete", target=resource, before=snapshot(resource, AUDITED)
    )
    search.index_remove(resource.pk)
    stored = [item.file.name for item in resource.files.all()]
    resource.delete()
    transaction.on_commit(lambda: [ResourceFile.file.field.storage.delete(n) for n in stored])


def _add_file(*, resource, upload, language, actor):
    file_format = check_upload(upload)
    name = safe_filename(upload.name, file_format)
    existing = ResourceFile.objects.filter(
        resource=resource, language=language, format=file_format
    ).first()
    if existing is not None:
        raise DomainError(
            _("This resource already has a %(format)s file in this language.")
            % {"format": file_format.upper()}
        )
    item = ResourceFile(
        resource=resource,
        language=language,
        filename=name,
        format=file_format,
        size=upload.size,
        extraction=(
            ResourceFile.Extraction.PENDING
            if file_format in extraction.EXTRACTABLE
            else ResourceFile.Extraction.SKIPPED
        ),
    )
    item.file.save(name, upload, save=False)
    try:
        item.full_clean()
    except ValidationError:
        item.file.delete(save=False)
        raise
    item.save()
    audit_record(
        actor=actor,
        verb="resource.file_add",
        target=resource,
        after={"file": name, "language": language, "format": file_format, "size": upload.size},
    )
    if item.extraction == ResourceFile.Extraction.PENDING:
        transaction.on_commit(lambda: extract_task.enqueue(item.pk))
    return item


@transaction.atomic
def resource_file_add(*, actor, resource, upload, language):
    """Attach a file in one language, checked by its content (PDF, DOCX, EPUB) and size.

    Its text is extracted in the background after commit. Records `resource.file_add`.
    """
    allowed = can_edit_library(actor) or (
        resource.status == Resource.Status.SUBMITTED and resource.submitted_by_id == actor.pk
    )
    if not allowed:
        raise NotPermitted(_("Only library editors can add files to this resource."))
    return _add_file(resource=resource, upload=upload, language=language, actor=actor)


def resource_file_extract(*, file_pk):
    """Read one file's text and rebuild its resource's searchable text from all its files.

    A file that cannot be read is marked failed and the resource gets a note for editors;
    the resource stays listed. Records `resource.extract` (actor: the system).
    """
    item = ResourceFile.objects.select_related("resource").get(pk=file_pk)
    try:
        # Copied to a local temporary file: the storage may be object storage with no path.
        with item.file.open("rb") as stored, tempfile.NamedTemporaryFile() as local:
            shutil.copyfileobj(stored, local)
            local.flush()
            text = extraction.extract_text(local.name, item.format)
    except (extraction.ExtractionFailed, OSError) as failed:
        note = str(failed) if isinstance(failed, DomainError) else str(_("The file is missing."))
        _record_extraction(item, ResourceFile.Extraction.FAILED, "", note)
    else:
        _record_extraction(item, ResourceFile.Extraction.DONE, text, "")


@transaction.atomic
def _record_extraction(item, outcome, text, note):
    item.extraction, item.extracted_text, item.extraction_note = outcome, text, note
    item.save(update_fields=["extraction", "extracted_text", "extraction_note"])
    resource = Resource.objects.select_for_update().get(pk=item.resource_id)
    _refresh_text(resource)
    audit_record(
        actor=None,
        verb="resource.extract",
        target=resource,
        after={"file": item.filename, "outcome": outcome, "note": note},
    )


def resource_file_download(*, item):
    """Count one download of a file and of its resource, without reading the counts first."""
    ResourceFile.objects.filter(pk=item.pk).update(download_count=F("download_count") + 1)
    Resource.objects.filter(pk=item.resource_id).update(download_count=F("download_count") + 1)


def _refresh_text(resource):
    files = list(resource.files.order_by("language", "id"))
    done = [f.extracted_text for f in files if f.extraction == ResourceFile.Extraction.DONE]
    failed = [f for f in files if f.extraction == ResourceFile.Extraction.FAILED]
    if done:
        resource.text = "\n\n".join(done)
    resource.extraction_note = "\n".join(f"{f.filename}: {f.extraction_note}" for f in failed)
    resource.save(update_fields=["text", "extraction_note"])
    search.index_add(resource.pk)


@transaction.atomic
def resource_file_update(*, actor, item, language):
    """An editor corrects the language of a file. Records `resource.file_update`."""
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can change files."))
    before = item.language
    item.language = language
    item.full_clean()
    item.save(update_fields=["language"])
    audit_record(
        actor=actor,
        verb="resource.file_update",
        target=item.resource,
        before={"file": item.filename, "language": before},
        after={"file": item.filename, "language": language},
    )
    return item


@transaction.atomic
def resource_file_delete(*, actor, item):
    """An editor removes a file; the resource's text is rebuilt from the files that remain.

    Records `resource.file_delete`.
    """
    if not can_edit_library(actor):
        raise NotPermitted(_("Only library editors can remove files."))
    resource, name = item.resource, item.file.name
    audit_record(
        actor=actor,
        verb="resource.file_delete",
        target=resource,
        before={"file": item.filename, "language": item.language},
    )
    item.delete()
    _refresh_text(resource)
    transaction.on_commit(lambda: ResourceFile.file.field.storage.delete(name))
