"""A locality administrator rewords a message on /thong-bao-gui-di/mau/: a broken text is refused
at the field in Vietnamese, the preview fills sample data, the saved text is what the mail server
receives; nobody else may, and another locality's messages are untouched."""

from __future__ import annotations

import pytest

from identity.tests.factories import make_user
from outbox.models import TemplateOverride
from staff.roles import Role, role_group
from workflows.notifications import notify_applicant
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import text_of

pytestmark = pytest.mark.django_db

LIST = "/thong-bao-gui-di/mau/"
EDIT = "/thong-bao-gui-di/mau/email/received/"


@pytest.fixture
def admin(tu_ky):
    user = make_user(full_name="Đỗ Minh Quân")
    user.groups.add(role_group(Role.LOCALITY_ADMIN))
    return user


def test_only_the_locality_s_administrator_edits_its_templates(
    tu_ky, chu_puh, admin, officers, host_client, use_locality
):
    client = host_client(tu_ky)
    assert client.get(LIST).status_code == 302  # to the login page
    client.force_login(officers["leader"])
    assert client.get(LIST).status_code == 403
    assert client.post(EDIT, {"action": "save", "body": "x"}).status_code == 403
    client.force_login(admin)
    assert f'href="{LIST}"' in client.get("/tai-khoan/can-bo/").content.decode()  # linked
    page = text_of(client.get(LIST))
    assert "Hồ sơ đã được tiếp nhận" in page and "Tin nhắn SMS" in page
    assert "Kính gửi Nguyễn Văn An," in page  # the default text, with sample data
    assert client.get("/thong-bao-gui-di/mau/sms/care_overdue/").status_code == 404
    other = host_client(chu_puh)
    other.force_login(admin)
    assert other.get(LIST).status_code == 403
    assert other.post(EDIT, {"action": "save", "body": "x"}).status_code == 403
    use_locality(chu_puh)
    assert not TemplateOverride.objects.exists()


def test_a_broken_text_is_refused_at_the_field_and_a_good_one_is_what_the_citizen_receives(
    tu_ky,
    chu_puh,
    admin,
    offered,
    citizen,
    host_client,
    mailbox,
    use_locality,
    django_capture_on_commit_callbacks,
):
    client = host_client(tu_ky)
    client.force_login(admin)
    unknown = client.post(EDIT, {"action": "save", "subject": "", "body": "Chào {{ ho_ten }}"})
    assert unknown.status_code == 400
    page = text_of(unknown)
    assert "Biến không có trong thông báo này: {{ ho_ten }}" in page and "{{ name }}" in page
    assert "Chào {{ ho_ten }}" in unknown.content.decode()  # nothing typed is lost
    broken = client.post(
        EDIT, {"action": "preview", "subject": "{% if x %}", "body": "Hồ sơ {{ code }"}
    )
    assert broken.status_code == 400 and text_of(broken).count("Sai cú pháp") == 2
    assert not TemplateOverride.objects.exists()
    body = "Kính gửi {{ name }},\nHồ sơ {{ code }} đã được {{ locality }} tiếp nhận."
    subject = "[{{ locality }}] Tiếp nhận hồ sơ {{ code }}"
    preview = text_of(client.post(EDIT, {"action": "preview", "subject": subject, "body": body}))
    assert "Hồ sơ 000.00.11.H26-260309-0001 đã được Xã Tứ Kỳ tiếp nhận." in preview
    assert not TemplateOverride.objects.exists()  # a preview saves nothing
    saved = client.post(EDIT, {"action": "save", "subject": subject, "body": body})
    assert saved.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="received")
    arrived = mailbox.messages[-1]
    assert str(arrived["Subject"]).strip() == f"[Xã Tứ Kỳ] Tiếp nhận hồ sơ {dossier.code}"
    text = arrived.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert f"Kính gửi Nguyễn Văn An,\nHồ sơ {dossier.code} đã được Xã Tứ Kỳ tiếp nhận." in text
    # Chư Pưh still sends the default text.
    use_locality(chu_puh)
    with django_capture_on_commit_callbacks(execute=True):
        other = make_dossier(applicant=citizen)
        notify_applicant(dossier=other, kind="received")
    assert (
        str(mailbox.messages[-1]["Subject"])
        .strip()
        .startswith("[Xã Chư Pưh] Hồ sơ đã được tiếp nhận")
    )
    # Back to the default in Tứ Kỳ.
    use_locality(tu_ky)
    assert client.post(EDIT, {"action": "reset"}).status_code == 302
    assert not TemplateOverride.objects.exists()
