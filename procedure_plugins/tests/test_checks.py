"""`manage.py check` fails, naming the plugin, for broken plugins; the rest keeps working."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from procedure_plugins.checks import check_procedure_plugins
from procedure_plugins.contract import RequiredDocument

from .conftest import TEST_GROUP
from .factories import (
    EndlessDossier,
    MisnamedStateDossier,
    NoWayOutDossier,
    ReviewedDossier,
    TrapDossier,
    UnreachableDossier,
    make_plugin,
)


def _ids(messages) -> list[str]:
    return sorted(m.id for m in messages)


def test_good_plugins_pass(fresh_registry):
    fresh_registry("7.000001")(make_plugin())
    assert check_procedure_plugins(registry=fresh_registry) == []


def test_invalid_json_schema_is_e010_naming_the_plugin(fresh_registry):
    fresh_registry("7.000002")(
        make_plugin("BadSchema", schema={"type": "object", "properties": {"a": {"type": 12}}})
    )
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E010"]
    assert "7.000002" in messages[0].msg and "BadSchema" in messages[0].msg
    assert "not a valid JSON Schema" in messages[0].msg


def test_schema_without_labels_or_with_unknown_format_is_e010(fresh_registry):
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "string", "title": "B", "format": "ngay-am-lich"},
        },
        "required": ["a", "c"],
    }
    fresh_registry("7.000003")(make_plugin(schema=schema))
    text = " ".join(m.msg for m in check_procedure_plugins(registry=fresh_registry))
    assert "every field needs a 'title'" in text
    assert "unknown format 'ngay-am-lich'" in text
    assert "required field 'c' is not a property" in text


def test_unreachable_state_is_e020(fresh_registry):
    fresh_registry("7.000004")(make_plugin("Unreachable", workflow=UnreachableDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E020"]
    assert "orphan" in messages[0].msg and "Unreachable" in messages[0].msg


def test_state_that_never_ends_is_e021(fresh_registry):
    fresh_registry("7.000005")(make_plugin(workflow=TrapDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    # A trap is also a state the citizen cannot withdraw from (E023).
    assert _ids(messages) == ["procedure_plugins.E021"] + ["procedure_plugins.E023"] * 2
    assert "no end state can be reached: archived" in messages[0].msg


def test_own_state_without_withdraw_or_refuse_is_e023(fresh_registry):
    fresh_registry("7.000010")(make_plugin("PoliceCheck", workflow=NoWayOutDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E023", "procedure_plugins.E023"]
    text = " ".join(m.msg for m in messages)
    assert "7.000010" in text and "NoWayOutDossier" in text
    assert "citizen cannot withdraw from state 'police_verification'" in text
    assert "unit cannot refuse from state 'police_verification'" in text
    # Listing the state in both transitions' sources, as the guide shows, passes.
    fresh_registry("7.000011")(make_plugin("Reviewed", workflow=ReviewedDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    assert [m.msg for m in messages if "7.000011" in m.msg] == []


def test_every_built_in_procedure_passes_the_checks(all_builtins):
    from procedure_plugins.registry import register

    assert set(all_builtins) <= set(register.codes())
    assert check_procedure_plugins(registry=register) == []


def test_workflow_without_end_state_is_e021(fresh_registry):
    fresh_registry("7.000006")(make_plugin(workflow=EndlessDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E021"]
    assert "no end state can be reached" in messages[0].msg


def test_the_check_id_follows_the_fault_not_the_words_of_its_message(fresh_registry):
    # The undeclared state's name contains "unreachable" and "end state": still E022 (undeclared
    # state), and the trap it makes is E021, not E020.
    fresh_registry("7.000012")(make_plugin(workflow=MisnamedStateDossier))
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E021", "procedure_plugins.E022"]
    text = " ".join(m.msg for m in messages)
    assert "uses undeclared state 'unreachable_end_state'" in text


def test_inconsistent_declaration_is_e030(fresh_registry):
    fresh_registry("7.000007")(
        make_plugin(
            processing_time_limits=(7, 9),
            documents=(
                RequiredDocument(key="don", name="Đơn"),
                RequiredDocument(key="don", name="Đơn khác", required_when={"khong_co": True}),
            ),
        )
    )
    text = " ".join(m.msg for m in check_procedure_plugins(registry=fresh_registry))
    assert "two required documents share one key" in text
    assert "depends on answer 'khong_co'" in text
    assert "do not contain the declared processing time" in text


def test_code_collision_and_import_errors_are_reported(fresh_registry, dist_dir):
    source = """
        from procedure_plugins.registry import Registry
        from procedure_plugins.tests.factories import make_plugin

        local = Registry()

        @local("7.000010")
        class {name}(make_plugin(__module__=__name__)):
            pass
    """
    dist_dir(
        "vendor-c", {"7.000010": "vendor_c.plugin"}, {"vendor_c.plugin": source.format(name="C")}
    )
    dist_dir(
        "vendor-d", {"7.000010": "vendor_d.plugin"}, {"vendor_d.plugin": source.format(name="D")}
    )
    dist_dir("vendor-e", {"7.000011": "vendor_e.plugin"}, {"vendor_e.plugin": "import nowhere\n"})
    fresh_registry.load_entry_points(TEST_GROUP)
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E001", "procedure_plugins.E003"]
    text = " ".join(m.msg for m in messages)
    assert "vendor_d.plugin" in text and "collides" in text
    assert "No module named 'nowhere'" in text


def test_an_incomplete_plugin_is_e002_even_when_its_vendor_is_named_collides(
    fresh_registry, dist_dir
):
    source = """
        from procedure_plugins.registry import Registry
        from procedure_plugins.tests.factories import make_plugin

        local = Registry()

        @local("7.000013")
        class Unfinished(make_plugin(__module__=__name__, fee=None)):
            pass
    """
    dist_dir(
        "collides-gmbh", {"7.000013": "collides_gmbh.plugin"}, {"collides_gmbh.plugin": source}
    )
    fresh_registry.load_entry_points(TEST_GROUP)
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E002"]
    assert "collides_gmbh.plugin.Unfinished" in messages[0].msg and "fee" in messages[0].msg


@pytest.mark.django_db
def test_manage_py_check_fails_and_the_catalogue_keeps_working(
    default_registry_restored, dist_dir, host_client, demo_localities, offer
):
    """A broken plugin installed next to the built-ins: `check` fails naming it, and the commune's
    catalogue still lists the procedures that work."""
    dist_dir(
        "tinh-broken",
        {"7.000020": "tinh_broken.plugin"},
        {
            "tinh_broken.plugin": """
                from procedure_plugins.registry import register
                from procedure_plugins.tests.factories import make_plugin

                @register("7.000020")
                class BrokenForm(make_plugin(schema={"type": "object", "properties": 5})):
                    pass
            """
        },
        group="dichvucong.procedures",
    )
    default_registry_restored.load_entry_points()
    with pytest.raises(SystemCheckError) as failed:
        call_command("check")
    assert "procedure_plugins.E010" in str(failed.value)
    assert "7.000020" in str(failed.value)

    tu_ky = demo_localities["tu_ky"]
    offer(tu_ky, "1.001193")
    from procedure_plugins.models import ProcedureOffering

    # Enabled before it broke (a row written directly, as after an upgrade gone wrong).
    ProcedureOffering.objects.create(locality=tu_ky, procedure_code="7.000020")
    response = host_client(tu_ky).get("/thu-tuc/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký khai sinh" in page
    assert host_client(tu_ky).get("/thu-tuc/7.000020/").status_code == 404


def test_a_plugin_state_without_a_national_status_code_is_e040(fresh_registry):
    fresh_registry("7.000040")(
        make_plugin("NoStatus", workflow=ReviewedDossier, national_status_codes={})
    )
    messages = check_procedure_plugins(registry=fresh_registry)
    assert _ids(messages) == ["procedure_plugins.E040"]
    assert "state 'legal_review' has no national status code" in messages[0].msg


def test_national_status_codes_must_name_workflow_states_and_codes_1_to_10(fresh_registry):
    fresh_registry("7.000041")(
        make_plugin(
            "BadStatus",
            workflow=ReviewedDossier,
            national_status_codes={"legal_review": 11, "archived": 4},
        )
    )
    text = " ".join(m.msg for m in check_procedure_plugins(registry=fresh_registry))
    assert "national status code of 'legal_review' must be an int from 1 to 10" in text
    assert "names 'archived', not a state of the workflow" in text
