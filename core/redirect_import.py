"""Wagtail admin views that answer bad requests with a 500, wrapped to answer 400 instead.

Each wrapper keeps Wagtail's own permission check first, so who may reach the view is
unchanged; only a request Wagtail would crash on gets a plain "bad request".
"""

from django.http import HttpResponseBadRequest
from django.views.decorators.http import require_POST
from wagtail.contrib.redirects import views as redirect_views

REDIRECT_IMPORT_FIELDS = {"import_file_name", "input_format"}


@redirect_views.permission_checker.require_any("add")
@require_POST
def process_redirect_import(request):
    """Wagtail's import step raises KeyError when its signed hidden fields are missing or
    empty."""
    if not all(request.POST.get(field, "").strip() for field in REDIRECT_IMPORT_FIELDS):
        return HttpResponseBadRequest("Upload the redirects file again: the form was incomplete.")
    return redirect_views.process_import(request)
