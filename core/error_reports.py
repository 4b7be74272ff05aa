"""Error reports (mail to ADMINS, anything using Django's reporter) without personal data.

Django's report of a server error shows the request as it came: the URL with its query string
(an admin search for a supporter's address), the path (a live confirmation or unsubscribe
token), every GET value and cookie value (the session cookie signs a manager in), the Referer,
and the value of every local variable in every frame, where the request itself prints as
"<WSGIRequest: GET '/admin/signatures/?q=jane@example.org'>" and a view's `email`, `token` or
`payload` sit in plain text. The report on its way to an inbox or a tracker is the wrong place
for any of it.

This reporter keeps what finds the fault (exception, file, function, line and code of each
frame, method, private path, header names, settings as the filter allows) and replaces every
value that came from a visitor with Django's "********************". It applies only when
Django's filter is active (DEBUG off); the development error page is unchanged.

The filter the reporter uses hides visitors' addresses (REMOTE_ADDR, X-Forwarded-For) among
the request's headers and settings, as well as Django's usual secrets.

Settings: DEFAULT_EXCEPTION_REPORTER = "core.error_reports.PrivateExceptionReporter" and
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.error_reports.PrivateExceptionReporterFilter".
"""

import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from core.private_paths import private_path, private_url

# Request variables whose names contain these carry what a visitor sent: never written.
SECRET_META = ("QUERY", "COOKIE", "AUTHORIZATION")
# And these carry a URL (PATH_INFO, RAW_URI, REQUEST_URI, SCRIPT_URL, HTTP_REFERER, ...):
# written as private URLs.
URL_META = ("PATH_INFO", "URI", "URL", "REFERER", "ORIGIN")


class ReportedRequest:
    """What the report templates read from a request, with its path made private."""

    def __init__(self, request):
        self.path_info = private_path(request.path_info)
        self.META = {"REQUEST_METHOD": request.META.get("REQUEST_METHOD", "")}
        # Only tested for emptiness by the templates: the items shown are the cleansed ones.
        self.GET = request.GET
        self.FILES = request.FILES
        self.COOKIES = request.COOKIES


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (mail to ADMINS, error trackers using Django's filter) hide visitors'
    addresses as well as Django's usual secrets; POSTed personal fields are hidden by
    `sensitive_post_parameters` on the views that take them."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|REMOTE_ADDR|FORWARDED|REAL_IP",
        flags=re.IGNORECASE,
    )


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if not self.filter.is_active(self.request):
            return data
        hidden = self.filter.cleansed_substitute
        for frame in data.get("frames", []):
            if "vars" in frame:
                frame["vars"] = [(name, hidden) for name, _value in frame["vars"]]
        if self.request is not None:
            data["request"] = ReportedRequest(self.request)
            data["request_insecure_uri"] = private_url(data["request_insecure_uri"])
            data["request_GET_items"] = [(key, hidden) for key in self.request.GET]
            data["request_COOKIES_items"] = [(key, hidden) for key in self.request.COOKIES]
            data["request_meta"] = self._private_meta(data["request_meta"], hidden)
        return data

    @staticmethod
    def _private_meta(meta, hidden):
        private = dict(meta)
        for key, value in meta.items():
            if any(word in key for word in SECRET_META):
                private[key] = hidden
            elif any(word in key for word in URL_META) and isinstance(value, str):
                private[key] = private_url(value)
        return private
