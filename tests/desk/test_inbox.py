"""The officers' inbox through HTTP, five staff accounts of Tứ Kỳ on a seeded set of dossiers:
what each officer's list holds, the counts (checked against a count done here, from the seeds,
without the inbox's code), filters, search, paging and the CSV export."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from procedure_plugins.registry import register
from workflows.tests.helpers import HOUSEHOLD_BUSINESS, text_of

from .conftest import NOW, SEEDS, local

pytestmark = pytest.mark.slow

INBOX = "/ho-so/can-bo/"

#: Written by hand from the seeds and the rule (the state each role acts on; an assigned dossier
#: only in its assignee's list): not computed by the code under test.
EXPECTED_TODO = {
    "receiving": {"new-late", "new-soon", "new-supplemented", "received"},
    "specialist": {"free", "dung"},
    "specialist2": {"free", "minh"},
    "leader": {"approval"},
    "returning": {"ready"},
}
DUE_SOON_UNTIL = local(2026, 7, 23, 9, 0)


def _codes(response) -> list[str]:
    rows = response.context["rows"]
    return [row.dossier.code for row in rows]


def _keys(seeded, response) -> set[str]:
    by_code = {dossier.code: key for key, dossier in seeded.items()}
    return {by_code[code] for code in _codes(response)}


def _independent_deadlines(keys) -> dict[str, int]:
    seeds = [seed for seed in SEEDS if seed.key in keys]
    open_ = [s for s in seeds if not s.finished and s.state != "returned"]
    return {
        "overdue": sum(1 for s in open_ if s.due < NOW),
        "due_soon": sum(1 for s in open_ if NOW <= s.due <= DUE_SOON_UNTIL),
    }


def test_each_officers_inbox_and_its_counts_match_a_count_done_independently(
    seeded, staff, client_for
):
    for who, expected in EXPECTED_TODO.items():
        client = client_for("tu_ky", staff[who])
        page = client.get(INBOX)
        assert page.status_code == 200, who
        assert _keys(seeded, page) == expected, who
        deadlines = _independent_deadlines(expected)
        assert page.context["deadlines"] == deadlines, who
        text = text_of(page)
        # The header's link, on every page of the portal for an officer.
        assert f"Hồ sơ cần xử lý {len(expected)}" in text, who
        home = text_of(client.get("/"))
        assert f"Hồ sơ cần xử lý {len(expected)}" in home, who
        if deadlines["overdue"]:
            assert f"{deadlines['overdue']} quá hạn" in home, who

    everything = client_for("tu_ky", staff["leader"]).get(INBOX, {"view": "all"})
    assert _keys(seeded, everything) == {seed.key for seed in SEEDS}
    expected_states = Counter(seed.state for seed in SEEDS)
    shown = {state: n for state, _label, n in everything.context["state_counts"]}
    assert shown == dict(expected_states)
    text = text_of(everything)
    assert f"Đang xử lý: {expected_states['in_processing']}" in text
    all_deadlines = _independent_deadlines({seed.key for seed in SEEDS})
    assert f"Quá hạn: {all_deadlines['overdue']}" in text
    assert f"Đến hạn trong 1 ngày làm việc: {all_deadlines['due_soon']}" in text


def test_the_state_counts_ignore_the_filters(seeded, staff, client_for):
    client = client_for("tu_ky", staff["leader"])
    filtered = client.get(INBOX, {"view": "all", "channel": "post"})
    assert _keys(seeded, filtered) == {"received"}
    shown = {state: n for state, _label, n in filtered.context["state_counts"]}
    assert shown == dict(Counter(seed.state for seed in SEEDS))


def test_rows_show_channel_applicant_and_time_left_in_working_time(seeded, staff, client_for):
    page = client_for("tu_ky", staff["receiving"]).get(INBOX)
    rows = {row.dossier.code: row for row in page.context["rows"]}
    late = rows[seeded["new-late"].code]
    assert late.time_left.tone == "overdue"
    assert late.time_left.text == "Quá hạn 1 ngày làm việc"
    soon = rows[seeded["new-soon"].code]
    assert (soon.time_left.text, soon.time_left.tone) == ("6 giờ làm việc", "soon")
    assert soon.channel == "Trực tuyến qua Cổng Dịch vụ công quốc gia"
    later = rows[seeded["received"].code]
    assert (later.time_left.text, later.time_left.tone) == ("1 ngày làm việc", "")
    assert later.channel == "Qua dịch vụ bưu chính công ích"
    assert rows[seeded["new-supplemented"].code].supplemented
    text = text_of(page)
    assert "Đỗ Thị Hoà" in text and "đã bổ sung" in text
    # Most urgent first.
    assert _codes(page)[0] == seeded["new-late"].code
    html = page.content.decode()
    assert 'class="time-left overdue"' in html and 'class="time-left soon"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"procedure": HOUSEHOLD_BUSINESS}, {"new-supplemented"}),
        ({"field": "@household"}, {"new-supplemented"}),
        ({"state": "in_processing"}, {"free", "dung", "minh"}),
        ({"channel": "post"}, {"received"}),
        ({"overdue": "on"}, {"new-late", "minh"}),
        ({"assignee": "@specialist2"}, {"minh"}),
        ({"received_from": "21/07/2026"}, {"new-supplemented"}),
        (
            {"received_to": "20/07/2026", "state": "submitted"},
            {"new-late", "new-soon"},
        ),
        ({"q": "DO THI HOA"}, {"new-late"}),
        ({"q": "đỗ thị hoà"}, {"new-late"}),
        ({"q": "@id:new-late"}, {"new-late"}),
        ({"q": "@code:minh"}, {"minh"}),
    ],
)
def test_filters_and_search(seeded, staff, client_for, params, expected):
    values = dict(params)
    for key, value in params.items():
        if value == "@household":
            values[key] = register.get(HOUSEHOLD_BUSINESS).field
        elif value == "@specialist2":
            values[key] = str(staff["specialist2"].pk)
        elif value.startswith("@id:"):
            values[key] = seeded[value[4:]].applicant.id_number
        elif value.startswith("@code:"):
            values[key] = seeded[value[6:]].code[-6:].lower()
    page = client_for("tu_ky", staff["leader"]).get(INBOX, {"view": "all", **values})
    assert page.status_code == 200
    assert _keys(seeded, page) == expected


def test_a_bad_date_is_shown_at_its_field_and_the_list_still_answers(seeded, staff, client_for):
    page = client_for("tu_ky", staff["leader"]).get(
        INBOX, {"view": "all", "received_from": "31/02/2026", "channel": "post"}
    )
    assert page.status_code == 200
    assert "Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy." in text_of(page)
    assert 'value="31/02/2026"' in page.content.decode()  # what was typed stays
    assert _keys(seeded, page) == {"received"}


def test_the_csv_export_holds_the_filtered_list(seeded, staff, client_for):
    response = client_for("tu_ky", staff["leader"]).get(
        "/ho-so/can-bo/xuat.csv", {"view": "all", "state": "in_processing"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Mã hồ sơ", "Thủ tục", "Người nộp"]
    codes = {row[0] for row in rows[1:]}
    assert codes == {seeded[k].code for k in ("free", "dung", "minh")}
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[seeded["minh"].code][-1] == "Hoàng Văn Minh"
    assert by_code[seeded["minh"].code][4] == "Đang xử lý"


def test_paging(seeded, staff, client_for, settings):
    settings.INBOX_PAGE_SIZE = 4
    client = client_for("tu_ky", staff["leader"])
    first = client.get(INBOX, {"view": "all"})
    second = client.get(INBOX, {"view": "all", "trang": "2"})
    third = client.get(INBOX, {"view": "all", "trang": "3"})
    seen = _codes(first) + _codes(second) + _codes(third)
    assert len(_codes(first)) == 4 and len(set(seen)) == len(SEEDS)
    assert "Trang 1/3" in text_of(first)


def test_a_citizen_and_another_localitys_officer_are_refused(seeded, staff, client_for):
    citizen = seeded["free"].applicant
    assert client_for("tu_ky", citizen).get(INBOX).status_code == 403
    assert client_for("tu_ky", citizen).get("/ho-so/can-bo/xuat.csv").status_code == 403
    outsider = client_for("tu_ky", staff["outsider"])
    assert outsider.get(INBOX).status_code == 403
    assert outsider.get("/ho-so/can-bo/xuat.csv").status_code == 403
    # At home, the Chư Pưh officer sees Chư Pưh's dossier only, never Tứ Kỳ's.
    home = client_for("chu_puh", staff["outsider"]).get(INBOX, {"view": "all"})
    assert home.status_code == 200
    assert not {d.code for d in seeded.values()} & set(_codes(home))
    assert len(_codes(home)) == 1
