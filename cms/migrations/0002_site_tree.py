"""Every locality's starting portal and its editors' permissions, created once per schema.

New localities are cloned from a template schema that has run this migration, so they inherit the
page tree, the Site and the permissions as plain rows; `cms.provisioning.setup_locality_site`
then titles the home page with the locality's name and points the Site at its host.

Tree (slugs are the URLs a citizen sees):
    Trang chủ (HomePage, the Site's root)
    ├── Tin tức                                 /tin-tuc/
    ├── Thông báo                               /thong-bao/
    ├── Hướng dẫn đăng ký và nộp hồ sơ trực tuyến /huong-dan-dang-ky-va-nop-ho-so/
    ├── Thủ tục hành chính (the catalogue)      /thu-tuc-hanh-chinh/
    ├── Giới thiệu                              /gioi-thieu/
    └── Liên hệ                                 /lien-he/
"""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def _segment(number: int) -> str:
    """Treebeard's path segment for the n-th child (1-based), base 36 on four characters."""
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _p(text: str) -> str:
    return f'<p data-block-key="{uuid.uuid4().hex[:5]}">{text}</p>'


def _ul(*items: str) -> str:
    lis = "".join(f'<li data-block-key="{uuid.uuid4().hex[:5]}">{item}</li>' for item in items)
    return f"<ul>{lis}</ul>"


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _steps(title: str, steps: list[tuple[str, str]]) -> dict:
    return _block(
        "steps",
        {
            "title": title,
            "steps": [
                {
                    "type": "item",
                    "value": {"title": step_title, "body": body, "image": None},
                    "id": str(uuid.uuid4()),
                }
                for step_title, body in steps
            ],
        },
    )


def guidance_body() -> list[dict]:
    """The guide every new portal starts with: written for this platform, editable locally."""
    return [
        _block(
            "paragraph",
            _p(
                "Trên cổng dịch vụ công này, người dân và tổ chức có thể nộp hồ sơ thủ tục hành "
                "chính qua mạng vào bất cứ lúc nào, theo dõi hồ sơ đang được giải quyết đến đâu "
                "và chọn cách nhận kết quả. Thông thường chỉ cần đến cơ quan một lần, khi nhận "
                "kết quả và đối chiếu bản chính, hoặc không phải đến nếu nhận kết quả qua "
                "bưu chính hay trực tuyến."
            ),
        ),
        _block("heading", {"text": "1. Tạo tài khoản", "level": "h2"}),
        _block(
            "paragraph",
            _p(
                "Một tài khoản dùng được trên cổng của mọi tỉnh, xã trong cả nước: nếu đã đăng "
                "ký ở nơi khác, bạn chỉ cần đăng nhập."
            ),
        ),
        _steps(
            "Đăng ký tài khoản",
            [
                (
                    "Chọn “Đăng ký” ở góc trên của trang.",
                    "",
                ),
                (
                    "Khai thông tin của bạn.",
                    _p(
                        "Họ và tên, số căn cước công dân (12 chữ số), ngày sinh theo dạng "
                        "ngày/tháng/năm, địa chỉ thư điện tử và số điện thoại đang dùng. Các ô "
                        "có dấu * là bắt buộc."
                    ),
                ),
                (
                    "Nhập mã xác nhận hiện trên màn hình rồi chọn “Đăng ký”.",
                    "",
                ),
                (
                    "Mở thư điện tử mà cổng vừa gửi và bấm vào đường dẫn xác nhận.",
                    _p(
                        "Thư điện tử này là nơi bạn sẽ nhận thông báo về hồ sơ, vì vậy hãy khai "
                        "đúng địa chỉ."
                    ),
                ),
            ],
        ),
        _block("heading", {"text": "2. Chuẩn bị trước khi nộp", "level": "h2"}),
        _block(
            "paragraph",
            _ul(
                "Đọc kỹ trang của thủ tục: thành phần hồ sơ, thời hạn giải quyết, phí và lệ phí.",
                "Chụp hoặc quét từng giấy tờ cho rõ nét, nên lưu dưới dạng tệp PDF; mỗi giấy tờ "
                "một tệp, đặt tên dễ nhận biết.",
                "Người nộp chịu trách nhiệm về sự trùng khớp giữa bản điện tử đã nộp và bản "
                "chính sẽ xuất trình khi nhận kết quả.",
            ),
        ),
        _block("heading", {"text": "3. Nộp hồ sơ trực tuyến", "level": "h2"}),
        _steps(
            "Nộp hồ sơ",
            [
                (
                    "Đăng nhập, rồi tìm thủ tục cần làm.",
                    _p(
                        "Dùng ô tìm kiếm trên trang chủ (gõ có dấu hay không dấu đều được) hoặc "
                        "mở mục Thủ tục hành chính. Nếu thủ tục do đơn vị khác giải quyết, chọn "
                        "đúng xã, phường hoặc tỉnh trong danh sách đơn vị trực thuộc."
                    ),
                ),
                (
                    "Chọn “Nộp hồ sơ” và điền tờ khai theo mẫu.",
                    "",
                ),
                (
                    "Đính kèm các tệp đã chuẩn bị vào đúng từng thành phần hồ sơ.",
                    "",
                ),
                (
                    "Chọn cách nhận kết quả.",
                    _ul(
                        "Nhận trực tiếp tại Bộ phận Một cửa;",
                        "Nhận bản điện tử trên cổng và qua thư điện tử;",
                        "Nhận qua dịch vụ bưu chính công ích tại địa chỉ bạn khai (cước phí do "
                        "người nhận trả theo quy định).",
                    ),
                ),
                (
                    "Kiểm tra lại, nhập mã xác nhận và chọn “Nộp hồ sơ”.",
                    _p(
                        "Cổng hiện trang xác nhận có mã hồ sơ; hãy in hoặc lưu lại trang này. "
                        "Thư xác nhận cũng được gửi tới địa chỉ thư điện tử của bạn."
                    ),
                ),
            ],
        ),
        _block("heading", {"text": "4. Theo dõi và bổ sung hồ sơ", "level": "h2"}),
        _block(
            "paragraph",
            _p(
                "Cán bộ tiếp nhận kiểm tra hồ sơ trong ngày làm việc. Khi hồ sơ được tiếp nhận, "
                "bạn nhận được giấy tiếp nhận và ngày hẹn trả kết quả. Nếu hồ sơ còn thiếu, bạn "
                "nhận được yêu cầu bổ sung nêu rõ giấy tờ cần thêm: tải lên phần còn thiếu ngay "
                "trên hồ sơ đó, không cần nộp lại từ đầu."
            )
            + _p(
                "Để xem tình trạng hồ sơ bất cứ lúc nào, dùng ô tra cứu dưới đây với mã hồ sơ "
                "(ví dụ H23.14-220616-0001). Nhập thêm số căn cước của người nộp để xem đầy đủ "
                "thông tin."
            ),
        ),
        _block(
            "lookup_box",
            {
                "heading": "Tra cứu hồ sơ",
                "help_text": "Nhập mã hồ sơ ghi trên giấy tiếp nhận và số CCCD/CMND của người nộp.",
            },
        ),
        _block("heading", {"text": "5. Nhận kết quả", "level": "h2"}),
        _block(
            "paragraph",
            _p(
                "Khi có thông báo hồ sơ đã có kết quả hoặc đến ngày hẹn, mang theo bản chính các "
                "giấy tờ đã nộp đến Bộ phận Một cửa; cán bộ đối chiếu với bản điện tử rồi trao "
                "kết quả. Nếu đã chọn nhận qua bưu chính hoặc trực tuyến, kết quả được gửi "
                "theo cách bạn chọn."
            ),
        ),
    ]


PAGES = [
    # (model, slug, title, in menus, extra fields)
    ("newsindexpage", "tin-tuc", "Tin tức", True, {"intro": ""}),
    ("noticeindexpage", "thong-bao", "Thông báo", True, {"intro": ""}),
    (
        "guidancepage",
        "huong-dan-dang-ky-va-nop-ho-so",
        "Hướng dẫn đăng ký và nộp hồ sơ trực tuyến",
        True,
        {
            "intro": "Các bước tạo tài khoản, nộp hồ sơ, theo dõi và nhận kết quả thủ tục hành "
            "chính trên cổng dịch vụ công.",
            "body": None,  # filled in at run time (fresh block ids per schema)
        },
    ),
    ("cataloguepage", "thu-tuc-hanh-chinh", "Thủ tục hành chính", True, {"intro": ""}),
    (
        "simplepage",
        "gioi-thieu",
        "Giới thiệu",
        False,
        {"body": [], "show_contact_details": False},
    ),
    ("simplepage", "lien-he", "Liên hệ", True, {"body": [], "show_contact_details": True}),
]
MODEL_CLASSES = {
    "newsindexpage": "NewsIndexPage",
    "noticeindexpage": "NoticeIndexPage",
    "guidancepage": "GuidancePage",
    "cataloguepage": "CataloguePage",
    "simplepage": "SimplePage",
}


def create_site_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    # Wagtail's placeholder home is replaced only if nobody has touched it.
    welcome = Page.objects.filter(
        depth=2,
        title=WAGTAIL_WELCOME_TITLE,
        numchild=0,
        content_type__app_label="wagtailcore",
        content_type__model="page",
    ).first()
    if welcome is not None:
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()
    siblings = Page.objects.filter(depth=2, path__startswith=root.path).order_by("-path")
    last = siblings.first()
    position = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    now = timezone.now()

    def create(model_name, *, path, depth, title, slug, url_path, numchild=0, menus=False, **kw):
        content_type, _ = ContentType.objects.get_or_create(app_label="cms", model=model_name)
        model = HomePage if model_name == "homepage" else apps.get_model("cms", MODEL_CLASSES[model_name])
        return model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=path,
            depth=depth,
            numchild=numchild,
            url_path=url_path,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            show_in_menus=menus,
            locale_id=root.locale_id,
            translation_key=uuid.uuid4(),
            **kw,
        )

    home_path = root.path + _segment(position)
    home = create(
        "homepage",
        path=home_path,
        depth=2,
        title="Trang chủ",
        slug="trang-chu",
        url_path="/trang-chu/",
        numchild=len(PAGES),
        intro="",
    )
    for number, (model_name, slug, title, menus, fields) in enumerate(PAGES, start=1):
        fields = dict(fields)
        if "body" in fields and fields["body"] is None:
            fields["body"] = guidance_body()
        create(
            model_name,
            path=home_path + _segment(number),
            depth=3,
            title=title,
            slug=slug,
            url_path=f"/trang-chu/{slug}/",
            menus=menus,
            **fields,
        )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update(is_default_site=False)
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)


# The same rows as staff's role migration creates (get_or_create on the tree root), so whichever
# runs first, the editor ends up with one set of permissions.
PAGE_PERMISSIONS = {
    "editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def grant_editor_permissions(apps, schema_editor):
    """Editors manage the whole portal of *their* locality: pages, images, documents, footer."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can " + codename.replace("_", " ")},
        )
        return found

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if root_page is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page_id=root_page.pk,
                    permission=permission("wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, collection_codenames in COLLECTION_PERMISSIONS:
                for codename in collection_codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(app_label, model, codename),
                    )
        group.permissions.add(
            permission("wagtailadmin", "admin", "access_admin"),
            permission("cms", "footersettings", "change_footersettings"),
        )
        # Pages submitted for moderation in this locality are reviewed by its editors.
        for task in GroupApprovalTask.objects.all():
            task.groups.add(group)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("staff", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [
        migrations.RunPython(create_site_tree, migrations.RunPython.noop),
        migrations.RunPython(grant_editor_permissions, migrations.RunPython.noop),
    ]
