"""Every body block renders what a reader needs, and its preview value renders too (the embed
has none: rendering it would fetch it over the network)."""

from decimal import Decimal

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from content.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    FiguresBlock,
    HeadingBlock,
    QuoteBlock,
    StoryBodyBlock,
)
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def render(block, raw):
    return block.render(block.to_python(raw))


def test_heading_renders_at_the_chosen_level():
    block = HeadingBlock()
    assert "<h2" in render(block, {"text": "What the figures show", "level": "h2"})
    assert "<h3" in render(block, {"text": "By force", "level": "h3"})


def test_paragraph_renders_rich_text():
    block = StoryBodyBlock().child_blocks["paragraph"]
    html = block.render(block.to_python("<p>Police <b>referred</b> victims.</p>"))
    assert "<b>referred</b>" in html


def test_quote_credits_its_source_with_a_link():
    html = render(
        QuoteBlock(),
        {
            "quote": "Each referral keeps many more victims away.",
            "attribution": "A campaigns officer",
            "source_name": "The New Statesman",
            "source_url": "https://www.newstatesman.com/",
        },
    )
    assert "The New Statesman</a> reports:" in html
    assert 'cite="https://www.newstatesman.com/"' in html
    assert "<blockquote" in html and "A campaigns officer" in html


def test_image_has_alt_text_caption_and_credit():
    image = ImageFactory(title="Stacked records")
    html = render(
        CaptionedImageBlock(),
        {
            "image": image.pk,
            "alt_text": "Typed records",
            "caption": "Never counted.",
            "credit": "Photo: A. N. Other",
        },
    )
    assert 'alt="Typed records"' in html
    assert "Never counted." in html and "Photo: A. N. Other" in html


def test_image_without_alt_text_falls_back_to_the_image_title():
    image = ImageFactory(title="Stacked records")
    html = render(
        CaptionedImageBlock(), {"image": image.pk, "alt_text": "", "caption": "", "credit": ""}
    )
    assert 'alt="Stacked records"' in html


def test_embed_renders_the_provider_html():
    # A stored embed stands in for the provider, so the test needs no network.
    url = "https://www.youtube.com/watch?v=campaign-film"
    Embed.objects.create(
        url=url,
        type="video",
        html='<iframe title="Campaign film"></iframe>',
        hash=get_embed_hash(url),
    )
    block = StoryBodyBlock().child_blocks["embed"]
    html = block.render(block.to_python(url))
    assert '<iframe title="Campaign film">' in html


def test_embed_that_cannot_be_fetched_falls_back_to_a_link():
    block = StoryBodyBlock().child_blocks["embed"]
    html = block.render(block.to_python("https://unknown-provider.invalid/video/1"))
    assert 'href="https://unknown-provider.invalid/video/1"' in html


def test_call_to_action_links_to_the_campaign(campaign):
    html = render(
        CallToActionBlock(),
        {
            "heading": "Join the campaign",
            "text": "Stand with us.",
            "page": campaign.pk,
            "button_label": "Join the campaign",
        },
    )
    assert f'href="{campaign.url}"' in html
    assert "Stand with us." in html


def test_call_to_action_may_link_to_any_page(news_index):
    # Content names none of campaign's page types: the button may lead to the newsroom too.
    block = CallToActionBlock()
    value = {"heading": "Read why", "text": "", "page": news_index.pk, "button_label": "Read"}
    assert block.clean(block.to_python(value))["page"].pk == news_index.pk
    assert f'href="{news_index.url}"' in render(block, value)


def test_figures_render_one_table_with_its_bars():
    html = render(
        FiguresBlock(),
        {
            "title": "Victims referred, by crime",
            "unit": "victims referred",
            "rows": [
                {"label": "Modern slavery", "value": "785"},
                {"label": "Human trafficking", "value": "618"},
            ],
            "source": "FOI responses",
            "credit": "Designer",
            "show_total": True,
        },
    )
    # One table that is also the chart: each label is text (not SVG text scaled with a
    # drawing), its bar an SVG the screen reader skips, the longest bar the full track.
    assert '<span class="figures__label">Human trafficking</span>' in html
    assert html.count('aria-hidden="true"') == 2 and html.count("<rect") == 2
    assert 'width="100.0%"' in html and 'width="78.7%"' in html
    assert '<td class="num figures__value">618</td>' in html
    assert "<text" not in html and "viewBox" not in html
    assert "1,403" in html  # total row
    assert "<script" not in html
    assert "Source: FOI responses." in html and "Chart: Designer." in html


def test_figures_total_can_be_left_out_for_a_selection():
    raw = {
        "title": "Top two",
        "unit": "",
        "rows": [{"label": "A", "value": "2"}, {"label": "B", "value": "1"}],
        "source": "",
        "credit": "",
        "show_total": False,
    }
    assert "Total" not in render(FiguresBlock(), raw)


def test_every_block_has_an_icon_and_a_template():
    for name, block in StoryBodyBlock().child_blocks.items():
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert getattr(block.meta, "template", None), name


@pytest.mark.parametrize(
    "name", ["heading", "paragraph", "quote", "image", "call_to_action", "figures"]
)
def test_preview_values_render(name, campaign):
    ImageFactory(title="Stacked records")
    block = StoryBodyBlock().child_blocks[name]
    value = block.get_preview_value()
    assert block.render(value).strip()


def test_image_and_call_to_action_previews_show_what_the_site_has(news_index, campaign):
    first = ImageFactory(title="Stacked records")
    ImageFactory(title="A later image")
    blocks = StoryBodyBlock().child_blocks
    assert blocks["image"].get_preview_value()["image"] == first
    # The first page below the home page, in the tree's order: not the root, not the home.
    assert blocks["call_to_action"].get_preview_value()["page"].pk == news_index.pk


def test_image_and_call_to_action_previews_need_no_content(home):
    # A new site: no image, and no page below the home page.
    blocks = StoryBodyBlock().child_blocks
    image, call = blocks["image"], blocks["call_to_action"]
    assert image.get_preview_value()["image"] is None
    assert not image.render(image.get_preview_value()).strip()
    html = call.render(call.get_preview_value())
    assert "Join the campaign" in html and "href=" not in html


def test_the_embed_has_no_preview_value():
    # Rendering an embed fetches it from its provider: a preview would go to the network.
    assert StoryBodyBlock().child_blocks["embed"].get_preview_value() is None


def test_figure_rows_keep_decimals():
    value = FiguresBlock().to_python({"title": "t", "rows": [{"label": "a", "value": "1.5"}]})
    assert value.chart().bars[0].value == Decimal("1.5")
