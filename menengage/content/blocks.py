from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class MilestoneBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(label=_("Year"), min_value=1900, max_value=2100)
    text = blocks.TextBlock(label=_("What happened"))

    class Meta:
        icon = "date"
        label = _("Milestone")
        template = "content/blocks/milestone.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote.html"


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Principle"))
    text = blocks.RichTextBlock(label=_("What it means"), features=["bold", "italic", "link", "ul"])
    in_practice = blocks.TextBlock(label=_("What the platform does about it"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Principle")
        template = "content/blocks/principle.html"


class PictureBlock(blocks.StructBlock):
    """A picture with the text a screen reader says in its place, and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Picture")
        template = "content/blocks/picture.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), template="content/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    milestone = MilestoneBlock()
    quote = QuoteBlock()
    picture = PictureBlock()
