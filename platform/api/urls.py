"""The two API objects: one served on every locality's host, one on the national root.

    portal/urls.py:        path("api/v1/", locality_api.urls)
    portal/urls_public.py: path("api/v1/", national_api.urls)

Each has its OpenAPI 3.1 document at `/api/v1/openapi.json` and Swagger UI at `/api/v1/docs`
(its JavaScript and CSS come from the `ninja` app's static files, served by this project).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import catalogue, citizen, desk, intake, lookup, statistics
from .base import make_api

locality_api = make_api(
    namespace="api_v1",
    title="Cổng dịch vụ công – API v1 (địa phương)",
    description=str(
        _(
            "Danh mục thủ tục, tra cứu, hồ sơ của công dân và Bộ phận Một cửa của một địa "
            "phương. Xác thực: phiên đăng nhập của cổng (kèm X-CSRFToken) hoặc mã truy cập "
            "Bearer của nhà cung cấp định danh (VNeID)."
        )
    ),
)
locality_api.add_router("", catalogue.locality_router())
locality_api.add_router("", lookup.router())
locality_api.add_router("", citizen.router)
locality_api.add_router("", desk.router)
locality_api.add_router("", statistics.router())

national_api = make_api(
    namespace="api_v1_national",
    title="Cổng dịch vụ công – API v1 (quốc gia)",
    description=str(
        _(
            "Danh mục thủ tục của mọi đơn vị, tra cứu hồ sơ trên toàn quốc, và tiếp nhận hồ sơ "
            "từ Cổng Dịch vụ công quốc gia (đối tác ký yêu cầu bằng HMAC)."
        )
    ),
)
national_api.add_router("", catalogue.national_router())
national_api.add_router("", lookup.router())
national_api.add_router("", intake.router)
national_api.add_router("", statistics.router())
