"""The value types of the legal clock: how long a procedure takes, and how a dossier finished.

A leaf module: it imports no model and nothing of the project, so the plugin contract, the dossier
record and the calendar can all use these types without importing each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = ["ProcessingKind", "ProcessingTime", "Timeliness"]


class ProcessingKind(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    SAME_DAY = "same_day", _("trong ngày")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


@dataclass(frozen=True)
class ProcessingTime:
    """How long a procedure takes (thời hạn giải quyết), as a procedure plugin declares it.

    - `ProcessingTime("working_days", 3)`: 3 working days (due at the end of the 3rd working day
      after the receiving day);
    - `ProcessingTime("working_hours", 4)` or `ProcessingTime("working_hours", Decimal("1.5"))`:
      working hours counted from the received moment;
    - `ProcessingTime("same_day")`: returned the day it is received if received by the cut-off,
      else the next working day; `ProcessingTime("same_day", cutoff=time(15, 0))` overrides the
      locality's cut-off for this procedure.
    """

    kind: str
    amount: int | Decimal = 0
    cutoff: datetime.time | None = None

    def __post_init__(self) -> None:
        if self.kind not in ProcessingKind.values:
            raise ValueError(f"Unknown processing time kind {self.kind!r}")
        object.__setattr__(self, "kind", ProcessingKind(self.kind))
        if isinstance(self.amount, bool) or not isinstance(self.amount, int | Decimal):
            raise TypeError("ProcessingTime.amount is an int (days) or an int/Decimal (hours)")
        if self.amount < 0:
            raise ValueError("ProcessingTime.amount cannot be negative")
        if self.kind == ProcessingKind.WORKING_DAYS and self.amount != int(self.amount):
            raise ValueError("Working days are whole days; declare fractions as working hours")
        if self.kind == ProcessingKind.WORKING_DAYS:
            object.__setattr__(self, "amount", int(self.amount))
        if self.cutoff is not None and self.kind != ProcessingKind.SAME_DAY:
            raise ValueError("Only a same-day processing time has a cut-off")

    def __str__(self) -> str:
        """The label a citizen reads: `3 ngày làm việc`, `4 giờ làm việc`, `Trong ngày ...`."""
        if self.kind == ProcessingKind.SAME_DAY:
            if self.cutoff is None:
                return gettext("Trong ngày làm việc")
            return gettext(
                "Trong ngày làm việc (nhận sau %(cutoff)s trả vào ngày làm việc tiếp theo)"
            ) % {"cutoff": self.cutoff.strftime("%H:%M")}
        amount = str(self.amount).replace(".", ",")  # Vietnamese decimal comma: 1,5 giờ
        if self.kind == ProcessingKind.WORKING_HOURS:
            return gettext("%(amount)s giờ làm việc") % {"amount": amount}
        return gettext("%(amount)s ngày làm việc") % {"amount": amount}
