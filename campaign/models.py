"""The home page and campaign pages: what a supporter lands on, and what they are asked to join."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from news.blocks import StoryBodyBlock
from news.related import story_cards

LATEST_NEWS_COUNT = 6


class HomePage(Page):
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
    subpage_types = ["news.NewsIndexPage", "campaign.CampaignPage"]

    def get_context(self, request, *args, **kwargs):
        from news.models import NewsIndexPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        latest = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date_published", "-pk")
        )
        context["latest_news"] = story_cards(latest[:LATEST_NEWS_COUNT])
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        context["campaigns"] = (
            CampaignPage.objects.child_of(self).live().public().select_related("hero_image")
        )
        return context


class CampaignPage(Page):
    """A campaign supporters are asked to join, such as a firewall between police and
    immigration enforcement. Stories link here from their "Join the campaign" panels."""

    summary = models.TextField(max_length=400, help_text="Shown on cards and under the title.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(max_length=250, blank=True)
    body = StreamField(StoryBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero banner"
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["campaign.HomePage"]
    subpage_types = []


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs the site, shown in the footer and in links shared on social media."""

    charity_number = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    footer_text = models.TextField(
        blank=True, max_length=500, help_text="A line about the organisation for the footer."
    )
    twitter_handle = models.CharField(
        max_length=40, blank=True, help_text="Without the @, used for Twitter card tags."
    )

    panels = [
        FieldPanel("charity_number"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("twitter_handle"),
    ]

    class Meta:
        verbose_name = "organisation"
