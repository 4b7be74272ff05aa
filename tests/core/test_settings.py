"""Settings come from the environment, and production refuses to start without its secrets."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def django_check(env_overrides, *args):
    unset = {
        "DJANGO_SECRET_KEY",
        "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = django_check(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_passes_the_deployment_checklist():
    result = django_check(
        {
            "DJANGO_SECRET_KEY": "k" * 30 + "Q9!zv" * 10,
            "ALLOWED_HOSTS": "campaigns.example.org",
            "WAGTAILADMIN_BASE_URL": "https://campaigns.example.org",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checklist_reports_an_admin_base_url_left_at_its_default():
    """Wagtail's own emails (password resets, moderation) link from WAGTAILADMIN_BASE_URL."""
    env = {"DJANGO_SECRET_KEY": "k" * 30 + "Q9!zv" * 10, "ALLOWED_HOSTS": "campaigns.example.org"}
    result = django_check(env, "--deploy")
    assert "site.W004" in result.stderr and "127.0.0.1:8000" in result.stderr


def test_cache_follows_redis_url():
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    assert settings.CACHES["default"]["BACKEND"].endswith(expected)


def test_database_follows_database_url():
    vendor = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    )
    assert settings.DATABASES["default"]["ENGINE"].endswith(vendor)


def test_tests_keep_email_in_memory():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
