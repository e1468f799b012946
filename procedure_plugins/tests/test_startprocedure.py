"""A provincial IT developer scaffolds a plugin, installs it as a separate package, and offers it
on one commune only."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import database_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

CODE = "9.100001"
PACKAGE = "tu_ky_giay_phep_thu"


def install_target(project: Path, site: Path) -> None:
    """`pip install --target`: a separate installation, never the shared virtualenv."""
    uv = Path(sys.executable).parent / "uv"
    command = [str(uv), "pip", "install", "--no-deps", "--python", sys.executable]
    command += ["--target", str(site), str(project)]
    # The build backend (setuptools) comes from uv's cache when offline; online otherwise.
    done = subprocess.run([*command, "--offline"], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def run_test_plugin(folder: Path, *, site: Path) -> subprocess.CompletedProcess:
    """`make test-plugin PLUGIN=<folder>` from the checkout, the plugin found through `site`."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTEST_ADDOPTS"}
    environment["PYTHONPATH"] = str(site)
    environment["DATABASE_URL"] = database_url(settings.DATABASES["default"]["NAME"])
    return subprocess.run(
        ["make", "-s", "test-plugin", f"PLUGIN={folder}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch, default_registry_restored):
    before = set(sys.modules)
    out = []

    class Stdout:
        def write(self, text):
            out.append(text)

    call_command("startprocedure", CODE, PACKAGE, dir=str(tmp_path), stdout=Stdout())
    project = tmp_path / PACKAGE.replace("_", "-")
    site = tmp_path / "site"
    install_target(project, site)
    monkeypatch.syspath_prepend(str(site))
    problems = default_registry_restored.load_entry_points()
    yield {"project": project, "site": site, "problems": problems, "output": "".join(out)}
    for module in set(sys.modules) - before:
        sys.modules.pop(module, None)
    models = apps.all_models["procedure_workflows"]
    for name in [n for n, m in models.items() if m.__module__.startswith(PACKAGE)]:
        models.pop(name)
    apps.clear_cache()


@pytest.mark.slow
def test_scaffolded_plugin_installs_passes_its_tests_and_lives_on_one_commune(
    installed_plugin, default_registry_restored, host_client, demo_localities, offer
):
    project = installed_plugin["project"]
    for path in (
        "pyproject.toml",
        f"{PACKAGE}/plugin.py",
        f"{PACKAGE}/schema.py",
        f"{PACKAGE}/workflow.py",
        f"{PACKAGE}/templates/{PACKAGE}/result.html",
        f"{PACKAGE}/tests/test_plugin.py",
    ):
        assert (project / path).is_file(), path
    assert f'"{CODE}" = "{PACKAGE}.plugin"' in (project / "pyproject.toml").read_text()
    # Installed outside the shared virtualenv, found through its entry point.
    assert (installed_plugin["site"] / PACKAGE / "templates" / PACKAGE / "result.html").is_file()
    assert installed_plugin["problems"] == []
    plugin = default_registry_restored.get(CODE)
    assert plugin.__module__ == f"{PACKAGE}.plugin"
    assert plugin.step_shares.as_dict()["process"] == 60  # the scaffold declares the shares
    assert str(Path(sys.modules[plugin.__module__].__file__)).startswith(
        str(installed_plugin["site"])
    )
    call_command("check")  # no SystemCheckError: the generated plugin is consistent

    # The generated tests pass as generated.
    generated = importlib.import_module(f"{PACKAGE}.tests.test_plugin")
    tests = [getattr(generated, n) for n in dir(generated) if n.startswith("test_")]
    assert len(tests) == 4
    for test in tests:
        test()
    # ... and through the one documented command, as the developer runs it from the checkout.
    ran = run_test_plugin(installed_plugin["site"] / PACKAGE, site=installed_plugin["site"])
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert "4 passed" in ran.stdout

    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    offer(tu_ky, CODE)
    listed = host_client(tu_ky).get("/thu-tuc/")
    assert f"Thủ tục {CODE}" in listed.content.decode()
    page = host_client(tu_ky).get(f"/thu-tuc/{CODE}/")
    assert page.status_code == 200 and "Nộp hồ sơ" in page.content.decode()
    assert f"Thủ tục {CODE}" not in host_client(chu_puh).get("/thu-tuc/").content.decode()
    assert host_client(chu_puh).get(f"/thu-tuc/{CODE}/").status_code == 404


def test_the_closing_message_names_the_projects_environment_and_editable_install(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(ROOT)
    out = StringIO()
    call_command("startprocedure", "9.100004", "tu_ky_thu_cai_dat", dir=str(tmp_path), stdout=out)
    target = tmp_path / "tu-ky-thu-cai-dat"
    text = out.getvalue()
    assert f".venv/bin/uv pip install --python .venv/bin/python -e {target}" in text
    assert f"make test-plugin PLUGIN={target}" in text
    assert ".venv/bin/python manage.py enable_procedure 9.100004 --locality" in text
    assert "`pip install" not in text
    assert "-e <thư mục này>" in (target / "README.md").read_text()


def test_startprocedure_refuses_bad_names_and_taken_codes(tmp_path):
    with pytest.raises(CommandError, match="Tên gói"):
        call_command("startprocedure", "9.100002", "Bad-Name", dir=str(tmp_path))
    with pytest.raises(CommandError, match="đã có plugin"):
        call_command("startprocedure", "1.001193", "khai_sinh_moi", dir=str(tmp_path))
    with pytest.raises(CommandError, match="Đã có gói Python"):
        call_command("startprocedure", "9.100003", "json", dir=str(tmp_path))
    with pytest.raises(CommandError, match="Mã thủ tục"):
        call_command("startprocedure", "../x", "hop_le", dir=str(tmp_path))


def test_enable_procedure_command(demo_localities, public_schema):
    from procedure_plugins import selectors

    call_command("enable_procedure", "1.001193", "1.000894", locality=["11074"])
    assert {p.code for p in selectors.offered_procedures(demo_localities["tu_ky"])} == {
        "1.001193",
        "1.000894",
    }
    call_command(
        "enable_procedure",
        "2.000720",
        locality=["tu-ky.hai-phong.dichvucong.localhost"],
        time=2,
        fee=30000,
    )
    offered = selectors.offered_procedure(demo_localities["tu_ky"], "2.000720")
    assert offered.fee_for({}) == 30_000
    with pytest.raises(CommandError, match="giới hạn của thủ tục"):
        call_command("enable_procedure", "2.000720", locality=["11074"], time=9)
    call_command("enable_procedure", "1.000894", province="52", level="commune")
    assert [p.code for p in selectors.offered_procedures(demo_localities["chu_puh"])] == [
        "1.000894"
    ]
    call_command("enable_procedure", all=True, demo=True)
    assert len(selectors.offered_procedures(demo_localities["chu_puh"])) == 6
    # The province itself only gets the procedures a province may offer.
    assert {p.code for p in selectors.offered_procedures(demo_localities["gia_lai"])} == {
        "2.000635",
        "1.004227",
    }
