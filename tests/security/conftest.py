"""Fixtures for the security tests: a petition and a news story to send bad or cross-site
input to."""

import pytest

from tests.factories import NewsPageFactory, PetitionPageFactory


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


@pytest.fixture
def story(news_index):
    return NewsPageFactory(parent=news_index)
