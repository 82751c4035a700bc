"""Find an InfoType by the name a source gives, tolerant of spacing (사전정보공표 = 사전 정보공표)."""

from __future__ import annotations

from sotong.audit.services import audit_record
from sotong.records.models import InfoType


def _key(name: str) -> str:
    return "".join(name.split())


class InfoTypeResolver:
    """Caches the InfoType table for one import; creates unknown kinds (audited) so none is lost."""

    def __init__(self, *, actor: str) -> None:
        self.actor = actor
        self._by_key = {_key(t.name): t for t in InfoType.objects.all()}

    def get(self, name: str) -> InfoType | None:
        name = name.strip()
        if not name:
            return None
        found = self._by_key.get(_key(name))
        if found is None:
            found = InfoType.objects.create(name=name, order=1000)
            audit_record(
                actor=self.actor,
                action="info_type.created",
                target_type="info_type",
                target_id=str(found.pk),
                data={"name": name},
            )
            self._by_key[_key(name)] = found
        return found
