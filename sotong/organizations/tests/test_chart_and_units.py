import pytest

from sotong.audit.models import AuditEvent
from sotong.organizations.models import Department, Organization, OrganizationKind, UnitLevel
from sotong.organizations.services.chart import organization_import_chart
from sotong.organizations.services.units import UnitResolver

pytestmark = pytest.mark.django_db


def test_chart_import_builds_the_real_tree(seoul):
    bureaus = Department.objects.filter(organization=seoul, level=UnitLevel.BUREAU)
    departments = Department.objects.filter(organization=seoul, level=UnitLevel.DEPARTMENT)
    assert bureaus.count() == 9
    assert departments.count() == 22
    it_planning = departments.get(name="정보화기획담당관")
    assert it_planning.path() == ["정보화기획단", "정보화기획담당관"]
    assert Organization.objects.filter(kind=OrganizationKind.DISTRICT).count() == 25
    assert Organization.objects.filter(name="서울교통공사", kind=OrganizationKind.INSTITUTION).exists()


def test_chart_import_twice_changes_nothing_and_is_audited(seoul, demo_data):
    units_before = Department.objects.count()
    organization_import_chart(path=demo_data / "seoul-organizations.json", actor="test")
    assert Department.objects.count() == units_before
    assert AuditEvent.objects.filter(action="organizations.chart_imported").count() == 2


def test_unknown_department_is_created_under_the_sending_organization(seoul):
    resolver = UnitResolver(seoul)
    unit = resolver.by_name("소방행정과")
    assert unit is not None and unit.organization == seoul and unit.from_source
    assert resolver.by_name("소방행정과") == unit
    assert resolver.created == [unit]


def test_known_department_is_found_not_duplicated(seoul):
    unit = UnitResolver(seoul).by_name("정보화기획담당관")
    assert unit is not None and not unit.from_source and unit.parent.name == "정보화기획단"


def test_units_with_the_same_name_under_different_parents_stay_apart(seoul):
    resolver = UnitResolver(seoul)
    first = resolver.by_path(["소방재난본부", "종로소방서", "예방과"])
    second = resolver.by_path(["소방재난본부", "중부소방서", "예방과"])
    assert first != second
    assert first.path() == ["소방재난본부", "종로소방서", "예방과"]
    assert Department.objects.filter(organization=seoul, name="예방과").count() == 2
    # A bare name is ambiguous; the choice must at least be stable.
    assert UnitResolver(seoul).by_name("예방과") == UnitResolver(seoul).by_name("예방과")
