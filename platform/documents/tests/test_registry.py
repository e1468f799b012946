"""The framework in force is picked by the day a dossier was received; a new law needs no code."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest

from documents.checks import registry_problems
from documents.registry import SLIPS_ROOT, SlipError, SlipRegistry, default_registry
from documents.services import render_slip
from documents.slips import SlipKind

from .conftest import HCM, pdf_text, tu_ky_context


def test_dossier_received_30_june_2025_gets_the_2018_forms():
    context = tu_ky_context(received_at=datetime(2025, 6, 30, 16, 55, tzinfo=HCM))
    slip = render_slip(form=SlipKind.RECEIPT, context=context)
    text = pdf_text(slip.content)
    assert slip.framework_id == "tt01-2018"
    assert slip.template_version.startswith("tt01-2018/mau-01.html@")
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "Thông tư số 01/2018/TT-VPCP" in text
    assert "Tứ Kỳ, ngày 30 tháng 6 năm 2025" in text


def test_dossier_received_1_july_2025_gets_the_2025_forms():
    context = tu_ky_context(received_at=datetime(2025, 7, 1, 7, 30, tzinfo=HCM))
    slip = render_slip(form=SlipKind.RECEIPT, context=context)
    text = pdf_text(slip.content)
    assert slip.framework_id == "tt03-2025"
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text
    assert "Thông tư số 03/2025/TT-VPCP" in text
    assert "Tứ Kỳ, ngày 01 tháng 7 năm 2025" in text


def test_the_day_that_counts_is_the_day_in_vietnam():
    # 30/06/2025 17:30 UTC is 01/07/2025 00:30 in Hà Nội: the new law already applies.
    context = tu_ky_context(received_at=datetime(2025, 6, 30, 17, 30, tzinfo=UTC))
    assert render_slip(form="refusal", context=context).framework_id == "tt03-2025"


def test_a_named_framework_wins_over_the_date():
    context = tu_ky_context(received_at=datetime(2026, 6, 16, 9, 0, tzinfo=HCM))
    slip = render_slip(form="apology", context=context, framework="tt01-2018")
    assert slip.framework_id == "tt01-2018"
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in pdf_text(slip.content)


def test_2025_apology_asks_for_an_extension():
    slip = render_slip(form="apology", context=tu_ky_context())
    text = pdf_text(slip.content)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 24/06/2026" in text


def test_the_2018_framework_has_no_stop_notice():
    with pytest.raises(SlipError, match="không có mẫu “Thông báo dừng giải quyết hồ sơ”"):
        render_slip(form="stop_notice", context=tu_ky_context(), framework="tt01-2018")


def test_unknown_kind_and_unknown_framework_are_refused_clearly():
    with pytest.raises(SlipError, match="Không có loại phiếu “bien-lai”"):
        render_slip(form="bien-lai", context=tu_ky_context())
    with pytest.raises(SlipError, match="Không có khung pháp lý “tt09-2031”"):
        render_slip(form="receipt", context=tu_ky_context(), framework="tt09-2031")


def test_a_date_before_every_framework_is_refused():
    with pytest.raises(SlipError, match="Chưa có khung pháp lý nào .* ngày 01/01/2010"):
        default_registry().in_force_on(date(2010, 1, 1))


def test_a_new_law_is_a_new_directory_and_a_registry_entry(tmp_path):
    root = tmp_path / "slips"
    shutil.copytree(SLIPS_ROOT, root)
    shutil.copytree(root / "tt03-2025", root / "tt99-2030")
    with (root / "frameworks.toml").open("a", encoding="utf-8") as registry_file:
        registry_file.write(
            "\n[[framework]]\n"
            'id = "tt99-2030"\n'
            'title = "Thông tư số 99/2030/TT-VPCP"\n'
            "in_force_from = 2030-01-01\n"
            'desk_name = "Bộ phận Một cửa"\n'
            "[framework.forms]\n"
            'receipt = { number = "01", title = "Giấy biên nhận hồ sơ điện tử",'
            ' template = "mau-01.html" }\n'
        )
    registry = SlipRegistry.from_directory(root)

    new = render_slip(
        form="receipt",
        context=tu_ky_context(received_at=datetime(2030, 1, 2, 8, 0, tzinfo=HCM)),
        registry=registry,
    )
    assert new.framework_id == "tt99-2030"
    text = pdf_text(new.content)
    assert "GIẤY BIÊN NHẬN HỒ SƠ ĐIỆN TỬ" in text
    assert "BỘ PHẬN MỘT CỬA" in text

    before = render_slip(
        form="receipt",
        context=tu_ky_context(received_at=datetime(2029, 12, 31, 16, 0, tzinfo=HCM)),
        registry=registry,
    )
    assert before.framework_id == "tt03-2025"


def test_editing_a_template_changes_its_version(tmp_path):
    root = tmp_path / "slips"
    shutil.copytree(SLIPS_ROOT, root)
    form = SlipRegistry.from_directory(root).get("tt03-2025").form("receipt")
    before = SlipRegistry.from_directory(root).get("tt03-2025").template_version(form)
    layout = root / "tt03-2025" / "_layout.html"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = SlipRegistry.from_directory(root).get("tt03-2025").template_version(form)
    assert before.split("@")[0] == after.split("@")[0] == "tt03-2025/mau-01.html"
    assert before != after


def test_system_check_accepts_the_shipped_registry_and_flags_a_missing_template(tmp_path):
    assert registry_problems(SLIPS_ROOT) == []
    root = tmp_path / "slips"
    shutil.copytree(SLIPS_ROOT, root)
    (root / "tt01-2018" / "mau-03.html").unlink()
    [problem] = registry_problems(root)
    assert problem.id == "documents.E001"
    assert "mau-03.html" in problem.msg
