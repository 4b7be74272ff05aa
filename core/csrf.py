"""Cross-site protection for the public forms that live on cached pages, without a token.

A page served from the shared cache is the same for every visitor, so it cannot carry a CSRF
token, and without JavaScript nothing adds one: Django's token check would refuse the first
post of every such form. For those forms only (signing a petition, posting a comment) the
token check is replaced by the check browsers make possible without one: the request must
come from a page of this site.

- `Sec-Fetch-Site: same-origin` (every current browser sends it) is accepted;
- otherwise the `Origin` header (sent with every POST since 2019) must be this site's origin,
  scheme included, or one listed in CSRF_TRUSTED_ORIGINS; "null" (a sandboxed frame, a
  redirect from elsewhere) is not;
- with no `Origin`, the `Referer` must be on this site;
- with none of the three the post is refused. No browser in use sends none of them, but an
  old one whose Referer a hostile page suppressed would: that is the case to refuse. A program
  can forge all three, so accepting them would protect nothing; programs have the JSON API.

Why this is enough on these two forms: a cross-site post could only do what a stranger can
do from their own machine (sign or comment with an address they then cannot confirm), but
through the browsers of everyone who visits a hostile page, from their addresses, past the
per-address rate limits. Refusing posts from other sites keeps that out, as the token did.
Everything else keeps Django's token check.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_callable
from django.utils.http import is_same_domain

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
REFUSED = "The form was not sent from a page of this site."


def origin_of(url):
    """The origin (scheme://host[:port]) of a URL, or None if it has no scheme or host."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_trusted_origin(request, origin):
    """This site's own origin (as the request reached us), or one the settings trust."""
    if not origin or origin == "null":
        return False
    if origin == f"{request.scheme}://{request.get_host()}".lower():
        return True
    scheme, _, host = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted_scheme, _, trusted_host = trusted.lower().partition("://")
        if scheme == trusted_scheme and is_same_domain(host, trusted_host.lstrip("*")):
            return True
    return False


def comes_from_this_site(request):
    """Whether the browser says this request was sent by a page of this site."""
    if request.headers.get("Sec-Fetch-Site") == "same-origin":
        return True
    if "Origin" in request.headers:
        return is_trusted_origin(request, request.headers["Origin"].lower())
    return is_trusted_origin(request, origin_of(request.headers.get("Referer", "")))


def refuse(request, reason=REFUSED):
    """The site's CSRF failure page, as Django's own check would show it."""
    return get_callable(settings.CSRF_FAILURE_VIEW)(request, reason=reason)


def same_origin_post(view):
    """Accept a POST to `view` without a CSRF token if it comes from a page of this site,
    and refuse it otherwise. For a view function or a routable page's route method.

    The test client's "do not enforce CSRF checks" flag is honoured, as Django does."""

    @wraps(view)
    def checked(*args, **kwargs):
        request = next(arg for arg in args if isinstance(arg, HttpRequest))
        if (
            request.method not in SAFE_METHODS
            and not getattr(request, "_dont_enforce_csrf_checks", False)
            and not comes_from_this_site(request)
        ):
            return refuse(request)
        return view(*args, **kwargs)

    checked.csrf_exempt = True
    return checked


class PageRouteCsrfExemptMiddleware:
    """Lets Django's CSRF middleware honour `csrf_exempt` on a Wagtail page's route. Goes just
    before it.

    For a page, the view Django sees is Wagtail's `serve`, whatever route of the page answers;
    the route is only known once Wagtail has routed the request. Routing here costs nothing
    extra: Wagtail keeps the result on the request for `serve`. An exempt route is marked as
    Django's middleware marks a request it has already checked, so it passes on to the route,
    which (through `same_origin_post`) makes its own check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if request.method not in SAFE_METHODS and route_is_csrf_exempt(
            request, callback, callback_args
        ):
            request.csrf_processing_done = True


def route_is_csrf_exempt(request, callback, callback_args):
    # Imported here: page models import this module (same_origin_post) while the app
    # registry is loading, and wagtail.views cannot be imported until it has loaded.
    from wagtail.models import Page
    from wagtail.views import serve

    if callback is not serve or not callback_args:
        return False
    route = Page.route_for_request(request, callback_args[0])
    if route is None:
        return False
    _page, args, _kwargs = route
    # A routable page's route is (view, args, kwargs); a plain page has no view here.
    return bool(args) and getattr(args[0], "csrf_exempt", False) is True
