"""Site-wide addresses that are not pages: health check, the JSON API, robots.txt and the
sitemap, and two guards on Wagtail's admin URLs. config/urls.py includes these by name."""

from django.http import Http404, HttpResponse
from django.urls import path
from django.views.generic import TemplateView
from wagtail.api.v3.urls import api as wagtail_api
from wagtail.contrib.sitemaps.views import sitemap

from core.api import api as campaign_api
from core.api import mount_app_routers
from core.redirect_import import process_redirect_import

mount_app_routers()


def healthz(request):
    """For load balancers: the app server answers, through every middleware, without the DB."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request):
    raise Http404


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # config/urls.py puts these before Wagtail's admin URLs, so they take their place.
    # Wagtail's deliberate crash for testing error reports answers anyone, signed in or not;
    # nobody outside should be able to fill the error reports.
    path("admin/failwhale/", not_found, name="wagtailadmin_error_test_disabled"),
    path(
        "admin/redirects/import/process/",
        process_redirect_import,
        name="redirects_process_import_checked",
    ),
    path("api/v3/", wagtail_api.urls),
    path("api/", campaign_api.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
