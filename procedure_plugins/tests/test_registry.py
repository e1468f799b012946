"""The registry: decorator, refusals that name the plugin, versions, entry-point discovery."""

from __future__ import annotations

import pytest

from procedure_plugins.registry import PluginRefused, Registry
from procedure_plugins.schema.fields import form, text

from .conftest import TEST_GROUP
from .factories import make_plugin


def test_decorator_registers_under_the_code_and_sets_it(fresh_registry):
    plugin = fresh_registry("9.000001")(make_plugin())
    assert plugin.code == "9.000001"
    assert fresh_registry.get("9.000001") is plugin
    assert "9.000001" in fresh_registry
    assert list(fresh_registry) == [plugin]


def test_incomplete_plugin_is_refused_naming_it_and_what_is_missing(fresh_registry):
    broken = make_plugin("HalfDone", name="", fee=None, documents=["not a document"])
    with pytest.raises(PluginRefused) as refused:
        fresh_registry("9.000002")(broken)
    message = str(refused.value)
    assert "tinh_thu.plugin.HalfDone" in message
    assert "9.000002" in message
    assert "name" in message and "fee" in message and "documents" in message
    assert "9.000002" not in fresh_registry


def test_non_plugin_class_is_refused(fresh_registry):
    class NotAPlugin:
        pass

    with pytest.raises(PluginRefused, match="must subclass ProcedurePlugin"):
        fresh_registry("9.000003")(NotAPlugin)


def test_two_plugins_with_one_code_and_version_collide(fresh_registry):
    fresh_registry("9.000004")(make_plugin("First"))
    with pytest.raises(PluginRefused) as refused:
        fresh_registry("9.000004")(make_plugin("Second"))
    message = str(refused.value)
    assert "Second" in message and "First" in message and "collides" in message
    assert fresh_registry.get("9.000004").__name__ == "First"


def test_another_package_cannot_take_over_a_code_with_a_new_version(fresh_registry):
    fresh_registry("9.000005")(make_plugin("Original"))
    hijack = make_plugin("Hijack", version=2, __module__="other_vendor.plugin")
    with pytest.raises(PluginRefused, match="already belongs to the package 'tinh_thu'"):
        fresh_registry("9.000005")(hijack)


def test_registering_the_same_class_twice_is_harmless(fresh_registry):
    plugin = make_plugin()
    fresh_registry("9.000006")(plugin)
    fresh_registry.add("9.000006", plugin)
    assert fresh_registry.versions("9.000006") == [plugin]


def test_new_version_is_offered_and_old_version_stays_loadable(fresh_registry):
    v1 = fresh_registry("9.000007")(make_plugin("V1", version=1))
    new_schema = form("Đơn thử v2", {"ho_ten": text("Họ và tên"), "email": text("Thư")})
    v2 = fresh_registry("9.000007")(make_plugin("V2", version=2, schema=new_schema))
    assert fresh_registry.get("9.000007") is v2
    assert fresh_registry.get("9.000007", version=1) is v1
    assert "email" not in fresh_registry.get("9.000007", version=1).schema["properties"]
    assert fresh_registry.versions("9.000007") == [v1, v2]


def test_broken_new_version_falls_back_to_the_last_good_one(fresh_registry):
    v1 = fresh_registry("9.000008")(make_plugin("Good", version=1))
    fresh_registry("9.000008")(make_plugin("Broken", version=2, schema={"type": "object"}))
    assert fresh_registry.get("9.000008") is v1
    assert fresh_registry.get("9.000008", version=2).__name__ == "Broken"


def test_unknown_code_raises_key_error(fresh_registry):
    with pytest.raises(KeyError):
        fresh_registry.get("0.000000")


def test_entry_points_load_plugins_and_report_broken_ones(fresh_registry, dist_dir):
    dist_dir(
        "tinh-demo-plugins",
        {
            "8.000001": "tinh_demo.good",
            "8.000002": "tinh_demo.crashes",
            "8.000003": "tinh_demo.empty",
        },
        {
            "tinh_demo.good": """
                from procedure_plugins.registry import Registry
                from procedure_plugins.tests.factories import make_plugin

                local = Registry()

                @local("8.000001")
                class Good(make_plugin()):
                    pass
            """,
            "tinh_demo.crashes": "raise RuntimeError('database password missing')\n",
            "tinh_demo.empty": "VALUE = 1\n",
        },
    )
    problems = fresh_registry.load_entry_points(TEST_GROUP)
    assert fresh_registry.codes() == ["8.000001"]
    by_plugin = {p.plugin.split(" = ")[0]: p for p in problems}
    assert set(by_plugin) == {"8.000002", "8.000003"}
    assert "RuntimeError: database password missing" in by_plugin["8.000002"].message
    assert by_plugin["8.000002"].check_id == "procedure_plugins.E001"
    assert "declares no plugin for code 8.000003" in by_plugin["8.000003"].message


def test_entry_points_with_colliding_codes_keep_the_first(fresh_registry, dist_dir):
    source = """
        from procedure_plugins.registry import Registry
        from procedure_plugins.tests.factories import make_plugin

        local = Registry()

        @local("8.000010")
        class {name}(make_plugin(__module__=__name__)):
            pass
    """
    dist_dir(
        "vendor-a",
        {"8.000010": "vendor_a.plugin"},
        {"vendor_a.plugin": source.format(name="FromA")},
    )
    dist_dir(
        "vendor-b",
        {"8.000010": "vendor_b.plugin"},
        {"vendor_b.plugin": source.format(name="FromB")},
    )
    problems = fresh_registry.load_entry_points(TEST_GROUP)
    assert len(fresh_registry.versions("8.000010")) == 1
    assert [p.check_id for p in problems] == ["procedure_plugins.E003"]
    assert "collides" in problems[0].message


def test_builtins_arrive_through_the_entry_point_group(all_builtins):
    from importlib.metadata import entry_points

    from procedure_plugins.registry import ENTRY_POINT_GROUP, register

    advertised = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert set(all_builtins) <= advertised
    assert set(all_builtins) <= set(register.codes())
    for code in all_builtins:
        assert register.problems(register.get(code)) == []


def test_default_registry_is_a_registry_instance():
    from procedure_plugins import register

    assert isinstance(register, Registry)
