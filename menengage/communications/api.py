"""`/api/v1/announcements`: the announcements the signed-in member may read (their archive);
an anonymous caller gets an empty list. `/api/v1/newsletter/topics`: what one can subscribe to."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from . import selectors
from .models import Topic

router = Router(tags=["communications"])


class AnnouncementOut(Schema):
    id: int
    subject: str
    text: str
    audience: str
    languages: list[str]
    sent_at: datetime | None
    url: str

    @staticmethod
    def resolve_audience(announcement):
        return announcement.audience_label

    @staticmethod
    def resolve_url(announcement):
        return announcement.get_absolute_url()


class TopicOut(Schema):
    code: str
    label: str


@router.get("/announcements", response=list[AnnouncementOut])
@paginate
def announcement_list(request, q: str = ""):
    """Sent announcements to the caller's networks, bodies and groups, newest first."""
    return selectors.announcement_archive(actor=request.user, query=q[:200])


@router.get("/newsletter/topics", response=list[TopicOut])
def newsletter_topics(request):
    return [{"code": code, "label": str(label)} for code, label in Topic.choices]
