"""The field (분야) facet: a column for it, and the version of each row's stored fields.

Rows written before hold no field; they get ``row_version`` 1, which is not the backend's
``postgres_rows.ROW_VERSION``, so ``PostgresBackend.outdated`` reports the index as outdated and
``sotong rebuild-index --if-stale`` (run at every start) rebuilds it. Adding a column with a
constant default rewrites nothing on PostgreSQL 11 and later.
"""

from django.db import migrations, models

# PostgreSQL only, as 0001's indexes: finding rows of another row version (``outdated``) without
# reading the table.
POSTGRES_INDEX = "CREATE INDEX search_entry_row_version ON search_entry (row_version)"
POSTGRES_DROP = "DROP INDEX IF EXISTS search_entry_row_version"


def create_postgres_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES_INDEX)


def drop_postgres_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="field",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="row_version",
            field=models.SmallIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.RunPython(create_postgres_index, drop_postgres_index),
    ]
