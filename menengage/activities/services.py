"""Writes for activities and working groups: recording, editing, reach and consultations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import NotPermitted
from menengage.core.links import links_add
from menengage.core.models import Term
from menengage.members.models import Membership

from .models import Activity, Consultation, Reach, WorkingGroup
from .permissions import (
    can_create_working_group,
    can_edit_activity,
    can_edit_working_group,
    can_join_to_working_group,
    can_lead,
)

SCALAR_FIELDS = (
    "kind",
    "status",
    "language",
    "title",
    "summary",
    "lead",
    "starts_on",
    "ends_on",
    "working_group",
    "is_new_programme",
)
RELATED_FIELDS = (
    "partners",
    "networks",
    "countries",
    "themes",
    "mandates",
    "age_groups",
    "outputs",
)
VOCABULARY = {
    "themes": Term.Vocabulary.THEME,
    "mandates": Term.Vocabulary.MANDATE,
    "age_groups": Term.Vocabulary.AGE_GROUP,
}
WORKING_GROUP_FIELDS = (
    "slug",
    "name",
    "description",
)
WORKING_GROUP_RELATED = ("convener_people", "convener_organisations", "members")


def _split(fields):
    unknown = set(fields) - set(SCALAR_FIELDS) - set(RELATED_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {', '.join(sorted(unknown))}")
    scalars = {name: value for name, value in fields.items() if name in SCALAR_FIELDS}
    related = {name: list(value) for name, value in fields.items() if name in RELATED_FIELDS}
    return scalars, related


def _check_related(activity, related):
    """Whole-sentence errors for related rows that break the rules."""
    errors = {}
    if "countries" in related and not related["countries"]:
        errors["countries"] = _("Name at least one country where the activity takes place.")
    for name, vocabulary in VOCABULARY.items():
        if any(term.vocabulary != vocabulary for term in related.get(name, [])):
            errors[name] = _("Choose terms from the right vocabulary.")
    if errors:
        raise ValidationError(errors)
    if "partners" in related:
        # The lead is never its own partner.
        related["partners"] = [org for org in related["partners"] if org.pk != activity.lead_id]


def _check_lead_is_member(lead):
    if not Membership.objects.filter(organisation=lead, status=Membership.Status.ACTIVE).exists():
        raise ValidationError(
            {"lead": _("The lead organisation must be an active member of the Alliance.")}
        )


def _reach_rows(activity, reach):
    """Reach rows from a mapping {(age band, gender): count}; zero counts are left out."""
    rows = []
    for (age_band, gender), count in sorted(reach.items()):
        if age_band not in Reach.AgeBand.values or gender not in Reach.Gender.values:
            raise ValidationError(_("Unknown age band or gender category in people reached."))
        if count is None or count == 0:
            continue
        if not isinstance(count, int) or count < 0:
            raise ValidationError(_("People reached must be whole numbers, zero or more."))
        rows.append(Reach(activity=activity, age_band=age_band, gender=gender, count=count))
    return rows


def _write_reach(activity, reach):
    rows = _reach_rows(activity, reach)
    activity.reach.all().delete()
    Reach.objects.bulk_create(rows)
    activity.people_reached = sum(row.count for row in rows)
    return {f"{row.age_band}/{row.gender}": row.count for row in rows}


def _add_consultation(activity, consultation, actor):
    organisations = list(consultation.get("organisations") or [])
    record = Consultation(
        activity=activity,
        other_organisations=(consultation.get("other_organisations") or "").strip(),
        consulted_on=consultation.get("consulted_on"),
        method=consultation.get("method") or "",
        what_changed=(consultation.get("what_changed") or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if not organisations and not record.other_organisation_names:
        raise ValidationError(
            {"consulted_organisations": _("Name the women's rights organisations consulted.")}
        )
    record.full_clean(exclude=["activity"])
    record.save()
    record.organisations.set(organisations)
    audit_record(
        actor=actor,
        verb="activity.consultation.record",
        target=activity,
        after={
            "organisations": [str(org) for org in organisations],
            "other_organisations": record.other_organisation_names,
            "consulted_on": record.consulted_on,
            "method": record.method,
            "what_changed": record.what_changed,
        },
    )
    return record


def _require_consultation(activity, consultation):
    recorded = activity.pk is not None and activity.consultations.exists()
    if activity.is_new_programme and not consultation and not recorded:
        raise ValidationError(
            {
                "consultation": _(
                    "A new programme records how women's rights organisations were consulted "
                    "(Accountability Standard 4): who, when, how and what changed."
                )
            }
        )


@transaction.atomic
def activity_create(*, actor, reach=None, consultation=None, **fields):
    """Record a new activity with its related rows, people reached and, for a new programme,
    the consultation of women's rights organisations (required then).

    Only the lead organisation's representatives, coordinators of a network it involves and
    the secretariat may. Records `activity.create` (and `activity.consultation.record`).
    """
    scalars, related = _split(fields)
    if not can_lead(actor, lead=scalars.get("lead"), networks=related.get("networks", [])):
        raise NotPermitted(
            _(
                "Only representatives of the lead organisation, coordinators of a network "
                "involved and the secretariat can record this activity."
            )
        )
    related.setdefault("countries", [])
    activity = Activity(
        **scalars, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    activity.full_clean(exclude=["people_reached"])
    _check_lead_is_member(activity.lead)
    _check_related(activity, related)
    if not can_join_to_working_group(
        actor, working_group=activity.working_group, lead=activity.lead
    ):
        raise NotPermitted(_("Only members and conveners of a working group can add to it."))
    _require_consultation(activity, consultation)
    activity.save()
    links_add(activity, related)
    cells = _write_reach(activity, reach or {})
    activity.save(update_fields=["people_reached"])
    audit_record(
        actor=actor,
        verb="activity.create",
        target=activity,
        after={
            **snapshot(activity, SCALAR_FIELDS),
            **{name: [str(value) for value in values] for name, values in related.items()},
            "reach": cells,
        },
    )
    if consultation:
        _add_consultation(activity, consultation, actor)
    return activity


@transaction.atomic
def activity_update(*, activity, actor, reach=None, consultation=None, **changes):
    """Change an activity; `reach`, when given, replaces the people reached, and
    `consultation`, when given, adds a consultation record.

    The actor must be allowed to edit the activity before and after the change, so nobody can
    hand an activity to an organisation or network they do not speak for. Records
    `activity.update` with the changed fields before and after.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not can_edit_activity(actor, activity):
        raise NotPermitted(_("You cannot edit this activity."))
    scalars, related = _split(changes)
    before = snapshot(activity, SCALAR_FIELDS)
    group_before = activity.working_group_id
    related_before = {
        name: sorted(str(value) for value in getattr(activity, name).all()) for name in related
    }
    for name, value in scalars.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["people_reached"])
    networks = related.get("networks", list(activity.networks.all()))
    if not can_lead(actor, lead=activity.lead, networks=networks):
        raise NotPermitted(
            _("You cannot give this activity to an organisation or network you do not act for.")
        )
    if "lead" in scalars:
        _check_lead_is_member(activity.lead)
    _check_related(activity, related)
    moved = activity.working_group_id != group_before
    if moved and not can_join_to_working_group(
        actor, working_group=activity.working_group, lead=activity.lead
    ):
        raise NotPermitted(_("Only members and conveners of a working group can add to it."))
    _require_consultation(activity, consultation)
    activity.updated_at = timezone.now()
    for name, values in related.items():
        getattr(activity, name).set(values)
    after = snapshot(activity, SCALAR_FIELDS)
    changed_before = {name: before[name] for name in after if before[name] != after[name]}
    changed_after = {name: after[name] for name in changed_before}
    for name, values in related.items():
        now = sorted(str(value) for value in values)
        if now != related_before[name]:
            changed_before[name], changed_after[name] = related_before[name], now
    if reach is not None:
        old_cells = {f"{row.age_band}/{row.gender}": row.count for row in activity.reach.all()}
        new_cells = _write_reach(activity, reach)
        if new_cells != old_cells:
            changed_before["reach"], changed_after["reach"] = old_cells, new_cells
    activity.save()
    audit_record(
        actor=actor,
        verb="activity.update",
        target=activity,
        before=changed_before,
        after=changed_after,
    )
    if consultation:
        _add_consultation(activity, consultation, actor)
    return activity


@transaction.atomic
def activity_record_consultation(*, activity, actor, **consultation):
    """Add a record of consulting women's rights organisations to an activity.

    Those who may edit the activity may. Records `activity.consultation.record`.
    """
    if not can_edit_activity(actor, activity):
        raise NotPermitted(_("You cannot edit this activity."))
    return _add_consultation(activity, consultation, actor)


# Working groups


def _set_group_related(group, related):
    """Set the conveners and members given; convening organisations are always members too.
    Returns the new values for the audit trail."""
    for name, values in related.items():
        getattr(group, name).set(values)
    group.members.add(*group.convener_organisations.all())
    if related:
        related["members"] = list(group.members.all())
    return {name: sorted(str(value) for value in values) for name, values in related.items()}


@transaction.atomic
def working_group_create(*, actor, **fields):
    """Create a working group with its conveners and members. Secretariat only.
    Records `working_group.create`."""
    if not can_create_working_group(actor):
        raise NotPermitted(_("Only the secretariat can create working groups."))
    scalars = {name: value for name, value in fields.items() if name in WORKING_GROUP_FIELDS}
    related = {name: list(fields.get(name, [])) for name in WORKING_GROUP_RELATED}
    unknown = set(fields) - set(WORKING_GROUP_FIELDS) - set(WORKING_GROUP_RELATED)
    if unknown:
        raise TypeError(f"Unknown working group fields: {', '.join(sorted(unknown))}")
    group = WorkingGroup(**scalars)
    group.full_clean()
    group.save()
    audit_record(
        actor=actor,
        verb="working_group.create",
        target=group,
        after={**scalars, **_set_group_related(group, related)},
    )
    return group


@transaction.atomic
def working_group_update(*, working_group, actor, **changes):
    """Change a working group's names, description, conveners or members. The secretariat and
    the group's convening people may. Records `working_group.update`."""
    if not can_edit_working_group(actor, working_group):
        raise NotPermitted(_("Only the group's conveners and the secretariat can edit it."))
    unknown = set(changes) - set(WORKING_GROUP_FIELDS) - set(WORKING_GROUP_RELATED)
    if unknown:
        raise TypeError(f"Unknown working group fields: {', '.join(sorted(unknown))}")
    scalars = {name: value for name, value in changes.items() if name in WORKING_GROUP_FIELDS}
    related = {
        name: list(value) for name, value in changes.items() if name in WORKING_GROUP_RELATED
    }
    before = snapshot(working_group, list(scalars))
    for name, value in scalars.items():
        setattr(working_group, name, value)
    working_group.full_clean()
    working_group.save()
    audit_record(
        actor=actor,
        verb="working_group.update",
        target=working_group,
        before=before,
        after={
            **snapshot(working_group, list(scalars)),
            **_set_group_related(working_group, related),
        },
    )
    return working_group
