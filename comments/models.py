"""Comments, the people who write them, their subscriptions, bans, the word lists moderators
edit, and the site's comment settings.

A commenter's email is kept for notifications only and never shown; commenters, bans and rate
limits are keyed by `core.identity.email_hash`, so every spelling of one inbox is one person and
a ban outlives the address being erased.

A comment belongs to its commenter's address only once the address is proven for it
(`Comment.proven_at`): posted from a browser that holds proof of the address (comments/proof.py),
or confirmed by the link emailed for that comment. Until then nobody is emailed about it and
nobody can be banned through it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from comments.civility import Thresholds
from comments.civility.rules import Action, Aim, Rule

DEFAULT_POLICY = (
    "Comments are read by a person before they appear. To be published a comment must be "
    "civil. We do not publish comments that promote discrimination, prejudice, racism or "
    "xenophobia, that attack another person, or that use profanity. Writing about abuse, "
    "trafficking, racism or deportation is welcome: it is what this site is for.\n\n"
    "If we ban an address from commenting, the ban stays when its owner asks us to erase their "
    "data: all we keep is a coded fingerprint of the address, from which the address cannot be "
    "read, so that the ban still holds."
)

RULE_CHOICES = [(rule.value, rule.label.removeprefix("a ").capitalize()) for rule in Rule]
ACTION_CHOICES = [(Action.REJECT.value, "Reject"), (Action.HOLD.value, "Hold for a moderator")]
AIM_CHOICES = [
    (Aim.ANY.value, "Anywhere"),
    (Aim.PERSON.value, "Only when aimed at a person (“you”)"),
    (Aim.GROUP.value, "Only when aimed at a group of people"),
]


class CommentsMixin:
    """Page types that take comments inherit this (before `Page`); it adds no fields."""

    accepts_comments = True


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
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
    tell_commenter_outcome = models.BooleanField(
        default=True, help_text="Email commenters when a moderator approves or rejects."
    )
    civility_hold_threshold = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Hold a comment for a moderator when its hostility score (0 to 1) reaches "
        "this. Blank: the value chosen on data when the model was trained (see the README). "
        "Lower holds more comments, including more civil ones.",
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


class Commenter(models.Model):
    """A person who comments, known by their email only to send them notifications."""

    email = models.EmailField(max_length=254)
    email_hash = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Commenter {self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def waiting(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Awaiting email confirmation"
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class Decision(models.TextChoices):
        PASS = "pass", "Pass"  # noqa: S105 - a screen decision, not a password
        HOLD = "hold", "Hold"
        REJECT = "reject", "Reject"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top comment of the conversation (itself for a top comment): one query per page of
    # conversations fetches every reply, whatever the depth.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=1)
    commenter = models.ForeignKey(
        Commenter, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    name = models.CharField(max_length=80)
    body = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decision = models.CharField(max_length=6, choices=Decision.choices, default=Decision.PASS)
    score = models.FloatField(default=0.0)
    # [{"rule": "profanity", "words": ["..."], "reason": "..."}]: what the screen found.
    flags = models.JSONField(default=list, blank=True)
    # ",profanity,xenophobia,": the flags' rules, so every database can filter by rule.
    rules = models.CharField(max_length=200, blank=True, editable=False)
    flagged = models.BooleanField(default=False)
    rejection_reason = models.CharField(max_length=40, choices=RULE_CHOICES, blank=True)
    moderator_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # When the commenter's address was proven for this comment; until then it is not theirs.
    proven_at = models.DateTimeField(null=True, blank=True)
    # The "Notify me of" choices; they become subscriptions once the comment is proven.
    notify = models.JSONField(default=list, blank=True)
    # Set once, atomically, so subscribers hear of a comment once however often it is approved.
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_comment", "Can moderate comments and ban commenters")]
        indexes = [
            models.Index(fields=["page", "status", "parent", "-created_at"]),
            models.Index(fields=["status", "-flagged", "-created_at"]),
            models.Index(fields=["thread", "status"]),
            # The queue shows each commenter's approved and rejected counts beside every row.
            models.Index(fields=["commenter", "status"]),
        ]

    def __str__(self):
        excerpt = " ".join(self.body.split())
        return f"{self.name}: {excerpt[:60]}{'…' if len(excerpt) > 60 else ''}"

    def set_screening(self, screening):
        """Store what the civility screen decided, with the words and reasons."""
        self.decision = screening.decision.value
        self.score = screening.score
        self.flags = [
            {"rule": f.rule.value, "words": list(f.words), "reason": f.reason}
            for f in screening.flags
        ]
        self.flagged = bool(self.flags)
        self.rules = "".join(f",{rule}" for rule in dict.fromkeys(f["rule"] for f in self.flags))
        self.rules += "," if self.rules else ""


class Subscription(models.Model):
    """“Notify of”: follow-up comments on a page, or replies to my comments on it."""

    class Kind(models.TextChoices):
        FOLLOW_UPS = "follow_ups", "New follow-up comments on this post"
        REPLIES = "replies", "New replies to my comments"

    commenter = models.ForeignKey(Commenter, on_delete=models.CASCADE, related_name="subscriptions")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commenter", "page", "kind"], name="one_subscription_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on page {self.page_id}"


class BanQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(until__isnull=True) | Q(until__gt=now))


class Ban(models.Model):
    """An address that may not comment, forever or until a date, by its keyed hash only.

    Erasing the person keeps the ban (hash, rule, dates) and blanks its note: nothing in it
    can be read back to an address, and the ban still holds if they come back."""

    email_hash = models.CharField(max_length=64, db_index=True, editable=False)
    reason = models.CharField(max_length=40, choices=RULE_CHOICES, blank=True)
    note = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True, help_text="Blank: banned for good.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BanQuerySet.as_manager()

    panels = [FieldPanel("reason"), FieldPanel("note"), FieldPanel("until")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        until = f" until {self.until:%d %b %Y}" if self.until else ""
        return f"Ban {self.email_hash[:8]}{until}"


class BannedTerm(models.Model):
    """A word or phrase that rejects or holds a comment (with its inflections and disguises)."""

    phrase = models.CharField(max_length=100)
    rule = models.CharField(max_length=40, choices=RULE_CHOICES)
    action = models.CharField(max_length=6, choices=ACTION_CHOICES, default=Action.REJECT.value)
    aim = models.CharField(max_length=6, choices=AIM_CHOICES, default=Aim.ANY.value)

    panels = [FieldPanel("phrase"), FieldPanel("rule"), FieldPanel("action"), FieldPanel("aim")]

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["phrase", "rule", "aim"], name="unique_banned_term")
        ]

    def __str__(self):
        return self.phrase


class SuspectTerm(models.Model):
    """A word or phrase that holds a comment for a moderator to read, with a flag."""

    phrase = models.CharField(max_length=100)
    rule = models.CharField(max_length=40, choices=RULE_CHOICES)
    aim = models.CharField(max_length=6, choices=AIM_CHOICES, default=Aim.ANY.value)

    panels = [FieldPanel("phrase"), FieldPanel("rule"), FieldPanel("aim")]

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["phrase", "rule", "aim"], name="unique_suspect_term")
        ]

    def __str__(self):
        return self.phrase


class AllowedPhrase(models.Model):
    """A phrase this site's subject needs ("sex trafficking") that never triggers the screen."""

    phrase = models.CharField(max_length=100, unique=True)

    panels = [FieldPanel("phrase")]

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.phrase
