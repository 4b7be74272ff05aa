"""StreamField blocks for the body of news posts, campaign pages and petitions.

Each block has an icon, a template under `content/templates/blocks/` and a description. Every
block but the embed has a preview value too: fixed text for most, and for the image and the
call to action what the site has (its first image, its first page below a home page), since a
block cannot name a row a fresh site may not have. The embed has none: rendering one fetches
it from its provider over the network.

Migrations name `PrefetchingImageChooserBlock` by its path: moving it means editing those
strings (news 0001, 0002 and 0005; campaign 0001, 0002 and 0009), not leaving an alias here.
"""

from decimal import Decimal

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from content.charts import BarChart

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads every image in a body, and its renditions, in two queries.

    Without this, each image block costs a query for its renditions, so a long story with many
    photos would make the page slower with every picture added.
    """

    def bulk_to_python(self, values):
        images = self.model_class.objects.prefetch_renditions().in_bulk(
            [value for value in values if value is not None]
        )
        return [images.get(value) for value in values]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        preview_value = {"text": "What the figures show", "level": "h2"}
        description = "A heading that structures the story and appears in screen-reader outlines."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text="Who said it, and their role."
    )
    source_name = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="The publication whose reporting this quotes, e.g. The New Statesman.",
    )
    source_url = blocks.URLBlock(required=False, help_text="Link to the source article.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        preview_value = {
            "quote": "Every referral tells many more victims that the police are not safe to call.",
            "attribution": "A campaigns officer at a migrants' rights charity",
            "source_name": "The New Statesman",
        }
        description = "A quotation with who said it and the reporting it comes from."


class CaptionedImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave blank to use its title.",
    )
    caption = blocks.CharBlock(required=False, max_length=300)
    credit = blocks.CharBlock(required=False, max_length=200, help_text="e.g. Photo: Jane Doe")

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        description = "A photo or illustration with its caption and credit."

    def get_preview_value(self):
        """The first image in the library, captioned; with no image yet, an empty block (its
        template shows nothing without an image)."""
        image = self.child_blocks["image"].model_class.objects.order_by("pk").first()
        return self.normalize(
            {
                "image": image,
                "alt_text": "",
                "caption": "Records of victims passed to immigration enforcement.",
                "credit": "Photo: the campaign",
            }
        )


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Join the campaign")
    text = blocks.TextBlock(required=False)
    # Any page: naming campaign's page types here made content, and news whose bodies use this
    # block, depend on campaign. The template needs only the page's URL.
    page = blocks.PageChooserBlock(
        help_text="The page the button leads to: usually a campaign or petition page.",
    )
    button_label = blocks.CharBlock(max_length=60, default="Join the campaign")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        description = "A panel that asks readers to act, with a button to a campaign page."

    def get_preview_value(self):
        """The first live page below a home page (depth 3: below the root and a site's home);
        with none yet, no page, and the template leaves the button out."""
        page = Page.objects.live().filter(depth__gt=2).order_by("path").first()
        return self.normalize(
            {
                "heading": "Join the campaign",
                "text": "Ask your police force to stop passing victims' details on.",
                "page": page,
                "button_label": "Join the campaign",
            }
        )


class FigureRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120)
    value = blocks.DecimalBlock(min_value=0, decimal_places=2, max_digits=14)

    class Meta:
        icon = "list-ul"
        label = "Row"


class FiguresValue(blocks.StructValue):
    def chart(self):
        return BarChart.from_rows((row["label"], row["value"]) for row in self.get("rows") or [])


class FiguresBlock(blocks.StructBlock):
    """Rows of label and value, drawn as an accessible SVG bar chart beside its data table."""

    title = blocks.CharBlock(max_length=160)
    unit = blocks.CharBlock(
        required=False, max_length=40, help_text="What the numbers count, e.g. victims referred."
    )
    rows = blocks.ListBlock(FigureRowBlock(), min_num=1, max_num=30)
    source = blocks.CharBlock(
        required=False, max_length=250, help_text="Where the figures come from."
    )
    credit = blocks.CharBlock(
        required=False, max_length=200, help_text="Who designed the chart, if credited."
    )
    show_total = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Add a total row. Untick when the rows are a selection, such as a top five.",
    )

    class Meta:
        icon = "table"
        template = "blocks/figures.html"
        value_class = FiguresValue
        preview_value = {
            "title": "Victims referred, by crime suffered",
            "unit": "victims",
            "rows": [
                {"label": "Modern slavery", "value": Decimal(785)},
                {"label": "Human trafficking", "value": Decimal(618)},
                {"label": "Domestic abuse", "value": Decimal(451)},
            ],
            "source": "Freedom of information responses",
        }
        description = "Figures typed as rows, shown as a bar chart with its table. No JavaScript."


class StoryBodyBlock(blocks.StreamBlock):
    """The blocks an editor can use in the body of a story or campaign page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
        preview_value=(
            "<p>Police forces passed the details of victims to immigration enforcement.</p>"
        ),
        description="Text with links, emphasis and lists.",
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed.html",
        help_text="A link to a video or post on YouTube, Vimeo and other oEmbed providers.",
        description="A video or social post, embedded from its URL.",
    )
    call_to_action = CallToActionBlock()
    figures = FiguresBlock()
