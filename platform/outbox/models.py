"""One row per outbound message, in the locality's schema (beside the dossier that caused it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel, MessageState


class Message(models.Model):
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    #: The event: "received", "supplement_requested", "due_tomorrow", "national_sync"…
    kind = models.CharField(_("sự kiện"), max_length=40)
    dossier = models.ForeignKey(
        "workflows.Dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbound_messages",
    )
    #: An e-mail address, a phone number, or the national portal's endpoint name.
    recipient = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    html_body = models.TextField(blank=True)
    #: What a machine receives (national portal calls): sent as JSON.
    payload = models.JSONField(default=dict, blank=True)
    #: Unique per message and channel; given to the receiver where it can de-duplicate on it
    #: (the e-mail's Message-ID, the SMS gateway's request id, the national call's header).
    key = models.CharField(max_length=160, unique=True)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=MessageState.choices, default=MessageState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    next_attempt_at = models.DateTimeField()
    #: While `sending`: after this moment the worker holding it is presumed dead.
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    #: In-portal notifications: when the citizen marked it read.
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(channel="portal", read_at__isnull=True),
                name="outbox_unread",
            ),
        ]
        verbose_name = _("thông báo gửi đi")
        verbose_name_plural = _("thông báo gửi đi")

    def __str__(self) -> str:
        return f"{self.channel}:{self.kind} → {self.recipient} ({self.state})"

    @property
    def retries(self) -> int:
        return max(0, self.attempts - 1)


class TemplateOverride(models.Model):
    """A locality's own text for one event and channel, written by its administrator on
    /thong-bao-gui-di/mau/ (outbox/templating.py checks it: only known `{{ variables }}`)."""

    kind = models.CharField(_("sự kiện"), max_length=40)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    updated_by = models.CharField(_("người sửa"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "channel"], name="outbox_one_override")
        ]
        verbose_name = _("mẫu thông báo của địa phương")
        verbose_name_plural = _("mẫu thông báo của địa phương")

    def __str__(self) -> str:
        return f"{self.channel}:{self.kind}"
