"""A clear 400 for addresses no view can read, before any view tries.

Two kinds, both refused for every page, feed, API endpoint and admin screen at once:

- A NUL character (%00) in the path or anywhere in the query string. PostgreSQL cannot hold
  NUL in text, so every view that passes a parameter on to a query (the news search,
  Wagtail's API filters and search, the admin's search boxes) failed with a 500 on it, and
  SQLite's full-text search read it as a broken query and answered "database down". No
  person types NUL into an address; a browser never sends one.
- An API `offset` larger than any listing here can have. Wagtail's API passed it straight to
  the database, which cannot skip more than 2^63 rows: a 500.

Form bodies are not checked here: Django's form fields refuse NUL themselves, with a message
beside the field and everything else the person typed still in the form, which a 400 page
would lose. The JSON API refuses NUL in its bodies the same way (a 422 naming the field).
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from core.typed_numbers import MAX_ID, whole_number

# No listing on this site holds more rows than there can be ids (two thousand million): an
# offset beyond that can only be a mistake or a probe.
MAX_OFFSET = MAX_ID
OFFSET_PARAMETERS = ("offset",)
API_PREFIX = "/api/"


def nul_in_query(request):
    """The name of the first query parameter with a NUL in its name or value, or None."""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name
    return None


def offset_too_large(request):
    """The name of an API offset beyond MAX_OFFSET, or None. Anything that is not a plain
    number is left to the API, which answers it with its own 422."""
    for name in OFFSET_PARAMETERS:
        for value in request.GET.getlist(name):
            number = whole_number(value.strip())  # None for anything but ASCII digits
            if number is not None and number > MAX_OFFSET:
                return name
    return None


def problem(request):
    """(what is wrong, the parameter at fault or None), or None if nothing is."""
    if "\x00" in request.path:
        return "The address contains a NUL character (%00), which no address here has.", None
    if (name := nul_in_query(request)) is not None:
        return "A query parameter contains a NUL character (%00), which is not allowed.", name
    if request.path.startswith(API_PREFIX) and (name := offset_too_large(request)):
        return f"The offset cannot be higher than {MAX_OFFSET:,}.", name
    return None


def bad_request(request, message, parameter):
    if request.path.startswith(API_PREFIX):
        error = {"code": "bad_request", "message": message}
        if parameter is not None:
            # For programs, shortened and without the NUL; never shown on a page.
            error["fields"] = [parameter.replace("\x00", "")[:100]]
        response = JsonResponse(
            {"error": error}, status=400, content_type="application/json; charset=utf-8"
        )
    else:
        # Nothing from the address is repeated on the page: on our domain it could be made to
        # say anything. Rendered without the request: no context processor, no database.
        html = render_to_string("bad_address.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(html, status=400)
    response["Cache-Control"] = "no-store"
    return response


class QueryGuardMiddleware:
    """Early in MIDDLEWARE: before sessions, the page cache and every view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = problem(request)
        if found is not None:
            return bad_request(request, *found)
        return self.get_response(request)
