"""Readers' reports of published comments (Coral Talk's "Report"): which rule of the policy a
reader thinks a comment breaks, and an optional short note, for the moderators.

A report names nobody. `reporter_key` is a keyed hash (core/keyed_hash.py) of the comment and
the reporter's network, kept only so that one connection counts once per comment; nothing in
it can be read back to an address, and the retention purge (comments/reports.py,
`purge_old_reports`) blanks it, and deletes reports a moderator has dealt with, after
COMMENT_REPORT_RETENTION_DAYS.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from comments.screen_choices import RULE_CHOICES

REPORT_REASON_CHOICES = [
    *RULE_CHOICES,
    ("spam", "Spam or advertising"),
    ("other", "Something else that breaks the policy"),
]
NOTE_MAX_LENGTH = 500


class CommentReport(models.Model):
    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", "Dismissed: the comment stays up"
        REMOVED = "removed", "The comment was taken down"

    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=40, choices=REPORT_REASON_CHOICES)
    note = models.CharField(max_length=NOTE_MAX_LENGTH, blank=True)
    reporter_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator deals with the comment: an open report has none.
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"],
                condition=~Q(reporter_key=""),
                name="one_report_per_connection",
            )
        ]
        indexes = [models.Index(fields=["comment", "resolved_at"])]

    def __str__(self):
        return f"Report of comment {self.comment_id}: {self.get_reason_display()}"
