"""The outbox's two tables. Until December 2026 they belonged to an app labelled `site` (the
`config` package), as `site_taskfailure` and `site_emaildelivery`. On a database that has
them, this migration renames them, rows and all, and moves their content types (and so any
permission given on them) to this app; on a new database it creates them."""

from django.db import migrations, models

OLD_TABLES = {"TaskFailure": "site_taskfailure", "EmailDelivery": "site_emaildelivery"}


def adopt_or_create(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for name, old_table in OLD_TABLES.items():
        model = apps.get_model("outbox", name)
        if old_table in existing:
            schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        else:
            schema_editor.create_model(model)
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label="outbox").values_list("model", flat=True)
    )
    ContentType.objects.filter(app_label="site", model__in=["taskfailure", "emaildelivery"]).exclude(
        model__in=taken
    ).update(app_label="outbox")


def drop_tables(apps, schema_editor):
    for name in OLD_TABLES:
        schema_editor.delete_model(apps.get_model("outbox", name))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EmailDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, unique=True)),
                        ('claimed_at', models.DateTimeField()),
                        ('sent_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                    ],
                    options={
                        'verbose_name_plural': 'email deliveries',
                    },
                ),
                migrations.CreateModel(
                    name='TaskFailure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(editable=False, max_length=64, unique=True)),
                        ('task_name', models.CharField(max_length=200)),
                        ('state', models.CharField(choices=[('retrying', 'Will retry'), ('failed', 'Gave up'), ('recovered', 'Succeeded on retry')], default='retrying', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('max_attempts', models.PositiveSmallIntegerField(default=0)),
                        ('error_class', models.CharField(blank=True, max_length=200)),
                        ('error_message', models.CharField(blank=True, max_length=500)),
                        ('first_failed_at', models.DateTimeField()),
                        ('last_failed_at', models.DateTimeField(db_index=True)),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'failed background task',
                        'ordering': ['-last_failed_at'],
                    },
                ),
            ],
            # The tables are made (or adopted) below, where the models are in the state.
            database_operations=[],
        ),
        migrations.RunPython(adopt_or_create, drop_tables),
    ]
