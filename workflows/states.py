"""The states of a dossier in the one-stop desk lifecycle (Decree 61/2018, amended by 107/2021).

One place for every state of the base lifecycle. A plugin that adds states (land-change
registration adds a field inspection) declares them in its own workflow proxy as `EXTRA_STATES`,
a TextChoices of its own; `Dossier.state_labels()` merges the two.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn (chưa nộp)")
    SUBMITTED = "submitted", _("Mới nộp, chờ tiếp nhận")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Chờ công dân bổ sung hồ sơ")
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROCESSING = "in_processing", _("Đang xử lý")
    TRANSFERRED = "transferred", _("Đang xử lý liên thông tại cơ quan khác")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo phê duyệt")
    RESULT_READY = "result_ready", _("Đã có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    WITHDRAWN = "withdrawn", _("Công dân đã rút hồ sơ")
    REFUSED = "refused", _("Từ chối giải quyết")
    # Processing stopped by the unit with a notice (Mẫu 05, national status 8): the dossier
    # cannot go on for a reason outside it (a dispute, a court case, the law changed), which
    # is not a refusal of the dossier on its merits (Mẫu 03).
    STOPPED = "stopped", _("Dừng giải quyết")


#: Where every dossier starts.
INITIAL_STATE = DossierState.DRAFT

#: Nothing happens after these.
END_STATES = frozenset(
    {DossierState.RETURNED, DossierState.WITHDRAWN, DossierState.REFUSED, DossierState.STOPPED}
)

#: The citizen may still withdraw while no decision has been made.
BEFORE_DECISION = (
    DossierState.SUBMITTED,
    DossierState.SUPPLEMENT_REQUESTED,
    DossierState.RECEIVED,
    DossierState.IN_PROCESSING,
    DossierState.TRANSFERRED,
    DossierState.AWAITING_APPROVAL,
)

#: The unit may refuse with reasons at any stage after receiving the dossier.
AFTER_RECEPTION_BEFORE_RESULT = (
    DossierState.RECEIVED,
    DossierState.IN_PROCESSING,
    DossierState.TRANSFERRED,
    DossierState.AWAITING_APPROVAL,
)
