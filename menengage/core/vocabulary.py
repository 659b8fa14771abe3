"""Vocabulary terms and countries attached to lists of records from a per-process catalogue.

A list of twenty activities names ~150 terms and countries, all drawn from two small tables (a
few dozen terms, 250 countries) that change a few times a year. Django's `prefetch_related`
reads them again for every list, joined to the link table, sorted by their translated name and
built into fresh model instances: 31 ms for the themes, age groups and languages of a hundred
organisations at ten times the Alliance, against 4 ms for reading the link rows alone. Here the
link rows are read and the terms taken from a catalogue kept per process, in the order the
database gives them in the active language, so a record's `themes.all()` is what it was.

The catalogue is forgotten when a term or a country is saved here (core.apps connects that) and
is otherwise kept a minute, like the directory's counts, for the other processes.
"""

import uuid
from collections import defaultdict

from django.core.cache import caches
from django.db import models
from django.db.models.query import ModelIterable

from .models import Country, Term
from .translation import active_language

CATALOGUE_SECONDS = 60
_VERSION_KEY = "vocabulary-catalogue"
CATALOGUED = (Term, Country)

# {(model, language): (version, {pk: instance}, {pk: position in the database's order})}
_catalogues = {}


def _version():
    """The catalogue's current version: kept in the fragments cache, so forgetting it there
    (or a fresh cache, as in each test) makes every process read the tables again."""
    fragments = caches["fragments"]
    version = fragments.get(_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        fragments.set(_VERSION_KEY, version, CATALOGUE_SECONDS)
    return version


def catalogue(model):
    """({pk: instance}, {pk: rank}) of every row of `model` (Term or Country), ranked as the
    model's default ordering sorts them in the active language."""
    version = _version()
    key = (model, active_language())
    kept = _catalogues.get(key)
    if kept is None or kept[0] != version:
        rows = list(model.objects.all())
        kept = (version, {row.pk: row for row in rows}, {row.pk: n for n, row in enumerate(rows)})
        _catalogues[key] = kept
    return kept[1], kept[2]


def term_ids(code):
    """The ids of the terms with `code`, from the catalogue: a filter on a term then reads the
    link table by its term index, and the database plans with the id it will find rather than
    guessing how many rows a join to the terms' code keeps."""
    items, _rank = catalogue(Term)
    return [pk for pk, term in items.items() if term.code == code]


def forget(**_signal):
    """Drop the catalogue (a term or a country changed)."""
    caches["fragments"].delete(_VERSION_KEY)


def attach(records, names):
    """Give each of `records` (instances of one model) the catalogued rows its relations
    `names` point to, as `prefetch_related(*names)` would: many-to-many fields through one
    query of their link table each, foreign keys with no query."""
    if not records:
        return
    model = type(records[0])
    for name in names:
        field = model._meta.get_field(name)
        items, rank = catalogue(field.related_model)
        if field.many_to_many:
            _attach_many(records, field, items, rank)
        else:
            for record in records:
                target = getattr(record, field.attname)
                if target is not None and target in items:
                    field.set_cached_value(record, items[target])


def _attach_many(records, field, items, rank):
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = field.remote_field.through.objects.filter(
        **{f"{source}_id__in": [record.pk for record in records]}
    ).values_list(f"{source}_id", f"{target}_id")
    linked = defaultdict(list)
    for record_id, target_id in links:
        linked[record_id].append(target_id)
    if any(pk not in items for pks in linked.values() for pk in pks):
        # A row added by another process within the minute: read the table again, once.
        forget()
        items, rank = catalogue(field.related_model)
    for record in records:
        related = sorted(
            (items[pk] for pk in linked.get(record.pk, ()) if pk in items),
            key=lambda row: rank[row.pk],
        )
        record.__dict__.setdefault("_prefetched_objects_cache", {})[field.name] = AttachedRows(
            record, field, related
        )


class AttachedRows(models.QuerySet):
    """The rows attached to one record's relation, where Django's prefetch leaves its queryset.

    Read, it is those rows. A new query made from it (`filter`, `values_list`, ...) starts from
    the record's related manager, as after Django's prefetch; building that manager and its
    filter for every record of a list was most of what attaching cost (the API's twenty
    activities with four relations: 80 managers, 80 filters, none of them used)."""

    def __init__(self, record, field, rows):
        super().__init__(model=field.related_model)
        self._result_cache = rows
        self._prefetch_done = True
        self._record, self._field = record, field

    def _chain(self):
        manager = getattr(self._record, self._field.name)
        # The manager's own query when nothing is prefetched (ManyRelatedManager.get_queryset).
        unfiltered = super(type(manager), manager).get_queryset()
        return manager._apply_rel_filters(unfiltered)._chain()


class VocabularyQuerySet(models.QuerySet):
    """A queryset that can attach terms and countries from the catalogue (`with_vocabulary`)."""

    _vocabulary = ()

    def with_vocabulary(self, *names):
        """As `prefetch_related(*names)` for relations to terms and countries, without reading
        those tables (see the module's docstring)."""
        clone = self._chain()
        clone._vocabulary = (*self._vocabulary, *names)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._vocabulary = self._vocabulary
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._vocabulary and issubclass(self._iterable_class, ModelIterable):
            attach(self._result_cache, self._vocabulary)
