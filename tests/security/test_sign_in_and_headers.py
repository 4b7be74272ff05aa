"""Staff sign-in (lockout, password rules, session length) and the security headers."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_pause_sign_in_even_with_the_right_one(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong guess").status_code == 200  # the form, with its error
    assert sign_in(client, "wrong guess").status_code == 429  # the fifth failure locks
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_address_so_an_attacker_cannot_lock_an_editor_out(client, editor):
    for _ in range(5):
        sign_in(client, "wrong guess", address="198.51.100.66")
    response = sign_in(client, PASSWORD, address="203.0.113.7")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)


def test_a_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 302


def test_no_table_keeps_addresses_of_failed_sign_ins(client, editor):
    from django.apps import apps

    for _ in range(3):
        sign_in(client, "wrong guess")
    # The cache handler keeps counts in the cache only; axes' tables are not even installed.
    assert not apps.is_installed("axes") or not any(
        model._meta.db_table.startswith("axes_") and model.objects.exists()
        for model in apps.get_app_config("axes").get_models()
    )


@pytest.mark.parametrize("weak", ["short1!", "password1234", "123456789012", "editor.example.org"])
def test_weak_staff_passwords_are_refused(editor, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=editor)


def test_a_long_unusual_password_is_accepted(editor):
    validate_password("harbour lanterns at dusk 7", user=editor)


def test_sessions_last_a_working_day_and_cookies_are_http_only(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "remember": "on"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 12 * 3600


def test_public_pages_carry_a_strict_content_security_policy(client, home):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy  # no inline scripts, no other hosts
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-eval" not in policy


def test_the_admin_has_its_own_policy(client, editor):
    policy = client.get(LOGIN).headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_CONTENT_TYPE_NOSNIFF=True,
    SECURE_REFERRER_POLICY="strict-origin-when-cross-origin",
    X_FRAME_OPTIONS="DENY",
)
def test_security_headers_as_production_sends_them(client, home):
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_settings_ask_for_every_header_and_secure_cookie():
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY,"
        " s.X_FRAME_OPTIONS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "campaigns.example.org",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == [
        "31536000",
        "True",
        "strict-origin-when-cross-origin",
        "DENY",
        "True",
        "True",
        "True",
        "Lax",
    ], result.stderr
