"""Pieces of pages kept between renders (the route, the menu, settings, side boxes, template
fragments) change when what they show changes, with the whole-page cache off, and nothing typed
by one reader is ever kept for another."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from comments import moderation
from tests.factories import (
    CommentFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    PetitionPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def html(url, **params):
    response = Client().get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_new_story_reaches_every_kept_box_and_listing(news_index, committed):
    story = NewsPageFactory(parent=news_index, title="An older story")
    for url in (story.url, "/news/", "/"):
        html(url)
    with committed():
        NewsPageFactory(parent=news_index, title="Fresh from the newsroom")
    for url in (story.url, "/news/", "/"):
        assert "Fresh from the newsroom" in html(url), url


def test_an_approved_comment_shows_at_once_and_the_rest_stays_kept(
    news_index, committed, django_assert_max_num_queries
):
    story = NewsPageFactory(parent=news_index)
    html(story.url)
    comment = CommentFactory(page=story, status="pending", body="Protect victims first.")
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    with committed():
        moderation.approve(comment, moderator)
    # The comments are read afresh; the story's other pieces come from where they were kept.
    with django_assert_max_num_queries(4):
        assert "Protect victims first." in html(story.url)


def test_a_renamed_category_and_a_new_menu_page_show_at_once(news_index, campaign, committed):
    category = NewsCategoryFactory(name="Law & Policy", slug="law-policy")
    story = NewsPageFactory(parent=news_index, category=category)
    html(story.url)
    category.name = "Law and Policy"
    with committed():
        category.save()
    assert "Law and Policy" in html(story.url)
    with committed():
        PetitionPageFactory(
            parent=campaign.get_parent(), title="A new petition", show_in_menus=True
        )
    assert "A new petition" in html(story.url)


def test_a_form_sent_back_with_errors_is_never_kept(campaign):
    petition = PetitionPageFactory(parent=campaign)
    html(petition.url)
    refused = Client().post(
        petition.url + "sign/",
        {"first_name": "Zainab-typed-this", "last_name": "", "email": "not-an-email"},
    )
    assert refused.status_code == 400 and "Zainab-typed-this" in refused.content.decode()
    assert "Zainab-typed-this" not in html(petition.url)


def test_a_search_is_never_kept(news_index):
    NewsPageFactory(parent=news_index, title="Police referrals", standfirst="Police referrals.")
    NewsPageFactory(parent=news_index, title="Labour exploitation", standfirst="Farms.")
    first = html("/news/search/", q="police")
    second = html("/news/search/", q="farms")
    assert first != second
