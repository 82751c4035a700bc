"""Find the unit a source names, creating it under the sending organization when the chart lacks it.

Sources name units by a bare name (the week list's 부서명) or by a path (the expense list's five
levels). A bare name is ambiguous when units share it (every fire station has a 예방과): the
resolver then prefers the unit the chart placed at department level, so the choice is stable.
"""

from __future__ import annotations

from collections.abc import Sequence

from sotong.organizations.models import Department, Organization, UnitLevel


class UnitResolver:
    """Resolves unit names for one organization, caching lookups: a list import names each unit
    hundreds of times."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self._by_name: dict[str, Department] = {}
        self._by_path: dict[tuple[str, ...], Department] = {}
        self.created: list[Department] = []

    def by_name(self, name: str) -> Department | None:
        name = name.strip()
        if not name:
            return None
        if name not in self._by_name:
            self._by_name[name] = self._find_or_create(name)
        return self._by_name[name]

    def by_path(self, path: Sequence[str]) -> Department | None:
        names = tuple(part.strip() for part in path if part and part.strip())
        if not names:
            return None
        if names not in self._by_path:
            parent: Department | None = None
            for depth in range(1, len(names) + 1):
                parent = self._child(parent, names[depth - 1], UnitLevel.OTHER)
                self._by_path[names[:depth]] = parent
        return self._by_path[names]

    def _find_or_create(self, name: str) -> Department:
        candidates = Department.objects.filter(organization=self.organization, name=name).order_by("id")
        preferred = candidates.filter(level=UnitLevel.DEPARTMENT).first() or candidates.first()
        if preferred is not None:
            return preferred
        return self._child(None, name, UnitLevel.DEPARTMENT)

    def _child(self, parent: Department | None, name: str, level: str) -> Department:
        unit, made = Department.objects.get_or_create(
            organization=self.organization,
            parent=parent,
            name=name,
            defaults={"level": level, "from_source": True},
        )
        if made:
            self.created.append(unit)
        return unit
