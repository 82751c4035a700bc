"""Seed the kinds of information (see sotong/records/info_types.py)."""

from django.db import migrations

from sotong.records.info_types import SEED_INFO_TYPES


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    info_type = apps.get_model("records", "InfoType")
    for order, name in enumerate(SEED_INFO_TYPES, start=1):
        info_type.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
