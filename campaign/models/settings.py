"""Site-wide settings editors change in the admin under Settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from pagecache.fragments import CachedSiteSettingMixin


@register_setting(icon="site")
class OrganisationSettings(CachedSiteSettingMixin, BaseSiteSetting):
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
