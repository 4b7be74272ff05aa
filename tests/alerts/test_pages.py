"""The sign-up form on stories, tag, category and campaign pages and the news index: it costs
no query, carries no token and sets no cookie, and offers the page's own topics. A signer who
opted in is offered the campaign's alerts on the thank-you page, and nothing more."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from alerts.models import Subscription
from tests.factories import NewsPageFactory, PetitionPageFactory, SignatureFactory


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Police data sharing", slug="police-data-sharing")


def topics_offered(html):
    return re.findall(r'name="topic" value="([^"]+)"', html)


def test_a_story_offers_its_tags_category_and_everything_at_no_query_cost(
    client, news_index, tag, category, no_page_cache
):
    story = NewsPageFactory(parent=news_index, tags=[tag], category=category)
    client.get(story.url)  # warm Wagtail's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.url)
    html = response.content.decode()
    assert topics_offered(html) == [f"tag:{tag.pk}", f"category:{category.pk}", "all"]
    assert not [q for q in queries if "alerts_" in q["sql"]]
    # The story's tags are read once, for the tag list and the form together.
    assert "csrfmiddlewaretoken" not in html.split('class="alert-form"')[1].split("</form>")[0]
    assert "Set-Cookie" not in response.headers


def test_the_form_reads_only_what_the_page_has_loaded(
    news_index, tag, category, django_assert_num_queries
):
    from alerts.templatetags.alerts_tags import alert_signup

    story = NewsPageFactory(parent=news_index, tags=[tag], category=category)
    tags = story.tags.all()
    list(tags)  # the story page's tag list has read them
    story.category  # noqa: B018 (and its breadcrumb the category)
    with django_assert_num_queries(0):
        alert_signup(tags=tags, category=story.category)


def test_index_tag_and_category_pages_offer_their_topic(client, news_index, tag, category):
    NewsPageFactory(parent=news_index, tags=[tag], category=category)
    assert topics_offered(client.get(news_index.url).content.decode()) == ["all"]
    tagged = client.get(f"{news_index.url}tag/{tag.slug}/").content.decode()
    assert topics_offered(tagged) == [f"tag:{tag.pk}", "all"]
    filed = client.get(f"{news_index.url}category/{category.slug}/").content.decode()
    assert topics_offered(filed) == [f"category:{category.pk}", "all"]


def test_a_campaign_page_offers_the_campaign(client, campaign):
    assert topics_offered(client.get(campaign.url).content.decode()) == [
        f"campaign:{campaign.pk}",
        "all",
    ]


def confirm_page_after_signing(client, petition, opt_in):
    from campaign.confirmation_links import signature_confirmation_token

    signature = SignatureFactory(petition=petition, email="signer@example.org", opt_in=opt_in)
    token = signature_confirmation_token(signature)
    return client.post(petition.url + petition.reverse_subpage("confirm", args=[token]))


def test_an_opted_in_signer_is_offered_the_campaign_s_alerts(client, campaign):
    petition = PetitionPageFactory(parent=campaign)
    html = confirm_page_after_signing(client, petition, opt_in=True).content.decode()
    assert topics_offered(html) == [f"campaign:{campaign.pk}", "all"]
    assert 'value="signer@example.org"' in html
    # Ticking the box on the petition subscribed nobody.
    assert not Subscription.objects.exists()


def test_a_signer_who_did_not_opt_in_is_offered_nothing(client, campaign):
    petition = PetitionPageFactory(parent=campaign)
    html = confirm_page_after_signing(client, petition, opt_in=False).content.decode()
    assert topics_offered(html) == []
