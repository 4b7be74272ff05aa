"""The home page and campaign pages: what a supporter lands on, and what they are asked to join.

Page models sit at the top of the app, beside campaign/models/petition.py.
"""

from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaign.models.petition import PetitionPage
from content.blocks import StoryBodyBlock
from news.cards import story_cards
from news.models import NewsIndexPage, NewsPage
from pagecache.restrictions import CachedViewRestrictionsMixin
from pagecache.routing import DirectRoutingMixin

LATEST_NEWS_COUNT = 6


class HomePage(CachedViewRestrictionsMixin, DirectRoutingMixin, Page):
    """The front page of a campaign site: its mission, live campaigns and the latest news."""

    hero_heading = models.CharField(max_length=160, help_text="The organisation's mission.")
    hero_text = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
            ],
            heading="Hero",
        )
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "campaign.CampaignPage", "campaign.PetitionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazily: the template keeps the rendered page body between renders (until a story is
        # published or the site changes) and asks for these only when it renders it again.
        context["latest_news"] = SimpleLazyObject(self.latest_news)
        context["news_index"] = SimpleLazyObject(
            lambda: NewsIndexPage.objects.child_of(self).live().first()
        )
        context["campaigns"] = SimpleLazyObject(
            lambda: list(
                CampaignPage.objects.child_of(self).live().public().select_related("hero_image")
            )
        )
        return context

    def latest_news(self):
        latest = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date_published", "-pk")
        )
        return story_cards(latest[:LATEST_NEWS_COUNT])


class CampaignPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "campaign.CampaignPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CampaignPage(CachedViewRestrictionsMixin, Page):
    """A campaign supporters are asked to join, such as a firewall between police and
    immigration enforcement. It holds its petitions and shows the news that shares its tags."""

    summary = models.TextField(max_length=400, help_text="Shown on cards and under the title.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(max_length=250, blank=True)
    body = StreamField(StoryBodyBlock(), blank=True)
    tags = ClusterTaggableManager(
        through=CampaignPageTag,
        blank=True,
        help_text="News stories with any of these tags are listed on the campaign page.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero banner"
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.PetitionPage"]

    def petitions(self):
        return PetitionPage.objects.child_of(self).live().public().order_by("path")

    def related_news(self, limit=4):
        tag_ids = [tag.pk for tag in self.tags.all()]
        if not tag_ids:
            return []
        stories = (
            NewsPage.objects.live()
            .public()
            .filter(tags__in=tag_ids)
            .distinct()
            .order_by("-date_published", "-pk")
        )
        return story_cards(stories[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["petitions"] = self.petitions()
        context["related_news"] = self.related_news()
        return context
