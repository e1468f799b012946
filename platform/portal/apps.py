from django.apps import AppConfig
from django.core import validators
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        # Django's catalogue has no Vietnamese for this message, and every CharField carries the
        # validator: a NUL in a multipart form (which portal.middleware leaves to the view) would
        # otherwise be answered in English at the field.
        validators.ProhibitNullCharactersValidator.message = _(
            "Nội dung có ký tự không hợp lệ (ký tự rỗng NUL). Vui lòng xoá ký tự đó rồi gửi lại."
        )
