import datetime as dt

import factory

from sotong.organizations.tests.factories import DepartmentFactory, OrganizationFactory
from sotong.records.choices import ApprovalRole, Grade
from sotong.records.models import ApprovalStep, Record


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Record

    public_id = factory.Sequence(lambda n: f"test-{n:08d}")
    organization = factory.SubFactory(OrganizationFactory)
    department = factory.SubFactory(DepartmentFactory, organization=factory.SelfAttribute("..organization"))
    source_id = factory.Sequence(lambda n: f"src-{n}")
    source = "test"
    title = factory.Sequence(lambda n: f"테스트 문서 {n}")
    registration_number = factory.Sequence(lambda n: f"테스트과-{n}")
    produced_on = dt.date(2021, 2, 10)
    grade = Grade.PUBLIC


class ApprovalStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovalStep

    record = factory.SubFactory(RecordFactory)
    order = factory.Sequence(lambda n: n + 1)
    role = ApprovalRole.DRAFT
    position = "주무관"
