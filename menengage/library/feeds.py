"""An Atom feed of the newest resources in the library."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class NewResourcesFeed(Feed):
    feed_type = Atom1Feed
    title = _("MenEngage Alliance: new resources in the library")
    subtitle = _("Toolkits, reports, manuals and briefs added to the Alliance's library.")

    def link(self):
        return reverse("library:index")

    def items(self):
        return selectors.resource_list_newest()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.publisher_label or None
