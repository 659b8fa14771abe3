import re

import pytest
from django.core import mail

from menengage.declarations import services
from menengage.declarations.models import Endorsement


def _form(**extra):
    return {
        "kind": "individual",
        "name": "Ana Signer",
        "email": "ana@example.org",
        "country": "KE",
        "organisation_name": "",
        "website": "",
        **extra,
    }


def _endorse_url(declaration, language="en"):
    return f"/{language}/declarations/{declaration.slug}/endorse/"


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_public_pages_in_every_language(visitor, declaration, draft, language):
    for path in (
        f"/{language}/declarations/",
        f"/{language}/declarations/{declaration.slug}/",
        f"/{language}/declarations/{declaration.slug}/signatories/",
        _endorse_url(declaration, language),
        f"/{language}/declarations/{draft.slug}/",
    ):
        assert visitor.get(path).status_code == 200, path


def test_visitor_endorses_confirms_with_a_post_and_is_listed(
    visitor, declaration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(_endorse_url(declaration, "pt"), _form())
    assert response.status_code == 302
    link = re.search(r"(/pt/declarations/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert visitor.get(link).status_code == 200
    assert Endorsement.objects.get().status == "pending"  # a mail scanner's GET confirms nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post(link).status_code == 200
    assert Endorsement.objects.get().status == "confirmed"
    page = visitor.get(f"/en/declarations/{declaration.slug}/signatories/").content.decode()
    assert "Ana Signer" in page
    assert "ana@example.org" not in page
    withdraw = re.search(r"(/pt/declarations/withdraw/\S+/)", mail.outbox[1].body).group(1)
    visitor.post(withdraw)
    page = visitor.get(f"/en/declarations/{declaration.slug}/signatories/").content.decode()
    assert "Ana Signer" not in page


def test_a_forged_confirmation_link_is_refused(visitor, declaration):
    assert visitor.post("/en/declarations/confirm/forged-token/").status_code == 404


def test_honeypot_accepts_and_drops(visitor, declaration):
    response = visitor.post(_endorse_url(declaration), _form(website="http://spam.example"))
    assert response.status_code == 302
    assert not Endorsement.objects.exists()
    assert mail.outbox == []


def test_duplicate_gets_a_friendly_message_without_the_other_signer(visitor, declaration):
    visitor.post(_endorse_url(declaration), _form(name="First Person"))
    response = visitor.post(_endorse_url(declaration), _form(name="Second Person"))
    assert response.status_code == 409
    text = response.content.decode()
    assert "already" in text and "First Person" not in text
    assert Endorsement.objects.count() == 1


def test_bad_input_is_a_message_not_a_500(visitor, declaration):
    response = visitor.post(_endorse_url(declaration), _form(email="not-an-address", country="ZZ"))
    assert response.status_code == 200
    assert not Endorsement.objects.exists()


def test_rate_limit_on_the_sign_on_form(visitor, declaration, monkeypatch):
    monkeypatch.setattr(services, "SIGNON_LIMIT", 2)
    for number in range(2):
        response = visitor.post(_endorse_url(declaration), _form(email=f"p{number}@example.org"))
        assert response.status_code == 302
    response = visitor.post(
        _endorse_url(declaration), _form(email="p9@example.org"), REMOTE_ADDR="127.0.0.1"
    )
    assert response.status_code == 429
    assert "Too many" in response.content.decode()
    assert Endorsement.objects.count() == 2
    other = visitor.post(
        _endorse_url(declaration), _form(email="p8@example.org"), REMOTE_ADDR="10.1.1.1"
    )
    assert other.status_code == 302


def test_representative_signs_for_the_member(signed_in, declaration, representative, member_org):
    client = signed_in(representative)
    page = client.get(_endorse_url(declaration)).content.decode()
    assert member_org.name in page
    response = client.post(
        f"/en/declarations/{declaration.slug}/endorse/member/", {"organisation": member_org.pk}
    )
    assert response.status_code == 302
    assert Endorsement.objects.get().organisation == member_org


def test_outsider_cannot_use_the_member_form(signed_in, declaration, outsider, member_org):
    response = signed_in(outsider).post(
        f"/en/declarations/{declaration.slug}/endorse/member/", {"organisation": member_org.pk}
    )
    assert response.status_code == 403
    assert not Endorsement.objects.exists()


def test_filters_and_keyset_pages(visitor, declaration, kenya_country, settings):
    brazil = kenya_country.__class__.objects.get(code="BR")
    for number in range(3):
        for country in (kenya_country, brazil):
            endorsement = services.endorsement_sign(
                actor=None,
                declaration=declaration,
                kind="individual",
                name=f"Person {country.code} {number}",
                email=f"p{number}{country.code}@example.org",
                country=country,
            )
            services.endorsement_confirm(endorsement=endorsement)
    url = f"/en/declarations/{declaration.slug}/signatories/"
    page = visitor.get(url, {"country": "br"}).content.decode()
    assert "Person BR 0" in page and "Person KE 0" not in page
    page = visitor.get(url, {"region": "africa"}).content.decode()
    assert "Person KE 1" in page and "Person BR 1" not in page
    page = visitor.get(url, {"kind": "organisation"}).content.decode()
    assert "Person" not in page
    from menengage.declarations import selectors

    rows, after = selectors.signatory_page(declaration=declaration, filters={}, limit=4)
    assert len(rows) == 4 and after == rows[-1].id
    rest, end = selectors.signatory_page(declaration=declaration, filters={}, after=after, limit=4)
    assert len(rest) == 2 and end is None


def test_signatory_list_queries_do_not_grow(
    visitor, declaration, kenya_country, django_assert_max_num_queries
):
    for number in range(30):
        endorsement = services.endorsement_sign(
            actor=None,
            declaration=declaration,
            kind="individual",
            name=f"Person {number}",
            email=f"p{number}@example.org",
            country=kenya_country,
        )
        services.endorsement_confirm(endorsement=endorsement)
    with django_assert_max_num_queries(12):
        visitor.get(f"/en/declarations/{declaration.slug}/signatories/?country=KE")


def test_csv_export_is_staff_only_and_neutralises_formulas(
    signed_in, visitor, declaration, kenya_country, staff, outsider
):
    endorsement = services.endorsement_sign(
        actor=None,
        declaration=declaration,
        kind="individual",
        name='=HYPERLINK("http://evil")',
        email="evil@example.org",
        country=kenya_country,
    )
    url = f"/en/declarations/{declaration.slug}/signatories.csv"
    assert visitor.get(url).status_code == 302
    assert signed_in(outsider).get(url).status_code == 403
    response = signed_in(staff).get(url)
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("id,kind,status")
    assert "'=HYPERLINK" in body and str(endorsement.pk) in body


def test_comments_persona_matrix(
    signed_in, visitor, draft, representative, drafter, outsider, staff
):
    url = f"/en/declarations/{draft.slug}/comments/"
    assert visitor.get(url).status_code == 302
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(drafter).get(url).status_code == 200
    client = signed_in(representative)
    response = client.post(
        url, {"organisation": representative.roles.get().scope_id, "paragraph": 2, "body": "Hi"}
    )
    assert response.status_code == 302
    comment = draft.versions.get().comments.get()
    assert comment.paragraph == 2
    answer_url = f"/en/declarations/{draft.slug}/comments/{comment.pk}/answer/"
    assert client.post(answer_url, {"body": "Self"}).status_code == 403
    assert signed_in(drafter).post(answer_url, {"body": "Thanks"}).status_code == 302
    assert comment.answers.count() == 1


def test_manage_persona_matrix(signed_in, visitor, draft, drafter, outsider, staff):
    url = f"/en/declarations/{draft.slug}/manage/"
    assert visitor.get(url).status_code == 302
    assert signed_in(outsider).get(url).status_code == 403
    assert signed_in(drafter).get(url).status_code == 200
    adopt = f"/en/declarations/{draft.slug}/manage/adopt/"
    assert signed_in(drafter).post(adopt).status_code == 403
    assert signed_in(staff).post(adopt).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "adopted"
    response = signed_in(staff).post(url, {"text_en": "Changed.", "note": ""})
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()


def test_action_report_persona_matrix(
    signed_in, visitor, declaration, representative, member_org, outsider
):
    url = f"/en/declarations/{declaration.slug}/actions/"
    assert visitor.get(url).status_code == 302
    assert signed_in(outsider).get(url).status_code == 403
    commitment = declaration.commitments.first()
    response = signed_in(representative).post(
        url,
        {
            "organisation": member_org.pk,
            "commitment": commitment.pk,
            "description": "Fathers' groups.",
            "taken_on": declaration.adopted_on.isoformat(),
        },
    )
    assert response.status_code == 302
    page = visitor.get(f"/en/declarations/{declaration.slug}/").content.decode()
    assert "Fathers&#x27; groups." in page
