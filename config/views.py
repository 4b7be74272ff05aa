"""Site-wide views: a CSRF failure page that loses nothing a visitor typed."""

from django.template.response import TemplateResponse
from django.views.csrf import csrf_failure as django_csrf_failure

SKIPPED_FIELDS = {"csrfmiddlewaretoken", "website"}


def csrf_failure(request, reason=""):
    """Forms on cached pages carry no token until a script adds one. Without JavaScript (or
    with a stale page) the token check fails; rather than a bare 403, show what the visitor
    sent and a button that sends the same thing again, now with a fresh token.

    The admin keeps Django's own page: its forms always carry a token.
    """
    if request.method != "POST" or request.path.startswith("/admin/"):
        return django_csrf_failure(request, reason)
    fields = [
        (name, name.replace("_", " ").capitalize(), value)
        for name, values in request.POST.lists()
        if name not in SKIPPED_FIELDS
        for value in values
    ]
    return TemplateResponse(
        request, "csrf_failure.html", {"fields": fields, "action": request.path}, status=403
    )
