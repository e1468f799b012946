"""Give the role groups of each locality schema their Django/Wagtail permissions.

A frozen copy of staff/roles.py's mapping at the time of writing (a migration must not follow
later code changes): the editor gets into the Wagtail admin, edits and publishes pages from the
tree root down, and uploads images and documents in the root collection. Skipped in the public
schema, which has no Wagtail tables. `staff.services.role_permissions_sync` does the same at
run time.
"""

from django.db import migrations

MODEL_PERMISSIONS = {"editor": [("wagtailadmin", "admin", "access_admin")]}
PAGE_PERMISSIONS = {
    "editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "editor": [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}


def grant(apps, schema_editor):
    if schema_editor.connection.schema_name == "public":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        return perm

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    for role in set(MODEL_PERMISSIONS) | set(PAGE_PERMISSIONS) | set(COLLECTION_PERMISSIONS):
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, model, codename in MODEL_PERMISSIONS.get(role, []):
            group.permissions.add(permission(app_label, model, codename))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS.get(role, []):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for app_label, model, codename in COLLECTION_PERMISSIONS.get(role, []):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, model, codename),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_staffevent"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
