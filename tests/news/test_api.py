"""News stories in Wagtail's API v3, with their related data flattened in."""

import datetime

import pytest

from news.models import NewsPageRelatedLink
from tests.factories import NewsCategoryFactory, NewsPageFactory, NewsSourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(news_index):
    story = NewsPageFactory(
        parent=news_index,
        title="Every force referred victims",
        date_published=datetime.date(2024, 4, 11),
        category=NewsCategoryFactory(name="Investigations", slug="investigations"),
        source=NewsSourceFactory(name="The Detail", website="https://thedetail.tv/"),
        source_url="https://thedetail.tv/example",
        tags=["police", "data sharing"],
    )
    other = NewsPageFactory(parent=news_index, title="Rwanda plan", tags=["police"])
    NewsPageRelatedLink.objects.create(page=story, story=other, sort_order=0)
    return story, other


def test_lists_news_stories_by_type(client, stories):
    response = client.get("/api/v3/pages/", {"type": "news.NewsPage"})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {"Every force referred victims", "Rwanda plan"}


def test_story_detail_has_its_fields_tags_category_source_and_related(client, stories):
    story, other = stories
    data = client.get(f"/api/v3/pages/{story.pk}/").json()
    assert data["standfirst"] == story.standfirst
    assert data["date_published"] == "2024-04-11"
    assert data["category_detail"] == {"name": "Investigations", "slug": "investigations"}
    assert data["source_detail"] == {"name": "The Detail", "website": "https://thedetail.tv/"}
    assert data["source_url"] == "https://thedetail.tv/example"
    assert sorted(data["tag_names"]) == ["data sharing", "police"]
    assert data["related_stories"][0]["title"] == "Rwanda plan"
    assert data["body"][0]["type"] == "paragraph"


def test_drafts_are_not_in_the_api(client, news_index):
    draft = NewsPageFactory(parent=news_index, live=False)
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404


def test_openapi_schema_is_served_and_describes_news_pages(client, db):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "NewsPageSchema" in str(schema["components"]["schemas"].keys())
