"""Settings for a `db_worker` started by tests/faults/test_worker_killed.py: the test suite's,
with the database queue, mail dropped into files the test counts, and DATABASE_URL and
TASK_STALE_SECONDS from the environment (read by base.py)."""

from config.settings.testing import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.faults.mail_backends.FileDropBackend"
