"""The rules as moderators set them: bans, and the word lists the civility screen uses.

The choices for a policy rule, a list entry's action and its aim come from the civility
screen's own enums (comments/screen_choices.py), so the database stores the values the screen
reads back when the lists are loaded (comments/screening.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from comments.civility import Action, Aim
from comments.screen_choices import ACTION_CHOICES, AIM_CHOICES, RULE_CHOICES


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
