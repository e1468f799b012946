"""Every error a visitor can meet is the portal's Vietnamese page, on the national root and on a
commune's host, with the locality's header and a way home; never Django's debug or English page.
The checks run with DEBUG as `make run` sets it (read from the Makefile)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]

#: What Django's own pages (debug or not) say; none of it may reach a visitor.
DJANGO_WORDING = (
    "Traceback",
    "DEBUG = True",
    "URLconf",
    "Django",
    "Page not found",
    "Server Error",
    "Bad Request",
    "Forbidden",
    "CSRF verification failed",
    "Method Not Allowed",
    "Null characters are not allowed",
    "internal detail the visitor must not see",
)


def debug_of_make_run() -> bool:
    """The DEBUG value `make run` gives the server (`make -n` prints the commands it would run;
    whatever starts the server, `make run` must say DEBUG=…)."""
    printed = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    values = {value.lower() for value in re.findall(r"\bDEBUG=(\S+)", printed)}
    assert len(values) == 1, f"`make run` must set DEBUG once: {values or 'not set'}"
    return values.pop() in {"1", "true", "yes", "on"}


def text_of(response) -> str:
    import html

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def as_make_run(db, settings):
    settings.DEBUG = debug_of_make_run()
    settings.ROOT_URLCONF = "portal.tests.urls_failing"
    settings.PUBLIC_SCHEMA_URLCONF = "portal.tests.urls_failing_national"
    return settings


def test_make_run_serves_without_debug_and_make_dev_with_it():
    assert debug_of_make_run() is False
    printed = subprocess.run(
        ["make", "-n", "dev"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"\bDEBUG=1\b", printed)


HOSTS = {"national": "Cổng Dịch vụ công Quốc gia", "tu_ky": "Xã Tứ Kỳ"}


def client_on(demo_localities, name: str, **kwargs) -> Client:
    host = demo_localities[name].get_primary_domain().domain
    return Client(HTTP_HOST=host, raise_request_exception=False, **kwargs)


def is_the_portal_page(response, *, status: int, title: str, locality_name: str) -> str:
    assert response.status_code == status, response.status_code
    assert response["Content-Type"].startswith("text/html")
    text = text_of(response)
    assert title in text
    assert locality_name in text  # the locality's header
    assert 'href="/"' in response.content.decode()  # a way back home
    for wording in DJANGO_WORDING:
        assert wording not in text, wording
    return text


def too_many_fields(client, settings):
    """Django's own SuspiciousOperation, answered by handler400."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    return client.post("/tai-khoan/dang-nhap/", {f"field{n}": "x" for n in range(20)})


def stale_csrf_cookie(client, settings):
    """A page left open: the CSRF cookie no longer matches the form's token."""
    client = Client(HTTP_HOST=client.defaults["HTTP_HOST"], enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client.post("/tai-khoan/dang-nhap/", {"username": "a", "password": "b"})


#: How each error is met on each host: (status, title on the page, request).
ERRORS = {
    "not found": (404, "Không tìm thấy trang", lambda c, s: c.get("/khong-co-trang-nay/")),
    "NUL in the address": (
        400,
        "Yêu cầu không hợp lệ",
        lambda c, s: c.get("/thu-tuc/2.000635%00/"),
    ),
    "too many fields": (400, "Yêu cầu không hợp lệ", too_many_fields),
    "permission denied": (403, "Không có quyền truy cập", lambda c, s: c.get("/loi-thu/403/")),
    "CSRF failure": (403, "Biểu mẫu đã hết hạn", stale_csrf_cookie),
    "method not allowed": (
        405,
        "Không thực hiện được thao tác này",
        lambda c, s: c.get("/tai-khoan/dang-xuat/"),
    ),
    "server error": (500, "Hệ thống đang gặp sự cố", lambda c, s: c.get("/loi-thu/500/")),
}


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("name", HOSTS)
def test_each_error_is_the_portal_page(as_make_run, demo_localities, name, error):
    status, title, make_request = ERRORS[error]
    response = make_request(client_on(demo_localities, name), as_make_run)
    text = is_the_portal_page(response, status=status, title=title, locality_name=HOSTS[name])
    if error == "NUL in the address":
        assert "ký tự rỗng NUL" in text
    if error == "CSRF failure":
        assert "tải lại trang rồi gửi lại" in text
    if error == "method not allowed":
        assert "POST" in response["Allow"]


def test_a_nul_in_a_dossier_address_is_refused(as_make_run, demo_localities):
    """The address the issue reported: `DataError` (500) before."""
    response = client_on(demo_localities, "tu_ky").get("/ho-so/nop/2.000635%00/")
    assert "ký tự rỗng NUL" in is_the_portal_page(
        response, status=400, title="Yêu cầu không hợp lệ", locality_name="Xã Tứ Kỳ"
    )


def test_a_nul_in_a_form_field_never_reaches_the_form(as_make_run, demo_localities):
    """Django's validator would answer "Null characters are not allowed." in English."""
    response = client_on(demo_localities, "tu_ky").post(
        "/ho-so/tra-cuu/",
        "code=11074-260616-0001%00&id_number=",
        content_type="application/x-www-form-urlencoded",
    )
    text = is_the_portal_page(
        response, status=400, title="Yêu cầu không hợp lệ", locality_name="Xã Tứ Kỳ"
    )
    assert "ký tự rỗng NUL" in text


@pytest.mark.parametrize("name", HOSTS)
def test_static_files_are_served_without_debug(as_make_run, demo_localities, name):
    response = client_on(demo_localities, name).get("/static/portal/portal.css")
    assert response.status_code == 200
    assert b".site-header" in b"".join(response.streaming_content)


def test_a_nul_in_a_multipart_form_is_answered_in_vietnamese_at_the_field(
    as_make_run, demo_localities
):
    """A multipart body is left to the view (the upload step reads raw file names itself);
    the test client posts multipart by default."""
    response = client_on(demo_localities, "tu_ky").post(
        "/ho-so/tra-cuu/", {"code": "11074-260616-0001\x00", "id_number": ""}
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "Null characters are not allowed" not in text
    assert "ký tự rỗng" in text


def test_a_host_that_is_no_portal_points_to_the_national_root(db, settings):
    """`localhost:8000` after `make run`: django-tenants alone answers an empty 404."""
    response = Client(HTTP_HOST="127.0.0.1:8000").get("/")
    assert response.status_code == 404
    text = text_of(response)
    assert "Địa chỉ này không phải của cổng dịch vụ công" in text
    assert f'href="http://{settings.BASE_DOMAIN}:8000/"' in response.content.decode()
