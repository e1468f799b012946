"""The demo commune's portal as a real commune would run it: footer, a guide, a news item, a
notice and a home page that points to the guide (`make run`, through `tenants.demo`).

Every piece is created only where it is missing (a footer field that is blank, a page whose slug
is free): what an editor already wrote is never replaced. The names, numbers and addresses are
demonstration values.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from workflows.links import base_url

from .models import (
    FooterSettings,
    GuidancePage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    NoticeIndexPage,
    NoticePage,
)

#: Procedures the guide links to, by national code: the ones a commune's desk handles most.
GUIDE_PROCEDURES = ("1.001193", "2.000635", "2.000815")

GUIDE_SLUG = "huong-dan-su-dung-dich-vu-cong-xa-tu-ky"
NEWS_SLUG = "xa-tu-ky-dua-cong-dich-vu-cong-vao-phuc-vu-nguoi-dan"
NOTICE_SLUG = "thoi-gian-tiep-nhan-va-tra-ket-qua-tai-bo-phan-mot-cua"

FOOTER = {
    "agency": "Ủy ban nhân dân xã Tứ Kỳ",
    "address": "Số 1 đường Nguyễn Đức Cảnh, xã Tứ Kỳ, thành phố Hải Phòng",
    "phone": "0220 3747 100",
    "email": "ubnd.tuky@haiphong.gov.vn",
    "content_responsible": "Ông Đỗ Văn Hải, Phó Chủ tịch UBND xã, Trưởng Ban Biên tập",
    "licence": "Giấy phép số 15/GP-TTĐT ngày 20/8/2025 của Sở Khoa học và Công nghệ Hải Phòng",
    "support_phone": "0220 3747 199",
    "support_email": "motcua.tuky@haiphong.gov.vn",
}

DESK_HOURS = (
    "Buổi sáng từ 7 giờ 30 đến 11 giờ 30, buổi chiều từ 13 giờ 30 đến 17 giờ 00, "
    "từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)."
)


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value}


def _steps(title: str, steps: list[tuple[str, str]]) -> dict:
    # A list block's items need their own ids, or Wagtail reads them in the old list format.
    items = [
        {"type": "item", "value": {"title": t, "body": b, "image": None}, "id": str(uuid.uuid4())}
        for t, b in steps
    ]
    return _block("steps", {"title": title, "steps": items})


def guide_body(*, portal_url: str) -> list[dict]:
    """The commune's own guide, in the blocks editors use (headings, numbered steps, procedure
    links, the lookup box), after the structure of a commune's written guide (hướng dẫn)."""
    return [
        _block(
            "paragraph",
            "<p>Để người dân, tổ chức trên địa bàn nộp hồ sơ thủ tục hành chính không phải đi lại "
            "nhiều lần, Bộ phận Một cửa UBND xã Tứ Kỳ hướng dẫn cách tạo tài khoản, nộp hồ sơ "
            "qua mạng, theo dõi và nhận kết quả trên cổng dịch vụ công của xã. Trưởng các thôn "
            "và công chức Một cửa sẵn sàng giúp người chưa quen dùng máy tính, điện thoại.</p>",
        ),
        _block("heading", {"text": "1. Đăng ký tài khoản", "level": "h2"}),
        _steps(
            "Đăng ký tài khoản dịch vụ công",
            [
                (
                    "Mở cổng dịch vụ công của xã.",
                    f'<p>Địa chỉ: <a href="{portal_url}">{portal_url}</a>. Tài khoản dùng được '
                    "trên cổng của mọi xã, tỉnh: đã đăng ký ở nơi khác thì chỉ cần đăng nhập.</p>",
                ),
                ("Chọn “Đăng ký” ở đầu trang.", ""),
                (
                    "Khai họ tên, số căn cước công dân, ngày sinh, thư điện tử và số điện thoại.",
                    "<p>Các ô có dấu * là bắt buộc. Khai đúng thư điện tử và số điện thoại: đó là "
                    "nơi xã báo cho bạn khi hồ sơ được tiếp nhận, cần bổ sung hoặc có kết quả.</p>",
                ),
                (
                    "Nhập mã xác nhận, chọn “Đăng ký”, rồi bấm đường dẫn trong thư xác nhận.",
                    "",
                ),
            ],
        ),
        _block("heading", {"text": "2. Nộp hồ sơ trực tuyến", "level": "h2"}),
        _steps(
            "Nộp hồ sơ",
            [
                (
                    "Đăng nhập bằng số căn cước, tên đăng nhập hoặc thư điện tử.",
                    "",
                ),
                (
                    "Tìm thủ tục cần làm và chọn “Nộp hồ sơ”.",
                    "<p>Gõ tên thủ tục vào ô tìm kiếm (có dấu hay không dấu đều được) hoặc mở "
                    "mục Thủ tục hành chính.</p>",
                ),
                (
                    "Điền tờ khai và đính kèm bản chụp, bản quét từng giấy tờ.",
                    "<p>Nên quét thành tệp PDF rõ nét, mỗi giấy tờ một tệp. Người nộp chịu trách "
                    "nhiệm về sự trùng khớp giữa bản điện tử và bản chính.</p>",
                ),
                (
                    "Chọn cách nhận kết quả.",
                    "<ul><li>Nhận trực tiếp tại Bộ phận Một cửa UBND xã;</li>"
                    "<li>Nhận bản điện tử trên cổng và qua thư điện tử;</li>"
                    "<li>Nhận qua dịch vụ bưu chính công ích (cước do người nhận trả).</li></ul>",
                ),
                (
                    "Kiểm tra lại, nhập mã xác nhận và chọn “Nộp hồ sơ”.",
                    "<p>Cổng hiện mã hồ sơ và gửi thư xác nhận; hãy lưu lại mã hồ sơ.</p>",
                ),
            ],
        ),
        _block(
            "paragraph",
            "<p>Các thủ tục người dân trong xã nộp nhiều nhất:</p>",
        ),
        *[_block("procedure_link", {"procedure": code, "label": ""}) for code in GUIDE_PROCEDURES],
        _block("heading", {"text": "3. Theo dõi và bổ sung hồ sơ", "level": "h2"}),
        _block(
            "paragraph",
            "<p>Hồ sơ đầy đủ được tiếp nhận trong ngày làm việc; bạn nhận giấy tiếp nhận và ngày "
            "hẹn trả kết quả. Hồ sơ còn thiếu, bạn nhận phiếu yêu cầu bổ sung nêu đủ các giấy tờ "
            "cần thêm: mở “Hồ sơ của tôi” và tải phần còn thiếu lên chính hồ sơ đó.</p>",
        ),
        _block(
            "lookup_box",
            {
                "heading": "Tra cứu hồ sơ",
                "help_text": "Nhập mã hồ sơ ghi trên giấy tiếp nhận và số CCCD/CMND của người nộp.",
            },
        ),
        _block("heading", {"text": "4. Nhận kết quả", "level": "h2"}),
        _block(
            "paragraph",
            "<p>Khi được báo hồ sơ đã có kết quả hoặc đến ngày hẹn, mang bản chính các giấy tờ "
            "đã nộp đến Bộ phận Một cửa để công chức đối chiếu và trao kết quả. Nhận qua bưu "
            "chính hoặc trực tuyến thì kết quả được gửi theo cách bạn đã chọn.</p>",
        ),
        _block("heading", {"text": "5. Cần giúp đỡ", "level": "h2"}),
        _block(
            "paragraph",
            f"<p>Bộ phận Một cửa UBND xã Tứ Kỳ, {FOOTER['address']}. Điện thoại "
            f"{FOOTER['phone']}, thư điện tử {FOOTER['email']}. Giờ làm việc: {DESK_HOURS}</p>",
        ),
    ]


def _child(parent: Page, page: Page) -> Page | None:
    """Add and publish `page` under `parent` unless the slug is taken (an editor's page, or the
    demo's own from an earlier run, possibly changed since): then nothing is created."""
    if parent.get_children().filter(slug=page.slug).exists():
        return None
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _page_link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@transaction.atomic
def demo_portal_ensure(*, locality, now: dt.datetime | None = None) -> list[str]:
    """Give the current schema's portal (the connection is inside `locality`) the demo commune's
    footer and pages where they are missing; returns what was created, for the command's output.

    Example: on a fresh Xã Tứ Kỳ -> ["chân trang", "hướng dẫn", "tin tức", "thông báo",
    "lời giới thiệu"]; on a second call -> [].
    """

    now = now or timezone.now()
    created: list[str] = []
    home = HomePage.objects.first()
    if home is None:
        return created
    site = Site.objects.filter(root_page_id=home.pk).first()
    if site is not None:
        footer = FooterSettings.for_site(site)
        blank = {name: value for name, value in FOOTER.items() if not getattr(footer, name)}
        if blank:
            for name, value in blank.items():
                setattr(footer, name, value)
            footer.save()
            created.append("chân trang")

    guide = _child(
        home,
        GuidancePage(
            title="Hướng dẫn đăng ký và sử dụng dịch vụ công trực tuyến tại xã Tứ Kỳ",
            slug=GUIDE_SLUG,
            intro="UBND xã Tứ Kỳ hướng dẫn người dân, tổ chức tạo tài khoản, nộp hồ sơ, tra cứu "
            "và nhận kết quả thủ tục hành chính trên cổng dịch vụ công của xã.",
            body=guide_body(portal_url=base_url(locality) + "/"),
        ),
    )
    if guide is not None:
        created.append("hướng dẫn")
    guide = guide or GuidancePage.objects.child_of(home).filter(slug=GUIDE_SLUG).first()
    guide_link = _page_link(guide, "hướng dẫn của xã") if guide else "hướng dẫn của xã"

    news_index = NewsIndexPage.objects.child_of(home).first()
    if news_index is not None and _child(
        news_index,
        NewsArticlePage(
            title="Xã Tứ Kỳ đưa cổng dịch vụ công trực tuyến vào phục vụ người dân",
            slug=NEWS_SLUG,
            date=timezone.localdate(now),
            summary="Từ nay người dân có thể nộp hồ sơ khai sinh, trích lục hộ tịch, chứng thực "
            "và nhiều thủ tục khác qua mạng, theo dõi hồ sơ và nhận kết quả tại nhà.",
            body=[
                _block(
                    "paragraph",
                    "<p>UBND xã Tứ Kỳ đã đưa cổng dịch vụ công trực tuyến của xã vào hoạt động. "
                    "Người dân, tổ chức nộp hồ sơ bất cứ lúc nào, theo dõi hồ sơ đang được "
                    "giải quyết đến bước nào và chọn nhận kết quả trực tiếp, qua bưu chính "
                    "hoặc bản điện tử.</p>"
                    "<p>Bộ phận Một cửa tiếp nhận hồ sơ trực tuyến trong ngày làm việc; hồ sơ "
                    "còn thiếu được hướng dẫn bổ sung một lần, đầy đủ. Cách làm từng bước có "
                    f"trong {guide_link}.</p>",
                ),
                *[
                    _block("procedure_link", {"procedure": code, "label": ""})
                    for code in GUIDE_PROCEDURES[:1]
                ],
            ],
        ),
    ):
        created.append("tin tức")

    notice_index = NoticeIndexPage.objects.child_of(home).first()
    if notice_index is not None and _child(
        notice_index,
        NoticePage(
            title="Thời gian tiếp nhận và trả kết quả hồ sơ tại Bộ phận Một cửa xã Tứ Kỳ",
            slug=NOTICE_SLUG,
            valid_from=now,
            summary=DESK_HOURS,
            body=f"<p>Bộ phận Một cửa UBND xã Tứ Kỳ tiếp nhận và trả kết quả hồ sơ: {DESK_HOURS}"
            "</p><p>Hồ sơ nộp trực tuyến ngoài giờ làm việc được tiếp nhận vào ngày làm việc "
            "tiếp theo; thời hạn giải quyết tính từ khi hồ sơ được tiếp nhận.</p>"
            f"<p>Điện thoại: {FOOTER['phone']}.</p>",
        ),
    ):
        created.append("thông báo")

    # An editor's unpublished draft of the home page is theirs to publish: leave it.
    if not home.intro and not home.has_unpublished_changes and guide is not None:
        home.intro = (
            "<p>Nộp hồ sơ thủ tục hành chính của xã Tứ Kỳ qua mạng, theo dõi hồ sơ và nhận kết "
            f"quả không cần đi lại nhiều lần. Lần đầu sử dụng? Xem {guide_link}.</p>"
        )
        home.save_revision().publish()
        created.append("lời giới thiệu")
    return created
