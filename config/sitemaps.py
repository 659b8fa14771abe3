"""The sections of `/sitemap.xml`: every public page and public record, in every language.

It lives in config because it reads every app; each section asks the app's own selector for
what the public may see.
"""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from menengage.activities.selectors import activity_list
from menengage.core.crawlers import PublicSitemap, ViewSitemap
from menengage.declarations.selectors import declaration_list
from menengage.events.selectors import event_list
from menengage.governance.selectors import body_list
from menengage.library.models import Resource
from menengage.members.selectors import organisation_list_for_directory
from menengage.networks.models import Network
from menengage.transparency.selectors import year_list_published

INDEX_PAGES = [
    "members:directory",
    "members:framework",
    "members:join",
    "networks:index",
    "governance:index",
    "events:list",
    "activities:list",
    "declarations:index",
    "library:index",
    "transparency:index",
    "concerns:index",
]


class RecordSitemap(PublicSitemap):
    """Records from a selector, reduced to what their address needs, in a stable order."""

    def __init__(self, records, *fields):
        self.records = records
        self.fields = fields

    def items(self):
        records = self.records().select_related(None).prefetch_related(None)
        return records.only(*self.fields).order_by("pk")


class WagtailPageSitemap(PublicSitemap):
    """Editorial pages: each translation is a page of its own, so no language expansion."""

    i18n = False
    _items = Sitemap._items
    _urls = Sitemap._urls

    def items(self):
        return Page.objects.live().public().filter(depth__gt=1).order_by("path")

    def location(self, page):
        return page.get_url_parts()[2]


def _published_events():
    return event_list(when="upcoming") | event_list(when="past")


def _published_resources():
    return Resource.objects.filter(status=Resource.Status.PUBLISHED)


SITEMAPS = {
    "pages": WagtailPageSitemap(),
    "sections": ViewSitemap(INDEX_PAGES),
    "members": RecordSitemap(lambda: organisation_list_for_directory(filters={}), "pk", "slug"),
    # Every network is public (network_list counts members too, which an address needs not).
    "networks": RecordSitemap(Network.objects.all, "pk", "slug"),
    "bodies": RecordSitemap(body_list, "pk", "slug"),
    "events": RecordSitemap(_published_events, "pk", "slug"),
    "activities": RecordSitemap(lambda: activity_list(filters={}), "pk"),
    "declarations": RecordSitemap(declaration_list, "pk", "slug"),
    "library": RecordSitemap(_published_resources, "pk", "language", "title"),
    "transparency": RecordSitemap(year_list_published, "pk", "year"),
}
