"""A plain 503 with Retry-After when the database cannot be reached, instead of a 500.

Two ways in, because Django turns an exception into a response at every middleware layer:
the middleware's `process_exception` catches what views raise (most cases), and `server_error`,
installed as handler500, catches what middleware raises (a session read, say). Both answer
without touching the database: the page is a static template rendered without a request, so
no context processor runs; the API gets its usual JSON error shape.

OperationalError and InterfaceError are what Django raises when it cannot connect or the
connection drops (also for a deadlock or a locked SQLite file): all transient, all worth
"try again shortly". Every other error keeps Django's 500 page.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = "The service cannot reach its database just now. Nothing was saved; try again shortly."


def retry_after():
    return settings.DB_UNAVAILABLE_RETRY_AFTER


def unavailable_response(request, error):
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": {"code": "unavailable", "message": MESSAGE}}, status=503)
    else:
        html = render_to_string("503.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Last in MIDDLEWARE, so its process_exception sees a view's exception first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return unavailable_response(request, exception)
        return None


def server_error(request):
    """handler500: the 503 page for a database error raised outside a view, else Django's."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return unavailable_response(request, error)
    return defaults.server_error(request)
