"""National status codes (TrangThaiHoSo) and submission channels (KenhThucHien), in one place.

The national portal and every provincial system speak ten status codes; each local state of a
dossier maps to exactly one of them. The base lifecycle's states are mapped here; a plugin that
adds states declares theirs in `ProcedurePlugin.national_status_codes` (`manage.py check` refuses
a plugin state without a code, procedure_plugins/validation.py).

    >>> national_status(state="received", received_at=None)
    2
    >>> national_status(state="refused", received_at=None)    # refused at the desk
    3
    >>> national_status(state="refused", received_at=moment)  # refused after reception
    8
    >>> national_status(state="draft", received_at=None) is None   # never sent to anyone
    True
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Intake
from .states import DossierState


class NationalStatus(models.IntegerChoices):
    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    NOT_RECEIVED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung")
    FINANCIAL_OBLIGATION = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RESULT_RETURNED = 10, _("Đã trả kết quả")


class Channel(models.IntegerChoices):
    """How the dossier reached the unit (KenhThucHien)."""

    IN_PERSON = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Qua bưu chính công ích")


#: The base lifecycle's states. A draft has no code: it has not been sent to anyone.
BASE_STATUS: Mapping[str, int] = {
    DossierState.SUBMITTED: NationalStatus.NEW,
    DossierState.SUPPLEMENT_REQUESTED: NationalStatus.SUPPLEMENT,
    DossierState.RECEIVED: NationalStatus.RECEIVED,
    DossierState.IN_PROCESSING: NationalStatus.PROCESSING,
    DossierState.TRANSFERRED: NationalStatus.PROCESSING,
    DossierState.AWAITING_APPROVAL: NationalStatus.PROCESSING,
    DossierState.RESULT_READY: NationalStatus.DONE,
    DossierState.RETURNED: NationalStatus.RESULT_RETURNED,
    DossierState.WITHDRAWN: NationalStatus.WITHDRAWN,
    DossierState.REFUSED: NationalStatus.NOT_RECEIVED,
    DossierState.STOPPED: NationalStatus.STOPPED,
}


def national_status(
    *,
    state: str,
    received_at: datetime.datetime | None,
    plugin_codes: Mapping[str, int] | None = None,
) -> int | None:
    """The national code of a dossier in `state` (None for a draft or an unmapped state).

    The one sub-state: `refused` after reception is the unit stopping the processing (8), not
    the desk declining to receive it (3).
    """
    if plugin_codes and state in plugin_codes:
        return int(plugin_codes[state])
    if state == DossierState.REFUSED and received_at is not None:
        return NationalStatus.STOPPED
    code = BASE_STATUS.get(state)
    return int(code) if code is not None else None


#: How each intake is reported nationally.
INTAKE_CHANNEL: Mapping[str, int] = {
    Intake.PORTAL: Channel.ONLINE,
    Intake.NATIONAL_PORTAL: Channel.ONLINE,
    Intake.COUNTER: Channel.IN_PERSON,
    Intake.POST: Channel.POST,
}


def channel_of(dossier: Any) -> int:
    """The dossier's national channel code, from how it reached the desk (`intake`)."""
    return int(INTAKE_CHANNEL.get(getattr(dossier, "intake", "") or "", Channel.ONLINE))
