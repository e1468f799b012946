from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("Trung ương")
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, thị trấn, đặc khu")


class Dataset(models.TextChoices):
    """Which administrative map a locality belongs to.

    The two-level map in force since 1 July 2025 and the three-level map before it reuse the same
    numeric codes for different units (merged communes kept one of the old codes), so the code is
    unique only within a dataset.
    """

    CURRENT = "current", _("Hai cấp (từ 01/07/2025)")
    LEGACY = "legacy", _("Ba cấp (đến 30/06/2025)")


#: Prefix of the schema name per level; schema names are e.g. `p31`, `c11206`, `lc11206`.
SCHEMA_PREFIX = {
    Level.PROVINCE: "p",
    Level.DISTRICT: "d",
    Level.COMMUNE: "c",
}
