"""An editor creates, previews and publishes a story with every block in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage
from tests.factories import ImageFactory, NewsCategoryFactory, NewsPageFactory, NewsSourceFactory

pytestmark = pytest.mark.django_db
VIDEO_URL = "https://www.youtube.com/watch?v=firewall-campaign"


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def story_form(news_index, campaign):
    # The stored embed stands in for YouTube, so validation needs no network.
    Embed.objects.create(
        url=VIDEO_URL,
        type="video",
        html="<iframe title='film'></iframe>",
        hash=get_embed_hash(VIDEO_URL),
    )
    image = ImageFactory(title="Records")
    earlier = NewsPageFactory(parent=news_index, title="Earlier story")
    return nested_form_data(
        {
            "title": "Every force referred victims",
            "slug": "every-force-referred-victims",
            "standfirst": "An investigation found 2,672 victims referred.",
            "date_published": "2024-04-11",
            "byline": "By the campaigns team",
            "category": NewsCategoryFactory(name="Investigations", slug="investigations").pk,
            "source": NewsSourceFactory(name="The Detail").pk,
            "source_url": "https://thedetail.tv/example",
            "hero_image": image.pk,
            "hero_alt_text": "Typed records",
            "hero_caption": "Never counted.",
            "hero_credit": "Illustration: us",
            "tags": "police, data sharing",
            "body": streamfield(
                [
                    ("heading", {"text": "What we found", "level": "h2"}),
                    ("paragraph", rich_text("<p>All 45 forces referred victims.</p>")),
                    (
                        "quote",
                        {
                            "quote": "Every force did it.",
                            "attribution": "Reporter",
                            "source_name": "The Detail",
                            "source_url": "https://thedetail.tv/",
                        },
                    ),
                    (
                        "image",
                        {
                            "image": image.pk,
                            "alt_text": "Records",
                            "caption": "Piles of paper",
                            "credit": "Us",
                        },
                    ),
                    ("embed", VIDEO_URL),
                    (
                        "call_to_action",
                        {
                            "heading": "Join the campaign",
                            "text": "Act now.",
                            "page": campaign.pk,
                            "button_label": "Join",
                        },
                    ),
                    (
                        "figures",
                        {
                            "title": "Referrals by force",
                            "unit": "victims",
                            "rows": streamfield([])
                            | {
                                "count": "2",
                                "0-value-label": "Metropolitan Police",
                                "0-value-value": "460",
                                "0-deleted": "",
                                "0-order": "0",
                                "0-id": "",
                                "1-value-label": "West Midlands Police",
                                "1-value-value": "222",
                                "1-deleted": "",
                                "1-order": "1",
                                "1-id": "",
                            },
                            "source": "FOI",
                            "credit": "Designer",
                            "show_total": "",
                        },
                    ),
                ]
            ),
            "related_links": inline_formset([{"story": earlier.pk}]),
        }
    )


def test_editor_previews_then_publishes_a_story_with_every_block(
    editor_client, news_index, story_form
):
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "newspage", news_index.pk)
    )
    assert editor_client.post(preview_url, story_form).json()["is_valid"] is True
    preview = editor_client.get(preview_url).content.decode()
    assert "Every force referred victims" in preview and "Referrals by force" in preview

    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    response = editor_client.post(add_url, {**story_form, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]

    page = NewsPage.objects.get(slug="every-force-referred-victims")
    assert page.live
    assert [block.block_type for block in page.body] == [
        "heading",
        "paragraph",
        "quote",
        "image",
        "embed",
        "call_to_action",
        "figures",
    ]
    assert sorted(tag.name for tag in page.tags.all()) == ["data sharing", "police"]
    assert page.related_links.get().story.title == "Earlier story"

    html = editor_client.get(page.url).content.decode()
    assert "<iframe title='film'></iframe>" in html
    assert "Metropolitan Police" in html and "<svg" in html


def test_missing_required_fields_are_reported_and_nothing_is_saved(
    editor_client, news_index, story_form
):
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    response = editor_client.post(
        add_url,
        {
            **story_form,
            "standfirst": "",
            "date_published": "not a date",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not NewsPage.objects.filter(slug="every-force-referred-victims").exists()


def test_snippets_for_categories_and_sources_are_in_the_admin(editor_client, db):
    NewsCategoryFactory(name="Law & Policy", slug="law-policy")
    listing = editor_client.get(reverse("wagtailsnippets_news_newscategory:list"))
    assert listing.status_code == 200 and "Law &amp; Policy" in listing.content.decode()
    assert editor_client.get(reverse("wagtailsnippets_news_newssource:list")).status_code == 200
