"""Files kept with a dossier: what the citizen attached, and what the unit issued.

Both hold personal data and are stored in the private storage (portal/private_files.py), i.e.
under `PRIVATE_FILES_ROOT/<locality schema>/ho-so/<dossier reference>/...`, outside the public
media: two localities never share a folder, a dossier's files sit together, and no URL leads
to them. They are served only through the dossier views, which check who is asking.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.private_files import private_storage

from ..choices import IssuedKind


def attachment_path(instance: Attachment, filename: str) -> str:
    # The citizen's file name is kept in `original_name` only: on disk a name we chose.
    return f"ho-so/{instance.dossier.reference}/giay-to/{instance.document_key}/{filename}"


def issued_path(instance: IssuedDocument, filename: str) -> str:
    return f"ho-so/{instance.dossier.reference}/phat-hanh/{filename}"


class Attachment(models.Model):
    """One file of one required document (thành phần hồ sơ), e.g. a page of the birth
    certificate. A document may have several files (`RequiredDocument.max_files`)."""

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    #: `RequiredDocument.key` of the plugin version the dossier is pinned to.
    document_key = models.CharField(_("thành phần hồ sơ"), max_length=60)
    file = models.FileField(
        _("tệp"), upload_to=attachment_path, storage=private_storage, max_length=300
    )
    original_name = models.CharField(_("tên tệp"), max_length=200)
    #: Detected from the content (magic bytes and structure), never from the name.
    content_type = models.CharField(_("loại tệp"), max_length=40)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    #: The history entry the file came with (a supplement); empty for the first submission.
    event = models.ForeignKey(
        "workflows.DossierEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    #: The counter officer scanned nothing new: the file is a paper already digitised (by this
    #: unit or in the citizen's data store) and reused, as Decision 766's digitisation indicator
    #: counts ("tái sử dụng").
    reuses_digitised = models.BooleanField(_("dùng lại bản đã số hóa"), default=False)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["document_key", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["dossier", "document_key"], name="attachment_dossier_doc")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} KB"


class IssuedDocument(models.Model):
    """A PDF the unit issued for the dossier: an official slip (Mẫu 01–05) or the result."""

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="issued_documents",
    )
    kind = models.CharField(_("loại"), max_length=30, choices=IssuedKind.choices)
    # Empty while the slip waits for its render after commit (workflows/slips.py).
    file = models.FileField(
        _("tệp"), upload_to=issued_path, storage=private_storage, max_length=300, blank=True
    )
    #: The slip's `documents.slips.SlipContext` as it was when issued (`as_data()`): the render
    #: after commit prints exactly that, whatever happened to the dossier meanwhile.
    slip_data = models.JSONField(_("dữ liệu phiếu"), default=dict, blank=True)
    #: "Mẫu 01" etc. as the framework in force numbers it; empty for results.
    form_number = models.CharField(_("số mẫu"), max_length=10, blank=True)
    framework = models.CharField(_("văn bản quy định mẫu"), max_length=30, blank=True)
    template_version = models.CharField(_("phiên bản mẫu"), max_length=120, blank=True)
    issued_at = models.DateTimeField(_("phát hành lúc"))
    event = models.ForeignKey(
        "workflows.DossierEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )

    class Meta:
        verbose_name = _("giấy tờ đã phát hành")
        verbose_name_plural = _("giấy tờ đã phát hành")
        ordering = ["issued_at", "pk"]
        indexes = [models.Index(fields=["dossier", "kind"], name="issued_dossier_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.dossier_id})"

    @property
    def is_pending(self) -> bool:
        """Issued, its PDF not rendered yet (the render runs after the issuing transaction)."""
        return not self.file

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
