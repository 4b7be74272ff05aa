"""A petition page: the ask, who it is addressed to, its count toward a goal, and the form.

A page model sits at the top of the app: it reads its count from campaign/counting.py and
reaches the views (campaign/views.py) only through its routes, passing itself in.
"""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaign.counting import confirmed_count
from campaign.goals import displayed_goal, progress_percent
from campaign.recent_signers import recent_signers
from campaign.views import check_email_view, confirm_view, petition_page, sign_view
from content.blocks import StoryBodyBlock
from core.csrf import same_origin_post
from pagecache import versions
from pagecache.restrictions import CachedViewRestrictionsMixin

DEFAULT_OPT_IN = "Keep me updated about this campaign by email. I can unsubscribe at any time."


class PetitionPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """A petition supporters sign, under a campaign or on its own under the home page.

    Signatures are pending until the supporter confirms by email; only confirmed ones count.
    """

    addressed_to = models.CharField(
        max_length=200, help_text="Who the petition asks, e.g. “The Home Secretary”."
    )
    ask = models.TextField(max_length=1000, help_text="What the petition asks for, in a sentence.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(max_length=250, blank=True)
    body = StreamField(StoryBodyBlock(), blank=True, help_text="Why it matters.")
    goal = models.PositiveIntegerField(
        default=1000, help_text="The first target. Once passed, the bar steps up to the next."
    )
    accepting_signatures = models.BooleanField(
        default=True, help_text="Untick to close the petition now."
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave blank to keep it open until you close it."
    )
    opt_in_wording = models.TextField(
        max_length=500,
        default=DEFAULT_OPT_IN,
        help_text="The words beside the (unticked) opt-in box. Each signature records which "
        "version it saw.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown after signing and after confirming.",
    )
    share_text = models.CharField(
        max_length=240,
        blank=True,
        help_text="The message supporters share, e.g. “I signed: police must not report "
        "victims to immigration enforcement.”",
    )

    content_panels = Page.content_panels + [
        FieldPanel("addressed_to"),
        FieldPanel("ask"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero banner"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("goal"), FieldPanel("accepting_signatures"), FieldPanel("closes_at")],
            heading="Signatures",
        ),
        MultiFieldPanel(
            [FieldPanel("opt_in_wording"), FieldPanel("thank_you_text"), FieldPanel("share_text")],
            heading="Consent and thank-you",
        ),
        InlinePanel(
            "updates",
            label="Updates",
            heading="Updates",
            help_text="News of the petition: handed in, answered by its target, a victory. "
            "Each update is emailed once, when the page is next published, to signers who "
            "ticked the opt-in and to followers of its campaign.",
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("ask"), index.SearchField("body")]
    api_fields = [
        APIField("addressed_to"),
        APIField("ask"),
        APIField("signature_count"),
        APIField("current_goal"),
        APIField("is_open"),
        APIField("closes_at"),
    ]

    parent_page_types = ["campaign.CampaignPage", "campaign.HomePage"]
    subpage_types = []
    # It lists no stories: publishing one leaves its cached copies alone (pagecache/).
    page_cache_dependencies = (versions.SITE,)
    # Shown on every petition: loaded with it when it is served (pagecache/routing.py).
    serve_select_related = ("hero_image",)

    @property
    def is_open(self):
        if not self.accepting_signatures:
            return False
        return self.closes_at is None or timezone.now() < self.closes_at

    @property
    def consent_version(self):
        """A short fingerprint of the opt-in wording: it changes whenever the wording does."""
        return hashlib.sha256(self.opt_in_wording.encode()).hexdigest()[:12]

    @cached_property
    def signature_count(self):
        return confirmed_count(self.pk) if self.pk else 0

    @property
    def current_goal(self):
        return displayed_goal(self.signature_count, self.goal)

    @property
    def progress(self):
        return progress_percent(self.signature_count, self.current_goal)

    def recent_signers(self):
        """The public "Recently signed" list (campaign/recent_signers.py)."""
        return recent_signers(self.pk)

    def published_updates(self):
        """The updates readers see, newest first."""
        return sorted(self.updates.all(), key=lambda update: update.posted_on, reverse=True)

    def related_news(self):
        parent = self.get_parent().specific
        related = getattr(parent, "related_news", None)
        return related() if related else []

    # Routes: the page itself, the form's POST, confirmation and thank-you. The route names
    # (not the method names) are what templates and reverse_subpage() use.
    @path("", name="petition")
    def petition_route(self, request):
        return petition_page(request, self)

    @path("sign/", name="sign")
    @same_origin_post  # the form is on a cached page: no token, checked by origin
    def sign_route(self, request):
        return sign_view(request, self)

    @path("check-your-email/", name="check_email")
    def check_email_route(self, request):
        return check_email_view(request, self)

    @path("confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        return confirm_view(request, self, token)


class PetitionUpdate(Orderable):
    """News of a petition, shown on its page and emailed once (by the alerts app, if installed)
    to the signers who opted in to hear more and to the followers of its campaign."""

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        HANDED_IN = "handed_in", "Handed in"
        RESPONSE = "response", "Response from the target"
        VICTORY = "victory", "Victory"

    page = ParentalKey(PetitionPage, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(max_length=200)
    body = models.TextField(
        max_length=5000, help_text="Plain text; a blank line between paragraphs."
    )
    posted_on = models.DateField(default=timezone.localdate)
    email_supporters = models.BooleanField(
        "email this update",
        default=True,
        help_text="Email it, once, to signers who opted in and to the campaign's followers, "
        "when the page is next published. Untick for a small correction.",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("posted_on"),
        FieldPanel("email_supporters"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "petition update"

    def __str__(self):
        return self.title
