"""``sotong official add``: accounts for officials and officers, with bilingual errors."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from sotong.accounts.errors import (
    DEPARTMENT_AMBIGUOUS,
    DEPARTMENT_UNKNOWN,
    ORGANIZATION_UNKNOWN,
    USERNAME_TAKEN,
)
from sotong.accounts.permissions import is_officer, record_scope
from sotong.audit.models import AuditEvent
from sotong.organizations.tests.factories import DepartmentFactory, OrganizationFactory
from sotong.records.models import Record
from sotong.records.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seoul_org():
    return OrganizationFactory(name="서울특별시")


def _add(*args, password="담당자-비밀번호-2024", monkeypatch):
    monkeypatch.setenv("SOTONG_TEST_PASSWORD", password)
    call_command("official", "add", *args, "--password-from-env", "SOTONG_TEST_PASSWORD")


def test_official_add_creates_an_officer_who_can_log_in(client, seoul_org, monkeypatch):
    _add("kim", "--organization", "서울특별시", "--officer", monkeypatch=monkeypatch)
    user = User.objects.get(username="kim")
    assert is_officer(user) and user.is_staff and user.official.organization == seoul_org
    response = client.post("/workbench/login/", {"username": "kim", "password": "담당자-비밀번호-2024"})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    assert client.get("/workbench/withheld/").status_code == 200
    event = AuditEvent.objects.get(action="official.created")
    assert (event.target_id, event.data["officer"], event.actor) == ("kim", True, "command:official")
    assert "비밀번호" not in str(event.data)


def test_official_add_attaches_an_official_to_a_department(seoul_org, monkeypatch):
    housing = DepartmentFactory(organization=seoul_org, name="주택정책과")
    mine = RecordFactory(organization=seoul_org, department=housing)
    RecordFactory(organization=seoul_org)
    _add("lee", "--organization", "서울특별시", "--department", "주택정책과", monkeypatch=monkeypatch)
    user = User.objects.get(username="lee")
    assert not is_officer(user) and not user.is_staff
    assert list(Record.objects.filter(record_scope(user))) == [mine]


def test_an_unknown_organization_is_a_bilingual_error(db, monkeypatch):
    with pytest.raises(CommandError) as error:
        _add("park", "--organization", "없는기관", monkeypatch=monkeypatch)
    ko, en = ORGANIZATION_UNKNOWN.format(name="없는기관")
    assert str(error.value) == f"{ko} / {en}"
    assert not User.objects.filter(username="park").exists()


def test_an_unknown_department_is_a_bilingual_error(seoul_org, monkeypatch):
    with pytest.raises(CommandError) as error:
        _add("park", "--organization", "서울특별시", "--department", "없는과", monkeypatch=monkeypatch)
    assert DEPARTMENT_UNKNOWN.format(organization="서울특별시", name="없는과")[0] in str(error.value)


def test_a_department_name_shared_by_units_needs_its_path(seoul_org, monkeypatch):
    for station in ("중부소방서", "종로소방서"):
        DepartmentFactory(
            organization=seoul_org,
            name="예방과",
            parent=DepartmentFactory(organization=seoul_org, name=station),
        )
    with pytest.raises(CommandError) as error:
        _add("choi", "--organization", "서울특별시", "--department", "예방과", monkeypatch=monkeypatch)
    assert DEPARTMENT_AMBIGUOUS.code and "종로소방서 > 예방과" in str(error.value)
    _add(
        "choi", "--organization", "서울특별시", "--department", "종로소방서 > 예방과", monkeypatch=monkeypatch
    )
    assert User.objects.get(username="choi").official.department.parent.name == "종로소방서"


def test_an_existing_username_is_refused(seoul_org, monkeypatch):
    _add("kim", "--organization", "서울특별시", monkeypatch=monkeypatch)
    with pytest.raises(CommandError) as error:
        _add("kim", "--organization", "서울특별시", monkeypatch=monkeypatch)
    assert USERNAME_TAKEN.format(username="kim")[0] in str(error.value)


def test_the_password_is_prompted_twice_without_an_environment_variable(seoul_org, monkeypatch):
    answers = iter(["입력한-비밀번호-1", "입력한-비밀번호-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("official", "add", "jung", "--organization", "서울특별시")
    assert User.objects.get(username="jung").check_password("입력한-비밀번호-1")
