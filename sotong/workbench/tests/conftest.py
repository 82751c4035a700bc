import pytest

from sotong.accounts.tests.factories import OfficialFactory
from sotong.organizations.tests.factories import DepartmentFactory, OrganizationFactory


@pytest.fixture
def seoul_org(db):
    return OrganizationFactory(name="서울특별시")


@pytest.fixture
def housing(seoul_org):
    return DepartmentFactory(organization=seoul_org, name="주택정책과")


@pytest.fixture
def housing_team(housing):
    return DepartmentFactory(
        organization=housing.organization, parent=housing, name="공공주택팀", level="team"
    )


@pytest.fixture
def culture(seoul_org):
    return DepartmentFactory(organization=seoul_org, name="문화정책과")


@pytest.fixture
def official(housing):
    return OfficialFactory(
        user__username="housing-official", organization=housing.organization, department=housing
    )


@pytest.fixture
def other_official(culture):
    return OfficialFactory(
        user__username="culture-official", organization=culture.organization, department=culture
    )


@pytest.fixture
def officer(seoul_org):
    return OfficialFactory(user__username="officer", user__officer=True, organization=seoul_org)
