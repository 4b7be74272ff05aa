"""What a reader sees on a story, what search engines and social cards see, and its cost."""

import datetime
import json

import pytest

from news.models import NewsPageRelatedLink
from tests.factories import (
    CommentFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    NewsSourceFactory,
    paragraph,
)

# These tests count queries and render pages repeatedly: measure rendering itself.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def story(news_index, campaign):
    return NewsPageFactory(
        parent=news_index,
        title="Police referred 796 victims of modern slavery",
        standfirst="Figures obtained under freedom of information.",
        date_published=datetime.date(2022, 6, 27),
        category=NewsCategoryFactory(name="Law & Policy", slug="law-policy"),
        source=NewsSourceFactory(name="The New Statesman", website="https://www.newstatesman.com/"),
        source_url="https://www.newstatesman.com/politics/2022/06/example",
        byline="By the campaigns team",
        hero_image=ImageFactory(title="A city at night"),
        hero_alt_text="Tower blocks at night",
        hero_caption="Many survivors never report.",
        hero_credit="Illustration: the charity",
        tags=["modern slavery", "police"],
        body=json.dumps(
            [
                paragraph("<p>Between May 2020 and May 2022 police referred 796 victims.</p>"),
                {
                    "type": "call_to_action",
                    "value": {
                        "heading": "Join the campaign",
                        "text": "",
                        "page": campaign.pk,
                        "button_label": "Join the campaign",
                    },
                },
            ]
        ),
    )


def test_story_shows_its_publication_details(client, story):
    html = client.get(story.url).content.decode()
    assert '<h1 id="story-title" class="story__title">Police referred 796' in html
    assert 'Published on <time datetime="2022-06-27">27 June 2022</time>' in html
    assert "By the campaigns team" in html
    assert 'href="/news/category/law-policy/"' in html and "Law &amp; Policy" in html
    assert 'href="https://www.newstatesman.com/politics/2022/06/example"' in html
    assert "The New Statesman" in html
    assert 'alt="Tower blocks at night"' in html
    assert "Many survivors never report." in html and "Illustration: the charity" in html
    assert 'href="/news/tag/modern-slavery/"' in html
    assert "Join the campaign" in html


def test_story_has_social_cards_and_a_canonical_url(client, story):
    html = client.get(story.url + "?utm_source=newsletter").content.decode()
    assert f'<link rel="canonical" href="http://testserver{story.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Police referred 796 victims of modern slavery">' in html
    )
    assert (
        'property="og:description" content="Figures obtained under freedom of information."' in html
    )
    assert 'property="og:image" content="http://testserver/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:published_time" content="2022-06-27">' in html


def test_story_has_landmarks_and_one_h1(client, story):
    html = client.get(story.url).content.decode()
    assert html.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<footer", "<aside"):
        assert landmark in html
    assert 'href="#main"' in html  # skip link


def box_links(html, heading_id):
    """The story links listed in the aside box headed by `heading_id`."""
    import re

    start = html.index(f'aria-labelledby="{heading_id}"')
    section = html[start : html.index("</section>", start)]
    return re.findall(r'href="(/news/[^"]+)"', section)


def test_related_and_latest_boxes_never_repeat_each_other_or_the_story(client, story, news_index):
    rwanda = NewsPageFactory(
        parent=news_index,
        title="Rwanda bill renamed",
        tags=["modern slavery"],
        date_published=datetime.date(2024, 4, 16),
    )
    for day in range(1, 6):
        NewsPageFactory(parent=news_index, date_published=datetime.date(2024, 5, day))
    html = client.get(story.url).content.decode()
    assert "Related stories" in html and "Latest stories" in html
    assert "This week" not in html  # named for what it is: the dates are shown
    related = box_links(html, "related-heading")
    latest = box_links(html, "latest-stories-heading")
    assert rwanda.url in related  # shares a tag
    assert len(related) == 3 and len(latest) == 3
    assert not set(related) & set(latest)
    assert "Sunday 5 May 2024" not in html and "5 May 2024" in html  # en-GB, as elsewhere
    assert html.count(f'href="{story.url}"') == 0  # never links to itself


def test_latest_box_is_left_out_when_related_stories_list_them_all(client, story, news_index):
    NewsPageFactory(parent=news_index, title="Rwanda bill renamed", tags=["modern slavery"])
    html = client.get(story.url).content.decode()
    assert "Rwanda bill renamed" in html and html.count("Rwanda bill renamed") == 1
    assert "Latest stories" not in html


def test_story_shows_share_links_and_its_comment_count(client, story):
    CommentFactory(page=story)
    CommentFactory(page=story, parent=CommentFactory(page=story))
    CommentFactory(page=story, status="pending")
    html = client.get(story.url).content.decode()
    assert '<a class="story__comment-count" href="#comments">3 comments</a>' in html
    full_url = "http%3A%2F%2Flocalhost%2Fnews%2F" + story.slug + "%2F"
    title = "Police%20referred%20796%20victims%20of%20modern%20slavery"
    assert f"https://bsky.app/intent/compose?text={title}%20{full_url}" in html
    assert f"https://x.com/intent/post?text={title}&amp;url={full_url}" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={full_url}" in html
    assert f"https://wa.me/?text={title}%20{full_url}" in html
    assert f"mailto:?subject={title}&amp;body={title}%20{full_url}" in html
    assert "data-share-copy" in html and "/static/js/share.js" in html


def test_a_story_with_no_comments_invites_the_first(client, story):
    html = client.get(story.url).content.decode()
    assert "No comments yet: start the conversation" in html


def make_story(news_index, campaign, images, tags, blocks, related):
    body = []
    for n in range(blocks):
        body += [
            paragraph(f"<p>Paragraph {n}</p>"),
            {"type": "heading", "value": {"text": f"Heading {n}", "level": "h2"}},
            {
                "type": "quote",
                "value": {"quote": "q", "attribution": "a", "source_name": "s", "source_url": ""},
            },
            {
                "type": "image",
                "value": {
                    "image": images[n % len(images)].pk,
                    "alt_text": "",
                    "caption": "c",
                    "credit": "",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Join",
                    "text": "",
                    "page": campaign.pk,
                    "button_label": "Join",
                },
            },
            {
                "type": "figures",
                "value": {
                    "title": "t",
                    "unit": "",
                    "rows": [{"label": "a", "value": "1"}],
                    "source": "",
                    "credit": "",
                    "show_total": True,
                },
            },
        ]
    page = NewsPageFactory(
        parent=news_index,
        hero_image=images[0],
        category=NewsCategoryFactory(name="Investigations", slug="investigations"),
        source=NewsSourceFactory(logo=images[0]),
        tags=[f"tag {n}" for n in range(tags)],
        body=json.dumps(body),
    )
    others = [
        NewsPageFactory(parent=news_index, hero_image=images[0], tags=["tag 0"])
        for _ in range(related)
    ]
    for order, other in enumerate(others):
        NewsPageRelatedLink.objects.create(page=page, story=other, sort_order=order)
    return page


def queries_for(client, url, capture):
    client.get(url)  # the first view makes renditions; count the steady state
    with capture(100) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def cold_queries_for(client, url, capture):
    """A render with nothing kept between renders: no menu, settings or side boxes."""
    from django.core.cache import cache

    client.get(url)
    cache.clear()
    with capture(100) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_comments(page, conversations, replies_each):
    for _ in range(conversations):
        parent = CommentFactory(page=page)
        for _ in range(replies_each):
            CommentFactory(page=page, parent=parent)


# A story rendered again because something on it changed (a comment approved, the usual
# reason): the menu, settings and side boxes are still kept (pagecache/fragments.py).
NEWS_PAGE_MAX_QUERIES = 12
# Nothing kept at all, as after Redis restarts (image renditions included): still fixed.
NEWS_PAGE_MAX_COLD_QUERIES = 32


def test_story_query_count_is_fixed_whatever_its_size(
    client, news_index, campaign, django_assert_max_num_queries
):
    images = [ImageFactory() for _ in range(10)]
    small = make_story(news_index, campaign, images, tags=1, blocks=1, related=1)
    large = make_story(news_index, campaign, images, tags=12, blocks=10, related=3)
    add_comments(small, conversations=1, replies_each=0)
    add_comments(large, conversations=20, replies_each=3)
    small_count = queries_for(client, small.url, django_assert_max_num_queries)
    large_count = queries_for(client, large.url, django_assert_max_num_queries)
    # Twelve tags, sixty blocks, three picked stories and eighty comments cost no more than
    # one of each.
    assert large_count <= small_count
    assert large_count <= NEWS_PAGE_MAX_QUERIES
    small_cold = cold_queries_for(client, small.url, django_assert_max_num_queries)
    large_cold = cold_queries_for(client, large.url, django_assert_max_num_queries)
    assert large_cold <= small_cold <= NEWS_PAGE_MAX_COLD_QUERIES


def test_a_draft_story_is_not_served(client, news_index):
    draft = NewsPageFactory(parent=news_index, live=False)
    assert client.get(f"/news/{draft.slug}/").status_code == 404
