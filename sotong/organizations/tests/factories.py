import factory

from sotong.organizations.models import Department, Organization, OrganizationKind, UnitLevel


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"테스트기관{n}")
    kind = OrganizationKind.DISTRICT


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"테스트과{n}")
    level = UnitLevel.DEPARTMENT
