"""Campaign managers (campaign migration 0003's group) see, export and erase alert
subscriptions; editors and moderators do not. Editors see the alerts stories sent."""

from django.db import migrations

GRANTS = [
    ("Campaign managers", "view_subscription"),
    ("Campaign managers", "delete_subscription"),
    ("Campaign managers", "view_alert"),
    ("Editors", "view_alert"),
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codename in GRANTS:
        group = Group.objects.filter(name=name).first()
        permission = Permission.objects.filter(
            content_type__app_label="alerts", codename=codename
        ).first()
        if group and permission:
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codename in GRANTS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="alerts", codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("campaign", "0003_campaign_managers_group"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
