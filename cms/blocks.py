"""StreamField blocks of the locality portals' pages (guidance, news, simple pages).

Every block declares its icon, template and a description shown in the editor's block picker.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import catalogue
from .richtext import SanitisedRichTextBlock

#: Where the dossier lookup form is answered (the dossier app's view).
LOOKUP_URL = "/ho-so/tra-cuu/"

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
    "image",
]
STEP_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Cấp"),
        choices=[("h2", _("Tiêu đề mục")), ("h3", _("Tiêu đề mục con"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Tiêu đề")
        description = _("Tiêu đề của một phần nội dung, hiện trong mục lục của trang.")


class ParagraphBlock(SanitisedRichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/paragraph.html"
        label = _("Đoạn văn")
        description = _("Văn bản có định dạng: in đậm, danh sách, liên kết, ảnh nhỏ.")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Việc cần làm"), max_length=200)
    body = SanitisedRichTextBlock(
        label=_("Giải thích"), features=STEP_TEXT_FEATURES, required=False
    )
    image = ImageChooserBlock(label=_("Ảnh minh hoạ"), required=False)

    class Meta:
        icon = "tick"
        label = _("Bước")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên quy trình"), max_length=200, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Các bước"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/steps.html"
        label = _("Các bước thực hiện")
        description = _("Một quy trình được đánh số Bước 1, Bước 2…, mỗi bước có thể kèm ảnh.")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("Ảnh có chú thích")
        description = _("Một ảnh (ví dụ ảnh chụp màn hình) với dòng chú thích “Hình 1…”.")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(
        label=_("Tên hiển thị"),
        max_length=250,
        required=False,
        help_text=_("Để trống để dùng tên của tài liệu."),
    )
    note = blocks.CharBlock(label=_("Ghi chú"), max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_download.html"
        label = _("Tài liệu tải về")
        description = _("Một tệp để công dân tải về: mẫu đơn, tờ khai, văn bản hướng dẫn.")


class ProcedureChoiceBlock(blocks.ChoiceBlock):
    """A procedure this locality offers, chosen from the catalogue; stored by its code."""

    def __init__(self, **kwargs):
        # Evaluated when the editor opens the form, so the list is always today's catalogue.
        super().__init__(choices=catalogue.procedure_choices, **kwargs)

    def deconstruct(self):
        # The choices come from the catalogue at run time; migrations must not freeze them.
        path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return path, args, kwargs


class ProcedureLinkBlock(blocks.StructBlock):
    procedure = ProcedureChoiceBlock(label=_("Thủ tục"))
    label = blocks.CharBlock(
        label=_("Nội dung liên kết"),
        max_length=200,
        required=False,
        help_text=_("Để trống để hiện tên thủ tục."),
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/procedure_link.html"
        label = _("Liên kết thủ tục")
        description = _("Dẫn tới một thủ tục hành chính trong danh mục của đơn vị, để nộp hồ sơ.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        code = value.get("procedure") or ""
        procedure = catalogue.find(code) if code else None
        context["procedure"] = procedure
        context["procedure_name"] = catalogue.procedure_name(procedure) if procedure else ""
        context["procedure_url"] = catalogue.detail_url(code) if procedure else None
        return context


class LookupBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Tiêu đề"), max_length=120, default=_("Tra cứu hồ sơ"), required=False
    )
    help_text = blocks.CharBlock(
        label=_("Hướng dẫn"),
        max_length=250,
        required=False,
        default=_("Nhập mã hồ sơ ghi trên giấy tiếp nhận và số CCCD/CMND của người nộp."),
    )

    class Meta:
        icon = "search"
        template = "cms/blocks/lookup_box.html"
        label = _("Ô tra cứu hồ sơ")
        description = _("Ô nhập mã hồ sơ và số CCCD/CMND để công dân xem tình trạng hồ sơ.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["lookup_url"] = LOOKUP_URL
        context["uid"] = uuid.uuid4().hex[:8]  # unique label ids when a page has two boxes
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    steps = StepsBlock()
    image = CaptionedImageBlock()
    document = DocumentDownloadBlock()
    procedure_link = ProcedureLinkBlock()
    lookup_box = LookupBoxBlock()
