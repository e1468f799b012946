"""The one tenancy primitive and the one folding rule, as every app reads them."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from tenants.context import (
    current_locality,
    current_schema,
    current_unit,
    on_national_root,
    require_locality,
)
from tenants.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  ĐĂNG KÝ   Kết hôn ", "dang ky ket hon"),
        ("Xã Tứ Kỳ", "xa tu ky"),
        # The same words typed with decomposed diacritics (some phone keyboards).
        ("Xa\u0303 Tư\u0301 Ky\u0300", "xa tu ky"),
        (None, ""),
    ],
)
def test_fold_ignores_diacritics_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_in_a_commune_the_locality_is_the_commune(tu_ky):
    assert current_locality() == tu_ky
    assert current_unit() == tu_ky
    assert require_locality().code == "11074"
    assert current_schema() == tu_ky.schema_name
    assert not on_national_root()


def test_on_the_national_root_there_is_no_locality(public_schema, demo_localities):
    connection.set_tenant(demo_localities["national"])
    assert on_national_root()
    assert current_locality() is None
    assert current_unit().is_national
    with pytest.raises(RuntimeError):
        require_locality()


def test_a_connection_switched_by_schema_name_finds_its_locality(demo_localities, public_schema):
    chu_puh = demo_localities["chu_puh"]
    with schema_context(chu_puh.schema_name):
        assert current_locality() == chu_puh
