"""Editors may add and change news categories and sources.

An editor filing a story from a new outlet needs to add that source without asking a
superuser. Deleting one stays with superusers: it would strip the label from older stories.
"""

from django.db import migrations

CODENAMES = [
    "add_newscategory",
    "change_newscategory",
    "view_newscategory",
    "add_newssource",
    "change_newssource",
    "view_newssource",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is None:
        return
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="news", codename__in=CODENAMES
    )
    editors.permissions.add(*permissions)


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="news", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_cta_links_to_petitions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
