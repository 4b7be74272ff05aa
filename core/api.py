"""The project's own JSON API (django-ninja), beside Wagtail's page API at /api/v3/.

Each installed app that has an `api.py` with a `router` gets it mounted at /api/<app label>/,
so apps add endpoints without editing this file. Errors a person can cause come back as a 4xx
with a stable code: {"error": {"code": "rate_limited", "message": "..."}}.
"""

import json
from importlib import import_module
from importlib.util import find_spec
from typing import Annotated

from django.apps import apps
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI, Path, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import Field

from core.refusals import Refusal
from core.typed_numbers import MAX_ID

# A path parameter naming a row: 422 for a number no row can have.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]


class JsonOnlyParser(Parser):
    """Bodies are JSON, sent as JSON: a form or text/plain body is refused with 415, not
    guessed at, and a body that is not UTF-8 JSON says so."""

    def parse_body(self, request):
        if request.content_type != "application/json" and not request.content_type.endswith(
            "+json"
        ):
            raise Refusal(
                415,
                "unsupported_media_type",
                "Send the body as JSON (Content-Type: application/json).",
            )
        try:
            return json.loads(request.body.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise Refusal(400, "bad_encoding", "The body is not valid UTF-8.") from error
        except json.JSONDecodeError as error:
            raise Refusal(
                400, "malformed_json", f"The body is not valid JSON: {error.msg} at {error.pos}."
            ) from error


api = NinjaAPI(
    title="Campaign API",
    version="1",
    description="Petitions, signatures and comments. Errors carry a stable `error.code`.",
    urls_namespace="campaign_api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
    parser=JsonOnlyParser(),
)


class ErrorDetail(Schema):
    code: str = Field(description="Stable, for programs: e.g. `rate_limited`, `invalid`.")
    message: str = Field(description="A sentence for people.")
    fields: list[str] | None = Field(None, description="For `invalid`: the fields at fault.")


class ErrorOut(Schema):
    error: ErrorDetail


def errors(*statuses):
    """Response declarations for the error statuses an operation can answer with. Every
    operation can answer 400: an address with a NUL in it, or an offset no database can
    skip, is refused before any view runs (core/query_guard.py)."""
    return dict.fromkeys(sorted({400, *statuses}), ErrorOut)


def error_response(request, status, code, message, **extra):
    return api.create_response(
        request, {"error": {"code": code, "message": message, **extra}}, status=status
    )


@api.exception_handler(Refusal)
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
    if isinstance(exc.__cause__, Refusal):
        # ninja wraps whatever the body parser raises; the parser's own answer is clearer.
        return handle_api_error(request, exc.__cause__)
    code = {400: "bad_request", 403: "forbidden", 404: "not_found"}.get(exc.status_code, "error")
    return error_response(request, exc.status_code, code, str(exc))


@api.exception_handler(Http404)
def handle_not_found(request, exc):
    return error_response(request, 404, "not_found", "Nothing here has this id.")


@api.exception_handler(RequestDataTooBig)
def handle_too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = f"The request body is too large: the limit is {limit:,} bytes."
    return error_response(request, 413, "too_large", message)


# Last of all routes: any other address under /api/ answers a JSON 404 like the rest of the
# API (Django's would be an HTML page), whatever the method.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def no_such_endpoint(request, rest: str):
    message = "No API endpoint has this address."
    if not request.path.endswith("/"):
        message += " Addresses end with a slash."
    raise Refusal(404, "not_found", message)


_mounted = False


def mount_app_routers():
    """Add every installed app's `api.router` once (ninja refuses a router twice).

    The one place core reaches the apps above it: by name (`<app>.api`, found among the
    installed apps), at run time, never by an import statement, so core still imports no app."""
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
    api.add_router("/", fallback)
    _mounted = True
