"""Test helpers shared by identity, staff and the cross-app tests in tests/identity/."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "Sao-Mai-2025"
_serials = itertools.count(1)


def cccd_for(
    born: dt.date, *, female: bool = False, province: str = "031", serial: int | None = None
):
    """A CCCD number consistent with the date of birth (province code, century/sex, year)."""
    century_digit = {1900: 0, 2000: 2}[born.year // 100 * 100] + (1 if female else 0)
    serial = next(_serials) if serial is None else serial
    return f"{province}{century_digit}{born.year % 100:02d}{serial:06d}"


def _name_suffix(n: int) -> str:
    """Names hold no digits (the form refuses them): 1 -> "A", 27 -> "AA"."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def make_user(*, confirmed: bool = True, password: str = PASSWORD, **fields):
    """A national account, confirmed unless asked otherwise."""
    n = next(_serials)
    born = fields.pop("date_of_birth", dt.date(1990, 1, 1) + dt.timedelta(days=n))
    id_number = fields.pop("id_number", cccd_for(born, serial=100000 + n))
    defaults = {
        "full_name": f"Người Thử {_name_suffix(n)}",
        "email": f"nguoi{n}@example.com",
        "phone": "0912345678",
        "address": "Thôn 1",
        "date_of_birth": born,
        "id_number": id_number,
        "email_confirmed_at": timezone.now() if confirmed else None,
    }
    defaults.update(fields)
    username = defaults.pop("username", id_number or f"user{n}")
    return get_user_model().objects.create_user(username, password, **defaults)


CAPTCHA_KEY_RE = re.compile(r'name="captcha_0" value="([0-9a-f]+)"')


def solve_captcha(response) -> dict:
    """Read the challenge the page showed (its hidden key) and answer it from the stored
    response, as a person reading the image would. No test-mode bypass."""
    match = CAPTCHA_KEY_RE.search(response.content.decode())
    assert match, "the page shows no captcha"
    key = match.group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def registration_data(**overrides) -> dict:
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "id_number": "031195001122",
        "date_of_birth": "15/08/1995",
        "address": "Thôn Đông, xã Tứ Kỳ, thành phố Hải Phòng",
        "email": "hoa.nguyen@example.com",
        "phone": "0987654321",
        "username": "",
        "password1": "Hoa-Sen-2025x",
        "password2": "Hoa-Sen-2025x",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data
