"""Seed the moderators' word lists from the civility screen's defaults, and make the
"Moderators" group the comment moderators: the queue and the word lists, nothing else.

Wagtail's own first migration creates a "Moderators" group that may publish pages and approve
them in the default workflow. Here moderators work on comments only, so that group loses its
page and collection permissions, and Editors take its place in the page approval task.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from comments.civility.defaults import DEFAULT_LISTS

MODERATOR_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "comments": [
        "view_comment",
        "moderate_comment",
        "view_ban",
        "change_ban",
        "delete_ban",
        "add_bannedterm",
        "change_bannedterm",
        "delete_bannedterm",
        "view_bannedterm",
        "add_suspectterm",
        "change_suspectterm",
        "delete_suspectterm",
        "view_suspectterm",
        "add_allowedphrase",
        "change_allowedphrase",
        "delete_allowedphrase",
        "view_allowedphrase",
    ],
}


def seed_lists(apps, schema_editor):
    BannedTerm = apps.get_model("comments", "BannedTerm")
    SuspectTerm = apps.get_model("comments", "SuspectTerm")
    AllowedPhrase = apps.get_model("comments", "AllowedPhrase")
    BannedTerm.objects.bulk_create(
        [BannedTerm(**row) for row in DEFAULT_LISTS["banned"]], ignore_conflicts=True
    )
    SuspectTerm.objects.bulk_create(
        [SuspectTerm(**row) for row in DEFAULT_LISTS["suspect"]], ignore_conflicts=True
    )
    AllowedPhrase.objects.bulk_create(
        [AllowedPhrase(phrase=phrase) for phrase in DEFAULT_LISTS["allowed"]],
        ignore_conflicts=True,
    )


def create_moderators(apps, schema_editor):
    # Permissions are normally made after all migrations; make ours now to grant them.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    take_page_rights_from(apps, group)
    group.permissions.clear()
    for app_label, codenames in MODERATOR_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def take_page_rights_from(apps, group):
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group).delete()
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group=group
    ).delete()
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    for task in apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(groups=group):
        task.groups.remove(group)
        if editors is not None and not task.groups.exists():
            task.groups.add(editors)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # After Wagtail has created its own groups, permissions and default workflow.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(seed_lists, migrations.RunPython.noop),
        migrations.RunPython(create_moderators, migrations.RunPython.noop),
    ]
