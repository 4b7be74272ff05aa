"""Records that make background work safe to retry and visible when it fails."""

from django.db import models


class TaskFailure(models.Model):
    """One piece of background work that has failed at least once: its retries share a row.

    Only the exception's class and a message with email addresses removed are kept, so staff
    can see what went wrong without seeing whom it was for.
    """

    class State(models.TextChoices):
        RETRYING = "retrying", "Will retry"
        FAILED = "failed", "Gave up"
        RECOVERED = "recovered", "Succeeded on retry"

    key = models.CharField(max_length=64, unique=True, editable=False)
    task_name = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RETRYING)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=0)
    error_class = models.CharField(max_length=200, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    first_failed_at = models.DateTimeField()
    last_failed_at = models.DateTimeField(db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_failed_at"]
        verbose_name = "failed background task"

    def __str__(self):
        return f"{self.task_name} ({self.get_state_display()}, {self.attempts} attempts)"


class EmailDelivery(models.Model):
    """The claim and the receipt for one email, so a task that runs again sends it once.

    `key` names one email for one purpose (never an address). A row with `sent_at` set is
    final; a row with only `claimed_at` is an email some worker was sending when last seen.
    """

    key = models.CharField(max_length=200, unique=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "email deliveries"

    def __str__(self):
        return self.key
