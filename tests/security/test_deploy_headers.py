"""Deploy hardening, as a browser or an auditor sees it: `check --deploy` with the production
settings, and the headers of real answers (portal pages, the admin, cached pages)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from identity.tests.factories import make_user
from identity.tokens import make_confirmation_token
from staff.roles import Role
from staff.services import staff_appoint

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    # A production process starts from a clean environment: not with what the test session set
    # for itself (the browser tests allow Django's ORM in Playwright's event loop, which
    # `check --deploy` rightly refuses).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "PORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout or "0 issues" in done.stdout, done.stdout


def test_production_settings_ask_for_https_everywhere(tmp_path):
    """The values `check --deploy` accepted: HSTS for a year on every locality's subdomain,
    secure cookies, redirect to HTTPS."""
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY]))"
    )
    env = {
        **os.environ,
        "PORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "PORTAL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[31536000, true, true, true, true, true, true]"


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (item.strip() for item in header.split(";"))
        if part
    }


def test_portal_pages_carry_a_strict_policy(tu_ky, host_client):
    client = host_client(tu_ky)
    for path in ("/", "/tai-khoan/dang-nhap/", "/tra-cuu/", "/khong-co-trang-nay/"):
        response = client.get(path)
        policy = _policy(response)
        assert policy["script-src"] == "'self'", path
        assert policy["style-src"] == "'self'", path
        assert policy["object-src"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_page_served_from_the_anonymous_cache_carries_the_same_headers(tu_ky, host_client):
    client = host_client(tu_ky)
    first, second = client.get("/"), client.get("/")
    assert first.status_code == second.status_code == 200
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Permissions-Policy" in second


def test_portal_templates_have_no_inline_scripts_or_styles():
    """What the strict policy would block: served HTML templates (not PDF slips or e-mails)."""
    offenders = []
    for folder in ("platform", "workflows", "tenants", "cms", "procedure_plugins"):
        for path in (ROOT / folder).rglob("templates/**/*.html"):
            relative = str(path.relative_to(ROOT))
            if "/slips/" in relative or "/email/" in relative or "/documents/" in relative:
                continue  # rendered to PDF by WeasyPrint or sent by mail: no browser policy
            if relative.endswith(("marriage_registration/result.html", "scoreboard/report.html")):
                continue  # a certificate and a printable report: PDFs
            text = path.read_text()
            if "<style" in text or 'style="' in text or "<script>" in text:
                offenders.append(relative)
    assert offenders == []


def test_wagtail_admin_alone_may_run_inline_code(tu_ky, host_client):
    """Wagtail's admin templates write inline <script> blocks and style attributes: /quan-tri/
    gets 'unsafe-inline' for scripts and styles, nothing else is widened."""
    admin = make_user(full_name="Biên Tập Tứ Kỳ")
    staff_appoint(locality=tu_ky, actor=make_user(is_staff=True), user=admin, role=Role.EDITOR)
    client = host_client(tu_ky)
    client.force_login(admin)
    response = client.get("/quan-tri/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"


@pytest.mark.parametrize("same_person", [True, False])
def test_the_confirmation_page_shows_the_address_only_to_its_owner(tu_ky, host_client, same_person):
    user = make_user(email="chu.ho@example.com", confirmed=False)
    token = make_confirmation_token(user_pk=user.pk, email=user.email)
    client = host_client(tu_ky)
    if same_person:
        client.force_login(user)
    page = client.get(f"/tai-khoan/xac-nhan/{token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đã xác nhận thư điện tử" in text
    assert ("chu.ho@example.com" in text) is same_person


def test_development_cookies_stay_plain_http():
    assert settings.PORTAL_ENV != "production"
    assert settings.SESSION_COOKIE_SECURE is False
