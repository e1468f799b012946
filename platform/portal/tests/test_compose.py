"""docker-compose.yml cannot run here (no Docker engine): check its shape and its variables."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
READ_PATTERNS = (
    r'env_(?:str|bool|list)\(\s*"([A-Z0-9_]+)"',
    r'os\.environ(?:\.get)?[\[(]\s*"([A-Z0-9_]+)"',
)


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def variables_read_by_settings() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "platform").rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text()
        for pattern in READ_PATTERNS:
            names.update(re.findall(pattern, text))
    return names


def test_compose_has_the_production_services():
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(services)
    assert "gunicorn" in str(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_every_variable_in_compose_is_read_by_settings_and_documented():
    services = compose()["services"]
    portal_services = [services[name] for name in ("web", "worker", "beat")]
    names = set()
    for service in portal_services:
        names.update(service["environment"].keys())
    read = variables_read_by_settings()
    readme = (ROOT / "README.md").read_text()
    assert names, "the portal services declare no environment"
    assert not names - read, f"set in compose but never read: {sorted(names - read)}"
    undocumented = [name for name in names if f"`{name}`" not in readme]
    assert not undocumented, f"not in the README's configuration table: {undocumented}"


def test_every_variable_settings_read_is_documented():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in sorted(variables_read_by_settings()) if f"`{name}`" not in readme]
    assert not missing, f"read by settings but not documented in README.md: {missing}"
