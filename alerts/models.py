"""Story alerts: who follows what, and each alert a published story or petition update sends.

A subscriber is one email identity (core/identity.py): the keyed hash of the normalised
address, as signatures and commenters have, and the address as last typed, to write to. They
follow topics (everything, a tag, a category, a campaign), each its own subscription, each
pending until its owner confirms it from their inbox. Leaving deletes the subscription: an
address that has left all its topics keeps no row here.

These are the records at the bottom of the app; nothing here imports a service or a view.
"""

from django.db import models
from django.utils import timezone


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, help_text="As last typed, to write to.")
    email_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="Keyed hash of the normalised address: one subscriber however it is spelt.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    # Nothing links to a subscriber from content.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Subscriber {self.pk}"


class Subscription(models.Model):
    """One topic one subscriber follows, at one frequency."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for email confirmation"
        CONFIRMED = "confirmed", "Confirmed"

    class Frequency(models.TextChoices):
        INSTANT = "instant", "As each story is published"
        WEEKLY = "weekly", "A weekly digest"

    class Kind(models.TextChoices):
        EVERYTHING = "all", "Every story"
        TAG = "tag", "A tag"
        CATEGORY = "category", "A category"
        CAMPAIGN = "campaign", "A campaign"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        "news.NewsCategory", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        "campaign.CampaignPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # "all", "tag:12", "category:3" or "campaign:45": what the fan-out looks subscriptions up
    # by, and what keeps one subscription per topic per subscriber.
    topic_key = models.CharField(max_length=40, editable=False)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    consent_version = models.CharField(
        max_length=16, help_text="Fingerprint of the consent wording the subscriber saw."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "topic_key"], name="one_subscription_per_topic"
            )
        ]
        indexes = [
            # The fan-out: confirmed subscriptions to these topics, by subscriber.
            models.Index(fields=["topic_key", "status", "frequency", "subscriber"]),
            # The purge of unconfirmed subscriptions.
            models.Index(fields=["status", "created_at"]),
        ]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def email(self):
        return self.subscriber.email

    @property
    def topic_label(self):
        """What this follows, in words (select_related the tag, category and campaign)."""
        if self.kind == self.Kind.TAG and self.tag_id:
            return f"Stories tagged “{self.tag.name}”"
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return f"Stories in “{self.category.name}”"
        if self.kind == self.Kind.CAMPAIGN and self.campaign_id:
            return f"News of the campaign “{self.campaign.title}”"
        return "Every story"


class Alert(models.Model):
    """One email to many: a story's first publication, or an update on a petition.

    The fan-out walks subscribers in order of their id and keeps its place in `cursor`, so a
    task that runs again picks up where the last batch ended; each email is claimed once in
    the outbox (outbox/deliveries.py), so a batch run twice sends nobody a second copy."""

    class Kind(models.TextChoices):
        STORY = "story", "Story"
        PETITION_UPDATE = "update", "Petition update"

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        HELD = "held", "Held by the editor"
        CANCELLED = "cancelled", "Not sent: unpublished before it went"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    story = models.OneToOneField(
        "news.NewsPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    petition_update = models.OneToOneField(
        "campaign.PetitionUpdate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(max_length=255)
    topic_keys = models.JSONField(default=list, help_text="The topics whose followers hear.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    # Where the fan-out has reached: subscribers up to this id are done, then signers (of a
    # petition update) up to `signer_cursor`.
    cursor = models.BigIntegerField(default=0)
    signer_cursor = models.BigIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "email alert"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
