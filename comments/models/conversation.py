"""The conversation: the people who comment, their comments and their subscriptions.

A comment carries what the civility screen decided about it (decision, score, flags) beside
what moderators decided (status, reason, note), and the dates that matter for who may be told
about it: when its address was proven, when it was published, when subscribers were notified.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from comments.civility import Decision
from comments.screen_choices import DECISION_CHOICES, RULE_CHOICES


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
        """What readers see: approved, and not hidden by readers' reports awaiting a moderator."""
        return self.filter(status=Comment.Status.APPROVED, hidden_at__isnull=True)


class Comment(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Awaiting email confirmation"
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"
        # Deleted by its author (comments/authorship.py): off the page and out of the queue.
        WITHDRAWN = "withdrawn", "Withdrawn by its author"

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
    # What the civility screen decided: its own Decision's values, so there is one notion.
    decision = models.CharField(max_length=6, choices=DECISION_CHOICES, default=Decision.PASS.value)
    # The queue's order: the screen's hostility score, word lists and model together.
    score = models.FloatField(default=0.0)
    # The model's own part of the score, which the site's hold and reject thresholds test;
    # stored beside `score` so a moderator sees both numbers the decision came from. Empty for
    # comments screened before it was stored.
    model_score = models.FloatField(null=True, blank=True)
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
    # Readers' reports no moderator has dealt with yet (comments/reports.py): the Reported
    # queue lists comments with any. Enough of them hide an approved comment (`hidden_at`)
    # until a moderator dismisses the reports or rejects the comment.
    open_reports = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_comment", "Can moderate comments and ban commenters")]
        indexes = [
            models.Index(fields=["page", "status", "parent", "-created_at"]),
            models.Index(fields=["status", "-flagged", "-created_at"]),
            # The pending and flagged queues, most hostile first: a page is the first twenty
            # entries of one of these, whatever the number waiting.
            models.Index(fields=["status", "-score", "-created_at", "-id"]),
            models.Index(fields=["status", "flagged", "-score", "-created_at", "-id"]),
            models.Index(fields=["thread", "status"]),
            # The queue shows each commenter's approved and rejected counts beside every row.
            models.Index(fields=["commenter", "status"]),
            # The Reported queue: the few comments with open reports, newest first.
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(open_reports__gt=0),
                name="comment_reported_idx",
            ),
        ]

    def __str__(self):
        excerpt = " ".join(self.body.split())
        return f"{self.name}: {excerpt[:60]}{'…' if len(excerpt) > 60 else ''}"

    def set_screening(self, screening):
        """Store what the civility screen decided, with the words and reasons."""
        self.decision = screening.decision.value
        self.score = screening.score
        self.model_score = screening.model_score
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
