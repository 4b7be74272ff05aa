"""The test suite: fast hashing, emails kept in memory, tasks run immediately."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Uploaded files go to a fresh folder per run, on disk, because the live server that the
# browser tests use serves media from MEDIA_ROOT.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="campaign-test-media-"))
# Tests sign and comment again at once and expect the email again; tests/faults sets the floor.
EMAIL_REPEAT_FLOOR_SECONDS = 0
