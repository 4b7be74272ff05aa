"""The project's own JSON API (django-ninja), beside Wagtail's page API at /api/v3/.

Each installed app that has an `api.py` with a `router` gets it mounted at /api/<app label>/,
so apps add endpoints without editing this file. Errors a person can cause come back as a 4xx
with a stable code: {"error": {"code": "rate_limited", "message": "..."}}.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

api = NinjaAPI(
    title="Campaign API",
    version="1",
    description="Petitions, signatures and comments. Errors carry a stable `error.code`.",
    urls_namespace="campaign_api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


class ApiError(Exception):
    """An error the caller can act on: a status, a stable machine code, a sentence for people."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_response(request, status, code, message, **extra):
    return api.create_response(
        request, {"error": {"code": code, "message": message, **extra}}, status=status
    )


@api.exception_handler(ApiError)
def handle_api_error(request, exc):
    return error_response(request, exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def handle_validation_error(request, exc):
    fields = sorted({".".join(str(p) for p in err.get("loc", [])[1:]) for err in exc.errors})
    return error_response(
        request, 422, "invalid", "Some fields are missing or not valid.", fields=fields
    )


@api.exception_handler(AuthenticationError)
def handle_authentication_error(request, exc):
    return error_response(request, 401, "unauthorised", "Sign in to do that.")


@api.exception_handler(HttpError)
def handle_http_error(request, exc):
    code = {400: "bad_request", 403: "forbidden", 404: "not_found"}.get(exc.status_code, "error")
    return error_response(request, exc.status_code, code, str(exc))


@api.get("/csrf/", include_in_schema=False)
def csrf_token(request, response: HttpResponse):
    """A token for this visitor, for forms on pages served from the shared cache. Asking for
    it makes the CSRF middleware set the matching cookie."""
    add_never_cache_headers(response)
    return {"token": get_token(request)}


_mounted = False


def mount_app_routers():
    """Add every installed app's `api.router` once (ninja refuses a router twice)."""
    global _mounted
    if _mounted:
        return
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.api"
        if app_config.name.startswith(("django.", "wagtail")) or not find_spec(module_name):
            continue
        module = import_module(module_name)
        if hasattr(module, "router"):
            api.add_router(f"/{app_config.label}/", module.router)
    _mounted = True
