"""`/api/v1/activities` and `/api/v1/working-groups`: joint activities, public and read-only.

Titles and summaries come in every language the activity is written in; people reached come
as counts per age band and gender category, with the total.
"""

from datetime import date

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from menengage.core.api_schema import Answer, NetworkRefOut, Reference, TermOut, named_choices, rows
from menengage.core.translation import translation_schema

from . import selectors
from .models import Activity, Reach, WorkingGroup

router = Router(tags=["activities"])

ReachAgeBand = named_choices(Reach.AgeBand)
ReachGender = named_choices(Reach.Gender)
ActivityKind = named_choices(Activity.Kind)
ActivityStatus = named_choices(Activity.Status)


class CountryRefOut(Reference):
    code: str
    name: str


class OrganisationRefOut(Answer):
    id: int
    slug: str
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")

    @classmethod
    def read(cls, organisation):
        return {
            "id": organisation.pk,
            "slug": organisation.slug,
            "name": organisation.name,
            "country": organisation.country_id,
        }


class WorkingGroupRefOut(Reference):
    slug: str
    name: str


class ReachOut(Reference):
    age_band: ReachAgeBand
    gender: ReachGender
    count: int


class ActivityOut(Answer):
    id: int
    kind: ActivityKind
    status: ActivityStatus
    language: str = Field(description="The language the activity was first described in")
    title: str = Field(description="In the requested language, else the original")
    summary: str
    titles: translation_schema() = Field(  # type: ignore[valid-type]
        description="The title in each language it is written in"
    )
    summaries: translation_schema()  # type: ignore[valid-type]
    lead: OrganisationRefOut
    partners: list[OrganisationRefOut]
    networks: list[NetworkRefOut]
    countries: list[CountryRefOut]
    starts_on: date
    ends_on: date | None
    themes: list[TermOut]
    mandates: list[TermOut]
    age_groups: list[TermOut]
    working_group: WorkingGroupRefOut | None
    is_new_programme: bool
    people_reached: int = Field(description="The sum of the counts in `reach`")
    reach: list[ReachOut]
    url: str

    @classmethod
    def read(cls, activity):
        title, summary = activity.title, activity.summary
        return {
            "id": activity.pk,
            "kind": activity.kind,
            "status": activity.status,
            "language": activity.language,
            "title": title,
            "summary": summary,
            "titles": title.as_dict(),
            "summaries": summary.as_dict(),
            "lead": activity.lead,
            "partners": rows(activity, "partners"),
            "networks": rows(activity, "networks"),
            "countries": rows(activity, "countries"),
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "themes": rows(activity, "themes"),
            "mandates": rows(activity, "mandates"),
            "age_groups": rows(activity, "age_groups"),
            "working_group": activity.working_group,
            "is_new_programme": activity.is_new_programme,
            "people_reached": activity.people_reached,
            "reach": sorted(rows(activity, "reach"), key=lambda row: (row.age_band, row.gender)),
            "url": activity.get_absolute_url(),
        }


class ConsultationOut(Schema):
    organisations: list[OrganisationRefOut]
    other_organisations: list[str]
    consulted_on: date
    method: str
    what_changed: str

    @staticmethod
    def resolve_organisations(consultation):
        return list(consultation.organisations.all())

    @staticmethod
    def resolve_other_organisations(consultation):
        return consultation.other_organisation_names


class OutputOut(Schema):
    id: int
    title: str
    url: str

    @staticmethod
    def resolve_title(resource):
        return str(resource)

    @staticmethod
    def resolve_url(resource):
        return resource.get_absolute_url()


class ActivityDetailOut(ActivityOut):
    consultations: list[ConsultationOut] = Field(
        description="Consultations of women's rights organisations (Accountability Standard 4)"
    )
    outputs: list[OutputOut] = Field(description="Resources of the library the activity produced")

    @classmethod
    def read(cls, activity):
        return {
            **super().read(activity),
            "consultations": list(activity.consultations.all()),
            "outputs": activity.published_outputs,
        }


class ActivityFilters(Schema):
    kind: ActivityKind | None = None
    status: ActivityStatus | None = None
    theme: str | None = Field(None, description="Code of a theme term")
    mandate: str | None = Field(None, description="Code of a UN mandate term (icpd, cedaw, ...)")
    age_group: str | None = Field(None, description="Code of an age-group term")
    region: str | None = Field(None, description="Slug of a regional network")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code")
    year: int | None = Field(None, ge=1900, le=2200, description="Under way in this year")
    working_group: str | None = Field(None, description="Slug of a working group")


@router.get("/activities", response=list[ActivityOut], summary="List joint activities")
@paginate
def list_activities(request, filters: Query[ActivityFilters]):
    values = selectors.clean_filters(filters.dict())
    return selectors.activity_list_full(filters=values)


@router.get("/activities/{id}", response=ActivityDetailOut, summary="One joint activity")
def get_activity(request, id: int):
    try:
        return selectors.activity_get(pk=id)
    except Activity.DoesNotExist as missing:
        raise Http404("No activity has that id.") from missing


class PersonRefOut(Schema):
    name: str


class WorkingGroupSummaryOut(Schema):
    """A working group in the list: its conveners and counts, not every member (the group's
    own entry has them), so the list stays small however large the groups grow."""

    slug: str
    name: str
    description: str
    convener_people: list[PersonRefOut]
    convener_organisations: list[OrganisationRefOut]
    member_count: int
    activity_count: int
    url: str
    activities_url: str = Field(description="The group's activities, through the list's filter")

    @staticmethod
    def resolve_convener_people(group):
        return list(group.convener_people.all())

    @staticmethod
    def resolve_convener_organisations(group):
        return list(group.convener_organisations.all())

    @staticmethod
    def resolve_url(group):
        return group.get_absolute_url()

    @staticmethod
    def resolve_activities_url(group):
        return f"/api/v1/activities?working_group={group.slug}"


class WorkingGroupOut(WorkingGroupSummaryOut):
    members: list[OrganisationRefOut]

    @staticmethod
    def resolve_members(group):
        return list(group.members.all())


@router.get("/working-groups", response=list[WorkingGroupSummaryOut], summary="List working groups")
@paginate
def list_working_groups(request):
    return selectors.working_group_list()


@router.get("/working-groups/{slug}", response=WorkingGroupOut, summary="One working group")
def get_working_group(request, slug: str):
    try:
        return selectors.working_group_get(slug=slug)
    except WorkingGroup.DoesNotExist as missing:
        raise Http404("No working group has that slug.") from missing
