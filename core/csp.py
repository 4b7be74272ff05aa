"""The Content Security Policy middleware, with the admin's own policy under its path.

django-csp sends one policy; Wagtail's admin needs inline scripts that the public site must never
allow, so requests under the admin path get CONTENT_SECURITY_POLICY_ADMIN instead.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        is_admin = request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX)
        if is_admin and not report_only and parts.config is None:
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN)
        return parts
