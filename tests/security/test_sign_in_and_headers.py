"""Staff sign-in (lockout, password rules, session length) and the security headers."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.csp_policy import directives

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


def test_guesses_from_eight_addresses_of_one_ipv6_64_are_paused(client, editor):
    # One household's or one phone's /64 holds 2^64 addresses: each guess can come from a new one.
    for host in range(1, 9):
        response = sign_in(client, "wrong guess", address=f"2001:db8:7:7::{host:x}")
    assert response.status_code == 429
    assert sign_in(client, PASSWORD, address="2001:db8:7:7::99").status_code == 429
    assert "_auth_user_id" not in client.session


def test_guesses_at_one_account_from_many_networks_pause_that_account(client, editor):
    networks = ["198.51.100.1", "203.0.113.9", "2001:db8:1::1", "2001:db8:2::1", "192.0.2.4"]
    for address in networks:
        sign_in(client, "wrong guess", address=address)
    # The editor's own connection has never failed, but the account has, five times.
    locked = sign_in(client, PASSWORD, address="192.0.2.200")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()


def test_one_network_trying_many_accounts_is_paused(client, django_user_model, editor):
    for name in ["alice", "bob", "carol", "dan", "erin"]:
        django_user_model.objects.create_user(name, f"{name}@example.org", PASSWORD)
        response = client.post(
            LOGIN, {"username": name, "password": "Winter2025!"}, REMOTE_ADDR="198.51.100.66"
        )
    assert response.status_code == 429
    # Every account is paused for that network, even with the right password...
    assert sign_in(client, PASSWORD, address="198.51.100.66").status_code == 429
    # ...but not for an editor elsewhere: one failure each is far below the limit.
    assert sign_in(client, PASSWORD, address="203.0.113.7").status_code == 302


def test_a_paused_network_cannot_go_on_to_pause_other_accounts(client, editor, settings):
    """Why a network-wide count does not let one attacker lock everyone out: once their
    network is paused, its attempts are refused without being counted against anyone."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "someone", "password": "x"}, REMOTE_ADDR="198.51.100.66")
    for _ in range(3 * settings.AXES_FAILURE_LIMIT):
        assert sign_in(client, "wrong guess", address="198.51.100.66").status_code == 429
    assert sign_in(client, PASSWORD, address="203.0.113.7").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 302


def test_signing_in_with_one_account_does_not_wipe_guesses_at_another(
    client, django_user_model, editor
):
    """axes' own reset on success clears every count for the address: a guesser with one
    working account could then sign in between guesses and guess for ever."""
    django_user_model.objects.create_user("insider", "insider@example.org", PASSWORD + "!")
    for _ in range(2):
        sign_in(client, "wrong guess", address="198.51.100.66")
        sign_in(client, "wrong guess", address="198.51.100.66")
        own = client.post(
            LOGIN,
            {"username": "insider", "password": PASSWORD + "!"},
            REMOTE_ADDR="198.51.100.66",
        )
        assert own.status_code == 302
        client.logout()
    assert sign_in(client, "wrong guess", address="198.51.100.66").status_code == 429


def test_a_failed_sign_in_shows_the_form_again_with_the_name_typed(client, editor):
    response = sign_in(client, "wrong guess")
    assert response.status_code == 200
    assert 'value="editor"' in response.content.decode()


def test_sign_in_failures_are_kept_as_hashes_only(client, editor):
    from axes.models import AccessAttempt, AccessLog

    for _ in range(3):
        client.post(
            f"{LOGIN}?next=/admin/pages/",
            {"username": "editor", "password": "hunter2 hunter2", "note": "typed by mistake"},
            REMOTE_ADDR="2001:db8:5:6::7",
            HTTP_USER_AGENT="Mozilla/5.0 (an editor's browser)",
        )
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 3
    assert "editor" not in attempt.username and len(attempt.username) == 64
    assert "2001:db8" not in attempt.ip_address and attempt.ip_address.startswith("fd")
    assert attempt.user_agent == attempt.http_accept == ""
    # axes separates repeated attempts with dashes; nothing else is there.
    assert attempt.get_data.strip("-\n") == attempt.post_data.strip("-\n") == ""
    assert sign_in(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists(), "a sign-in clears the account's failures"
    assert not AccessLog.objects.exists(), "no log of who signed in from where"


def test_sign_in_costs_a_bounded_number_of_queries(client, editor, django_assert_max_num_queries):
    """The price of counting in the database rather than Redis (docs/operations.md, "Staff
    sign-in")."""
    sign_in(client, "wrong guess")
    with django_assert_max_num_queries(14):
        assert sign_in(client, "wrong guess").status_code == 200
    with django_assert_max_num_queries(20):
        assert sign_in(client, PASSWORD).status_code == 302


def test_an_editor_can_be_let_back_in_by_name(client, editor):
    from django.core.management import call_command

    for _ in range(5):
        sign_in(client, "wrong guess", address="198.51.100.66")
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("unlock_sign_in", "Editor")
    assert sign_in(client, PASSWORD).status_code == 302


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
    parsed = directives(policy)
    assert parsed["script-src"] == ["'self'"]  # no inline scripts, no other hosts
    assert parsed["frame-ancestors"] == ["'none'"]
    assert parsed["object-src"] == ["'none'"]
    assert "unsafe-eval" not in policy


def test_the_admin_has_its_own_policy(client, editor):
    parsed = directives(client.get(LOGIN).headers["Content-Security-Policy"])
    assert parsed["script-src"] == ["'self'", "'unsafe-inline'"]
    assert parsed["frame-ancestors"] == ["'self'"]


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
