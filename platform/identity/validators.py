"""Checks on what a citizen types: ID numbers, dates of birth, phone numbers, user names.

Each check raises `ValidationError` with a Vietnamese message that says what is wrong and what a
correct value looks like, so a form can show it next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.contrib.auth.password_validation import (
    MinimumLengthValidator as _DjangoMinimumLengthValidator,
)
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Province codes that open a CCCD number (its first 3 digits: where the birth was registered).
#: These are the 63 province codes of the administrative map before 1 July 2025 (Circular
#: 07/2016/TT-BCA, amended by 59/2021/TT-BCA, uses the national statistical codes). The 34
#: provinces of today's map kept one of these codes each, so the set is still complete.
CCCD_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

#: The 4th digit of a CCCD: sex and century of birth (even = male, odd = female).
CCCD_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200}
CCCD_CENTURY_BY_DIGIT.update({8: 1800, 9: 1800})

OLDEST_BIRTH_YEAR = 1900
DATE_INPUT_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
PHONE_SEPARATORS_RE = re.compile(r"[\s.\-()]")
MOBILE_RE = re.compile(r"^0[35789]\d{8}$")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,149}$")


def normalize_id_number(value: str) -> str:
    """Digits only: people paste numbers with spaces or dots (`031 090 001 234`)."""
    return re.sub(r"[\s.]", "", value or "")


def validate_id_number(value: str) -> None:
    """A CCCD (12 digits, real province prefix) or an old CMND (9 digits)."""
    number = normalize_id_number(value)
    if not number.isdigit() or not number.isascii():
        raise ValidationError(
            _(
                "Số CCCD/CMND chỉ gồm chữ số: căn cước công dân có 12 chữ số, chứng minh nhân "
                "dân cũ có 9 chữ số."
            ),
            code="id_number_not_digits",
        )
    if len(number) not in (9, 12):
        raise ValidationError(
            _(
                "Số CCCD/CMND phải có 12 chữ số (căn cước công dân) hoặc 9 chữ số (chứng minh "
                "nhân dân cũ); số bạn nhập có %(count)d chữ số."
            ),
            params={"count": len(number)},
            code="id_number_length",
        )
    if len(number) == 12 and number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _(
                "Ba chữ số đầu của số CCCD (%(prefix)s) không phải mã tỉnh, thành phố nơi đăng "
                "ký khai sinh. Vui lòng kiểm tra lại số trên thẻ."
            ),
            params={"prefix": number[:3]},
            code="id_number_province",
        )


def validate_cccd_matches_birth_date(id_number: str, date_of_birth: dt.date) -> None:
    """Digits 4–6 of a CCCD encode the century (with sex) and the last two digits of the year."""
    number = normalize_id_number(id_number)
    if len(number) != 12 or not number.isdigit():
        return
    century = CCCD_CENTURY_BY_DIGIT[int(number[3])]
    year = century + int(number[4:6])
    if year != date_of_birth.year:
        raise ValidationError(
            _(
                "Số CCCD không khớp với năm sinh %(year)d: chữ số thứ 4 đến thứ 6 của số CCCD "
                "cho biết thế kỷ và năm sinh (ví dụ người sinh năm 1990 có “090” hoặc “190”)."
            ),
            params={"year": date_of_birth.year},
            code="id_number_birth_year",
        )


def parse_birth_date(value: str) -> dt.date:
    """`dd/mm/yyyy` (the way dates are written in Vietnam) to a date of birth in the past."""
    match = DATE_INPUT_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 05/09/1990."),
            code="birth_date_format",
        )
    day, month, year = (int(part) for part in match.groups())
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("Ngày %(value)s không có trên lịch. Vui lòng kiểm tra ngày và tháng."),
            params={"value": value.strip()},
            code="birth_date_impossible",
        ) from None
    today = timezone.localdate()
    if born > today:
        raise ValidationError(
            _("Ngày sinh không thể ở tương lai (hôm nay là %(today)s)."),
            params={"today": today.strftime("%d/%m/%Y")},
            code="birth_date_future",
        )
    if born.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(
            _("Năm sinh %(year)d không hợp lệ. Vui lòng kiểm tra lại."),
            params={"year": born.year},
            code="birth_date_too_old",
        )
    return born


def normalize_phone(value: str) -> str:
    """`+84 912 345 678`, `0912.345.678`, `84912345678` all become `0912345678`."""
    number = PHONE_SEPARATORS_RE.sub("", value or "")
    if number.startswith("+84"):
        number = "0" + number[3:]
    elif number.startswith("84") and len(number) == 11:
        number = "0" + number[2:]
    if not MOBILE_RE.match(number):
        raise ValidationError(
            _(
                "Số điện thoại gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ "
                "0912345678), hoặc viết dạng +84 (ví dụ +84912345678)."
            ),
            code="phone_format",
        )
    return number


def normalize_full_name(value: str) -> str:
    """NFC (typed Vietnamese may arrive decomposed) and single spaces."""
    name = " ".join(unicodedata.normalize("NFC", value or "").split())
    if any(char.isdigit() for char in name):
        raise ValidationError(_("Họ và tên không chứa chữ số."), code="name_digits")
    return name


def validate_username_shape(value: str) -> None:
    """A user name must never be mistaken for somebody's ID number or e-mail at login."""
    if "@" in value:
        raise ValidationError(
            _("Tên đăng nhập không chứa ký tự @ (để không nhầm với thư điện tử)."),
            code="username_at",
        )
    if value.isdigit():
        raise ValidationError(
            _(
                "Tên đăng nhập không được toàn chữ số (để không nhầm với số CCCD/CMND của người "
                "khác). Bỏ trống ô này để dùng số CCCD/CMND của bạn làm tên đăng nhập."
            ),
            code="username_digits",
        )
    if not USERNAME_RE.match(value):
        raise ValidationError(
            _(
                "Tên đăng nhập dài 3–150 ký tự, chỉ gồm chữ thường không dấu a-z, chữ số và các "
                "dấu . _ -"
            ),
            code="username_format",
        )


class LetterAndDigitPasswordValidator:
    """A password needs letters and digits: an eight-letter word alone is guessed quickly."""

    def validate(self, password: str, user=None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(
                _("Mật khẩu phải có cả chữ cái và chữ số."), code="password_letters_digits"
            )

    def get_help_text(self) -> str:
        return str(_("Mật khẩu phải có cả chữ cái và chữ số."))


class MinimumLengthValidator(_DjangoMinimumLengthValidator):
    """Django's length check, worded in Vietnamese (Django's own Vietnamese catalogue lacks it)."""

    def get_error_message(self) -> str:
        return str(_("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")) % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return str(_("Mật khẩu cần ít nhất %(min_length)d ký tự.")) % {
            "min_length": self.min_length
        }
