"""Wagtail settings that are global in Wagtail but per locality here.

`WAGTAILADMIN_BASE_URL` is one value for the whole deployment, yet the links in moderation and
other notification e-mails must lead to the locality's own admin (`https://<its host>/quan-tri/`).
Wagtail reads it through `wagtail.admin.utils.get_admin_base_url`; `install()` (called from
`CmsConfig.ready`) points that function, where Wagtail imported it, at the Site of the schema the
connection is in. In the public schema (no Wagtail tables) the setting is used as before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from wagtail.admin import userbar, utils
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import Site


def locality_admin_base_url() -> str | None:
    if connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
        if site is not None:
            return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", None)


def install() -> None:
    for module in (utils, wagtailadmin_tags, userbar):
        module.get_admin_base_url = locality_admin_base_url
