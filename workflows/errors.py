"""What the dossier services refuse with, besides Django's PermissionDenied / ValidationError.

Views map them to HTTP: `DossierChanged` → 409, `TransitionNotAvailable` → 409,
`ProcedureNotOffered` → 404, `PermissionDenied` → 403, `ValidationError` → 400 at the field.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CHANGED_MESSAGE = _("Hồ sơ đã được người khác cập nhật, vui lòng tải lại.")


class DossierChanged(Exception):
    """Someone acted on the dossier between the page being shown and the button being pressed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(str(message or CHANGED_MESSAGE))
        self.message = str(message or CHANGED_MESSAGE)


class TransitionNotAvailable(Exception):
    """The dossier's state does not allow this action (a stale page, or a crafted request)."""

    def __init__(self, message: str | None = None) -> None:
        text = message or _("Không thực hiện được thao tác này ở trạng thái hiện tại của hồ sơ.")
        super().__init__(str(text))
        self.message = str(text)


class ProcedureNotOffered(Exception):
    """The locality does not (or no longer) offer the procedure."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = str(
            _("Đơn vị này không cung cấp thủ tục %(code)s trực tuyến.") % {"code": code}
        )
        super().__init__(self.message)
