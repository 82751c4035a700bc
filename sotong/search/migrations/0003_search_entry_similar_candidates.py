"""The candidate terms of similar documents (``similar.encode_candidates``), made when a document is
indexed, so that a record page analyses nothing.

Rows written before hold none; their ``row_version`` (1 or 2) is not the backend's
``postgres_rows.ROW_VERSION`` (3), so ``PostgresBackend.outdated`` reports the index as outdated and
``sotong rebuild-index --if-stale`` rebuilds it at the next start.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_entry_field")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="similar_candidates",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
    ]
