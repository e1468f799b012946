"""Localities (đơn vị hành chính) as tenants: one PostgreSQL schema each, and their hosts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from .choices import Dataset, Level


class Locality(TenantMixin):
    """A unit of administration that runs its own portal.

    Example: `Locality(level="commune", code="11206", name="Xã Tứ Kỳ", slug="tu-ky",
    parent=<Thành phố Hải Phòng>, schema_name="c11206")` served at `tu-ky.hai-phong.<base>`.
    The national root is the row whose schema is `public`.
    """

    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices, db_index=True)
    dataset = models.CharField(
        _("bộ dữ liệu"), max_length=10, choices=Dataset.choices, default=Dataset.CURRENT
    )
    # The official numeric code (mã đơn vị hành chính), kept as text: "01", "11206".
    code = models.CharField(_("mã đơn vị hành chính"), max_length=10)
    name = models.CharField(_("tên"), max_length=150)
    division_type = models.CharField(_("loại đơn vị"), max_length=50, blank=True)
    # The label of this unit in its host name, unique among its siblings: "tu-ky".
    slug = models.SlugField(_("tên miền con"), max_length=63)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Fingerprint of the migrations recorded in the locality's schema (see
    # tenants/schema_migrations.py): `migrate_localities` opens only the schemas whose fingerprint
    # is not that of the migrations on disk, found with one query; `--verify` checks it.
    migration_state = models.CharField(
        _("trạng thái migrations"), max_length=64, blank=True, default="", editable=False
    )

    # Schemas are created by the provisioning service (tenants/services.py), never as a side
    # effect of save(): a clone from the template is much faster than running migrations.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "level", "code"], name="locality_code_unique_per_dataset"
            ),
            models.UniqueConstraint(
                fields=["parent", "slug"], name="locality_slug_unique_among_siblings"
            ),
        ]
        indexes = [models.Index(fields=["parent", "is_active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.level == Level.NATIONAL

    def ancestors(self) -> list[Locality]:
        """From the top (province) down to the parent; the national root is left out."""
        chain: list[Locality] = []
        node = self.parent
        while node is not None and node.level != Level.NATIONAL:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Domain(DomainMixin):
    """A host name that serves a locality, e.g. `tu-ky.hai-phong.dichvucong.gov.vn`."""

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")

    def __str__(self) -> str:
        return self.domain


class DemoSeed(models.Model):
    """A demo locality whose demonstration content `seed_demo` has created (development only).

    `make run` seeds on every start; once a locality has this row the seed leaves it alone, so
    whatever someone changed there (footer, pages, procedures offered, roles) stays changed.
    """

    locality = models.OneToOneField(
        Locality, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="demo_seed"
    )
    seeded_at = models.DateTimeField(_("tạo dữ liệu mẫu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("dữ liệu mẫu của đơn vị")
        verbose_name_plural = _("dữ liệu mẫu của các đơn vị")

    def __str__(self) -> str:
        return str(self.locality)
