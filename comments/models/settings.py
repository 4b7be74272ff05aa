"""Which pages take comments, and how each site handles them.

`CommentsMixin` marks the page types that take comments; `CommentSettings` is the per-site
setting editors change in the admin (Settings → Comment settings): the policy shown above the
form, how deep replies nest, the fast lane for trusted commenters, and the civility screen's
thresholds when a site wants its own rather than the ones chosen when the model was trained.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from comments.civility import Thresholds
from pagecache.fragments import CachedSiteSettingMixin

DEFAULT_POLICY = (
    "Comments are read by a person before they appear. To be published a comment must be "
    "civil. We do not publish comments that promote discrimination, prejudice, racism or "
    "xenophobia, that attack another person, or that use profanity. Writing about abuse, "
    "trafficking, racism or deportation is welcome: it is what this site is for.\n\n"
    "If we ban an address from commenting, the ban stays when its owner asks us to erase their "
    "data: all we keep is a coded fingerprint of the address, from which the address cannot be "
    "read, so that the ban still holds."
)


class CommentsMixin:
    """Page types that take comments inherit this (before `Page`); it adds no fields."""

    accepts_comments = True


@register_setting(icon="comment")
class CommentSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """The comment policy and how strictly comments are handled, per site."""

    policy = models.TextField(default=DEFAULT_POLICY, help_text="Shown above the comment form.")
    max_depth = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text="How deep replies may nest. 1 allows no replies.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Conversations shown under a story before “View all comments”.",
    )
    max_length = models.PositiveIntegerField(
        default=3000, validators=[MinValueValidator(100), MaxValueValidator(20000)]
    )
    auto_publish_after = models.PositiveSmallIntegerField(
        default=0,
        help_text="Publish at once comments that pass the screen from commenters with at "
        "least this many approved comments, when posted from a browser that has proven the "
        "address. 0: every comment waits for a moderator.",
    )
    edit_minutes = models.PositiveSmallIntegerField(
        "minutes to edit a comment",
        default=10,
        validators=[MaxValueValidator(1440)],
        help_text="How long after posting a commenter may edit their comment, from the browser "
        "that posted it or one that has proven the address. A changed comment is screened "
        "again and waits for a moderator. 0: comments cannot be edited (authors can still "
        "delete them).",
    )
    tell_commenter_outcome = models.BooleanField(
        default=True, help_text="Email commenters when a moderator approves or rejects."
    )
    hide_after_reports = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(1000)],
        help_text="Hide a published comment from readers once this many readers have reported "
        "it, until a moderator dismisses the reports or rejects it. 0: reports never hide a "
        "comment; it stays up and waits under Reported.",
    )
    civility_hold_threshold = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Hold a comment for a moderator when its hostility score (0 to 1) reaches "
        "this. Blank: the value chosen on data when the model was trained (see "
        "docs/civility-screen.md). Lower holds more comments, including more civil ones.",
    )
    civility_reject_threshold = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Refuse a comment outright when its score reaches this. Blank: the trained "
        "default. Must not be below the hold threshold.",
    )

    panels = [
        FieldPanel("policy"),
        MultiFieldPanel(
            [
                FieldPanel("auto_publish_after"),
                FieldPanel("tell_commenter_outcome"),
                FieldPanel("hide_after_reports"),
                FieldPanel("edit_minutes"),
            ],
            heading="Moderation",
        ),
        MultiFieldPanel(
            [FieldPanel("max_depth"), FieldPanel("comments_per_page"), FieldPanel("max_length")],
            heading="Threads",
        ),
        MultiFieldPanel(
            [FieldPanel("civility_hold_threshold"), FieldPanel("civility_reject_threshold")],
            heading="Civility screen",
        ),
    ]

    def clean(self):
        super().clean()
        shipped = Thresholds()
        hold = (
            shipped.hold if self.civility_hold_threshold is None else self.civility_hold_threshold
        )
        reject = self.civility_reject_threshold
        reject = shipped.reject if reject is None else reject
        if hold > reject:
            raise ValidationError(
                {"civility_reject_threshold": "The reject threshold must not be below hold."}
            )

    def thresholds(self):
        """The screen's thresholds for this site: its own values, else the trained ones."""
        shipped = Thresholds()
        hold = self.civility_hold_threshold
        reject = self.civility_reject_threshold
        hold = shipped.hold if hold is None else hold
        reject = shipped.reject if reject is None else reject
        return Thresholds(hold=min(hold, reject), reject=reject)

    class Meta:
        verbose_name = "comment settings"
