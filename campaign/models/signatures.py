"""Signatures: the least we need to count a supporter once and email them once.

We keep the name and country a petition is delivered with, the address to confirm it, an
opt-in with the wording's version, and a keyed hash of the IP address for rate limits and
fraud checks only. No raw IP, no user agent. The person is found by one keyed hash of their
normalised address (core/identity.py), not by a second readable copy of it. Erasure and
purging blank the personal fields and keep the row, so counts never change.

These are the records at the bottom of the app: nothing here imports a service, a view or a
page model (the petition is named by its label, "campaign.PetitionPage").
"""

from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField

from campaign.visible_text import strip_invisible


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Signature.Status.CONFIRMED)

    def with_personal_data(self):
        return self.filter(anonymised_at__isnull=True)


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for email confirmation"
        CONFIRMED = "confirmed", "Confirmed"

    petition = models.ForeignKey(
        "campaign.PetitionPage", on_delete=models.CASCADE, related_name="signatures"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, help_text="As typed, to send the confirmation.")
    email_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="Keyed hash of the normalised address: one person, however they spell it. "
        "An erased row holds a placeholder instead.",
    )
    country = CountryField(blank_label="Choose your country")
    postcode = models.CharField(max_length=16, blank=True)
    opt_in = models.BooleanField(
        "hear more from the campaign", default=False, help_text="Ticked by the supporter."
    )
    consent_version = models.CharField(
        max_length=16, blank=True, help_text="Which wording of the opt-in the supporter saw."
    )
    show_publicly = models.BooleanField(
        "show first name and country", default=False, help_text="Ticked by the supporter."
    )
    name_passed_screen = models.BooleanField(
        "first name fit to show",
        default=False,
        editable=False,
        help_text="Set when the signature is confirmed: the first name is shaped like a name "
        "and passed the civility screen.",
    )
    name_hidden = models.BooleanField(
        "name hidden by a manager",
        default=False,
        help_text="A campaign manager took this name off the public list.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    # Nothing links to a signature from content; indexing each one would queue a task per sign.
    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            # One signature per person per petition, enforced by the database so two identical
            # requests arriving together still store one row. The hash leads, so the same index
            # finds a person's signatures on every petition (erasure, the email floor).
            models.UniqueConstraint(
                fields=["email_hash", "petition"], name="one_signature_per_person"
            )
        ]
        indexes = [models.Index(fields=["petition", "status", "confirmed_at"])]
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.first_name} {self.last_name[:1]}. ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def public_first_name(self):
        """The first name as the public list shows it: stripped again of invisible and
        direction-changing characters, in case it was stored before they were."""
        return strip_invisible(self.first_name)


class SignatureCountShard(models.Model):
    """One of several counters whose sum is a petition's confirmed count.

    Confirmations add 1 to a random shard, so hundreds of supporters confirming at once wait on
    different rows instead of queueing for one (the "hot row" e-petitions met in 2019). The sum
    is exact: a shard only moves in the transaction that confirms a signature.
    """

    petition = models.ForeignKey(
        "campaign.PetitionPage", on_delete=models.CASCADE, related_name="count_shards"
    )
    shard = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "shard"], name="one_row_per_shard")
        ]

    def __str__(self):
        return f"shard {self.shard}: {self.count}"


class BlockedEmailDomain(models.Model):
    """A domain whose addresses may not sign, such as a disposable-email service. Which
    addresses it refuses, and the cached list signing reads: campaign/blocked_domains.py."""

    domain = models.CharField(
        max_length=253,
        unique=True,
        help_text="e.g. mailinator.com. Subdomains are blocked too.",
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@").rstrip(".")
        super().save(*args, **kwargs)
