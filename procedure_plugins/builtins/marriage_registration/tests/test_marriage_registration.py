"""Marriage registration: the ages of the Law on Marriage and Family are enforced by the form."""

import datetime

from django.utils import timezone

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import transition_table

from ..plugin import MarriageRegistration


def party(name, born, id_number):
    return {
        "ho_ten": name,
        "ngay_sinh": born,
        "dan_toc": "Kinh",
        "quoc_tich": "Việt Nam",
        "so_dinh_danh": id_number,
        "noi_cu_tru": {"province": "31", "commune": "11074", "street": "Thôn Tây"},
        "lan_ket_hon": "lan_dau",
    }


GOOD = {
    "ben_nop": "ben_nu",
    "dien_thoai": "0912345678",
    "ben_nam": party("Trần Văn Nam", "10/10/1998", "031098001234"),
    "ben_nu": party("Lê Thị Mai", "20/05/2000", "031300004321"),
    "cu_tru_noi_khac": False,
}


def errors(answers):
    return {e.key: e.message for e in validate_answers(MarriageRegistration.schema, answers)}


def years_ago(years: int, days: int = 0) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - years) + datetime.timedelta(days=days)).strftime(
        "%d/%m/%Y"
    )


def test_registered_free_and_valid():
    assert register.get("1.000894") is MarriageRegistration
    assert register.problems(MarriageRegistration) == []
    assert MarriageRegistration.fee_for(GOOD) == 0


def test_a_real_declaration_validates():
    assert errors(GOOD) == {}


def test_the_man_must_be_20_and_the_woman_18():
    young = {
        **GOOD,
        "ben_nam": {**GOOD["ben_nam"], "ngay_sinh": years_ago(20, days=1)},
        "ben_nu": {**GOOD["ben_nu"], "ngay_sinh": years_ago(18, days=1)},
    }
    assert errors(young) == {
        "ben_nam.ngay_sinh": "Chưa đủ 20 tuổi tính đến hôm nay.",
        "ben_nu.ngay_sinh": "Chưa đủ 18 tuổi tính đến hôm nay.",
    }
    just_old_enough = {
        **GOOD,
        "ben_nam": {**GOOD["ben_nam"], "ngay_sinh": years_ago(20)},
        "ben_nu": {**GOOD["ben_nu"], "ngay_sinh": years_ago(18)},
    }
    assert errors(just_old_enough) == {}


def test_residence_elsewhere_needs_the_marital_status_certificate():
    elsewhere = {**GOOD, "cu_tru_noi_khac": True}
    assert errors(elsewhere) == {"ben_cu_tru_noi_khac": "Vui lòng chọn một phương án."}
    keys = [d.key for d in MarriageRegistration.documents_required_for(elsewhere)]
    assert keys == ["xac_nhan_tinh_trang_hon_nhan"]


def test_signing_date_cannot_be_in_the_past():
    found = errors({**GOOD, "ngay_de_nghi": "01/01/2020"})
    assert found == {"ngay_de_nghi": "Ngày này đã qua: không được trước ngày hôm nay."}


def test_transition_table_is_the_standard_lifecycle():
    assert transition_table(MarriageRegistration.workflow) == BASE_TABLE
