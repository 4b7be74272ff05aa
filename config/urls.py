"""The site's addresses. Apps are included by module name, so this file imports no app."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# A database error outside a view (in a middleware) still gets the 503 page, not a 500.
handler500 = "core.db_unavailable.server_error"

urlpatterns = [
    # First: it holds guards that take the place of two of Wagtail's admin URLs.
    path("", include("core.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("comments.urls")),
    path("alerts/", include("alerts.urls")),
]

if settings.ANYMAIL_ESP:
    # The provider's tracking webhook: bounces and complaints end alerts (alerts/webhooks.py).
    urlpatterns += [path("alerts/anymail/", include("anymail.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
