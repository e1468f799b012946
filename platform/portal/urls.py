"""URLs of a locality's portal (a tenant schema)."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import locality_api
from portal import views as portal_views
from portal.private_files import serve_public_media
from workflows.views import personal_data as personal_data_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The citizen's own data as JSON, from the profile (Decree 13/2023).
    path(
        "tai-khoan/du-lieu-cua-toi/",
        personal_data_views.personal_data_export,
        name="personal_data_export",
    ),
    path("tai-khoan/", include("identity.urls")),
    path("tai-khoan/", include("staff.urls")),  # staff pages beside the account pages
    path("ma-xac-nhan/", include("captcha.urls")),  # captcha images (django-simple-captcha)
    path("thu-tuc/", include("procedure_plugins.urls")),
    path("ho-so/", include("workflows.urls")),
    # Statistics and the Decision 766 score (staff), and the public headline page.
    path("thong-ke/", include("scoreboard.urls")),
    path("thong-bao-gui-di/", include("outbox.urls")),  # staff: a dossier's outbound messages
    # Wagtail's admin for the locality's editors (refused to anyone without a role here).
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("healthz", portal_views.healthz, name="healthz"),
    # API v1 (OpenAPI at api/v1/openapi.json, Swagger UI at api/v1/docs): README, "API v1".
    path("api/v1/", locality_api.urls),
]
# Public media: only this locality's own folder (CMS images and documents), never a dossier's
# files, which are private (portal/private_files.py). In production the front server answers
# /media/ itself; routed in every mode so that no configuration can serve MEDIA_ROOT wholesale.
urlpatterns += [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_public_media),
]
# Every other path is a page of the locality's Wagtail site (home page at "/"): keep it last.
urlpatterns += [path("", include(wagtail_urls))]

# Vietnamese pages with the locality's header on every host, whatever the mode (DEBUG on shows
# Django's debug pages instead: `make dev`).
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
