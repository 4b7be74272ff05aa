"""The "Campaign managers" group: the only people (besides superusers) who see, export and
erase signatures, and who manage blocked email domains."""

from django.db import migrations

GROUP = "Campaign managers"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("campaign", "signature", "view_signature"),
    ("campaign", "signature", "delete_signature"),
    ("campaign", "blockedemaildomain", "add_blockedemaildomain"),
    ("campaign", "blockedemaildomain", "change_blockedemaildomain"),
    ("campaign", "blockedemaildomain", "delete_blockedemaildomain"),
    ("campaign", "blockedemaildomain", "view_blockedemaildomain"),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, _model, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0002_petitions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
