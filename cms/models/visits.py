"""Visit counts per day, written by the periodic flush (never by a page view)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitDay(models.Model):
    date = models.DateField(_("ngày"), unique=True)
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.visits}"
