"""What every app's API shares: the page bounds, the pagination class, named choices and the
references to terms and networks that records of several apps carry.

Every list of `/api/v1/` pages with `limit` and `offset` within the same bounds, so no client
can ask for the whole directory in one answer or send an offset the database cannot hold
(SQLite and PostgreSQL both fail past 2**63, and deep offsets only cost time). Lists that
build their own page (the library's search, a declaration's signatories) use the same
`Limit` and `Offset` types.
"""

from enum import StrEnum
from typing import Annotated, Any

from django.db import models
from django.db.models import Prefetch
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BaseModel, ConfigDict, model_validator

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
DEFAULT_LIMIT = 25

Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Items per page")]
Offset = Annotated[
    int, Field(ge=0, le=MAX_OFFSET, description="Items to skip from the start of the list")
]


class Pagination(LimitOffsetPagination):
    """`limit` and `offset` within the shared bounds; out of bounds is a 422, never a 500.

    `NINJA_PAGINATION_CLASS` names it, so every `@paginate` gets it by construction.
    """

    class PageInput(Schema):
        limit: Limit = DEFAULT_LIMIT
        offset: Offset = 0

    Input = PageInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def named_choices(choices: type[models.TextChoices]) -> type[StrEnum]:
    """The model's choices as an enum named after the model and the choices (`Activity.Kind`
    becomes `ActivityKind`).

    The OpenAPI document keeps one schema per name; seven apps' choices are all called `Kind`,
    so without this the published `Kind` held the values of whichever app came last.
    """
    name = choices.__qualname__.replace(".", "")
    return StrEnum(
        name, {member.name: member.value for member in choices}, module=choices.__module__
    )


_LISTED = "_listed"


def listed(relation, queryset=None):
    """`Prefetch(relation)` into a plain list on each record, which `rows` reads.

    Django's usual prefetch leaves each record a related manager's queryset, building the
    manager and a filtered copy of the query for every record and relation (a page of
    twenty-five activities: 75 of each); into a list it sets one attribute."""
    return Prefetch(relation, queryset=queryset, to_attr=relation + _LISTED)


def rows(record, relation):
    """The rows of `record`'s `relation` as the query prefetched (`listed` or not) or
    attached them.

    `record.themes.all()` gives the same rows, but builds Django's related manager to find
    them: some 25 µs a record and relation, 170 managers for the API's page of twenty-five
    activities. Reads them from the database when the query did not prefetch them."""
    listed_rows = record.__dict__.get(relation + _LISTED)
    if listed_rows is not None:
        return listed_rows
    prefetched = getattr(record, "_prefetched_objects_cache", None)
    if prefetched is not None and relation in prefetched:
        return prefetched[relation]
    return getattr(record, relation).all()


class Reference(BaseModel):
    """A record named inside another one's answer (a term, a network): plain fields read by
    pydantic straight from the instance. A ninja `Schema` reads every field through a Python
    getter, which for a page of twenty activities, each naming some twenty terms, countries
    and networks, cost a fifth of the answer's time; these have nothing to resolve."""

    model_config = ConfigDict(from_attributes=True)


class Answer(Reference):
    """A record's answer in a list of many: `read(record)` gives every field at once, as a dict
    pydantic checks in one pass, instead of a ninja `Schema` asking a getter for each field of
    each record (a page of twenty-five activities: 550 getters and their resolvers)."""

    @model_validator(mode="before")
    @classmethod
    def _read_record(cls, record):
        return record if isinstance(record, dict) else cls.read(record)

    @classmethod
    def read(cls, record):
        raise NotImplementedError(f"{cls.__name__}.read(record) gives the answer's fields")


class TermOut(Reference):
    code: str
    name: str


class NetworkRefOut(Reference):
    slug: str
    kind: str
    name: str
