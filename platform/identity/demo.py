"""Demo accounts for `make run`: a citizen, staff of Xã Tứ Kỳ, a provincial and a platform
administrator. Their passwords are public (printed by `portal_banner`); never in production."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from staff.roles import Role
from staff.selectors import user_roles_in
from staff.services import staff_appoint
from tenants.models import Locality

from .terms import TERMS_VERSION

#: Demo localities by administrative code (tenants/demo.py): Hải Phòng and its Xã Tứ Kỳ.
HAI_PHONG, TU_KY = "31", "11074"


@dataclass(frozen=True)
class DemoAccount:
    label: str
    username: str
    password: str
    full_name: str
    id_number: str | None
    date_of_birth: dt.date | None
    email: str
    role: Role | None = None
    locality_code: str | None = None
    platform_admin: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "Công dân",
        "031090001234",
        "CongDan@2025",
        "Nguyễn Văn An",
        "031090001234",
        dt.date(1990, 5, 9),
        "congdan@example.com",
    ),
    DemoAccount(
        "Cán bộ tiếp nhận Xã Tứ Kỳ",
        "canbo.tuky",
        "CanBo@2025",
        "Trần Thị Bình",
        "030192004321",
        dt.date(1992, 3, 14),
        "canbo.tuky@example.com",
        Role.RECEIVING_OFFICER,
        TU_KY,
    ),
    DemoAccount(
        "Công chức chuyên môn Xã Tứ Kỳ",
        "chuyenvien.tuky",
        "ChuyenVien@2025",
        "Vũ Đức Giang",
        "031091007788",
        dt.date(1991, 8, 17),
        "chuyenvien.tuky@example.com",
        Role.SPECIALIST,
        TU_KY,
    ),
    DemoAccount(
        "Lãnh đạo UBND Xã Tứ Kỳ",
        "lanhdao.tuky",
        "LanhDao@2025",
        "Đỗ Văn Hải",
        "031079002345",
        dt.date(1979, 4, 5),
        "lanhdao.tuky@example.com",
        Role.LEADER,
        TU_KY,
    ),
    DemoAccount(
        "Cán bộ trả kết quả Xã Tứ Kỳ",
        "trakq.tuky",
        "TraKetQua@2025",
        "Ngô Thị Hoa",
        "031195006789",
        dt.date(1995, 12, 1),
        "trakq.tuky@example.com",
        Role.RETURNING_OFFICER,
        TU_KY,
    ),
    DemoAccount(
        "Biên tập viên Xã Tứ Kỳ",
        "bientap.tuky",
        "BienTap@2025",
        "Lê Văn Cường",
        "031088005678",
        dt.date(1988, 11, 2),
        "bientap.tuky@example.com",
        Role.EDITOR,
        TU_KY,
    ),
    DemoAccount(
        "Quản trị Xã Tứ Kỳ",
        "quantri.tuky",
        "QuanTri@2025",
        "Phạm Thị Dung",
        "031185002468",
        dt.date(1985, 7, 21),
        "quantri.tuky@example.com",
        Role.LOCALITY_ADMIN,
        TU_KY,
    ),
    DemoAccount(
        "Quản trị cấp tỉnh Hải Phòng",
        "quantri.haiphong",
        "TinhHP@2025",
        "Hoàng Văn Em",
        "031080003579",
        dt.date(1980, 1, 30),
        "quantri.haiphong@example.com",
        Role.LOCALITY_ADMIN,
        HAI_PHONG,
    ),
    DemoAccount(
        "Quản trị nền tảng",
        "quantri",
        "NenTang@2025",
        "Quản trị nền tảng",
        None,
        None,
        "quantri@example.com",
        platform_admin=True,
    ),
]


def _refuse_in_production() -> None:
    if getattr(settings, "PORTAL_ENV", "") == "production":
        raise RuntimeError("Demo accounts have public passwords: refused in production.")


def demo_accounts_create() -> dict:
    """Create the demo accounts that do not exist yet; return every demo account by user name.

    An existing account is left as it is (a changed password or profile stays changed).
    """
    _refuse_in_production()
    User = get_user_model()
    by_username = {
        user.username: user
        for user in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    }
    for account in DEMO_ACCOUNTS:
        if account.username in by_username:
            continue
        by_username[account.username] = User.objects.create_user(
            account.username,
            account.password,
            full_name=account.full_name,
            id_number=account.id_number,
            date_of_birth=account.date_of_birth,
            email=account.email,
            phone="0912345678",
            address="Xã Tứ Kỳ, thành phố Hải Phòng",
            email_confirmed_at=timezone.now(),
            personal_data_consent_at=timezone.now(),
            personal_data_terms_version=TERMS_VERSION,
            is_staff=account.platform_admin,
        )
    return by_username


def demo_roles_appoint(*, locality, accounts: dict) -> list[DemoAccount]:
    """Give the demo staff of `locality` their roles there (each one they lack); return those
    appointed. Appointed by the demo platform administrator, so each is in the audit log."""

    _refuse_in_production()
    appointed = []
    for account in DEMO_ACCOUNTS:
        if account.role is None or account.locality_code != locality.code:
            continue
        user = accounts.get(account.username)
        if user is None or account.role.value in user_roles_in(user, locality):
            continue
        staff_appoint(locality=locality, actor=accounts["quantri"], user=user, role=account.role)
        appointed.append(account)
    return appointed


def demo_accounts_ensure() -> list:
    """Create the demo accounts and their roles if missing; return the accounts."""

    with transaction.atomic():
        accounts = demo_accounts_create()
        for locality in Locality.objects.filter(code__in=[HAI_PHONG, TU_KY], dataset="current"):
            demo_roles_appoint(locality=locality, accounts=accounts)
    return [accounts[account.username] for account in DEMO_ACCOUNTS]


def demo_login_lines() -> list[str]:
    """Lines for `portal_banner`: who to log in as, with which password."""
    lines = ["Tài khoản thử (đăng nhập bằng tên đăng nhập, số CCCD hoặc thư điện tử):"]
    for account in DEMO_ACCOUNTS:
        lines.append(f"  {account.label:<30} {account.username:<18} mật khẩu {account.password}")
    lines.append(
        "Đi hết một hồ sơ tại Xã Tứ Kỳ: công dân nộp → tiếp nhận → chuyên môn → lãnh đạo → "
        "trả kết quả (trang của cán bộ: /ho-so/can-bo/)."
    )
    return lines
