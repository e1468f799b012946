"""URLs of the national root (public schema). Wagtail is not installed here, so none of its URLs."""

from django.conf import settings
from django.urls import include, path, re_path

from api.urls import national_api
from portal import views as portal_views
from portal.private_files import serve_public_media
from tenants import views as tenant_views
from workflows.views import citizen as dossier_views
from workflows.views import lookup as lookup_views
from workflows.views import personal_data as personal_data_views
from workflows.views import units as unit_views

urlpatterns = [
    path("", tenant_views.national_home, name="national_home"),
    path("don-vi/<str:code>/", tenant_views.directory, name="locality_directory"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The citizen's own data as JSON, from the profile (Decree 13/2023).
    path(
        "tai-khoan/du-lieu-cua-toi/",
        personal_data_views.personal_data_export,
        name="personal_data_export",
    ),
    path("tai-khoan/", include("identity.urls")),
    path("tai-khoan/", include("staff.urls")),  # staff pages beside the account pages
    path("thu-tuc/", include("procedure_plugins.urls_public")),  # procedures nationwide
    path("ma-xac-nhan/", include("captcha.urls")),  # captcha images (django-simple-captcha)
    # "Hồ sơ của tôi" across every locality also answers on the national root.
    path("ho-so/cua-toi/", dossier_views.mine, name="my_dossiers"),
    # Tra cứu hồ sơ of any locality (the national index), as on every locality's host.
    path("ho-so/tra-cuu/", lookup_views.lookup, name="dossier_lookup"),
    # "Nộp hồ sơ trực tuyến": choose the province, then the commune, then its catalogue.
    path("ho-so/chon-don-vi/", unit_views.choose_unit, name="choose_unit"),
    # Statistics and the Decision 766 score (staff), and the public headline page.
    path("thong-ke/", include("scoreboard.urls")),
    path("healthz", portal_views.healthz, name="healthz"),
    # API v1 (OpenAPI at api/v1/openapi.json, Swagger UI at api/v1/docs): README, "API v1".
    path("api/v1/", national_api.urls),
]
# Public media: only the national root's own folder (CMS images and documents), never a dossier's
# files, which are private (portal/private_files.py). In production the front server answers
# /media/ itself; routed in every mode so that no configuration can serve MEDIA_ROOT wholesale.
urlpatterns += [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_public_media),
]

# Vietnamese pages with the locality's header on every host, whatever the mode (DEBUG on shows
# Django's debug pages instead: `make dev`).
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
