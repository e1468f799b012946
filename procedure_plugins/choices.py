"""Closed vocabularies of the catalogue: online level, applicant type, document forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineLevel(models.TextChoices):
    """How much of a procedure can be done online (Decree 42/2022/NĐ-CP, art. 11).

    The old four-step scale ("mức độ 1–4") is what the seeds and many citizens still say, so the
    catalogue shows it next to the current name: `OnlineLevel.FULL.old_level == "Mức độ 4"`.
    """

    FULL = "toan-trinh", _("Toàn trình")
    PARTIAL = "mot-phan", _("Một phần")

    @property
    def old_level(self) -> str:
        return str(_("Mức độ 4") if self is OnlineLevel.FULL else _("Mức độ 3"))

    @property
    def explanation(self) -> str:
        if self is OnlineLevel.FULL:
            return str(
                _("Nộp hồ sơ, nhận kết quả và thanh toán phí hoàn toàn trên môi trường mạng.")
            )
        return str(
            _("Nộp hồ sơ trực tuyến; đến Bộ phận một cửa để đối chiếu bản chính hoặc nhận kết quả.")
        )


class ApplicantType(models.TextChoices):
    CITIZEN = "cong-dan", _("Công dân")
    ORGANISATION = "to-chuc", _("Tổ chức, doanh nghiệp")


class DocumentForm(models.TextChoices):
    """In what form a required document is handed in (bản chính, bản sao...)."""

    ORIGINAL = "original", _("Bản chính")
    COPY = "copy", _("Bản sao")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực hoặc bản sao kèm bản chính")
    SHOW_ORIGINAL = "show_original", _("Xuất trình bản chính")
