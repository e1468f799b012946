"""A third-party plugin ships the translation of its texts in `<package>/locale/`; the portal
finds that folder from the plugin's entry point and the schema form shows the translation."""

from __future__ import annotations

from django.conf import settings
from django.test import override_settings
from django.utils import translation

from portal import catalogues
from procedure_plugins.entry_points import plugin_locale_paths
from procedure_plugins.schema import SchemaForm
from procedure_plugins.schema.fields import choice, form

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Tờ khai xác nhận"
msgstr "Confirmation form"

msgid "Mục đích"
msgstr "Purpose"

msgid "Học tập"
msgstr "Education"
"""


def a_plugin_package(site, name: str = "tu_ky_xac_nhan_dich") -> None:
    """What `pip install` leaves: the package with its catalogue, and its entry point."""
    package = site / name
    (package / "locale/en/LC_MESSAGES").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text("")
    po = package / "locale/en/LC_MESSAGES/django.po"
    po.write_text(PO, encoding="utf-8")
    catalogues.compile_catalogue(po)
    dist = site / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f'[dichvucong.procedures]\n"9.999001" = {name}.plugin\n')


def test_an_installed_plugins_catalogue_is_found_and_used(tmp_path, monkeypatch):
    a_plugin_package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))

    found = plugin_locale_paths()
    assert found == [tmp_path / "tu_ky_xac_nhan_dich" / "locale"]  # the built-ins have none

    schema = form("Tờ khai xác nhận", {"muc_dich": choice("Mục đích", {"hoc_tap": "Học tập"})})
    with override_settings(LOCALE_PATHS=[*settings.LOCALE_PATHS, *found]):
        with translation.override("en"):
            english = SchemaForm(schema, data={"muc_dich": "hoc_tap"})
            (node,) = english.nodes
            assert (node.title, node.options) == ("Purpose", [("hoc_tap", "Education", True)])
        with translation.override("vi"):
            vietnamese = SchemaForm(schema, data={"muc_dich": "hoc_tap"})
            assert vietnamese.nodes[0].title == "Mục đích"
    assert english.answers == vietnamese.answers == {"muc_dich": "hoc_tap"}
    assert schema["properties"]["muc_dich"]["title"] == "Mục đích"  # the declaration unchanged
