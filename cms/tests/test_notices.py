"""A province publishes a notice to all its communes at once; each copy is the commune's own."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import tenant_context

from cms.models import GuidancePage, HomePage, NoticeIndexPage, NoticePage
from cms.services import notice_send_to_communes
from cms.tests.conftest import make_editor

pytestmark = pytest.mark.django_db


def province_notice(province, *, title="Thông báo lịch nghỉ Tết Nguyên đán", live=True):
    with tenant_context(province):
        guide = HomePage.objects.get().get_children().type(GuidancePage).first()
        notice = NoticePage(
            title=title,
            slug="nghi-tet",
            summary="Bộ phận Một cửa nghỉ Tết từ 14/02 đến 22/02.",
            body=(
                "<p>Hồ sơ nộp trực tuyến vẫn được nhận. "
                f'Xem <a linktype="page" id="{guide.pk}">hướng dẫn nộp hồ sơ</a>.</p>'
            ),
            valid_from=timezone.now() - datetime.timedelta(hours=1),
            valid_until=timezone.now() + datetime.timedelta(days=10),
            live=live,
        )
        NoticeIndexPage.objects.get().add_child(instance=notice)
        revision = notice.save_revision()
        if live:
            revision.publish()
        notice.refresh_from_db()
        return notice


def test_province_notice_lands_in_each_commune_and_is_editable_there(demo_localities, host_client):
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    editor = make_editor(hai_phong)
    notice = province_notice(hai_phong)
    with tenant_context(hai_phong):
        copies = notice_send_to_communes(notice=notice, actor=editor)
    assert [copy.locality for copy in copies] == [tu_ky]
    assert copies[0].created
    with tenant_context(tu_ky):
        copy = NoticePage.objects.get(pk=copies[0].page_id)
        assert copy.live and copy.title == "Thông báo lịch nghỉ Tết Nguyên đán"
        assert copy.origin_name == "Thành phố Hải Phòng"
        # The province's page link became an absolute link to the province's portal.
        assert 'href="http://hai-phong.dichvucong.localhost:8000/huong-dan-' in copy.body
        assert "linktype" not in copy.body
        # Editable locally: Tứ Kỳ's editors change their copy; the province's stays as it was.
        copy.title = "Lịch nghỉ Tết của xã Tứ Kỳ"
        copy.save_revision().publish()
    page = host_client(tu_ky).get("/").content.decode()
    assert "Lịch nghỉ Tết của xã Tứ Kỳ" in page
    assert "Nguồn: Thành phố Hải Phòng" in host_client(tu_ky).get(copy.url).content.decode()
    with tenant_context(hai_phong):
        assert NoticePage.objects.get(pk=notice.pk).title == "Thông báo lịch nghỉ Tết Nguyên đán"
    # Other provinces' communes get nothing.
    with tenant_context(demo_localities["chu_puh"]):
        assert not NoticePage.objects.filter(origin_key__startswith="p31:").exists()


def test_sending_again_does_not_duplicate(demo_localities):
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    editor = make_editor(hai_phong)
    notice = province_notice(hai_phong)
    with tenant_context(hai_phong):
        notice_send_to_communes(notice=notice, actor=editor)
        again = notice_send_to_communes(notice=notice, actor=editor)
    assert [copy.created for copy in again] == [False]
    with tenant_context(tu_ky):
        assert NoticePage.objects.filter(origin_key=f"p31:{notice.pk}").count() == 1


def test_drafts_and_editors_of_other_localities_cannot_send(demo_localities):
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    draft = province_notice(hai_phong, live=False)
    commune_editor = make_editor(tu_ky)
    with tenant_context(hai_phong):
        with pytest.raises(PermissionDenied, match="đã xuất bản"):
            notice_send_to_communes(notice=draft, actor=make_editor(hai_phong))
        draft.save_revision().publish()
        draft.refresh_from_db()
        with pytest.raises(PermissionDenied, match="không có quyền"):
            notice_send_to_communes(notice=draft, actor=commune_editor)
    with tenant_context(tu_ky):
        assert not NoticePage.objects.filter(origin_key__startswith="p31:").exists()


def test_admin_button_sends_after_confirmation(demo_localities, logged_in):
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    editor = make_editor(hai_phong)
    notice = province_notice(hai_phong)
    client = logged_in(hai_phong, editor)
    url = reverse("cms_notice_send", args=[notice.pk])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])).content.decode()
    assert url in edit_page  # the header button
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Xã Tứ Kỳ" in confirm.content.decode()
    sent = client.post(url, follow=True)
    assert "Đã gửi thông báo “Thông báo lịch nghỉ Tết Nguyên đán” tới 1 đơn vị cấp dưới" in (
        sent.content.decode()
    )
    with tenant_context(tu_ky):
        assert NoticePage.objects.filter(origin_key=f"p31:{notice.pk}", live=True).exists()


def test_commune_editor_cannot_use_the_send_view_of_the_province(demo_localities, logged_in):
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    notice = province_notice(hai_phong)
    client = logged_in(hai_phong, make_editor(tu_ky))
    response = client.post(reverse("cms_notice_send", args=[notice.pk]))
    assert response.status_code in (302, 403)
    with tenant_context(tu_ky):
        assert not NoticePage.objects.filter(origin_key=f"p31:{notice.pk}").exists()


def test_a_commune_has_no_send_button_and_its_send_view_refuses(demo_localities, logged_in):
    """One rule for the button and the action: a commune has no units below it, so its editor
    (who may publish the notice) sees no button, and the URL is refused (Wagtail's admin turns the
    refusal into a redirect to the dashboard with its message) with nothing copied."""
    tu_ky = demo_localities["tu_ky"]
    editor = make_editor(tu_ky)
    notice = province_notice(tu_ky, title="Thông báo của xã")
    client = logged_in(tu_ky, editor)
    url = reverse("cms_notice_send", args=[notice.pk])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])).content.decode()
    assert url not in edit_page
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (302, 403)
        assert response.headers.get("Location", "/quan-tri/") == "/quan-tri/"
    with tenant_context(tu_ky):
        assert NoticePage.objects.filter(title="Thông báo của xã").count() == 1
