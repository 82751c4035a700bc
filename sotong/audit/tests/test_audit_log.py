import pytest

from sotong.audit.models import AppendOnlyError, AuditEvent
from sotong.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_event_cannot_be_changed_or_deleted():
    event = audit_record(actor="test", action="thing.done", target_type="thing", target_id="1")
    event.action = "thing.undone"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "thing.done"
