"""Story cards: the stories in the order given, with what a card shows loaded in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.cards import story_cards
from tests.factories import ImageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def cards_and_queries(stories):
    """The cards, and the queries it took to load them and read what a card shows."""
    with CaptureQueriesContext(connection) as context:
        cards = story_cards(stories)
        shown = [(card.category.name, list(card.hero_image.renditions.all())) for card in cards]
    assert len(shown) == len(cards)
    return cards, len(context.captured_queries)


def illustrated_story(index, n):
    return NewsPageFactory(
        parent=index, category=NewsCategoryFactory(name=f"Section {n}"), hero_image=ImageFactory()
    )


def test_cards_keep_the_order_given(news_index):
    stories = [illustrated_story(news_index, n) for n in range(3)]
    picked = [stories[2], stories[0], stories[1]]
    assert story_cards(picked) == picked
    assert story_cards([]) == []


def test_cards_cost_the_same_queries_for_two_stories_as_for_eight(news_index):
    stories = [illustrated_story(news_index, n) for n in range(8)]
    _, few = cards_and_queries(stories[:2])
    cards, many = cards_and_queries(stories)
    assert len(cards) == 8
    assert few == many
