"""The channels a message leaves by, and the states it passes through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    NATIONAL = "national", _("Cổng Dịch vụ công quốc gia")
    #: Shown on the portal itself (the header's count, the citizen's notifications page).
    PORTAL = "portal", _("Thông báo trên Cổng")


class MessageState(models.TextChoices):
    """queued → sending → sent; a failure goes back to `failed` (retried later) until the cap,
    then `given_up`. `sending` with an expired lease is what a killed worker leaves."""

    QUEUED = "queued", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi, sẽ gửi lại")
    GIVEN_UP = "given_up", _("Gửi lỗi, đã ngừng thử")
    #: A national "sync the dossier" overtaken by a newer one already sent: sending the older
    #: record after it would put a stale status back on the national portal.
    SUPERSEDED = "superseded", _("Không gửi: đã có bản mới hơn được gửi")
