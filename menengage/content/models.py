from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from menengage.core.fields import BoundedTextField
from menengage.members.selectors import alliance_figures
from menengage.networks.selectors import network_counts

from .blocks import BodyBlock, PrincipleBlock
from .translations import page_translation_context


class SitePage(Page):
    """A page of the public site, aware of its translations for the language switcher."""

    intro = BoundedTextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_translation_context(self, request))
        return context

    @property
    def first_picture(self):
        """The image of the body's first picture, for the page's social preview; or None."""
        for block in getattr(self, "body", None) or []:
            if block.block_type == "picture":
                return block.value["image"]
        return None


class HomePage(SitePage):
    """The Alliance's home page, with live figures computed from the data."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = {**alliance_figures(), **network_counts()}
        context["latest_stories"] = (
            StoryPage.objects.live().filter(locale=self.locale).order_by("-date")[:3]
        )
        return context


class StandardPage(SitePage):
    """A generic page of text: About, What we believe, and any other page editors need."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*SitePage.search_fields, index.SearchField("body")]
    content_panels = [*SitePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")


class PrinciplesPage(SitePage):
    """The Alliance's core principles, one block per principle."""

    principles = StreamField(
        [("principle", PrincipleBlock())], blank=True, verbose_name=_("principles")
    )

    search_fields = [*SitePage.search_fields, index.SearchField("principles")]
    content_panels = [*SitePage.content_panels, FieldPanel("principles")]

    class Meta:
        verbose_name = _("principles page")


class StoryIndexPage(SitePage):
    """The list of stories from members and networks, newest first."""

    subpage_types = ["content.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).live().order_by("-date", "-pk")
        context["stories"] = Paginator(stories, 12).get_page(request.GET.get("page"))
        return context


class StoryPage(SitePage):
    """A story of change from a member or network, told in its own words."""

    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link"])),
            ("quote", BodyBlock.base_blocks["quote"]),
            ("picture", BodyBlock.base_blocks["picture"]),
        ],
        blank=True,
        verbose_name=_("body"),
    )

    search_fields = [*SitePage.search_fields, index.SearchField("body")]
    content_panels = [
        *SitePage.content_panels,
        FieldPanel("date"),
        FieldPanel("place"),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
