from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api as wagtail_api
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.api import api as campaign_api
from core.api import mount_app_routers
from core.redirect_import import process_redirect_import

mount_app_routers()

# A database error outside a view (in a middleware) still gets the 503 page, not a 500.
handler500 = "core.db_unavailable.server_error"


def healthz(request):
    """For load balancers: the app server answers, through every middleware, without the DB."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request):
    raise Http404


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Wagtail's deliberate crash for testing error reports answers anyone, signed in or not;
    # nobody outside should be able to fill the error reports.
    path("admin/failwhale/", not_found, name="wagtailadmin_error_test_disabled"),
    path(
        "admin/redirects/import/process/",
        process_redirect_import,
        name="redirects_process_import_checked",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", wagtail_api.urls),
    path("api/", campaign_api.urls),
    path("comments/", include("comments.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
