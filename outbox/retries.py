"""Background tasks that retry with exponential back-off and leave a trace staff can read.

django-tasks (0.12) and its database backend (0.13) run a task once: an exception marks the
result FAILED and nothing runs it again. `retrying_task` adds the rest. When the task raises,
it is enqueued again with `run_after` set (1 minute, then 5, 25, 125: `BASE_DELAY * FACTOR **
(n - 1)`), up to `max_attempts`; every failure updates one `TaskFailure` row per piece of work,
which the admin lists. A worker killed mid-task counts too: the database backend records each
worker that claims a result, so a result re-queued after a crash (see `requeue_stale_tasks`)
starts at attempt 2.

The task function gets an `Attempt` first: its `number`, and a `key` that is the same for every
attempt at one piece of work (the first task result's id), to make side effects idempotent
(see outbox/deliveries.py). Callers enqueue as usual: `send_thing.enqueue(42)`.

A backend that cannot defer (the immediate backend of development and tests) does not retry:
the first failure is recorded as final rather than retried at once inside the request.
"""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from outbox.models import TaskFailure

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BASE_DELAY = timedelta(minutes=1)
FACTOR = 5
RETRY_KWARG = "_retry"
EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]{}'\",;:]+@[^\s<>()\[\]{}'\",;:]+")


@dataclass(frozen=True)
class Attempt:
    number: int
    max_attempts: int
    key: str

    @property
    def is_last(self):
        return self.number >= self.max_attempts


class WorkerLost(Exception):
    """The task's earlier attempts ended with their worker's death, not with an error."""


class TaskAttemptFailed(Exception):
    """Stands in for the real error in the task result, whose traceback would keep the
    original message (an SMTP refusal names the recipient) in the database."""


def delay_before(attempt_number):
    """How long to wait after failed attempt `attempt_number` (1-based)."""
    return BASE_DELAY * FACTOR ** (attempt_number - 1)


def redacted(message):
    """An error message fit for staff: no email addresses, one line, bounded."""
    return " ".join(EMAIL_ADDRESS.sub("[address]", str(message)).split())[:500]


def error_class(error):
    return f"{type(error).__module__}.{type(error).__qualname__}"[:200]


def retrying_task(max_attempts=MAX_ATTEMPTS, **task_options):
    """Decorator: like `@task()`, with retries; the function's first argument is an Attempt."""

    def decorate(function):
        def run(context, *args, **kwargs):
            state = kwargs.pop(RETRY_KWARG, None) or {}
            result = context.task_result
            # Attempts before this task result, plus this result's own runs (more than one
            # when a worker died and the result was re-queued).
            number = state.get("prior", 0) + max(result.attempts, 1)
            attempt = Attempt(number, max_attempts, state.get("key") or str(result.id))
            try:
                if number > max_attempts:
                    # Only re-queued crashes get here: a task that kills its worker every time
                    # must stop somewhere too.
                    raise WorkerLost("the worker died during every attempt")
                value = function(attempt, *args, **kwargs)
            except Exception as error:
                retried = _retry_later(this_task, attempt, args, kwargs)
                _record_failure(this_task, attempt, error, retried)
                raise TaskAttemptFailed(
                    f"{error_class(error)}: {redacted(error)} (attempt {attempt.number} of "
                    f"{max_attempts}{', will retry' if retried else ''})"
                ) from None
            if attempt.number > 1:
                _record_recovery(attempt)
            return value

        # The task is found again by its import path, so it keeps the function's name.
        run.__name__ = function.__name__
        run.__qualname__ = function.__qualname__
        run.__module__ = function.__module__
        run.__doc__ = function.__doc__
        this_task = task(takes_context=True, **task_options)(run)
        return this_task

    return decorate


def _retry_later(this_task, attempt, args, kwargs):
    backend = this_task.get_backend()
    if attempt.is_last or not backend.supports_defer:
        return None
    when = timezone.now() + delay_before(attempt.number)
    state = {"key": attempt.key, "prior": attempt.number}
    this_task.using(run_after=when).enqueue(*args, **kwargs, **{RETRY_KWARG: state})
    return when


def _record_failure(this_task, attempt, error, next_attempt_at):
    now = timezone.now()
    values = {
        "task_name": this_task.module_path[:200],
        "state": TaskFailure.State.RETRYING if next_attempt_at else TaskFailure.State.FAILED,
        "attempts": attempt.number,
        "max_attempts": attempt.max_attempts,
        "error_class": error_class(error),
        "error_message": redacted(error),
        "last_failed_at": now,
        "next_attempt_at": next_attempt_at,
    }
    try:
        with transaction.atomic():
            TaskFailure.objects.update_or_create(
                key=attempt.key, defaults=values, create_defaults={**values, "first_failed_at": now}
            )
    except IntegrityError:
        TaskFailure.objects.filter(key=attempt.key).update(**values)
    log = logger.warning if next_attempt_at else logger.error
    log(
        "Task %s failed (attempt %s of %s): %s",
        values["task_name"],
        attempt.number,
        attempt.max_attempts,
        values["error_class"],
    )


def _record_recovery(attempt):
    TaskFailure.objects.filter(key=attempt.key).update(
        state=TaskFailure.State.RECOVERED, attempts=attempt.number, next_attempt_at=None
    )
