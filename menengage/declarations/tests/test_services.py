import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from menengage.core.audit import AuditEvent
from menengage.core.errors import DomainError, NotPermitted
from menengage.declarations import services
from menengage.declarations.models import Comment, Declaration, Endorsement


def _sign(declaration, country, email="ana@example.org", **extra):
    fields = {"kind": "individual", "name": "Ana Signer", "email": email, "country": country}
    return services.endorsement_sign(actor=None, declaration=declaration, **{**fields, **extra})


def _counts(declaration):
    declaration = Declaration.objects.get(pk=declaration.pk)
    return declaration.organisation_count, declaration.individual_count


def test_individual_signs_confirms_and_is_counted(
    declaration, kenya_country, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = _sign(declaration, kenya_country, email="  Ana@Example.ORG ")
    assert endorsement.email == "ana@example.org"
    assert endorsement.status == Endorsement.Status.PENDING
    assert endorsement.region == "africa"
    assert _counts(declaration) == (0, 0)
    assert "/declarations/confirm/" in mail.outbox[0].body
    services.endorsement_confirm(endorsement=endorsement)
    assert _counts(declaration) == (0, 1)


def test_double_confirmation_writes_once(declaration, kenya_country):
    endorsement = _sign(declaration, kenya_country)
    services.endorsement_confirm(endorsement=endorsement)
    services.endorsement_confirm(endorsement=endorsement)
    assert _counts(declaration) == (0, 1)
    verbs = AuditEvent.objects.filter(verb="declaration.endorsement_confirm")
    assert verbs.count() == 1


def test_withdrawn_endorsement_leaves_the_count(declaration, kenya_country):
    endorsement = _sign(declaration, kenya_country)
    services.endorsement_confirm(endorsement=endorsement)
    services.endorsement_withdraw(endorsement=endorsement)
    services.endorsement_withdraw(endorsement=endorsement)
    assert _counts(declaration) == (0, 0)
    with pytest.raises(DomainError):
        services.endorsement_confirm(endorsement=endorsement)
    assert _counts(declaration) == (0, 0)


def test_duplicate_email_is_refused_and_nothing_written(declaration, kenya_country):
    _sign(declaration, kenya_country)
    with pytest.raises(services.DuplicateEndorsement) as refused:
        _sign(declaration, kenya_country, email="ANA@example.org", name="Someone Else")
    assert "Ana" not in str(refused.value)
    assert Endorsement.objects.count() == 1


def test_duplicate_organisation_by_normalised_name(declaration, kenya_country):
    _sign(declaration, kenya_country, kind="organisation", organisation_name="Men  for Change!")
    with pytest.raises(services.DuplicateEndorsement):
        _sign(
            declaration,
            kenya_country,
            email="other@example.org",
            kind="organisation",
            organisation_name="men for change",
        )
    assert Endorsement.objects.count() == 1


def test_signing_again_after_withdrawal_reuses_the_row(declaration, kenya_country):
    first = _sign(declaration, kenya_country)
    services.endorsement_withdraw(endorsement=first)
    again = _sign(declaration, kenya_country)
    assert again.pk == first.pk and again.status == Endorsement.Status.PENDING
    assert again.key != first.key


def test_representative_signs_for_member_at_once(declaration, member_org, representative):
    endorsement = services.endorsement_sign(
        actor=representative,
        declaration=declaration,
        kind="organisation",
        name="Rita Rep",
        email=representative.email,
        country=member_org.country,
        organisation=member_org,
    )
    assert endorsement.status == Endorsement.Status.CONFIRMED
    assert _counts(declaration) == (1, 0)


def test_outsider_cannot_sign_for_a_member(declaration, member_org, outsider):
    with pytest.raises(NotPermitted):
        services.endorsement_sign(
            actor=outsider,
            declaration=declaration,
            kind="organisation",
            name="Olu",
            email=outsider.email,
            country=member_org.country,
            organisation=member_org,
        )
    assert not Endorsement.objects.exists()


def test_non_member_form_refuses_a_member_name(declaration, member_org, kenya_country):
    with pytest.raises(DomainError):
        _sign(
            declaration,
            kenya_country,
            kind="organisation",
            organisation_name="invented fathers circle",
        )
    assert not Endorsement.objects.exists()


def test_a_draft_cannot_be_endorsed(draft, kenya_country):
    with pytest.raises(DomainError):
        _sign(draft, kenya_country)
    assert not Endorsement.objects.exists()


def test_adoption_freezes_the_text(declaration, staff):
    version = declaration.versions.get()
    assert version.is_frozen
    with pytest.raises(DomainError):
        services.version_update(actor=staff, version=version, texts={"en": "New text."})
    with pytest.raises(DomainError):
        services.version_create(actor=staff, declaration=declaration, texts={"en": "New."})
    version.refresh_from_db()
    assert version.text["en"].startswith("First paragraph.")
    assert declaration.versions.count() == 1


def test_drafter_edits_a_draft_but_outsider_cannot(draft, drafter, outsider):
    version = draft.versions.get()
    with pytest.raises(NotPermitted):
        services.version_update(actor=outsider, version=version, texts={"en": "Hacked."})
    services.version_update(actor=drafter, version=version, texts={"en": "One.\n\nTwo."})
    version.refresh_from_db()
    assert version.paragraph_numbers == [1, 2]
    with pytest.raises(ValidationError):
        services.version_update(actor=drafter, version=version, texts={"en": "  "})


def test_members_comment_by_paragraph_and_drafters_answer(
    draft, representative, member_org, drafter, outsider
):
    comment = services.comment_add(
        actor=representative,
        declaration=draft,
        paragraph=2,
        body="Name uncles too.",
        organisation=member_org,
    )
    with pytest.raises(ValidationError):
        services.comment_add(
            actor=representative, declaration=draft, paragraph=9, body="x", organisation=member_org
        )
    with pytest.raises(NotPermitted):
        services.comment_add(
            actor=outsider, declaration=draft, paragraph=1, body="x", organisation=member_org
        )
    with pytest.raises(NotPermitted):
        services.comment_answer(actor=representative, comment=comment, body="Self answer.")
    answer = services.comment_answer(actor=drafter, comment=comment, body="Done.")
    assert answer.answer_to == comment and answer.paragraph == 2
    assert Comment.objects.count() == 2


def test_no_comments_after_adoption(draft, staff, representative, member_org):
    services.declaration_adopt(actor=staff, declaration=draft)
    with pytest.raises(DomainError):
        services.comment_add(
            actor=representative, declaration=draft, paragraph=1, body="x", organisation=member_org
        )


def test_only_the_secretariat_adopts(draft, drafter):
    with pytest.raises(NotPermitted):
        services.declaration_adopt(actor=drafter, declaration=draft)
    draft.refresh_from_db()
    assert draft.status == Declaration.Status.CONSULTATION


def test_member_reports_an_action(declaration, representative, member_org, outsider):
    commitment = declaration.commitments.first()
    with pytest.raises(NotPermitted):
        services.commitment_action_report(
            actor=outsider,
            commitment=commitment,
            organisation=member_org,
            description="x",
            taken_on=declaration.adopted_on,
        )
    action = services.commitment_action_report(
        actor=representative,
        commitment=commitment,
        organisation=member_org,
        description="Ran fathers' groups.",
        taken_on=declaration.adopted_on,
    )
    assert action.region == "africa"


@pytest.mark.django_db
def test_rate_limit_counts_per_client(monkeypatch):
    monkeypatch.setattr(services, "SIGNON_LIMIT", 3)
    results = [services.signon_throttle_exceeded(client="10.0.0.1") for _ in range(4)]
    assert results == [False, False, False, True]
    assert services.signon_throttle_exceeded(client="10.0.0.2") is False
