"""Logs and error reports keep no query string, no token, no value a visitor sent.

Django logs the path of every 4xx and 5xx answer, and its error reports show the whole request;
a confirmation or unsubscribe link in a path is a live secret, and an admin search for a
supporter's address sits in the query string.
"""

import logging
import sys

import pytest
from django.test import Client, RequestFactory
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter

from core.error_reports import PrivateExceptionReporter
from core.log_privacy import private_arg
from tests.factories import PetitionPageFactory

EMAIL = "jane.doe@example.org"
SIGNED = "41:1uAbCd:Zx9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk"
WRAPPED = "eyJzaWduYXR1cmUiOjQxfQ6MXVBYkNkOlp4OVF3M0VyNVR5N1VpOU9w"
SECRETS = [EMAIL, "jane.doe%40example.org", SIGNED, WRAPPED, "1uAbCd", "Zx9Qw3"]


def leaked(text):
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.django_db
def test_a_broken_confirmation_link_is_logged_without_its_token(client, home, caplog):
    caplog.set_level(logging.INFO)
    assert client.get(f"/comments/confirm/{SIGNED}/").status_code == 400
    assert client.get(f"/comments/unsubscribe/{SIGNED}/?email={EMAIL}").status_code == 400
    assert "Bad Request: /comments/confirm/[token]/" in caplog.text
    assert "Bad Request: /comments/unsubscribe/[token]/" in caplog.text
    assert leaked(caplog.text) == []


@pytest.mark.django_db
def test_a_refused_post_to_a_confirmation_link_is_logged_without_its_token(campaign, caplog):
    """The CSRF check logs the path of what it refuses."""
    petition = PetitionPageFactory(parent=campaign)
    caplog.set_level(logging.INFO)
    response = Client(enforce_csrf_checks=True).post(f"{petition.url}confirm/{WRAPPED}/")
    assert response.status_code == 403
    assert f"{petition.url}confirm/[token]/" in caplog.text
    assert leaked(caplog.text) == []


def test_any_logger_gets_private_paths(caplog):
    caplog.set_level(logging.INFO)
    log = logging.getLogger("anything.at.all")
    log.warning("Database unavailable for %s %s", "GET", f"/comments/confirm/{SIGNED}/")
    log.info('"%s" %s %s', f"GET /admin/signatures/?q={EMAIL} HTTP/1.1", 200, 12)
    log.info("Referred from %s", f"https://example.org/p/confirm/{WRAPPED}/?q={EMAIL}")
    assert "GET /comments/confirm/[token]/" in caplog.text
    assert '"GET /admin/signatures/ HTTP/1.1" 200 12' in caplog.text
    assert "https://example.org/p/confirm/[token]/" in caplog.text
    assert leaked(caplog.text) == []


@pytest.mark.parametrize("value", ["Amara", 404, None, "GET is a word", "a/b/c"])
def test_other_log_arguments_are_left_alone(value):
    assert private_arg(value) == value


def failing_request():
    """A manager's export with a supporter's address in the search box, signed in."""
    request = RequestFactory().get(
        f"/comments/confirm/{SIGNED}/",
        {"export": "csv", "q": EMAIL},
        HTTP_REFERER=f"https://example.org/p/confirm/{WRAPPED}/",
        HTTP_COOKIE="sessionid=abc123session; csrftoken=xyz",
    )
    request.COOKIES = {"sessionid": "abc123session"}
    return request


def report(reporter_class):
    request = failing_request()

    def view(request, email, token):
        raise RuntimeError("the view failed")

    try:
        view(request, EMAIL, SIGNED)
    except RuntimeError:
        reporter = reporter_class(request, *sys.exc_info(), is_email=True)
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_djangos_own_error_report_would_leak_all_of_it(settings):
    """Why the private reporter exists (DEBUG is off, as in production)."""
    settings.DEBUG = False
    text = report(ExceptionReporter)
    assert EMAIL in text and SIGNED in text


def test_the_private_error_report_keeps_the_fault_and_none_of_the_request(settings):
    settings.DEBUG = False
    text = report(PrivateExceptionReporter)
    assert "RuntimeError" in text and "the view failed" in text
    assert "/comments/confirm/[token]/" in text
    assert 'raise RuntimeError("the view failed")' in text  # where it failed is still there
    assert leaked(text) == [] and "abc123session" not in text


def test_admins_mail_carries_the_private_report(settings, mailoutbox):
    settings.DEBUG = False
    settings.ADMINS = [("Ops", "ops@example.org")]
    handler = AdminEmailHandler(reporter_class="core.error_reports.PrivateExceptionReporter")
    request = failing_request()
    try:
        raise RuntimeError("the view failed")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (request.path,),
            sys.exc_info(),
        )
    record.request = request
    handler.emit(record)
    (message,) = mailoutbox
    assert "Internal Server Error: /comments/confirm/[token]/" in message.subject
    assert leaked(message.subject + message.body) == []


def test_the_site_reports_errors_privately():
    from django.views.debug import get_exception_reporter_class

    from core.error_reports import PrivateExceptionReporter

    assert get_exception_reporter_class(None) is PrivateExceptionReporter
