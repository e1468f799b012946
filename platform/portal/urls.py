"""URLs of a locality's portal (a tenant schema)."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views as portal_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("identity.urls")),
    path("ma-xac-nhan/", include("captcha.urls")),  # captcha images (django-simple-captcha)
    path("thu-tuc/", include("procedure_plugins.urls")),
    path("ho-so/", include("workflows.urls")),
    # Wagtail's admin for the locality's editors (refused to anyone without a role here).
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("healthz", portal_views.healthz, name="healthz"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
# Every other path is a page of the locality's Wagtail site (home page at "/"): keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
