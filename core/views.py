"""Site-wide views: the page for a form that could not be accepted."""

from urllib.parse import urlsplit

from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.csrf import csrf_failure as django_csrf_failure


def csrf_failure(request, reason=""):
    """A form refused by Django's token check or by the same-origin check (core/csrf.py).

    The page shows nothing that was posted: a post that fails here may come from another
    site, and repeating its text on our domain would lend that site our name (a phishing
    page with our address bar). It says what happened and links back. The admin keeps
    Django's own page."""
    if request.path.startswith("/admin/"):
        return django_csrf_failure(request, reason)
    return TemplateResponse(
        request, "csrf_failure.html", {"back_url": back_url(request)}, status=403
    )


def back_url(request):
    """The page of this site the form was on, if the browser says so; else the home page.
    Only the path: nothing from another site, and no query string."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return urlsplit(referer).path or "/"
    return "/"
