"""The administrative maps as records: counts, parents before children, one host per unit."""

from collections import Counter

import pytest

from tenants.choices import Dataset, Level
from tenants.datasets import (
    DatasetError,
    file_units,
    legacy_units,
    units_for,
    within_province,
)
from tenants.hosts import host_for
from tenants.services import schema_name_for


def hosts_of(records):
    by_key = {record.key: record for record in records}
    hosts = []
    for record in records:
        labels, node = [], record
        while node is not None:
            labels.append(node.slug)
            node = by_key.get(node.parent_key) if node.parent_key else None
        hosts.append(host_for(labels, dataset=record.dataset))
    return hosts


def assert_parents_first(records):
    seen = set()
    for record in records:
        if record.parent_key is not None:
            assert record.parent_key in seen, f"{record.label} comes before its parent"
        seen.add(record.key)


def test_current_map_has_34_provinces_and_3321_communes_parents_first():
    records = units_for(Dataset.CURRENT)
    counts = Counter(record.level for record in records)
    assert counts == {Level.PROVINCE: 34, Level.COMMUNE: 3321}
    assert_parents_first(records)


def test_legacy_map_has_63_provinces_696_districts_10051_communes_parents_first():
    records = units_for(Dataset.LEGACY)
    counts = Counter(record.level for record in records)
    assert counts == {Level.PROVINCE: 63, Level.DISTRICT: 696, Level.COMMUNE: 10051}
    assert_parents_first(records)
    communes = [record for record in records if record.level == Level.COMMUNE]
    # A commune of the old map hangs under its district, not directly under the province.
    assert all(record.parent_key[1] == Level.DISTRICT for record in communes)


@pytest.mark.parametrize("dataset", [Dataset.CURRENT, Dataset.LEGACY])
def test_every_unit_gets_its_own_valid_host_and_schema(dataset):
    records = units_for(dataset)
    hosts = hosts_of(records)  # host_for validates every label and the length
    assert len(set(hosts)) == len(hosts)
    assert all("_" not in host for host in hosts)
    schemas = {
        schema_name_for(dataset=dataset, level=record.level, code=record.code) for record in records
    }
    assert len(schemas) == len(records)


def test_demo_hosts_keep_their_documented_names():
    hosts = hosts_of(units_for(Dataset.CURRENT, "31"))
    assert "hai-phong.dichvucong.localhost" in hosts
    assert "tu-ky.hai-phong.dichvucong.localhost" in hosts


def test_siblings_sharing_a_name_get_distinct_hosts():
    slugs = {record.name: record.slug for record in units_for(Dataset.CURRENT, "31")}
    # Xã Cẩm Giang and Xã Cẩm Giàng share both code names (xa_cam_giang) once unaccented.
    assert slugs["Xã Cẩm Giang"] == "xa-cam-giang-10888"
    assert slugs["Xã Cẩm Giàng"].startswith("xa-cam-giang-")
    assert slugs["Xã Cẩm Giàng"] != slugs["Xã Cẩm Giang"]


def test_legacy_siblings_differing_only_by_accents_get_distinct_hosts():
    tran_yen = [
        record
        for record in legacy_units("15")
        if record.level == Level.COMMUNE and record.name in {"Xã Minh Quán", "Xã Minh Quân"}
    ]
    assert {record.slug for record in tran_yen} == {"xa-minh-quan-04516", "xa-minh-quan-04567"}


def test_legacy_hosts_sit_under_the_3cap_label():
    records = units_for(Dataset.LEGACY, "01")
    hosts = dict(zip([record.name for record in records], hosts_of(records), strict=True))
    assert hosts["Thành phố Hà Nội"] == "ha-noi.3cap.dichvucong.localhost"
    assert hosts["Phường Phúc Xá"] == "phuc-xa.ba-dinh.ha-noi.3cap.dichvucong.localhost"
    legacy = next(record for record in records if record.name == "Phường Phúc Xá")
    assert legacy.division_type == "phường"
    assert schema_name_for(dataset=Dataset.LEGACY, level=legacy.level, code=legacy.code) == (
        "lc00001"
    )


def write_csv(tmp_path, body: str):
    path = tmp_path / "units.csv"
    path.write_text("level,code,name,division_type,slug,parent_code\n" + body, encoding="utf-8")
    return path


def test_unit_file_is_read_parents_first_and_slugs_derived_from_names(tmp_path):
    path = write_csv(
        tmp_path,
        "commune,03388,Xã Sìn Hồ,xã,,12\nprovince,12,Tỉnh Lai Châu,tỉnh,lai-chau,\n",
    )
    records = file_units(path, dataset=Dataset.CURRENT)
    assert [record.code for record in records] == ["12", "03388"]
    assert records[1].slug == "sin-ho"
    assert records[1].source == "dòng 2"
    assert within_province(records, "12") == records


def test_malformed_rows_are_all_named_by_line(tmp_path):
    path = write_csv(
        tmp_path,
        "province,12,Tỉnh Lai Châu,tỉnh,lai-chau,\n"
        "commune,03388,Xã Sìn Hồ,xã\n"  # a column short
        "village,03389,Bản Mới,bản,,12\n"  # no such level
        "commune,,Xã Không Mã,xã,,12\n",  # no code
    )
    with pytest.raises(DatasetError) as caught:
        file_units(path, dataset=Dataset.CURRENT)
    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("Dòng 3: có 4 cột, cần 6")
    assert problems[1].startswith("Dòng 4 (03389): cấp “village” không có")
    assert problems[2].startswith("Dòng 5 (?): thiếu mã đơn vị")


def test_a_file_without_the_header_is_refused(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("province,12,Tỉnh Lai Châu,tỉnh,lai-chau,\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="Dòng 1 .* phải là tiêu đề"):
        file_units(path, dataset=Dataset.CURRENT)
