"""Link the audit log into a hash chain: ``prev_hash`` and ``hash`` on every event, the chain's head.

Events written before the chain are hashed here, in id order, as they read back from the database
(``occurred_at`` was set by ``auto_now_add`` and is kept as stored).
"""

from django.db import migrations, models

from sotong.audit.chain import GENESIS, canonical_json, event_hash

CHUNK = 2000


def hash_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    alias = schema_editor.connection.alias
    events = AuditEvent.objects.using(alias)
    prev_hash, last_id = GENESIS, None
    while True:
        chunk = list(events.filter(id__gt=last_id or 0).order_by("id")[:CHUNK])
        if not chunk:
            break
        for event in chunk:
            event.prev_hash = prev_hash
            event.hash = prev_hash = event_hash(
                prev_hash=prev_hash,
                occurred_at=event.occurred_at,
                actor=event.actor,
                action=event.action,
                target_type=event.target_type,
                target_id=event.target_id,
                data_json=canonical_json(event.data),  # as stored: verify reads it so
            )
            last_id = event.id
        events.bulk_update(chunk, ["prev_hash", "hash"])
    AuditChainHead.objects.using(alias).create(pk=1, last_event_id=last_id, hash=prev_hash)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("last_event_id", models.BigIntegerField(blank=True, null=True)),
                ("hash", models.CharField(default=GENESIS, max_length=64)),
            ],
        ),
        migrations.RunPython(hash_existing_events, migrations.RunPython.noop, elidable=False),
    ]
