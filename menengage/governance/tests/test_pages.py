import datetime

import pytest
from django.utils import timezone

from menengage.governance import services
from menengage.governance.models import Decision, Meeting, Position, Proxy

pytestmark = pytest.mark.django_db


def as_persona(client, persona, request, members=None):
    if persona == "member":
        client.force_login(members[2])
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "staff", "member"])
def test_everyone_reads_the_public_pages(client, request, committee, members, proposal, persona):
    services.proposal_close(proposal=proposal, now=timezone.now() + datetime.timedelta(days=4))
    as_persona(client, persona, request, members)
    for url in [
        "/en/governance/",
        "/en/governance/africa-steering-committee/",
        "/en/governance/decisions/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get("/en/governance/africa-steering-committee/").content.decode()
    assert "Invented Org 0" in html and "Member 0" in html
    assert (
        "Adopt the safeguarding policy" in client.get("/en/governance/decisions/").content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 404), ("outsider", 404), ("member", 200), ("staff", 200)]
)
def test_private_proposals_are_hidden_outside_the_body(
    client, request, members, proposal, persona, status
):
    as_persona(client, persona, request, members)
    for url in [
        f"/en/governance/proposals/{proposal.pk}/",
        "/en/governance/africa-steering-committee/proposals/",
    ]:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("persona", ["outsider", "staff"])
def test_nobody_outside_the_body_takes_a_position_through_the_page(
    client, request, members, proposal, persona
):
    as_persona(client, persona, request, members)
    response = client.post(f"/en/governance/proposals/{proposal.pk}/position/", {"stance": "agree"})
    assert response.status_code in {302, 404}
    assert not Position.objects.exists()


def test_a_member_takes_a_position_and_a_chair_closes(client, members, chair, proposal):
    client.force_login(members[1])
    url = f"/en/governance/proposals/{proposal.pk}/"
    response = client.post(url + "position/", {"stance": "block", "reason": ""}, follow=True)
    assert "Give a reason when you disagree or block." in response.content.decode()
    client.post(url + "position/", {"stance": "agree"})
    assert Position.objects.get().member == members[1]
    assert client.post(url + "close/").status_code == 302
    assert not Decision.objects.exists()
    client.force_login(chair)
    response = client.post(url + "close/", follow=True)
    assert Decision.objects.get().outcome == "no_consensus"
    assert "The decision is recorded." in response.content.decode()


def test_a_member_opens_a_proposal_through_the_form(client, members, committee):
    client.force_login(members[1])
    closes = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/en/governance/africa-steering-committee/proposals/new/",
        {
            "title_en": "Regional assembly",
            "title_fr": "Assemblée régionale",
            "text_en": "Hold it in Accra.",
            "closes_at": closes,
        },
    )
    assert response.status_code == 302
    proposal = committee.proposals.get()
    assert proposal.title == "Regional assembly" and proposal.language == "en"
    assert proposal.title.as_dict() == {"en": "Regional assembly", "fr": "Assemblée régionale"}
    french = client.get(f"/fr/governance/proposals/{proposal.pk}/")
    assert "Assemblée régionale" in french.text
    # No French text: the English one, marked as such for screen readers and readers.
    assert '<div lang="en"><p>Hold it in Accra.</p></div>' in french.text


def test_a_non_pdf_attachment_is_refused(client, members, committee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(members[1])
    closes = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/en/governance/africa-steering-committee/proposals/new/",
        {
            "title_en": "T",
            "text_en": "X",
            "closes_at": closes,
            "attachment": SimpleUploadedFile("x.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "The attachment must be a PDF file." in response.content.decode()
    assert not committee.proposals.exists()


def test_staff_are_warned_when_ending_a_term_breaks_a_rule(client, staff, members, committee):
    client.force_login(staff)
    term = members[1].seat_terms.get()
    response = client.post(
        f"/en/governance/terms/{term.pk}/end/",
        {"ends_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "This change breaks a composition rule" in response.content.decode()


def test_meeting_minutes_approved_by_a_chair(client, members, chair, committee, proposal):
    client.force_login(members[1])
    response = client.post(
        "/en/governance/africa-steering-committee/meetings/",
        {"title": "June meeting", "starts_at": "2026-06-01T10:00", "place": "Online"},
    )
    meeting = Meeting.objects.get()
    client.post(f"/en/governance/meetings/{meeting.pk}/agenda/", {"proposal": proposal.pk})
    client.post(f"/en/governance/meetings/{meeting.pk}/minutes/", {"minutes": "We met."})
    client.post(f"/en/governance/meetings/{meeting.pk}/approve/")
    assert Meeting.objects.get().minutes_approved_at is None
    client.force_login(chair)
    client.post(f"/en/governance/meetings/{meeting.pk}/approve/")
    meeting = Meeting.objects.get()
    assert meeting.minutes_approved_by == chair
    assert meeting.agenda.get().proposal == proposal
    assert response.status_code == 302


def test_a_smoke_of_every_language(client, committee):
    for language in ("en", "es", "fr", "pt"):
        assert client.get(f"/{language}/governance/africa-steering-committee/").status_code == 200


def test_list_pages_keep_their_query_count(
    client, committee, proposal, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get("/en/governance/")
    with django_assert_max_num_queries(12):
        client.get("/en/governance/decisions/")


def test_a_proxy_given_on_the_page_is_used_for_the_giver_and_counted_in_the_outcome(
    client, members, chair, proposal
):
    giver, holder = members[1], members[2]
    url = f"/en/governance/proposals/{proposal.pk}/"
    client.force_login(giver)
    response = client.post(url + "proxy/", {"holder": holder.pk}, follow=True)
    assert response.status_code == 200
    assert Proxy.objects.get(proposal=proposal, giver=giver).holder == holder
    client.force_login(holder)
    page = client.get(url).content.decode()
    assert f'<option value="{giver.pk}">' in page  # the holder can speak for the giver
    response = client.post(
        url + "position/",
        {"stance": "block", "reason": "Not without the regions.", "member": giver.pk},
    )
    assert response.status_code == 302
    client.post(url + "position/", {"stance": "agree"})
    for person in (members[0], members[3]):
        client.force_login(person)
        client.post(url + "position/", {"stance": "agree"})
    by_member = dict(Position.objects.values_list("member", "stance"))
    assert by_member == {
        giver.pk: "block",
        holder.pk: "agree",
        members[0].pk: "agree",
        members[3].pk: "agree",
    }
    assert Position.objects.get(member=giver).cast_by == holder
    client.force_login(chair)
    client.post(url + "close/")
    decision = Decision.objects.get()
    assert (decision.agree, decision.block, decision.taken) == (3, 1, 4)
    assert decision.outcome == Decision.Outcome.NO_CONSENSUS  # the giver's block stands


def test_a_proxy_cannot_be_given_to_someone_outside_the_body_or_twice(
    client, members, proposal, outsider
):
    url = f"/en/governance/proposals/{proposal.pk}/proxy/"
    client.force_login(members[1])
    for holder in (outsider.pk, members[1].pk, "99999999999999999999999", "x"):
        assert client.post(url, {"holder": holder}).status_code == 302
    assert not Proxy.objects.exists()
    client.post(url, {"holder": members[2].pk})
    client.post(url, {"holder": members[3].pk})
    assert list(Proxy.objects.values_list("holder", flat=True)) == [members[2].pk]
