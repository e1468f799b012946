"""Registration as a citizen sees it: the form, each kind of bad input, the confirmation link."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from identity.selectors import can_submit_dossiers
from tests.support import require_tool

from .factories import make_user, registration_data, solve_captcha

pytestmark = pytest.mark.django_db

REGISTER = "/tai-khoan/dang-ky/"


def post_registration(client, **overrides):
    page = client.get(REGISTER)
    return client.post(REGISTER, {**registration_data(**overrides), **solve_captcha(page)})


def field_errors(response, field: str) -> str:
    """The error list rendered under a field (its id is what aria-describedby points to)."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_errors">(.*?)</ul>', response.content.decode(), re.S
    )
    return match.group(1) if match else ""


def test_form_shows_every_field_of_the_seed_guides_and_the_terms(tu_ky_client):
    page = tu_ky_client.get(REGISTER).content.decode()
    for label in (
        "Họ và tên",
        "Số CCCD/CMND",
        "Ngày sinh",
        "Địa chỉ",
        "Thư điện tử",
        "Số điện thoại",
        "Mật khẩu",
        "Mã xác nhận",
        "Nghị định 13/2023/NĐ-CP",
    ):
        assert label in page
    assert 'placeholder="dd/mm/yyyy"' in page
    # The captcha image is served locally (no network) with a Vietnamese text alternative.
    image = re.search(r'<img src="([^"]+)" alt="Ảnh mã xác nhận', page).group(1)
    assert tu_ky_client.get(image)["Content-Type"] == "image/png"


def test_citizen_registers_is_logged_in_unconfirmed_and_gets_link_for_this_portal(
    tu_ky_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(tu_ky_client, phone="+84 987 654 321")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-ky/kiem-tra-thu/"
    user = get_user_model().objects.get(id_number="031195001122")
    assert user.username == "031195001122"
    assert user.phone == "0987654321"
    assert user.date_of_birth.isoformat() == "1995-08-15"
    assert user.personal_data_consent_at is not None
    assert user.personal_data_terms_version
    assert not can_submit_dossiers(user)

    page = tu_ky_client.get(response["Location"]).content.decode()
    assert "hoa.nguyen@example.com" in page
    assert "Nguyễn Thị Hoa" in page  # logged in: the header greets them

    (message,) = mail.outbox
    assert message.to == ["hoa.nguyen@example.com"]
    assert "Xã Tứ Kỳ" in message.subject
    link = re.search(r"http://\S+", message.body).group(0)
    assert link.startswith("http://tu-ky.hai-phong.dichvucong.localhost/tai-khoan/xac-nhan/")

    confirmed = tu_ky_client.get(link.removeprefix("http://tu-ky.hai-phong.dichvucong.localhost"))
    assert confirmed.status_code == 200
    assert "Đã xác nhận thư điện tử" in confirmed.content.decode()
    user.refresh_from_db()
    assert can_submit_dossiers(user)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "03119500112", "12 chữ số"),
        ("id_number", "0311950011ab", "chỉ gồm chữ số"),
        ("id_number", "999195001122", "không phải mã tỉnh"),
        # Digits 4-6 "295" say born in 2095; the date of birth says 1995.
        ("id_number", "031295001122", "không khớp với năm sinh 1995"),
        ("date_of_birth", "1995-08-15", "ngày/tháng/năm"),
        ("date_of_birth", "31/02/1995", "không có trên lịch"),
        ("date_of_birth", "15/08/2999", "không thể ở tương lai"),
        ("phone", "12345", "10 chữ số"),
        ("email", "hoa.nguyen@", "không hợp lệ"),
        ("password1", "12345678", "hoàn toàn là số"),
        ("password1", "abc", "quá ngắn"),
        ("username", "0912345678", "toàn chữ số"),
    ],
)
def test_bad_input_is_explained_at_the_field_and_the_rest_is_kept(
    tu_ky_client, field, value, message
):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value
    response = post_registration(tu_ky_client, **overrides)
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert message in errors, errors or response.content.decode()[:3000]
    page = response.content.decode()
    # Everything else stays as typed (passwords are never sent back, by design).
    assert 'value="Nguyễn Thị Hoa"' in page
    assert 'value="Thôn Đông, xã Tứ Kỳ, thành phố Hải Phòng"' in page
    assert f'aria-describedby="id_{field}_errors' in page
    assert 'aria-invalid="true"' in page
    assert not get_user_model().objects.filter(email="hoa.nguyen@example.com").exists()


def test_wrong_captcha_is_refused_and_a_new_one_shown(tu_ky_client):
    page = tu_ky_client.get(REGISTER)
    answer = solve_captcha(page)
    answer["captcha_1"] = "sai" + answer["captcha_1"]
    response = tu_ky_client.post(REGISTER, {**registration_data(), **answer})
    assert response.status_code == 200
    assert "Mã xác nhận không đúng" in field_errors(response, "captcha")
    assert answer["captcha_0"] not in response.content.decode()  # a fresh challenge
    assert 'value="hoa.nguyen@example.com"' in response.content.decode()
    assert not get_user_model().objects.filter(email="hoa.nguyen@example.com").exists()


def test_captcha_can_be_heard_and_changed_without_losing_what_was_typed(tu_ky_client, settings):
    settings.CAPTCHA_FLITE_PATH = require_tool("flite", package="flite")
    page = tu_ky_client.get(REGISTER)
    html = page.content.decode()
    # The spoken alternative: a real WAV file with the characters read out.
    audio = re.search(r'<a href="([^"]+\.wav)" download>Nghe mã xác nhận', html).group(1)
    sound = tu_ky_client.get(audio)
    assert sound.status_code == 200 and sound["Content-Type"] == "audio/wav"
    body = b"".join(sound.streaming_content) if sound.streaming else sound.content
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE" and len(body) > 10_000

    # "Đổi mã khác" posts the form back: a new image, the typed fields kept, no error shown.
    old_key = solve_captcha(page)["captcha_0"]
    typed = registration_data()
    response = tu_ky_client.post(REGISTER, {**typed, "captcha_refresh": "1"})
    again = response.content.decode()
    assert response.status_code == 200
    assert old_key not in again and 'name="captcha_0"' in again
    assert 'value="hoa.nguyen@example.com"' in again and 'value="031195001122"' in again
    assert 'class="errorlist"' not in again
    assert not get_user_model().objects.filter(email="hoa.nguyen@example.com").exists()
    # The new challenge is the one that counts.
    done = tu_ky_client.post(REGISTER, {**typed, **solve_captcha(response)})
    assert done.status_code == 302


def test_already_registered_id_number_and_email_are_refused(tu_ky_client):
    make_user(id_number="031195001122", email="HOA.NGUYEN@example.com")
    response = post_registration(tu_ky_client)
    assert response.status_code == 200
    assert "đã được đăng ký" in field_errors(response, "id_number")
    assert "đã được một tài khoản khác sử dụng" in field_errors(response, "email")


def test_terms_must_be_accepted(tu_ky_client):
    response = post_registration(tu_ky_client, accept_terms="")
    assert response.status_code == 200
    assert "đồng ý với điều khoản" in field_errors(response, "accept_terms")


def test_old_cmnd_of_nine_digits_is_accepted(tu_ky_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(tu_ky_client, id_number="142 345 678", username="hoa.nt")
    assert response.status_code == 302
    user = get_user_model().objects.get(username="hoa.nt")
    assert user.id_number == "142345678"


def test_expired_and_forged_confirmation_links_are_refused(
    tu_ky_client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_registration(tu_ky_client)
    path = re.search(r"http://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    settings.IDENTITY_EMAIL_CONFIRMATION_MAX_AGE = -1
    expired = tu_ky_client.get(path)
    assert expired.status_code == 400
    assert "đã hết hạn" in expired.content.decode()
    assert "Gửi lại thư xác nhận" in expired.content.decode()
    settings.IDENTITY_EMAIL_CONFIRMATION_MAX_AGE = 3600
    forged = tu_ky_client.get(path[:-6] + "AAAAAA/")
    assert forged.status_code == 400
    assert "không hợp lệ" in forged.content.decode()
    user = get_user_model().objects.get(email="hoa.nguyen@example.com")
    assert user.email_confirmed_at is None


def test_logged_in_citizen_is_not_offered_a_second_account(tu_ky_client):
    tu_ky_client.force_login(make_user())
    response = tu_ky_client.get(REGISTER, follow=True)
    assert response.redirect_chain[-1][0] == "/tai-khoan/thong-tin-ca-nhan/"
    assert "một người chỉ cần một tài khoản" in response.content.decode()


def test_registration_is_kept_when_the_mail_server_is_down(
    tu_ky_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(tu_ky_client)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="hoa.nguyen@example.com").exists()
    page = tu_ky_client.get(response["Location"]).content.decode()
    assert "Gửi lại thư xác nhận" in page
