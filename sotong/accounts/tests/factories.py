import factory
from django.contrib.auth.models import User

from sotong.accounts.models import Official
from sotong.accounts.services import officer_group
from sotong.organizations.tests.factories import OrganizationFactory

PASSWORD = "시험용-비밀번호-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"official{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def officer(user: User, create: bool, extracted: bool, **kwargs: object) -> None:
        if create and extracted:
            user.groups.add(officer_group())
            user.is_staff = True
        if create:
            user.save()


class OfficialFactory(factory.django.DjangoModelFactory):
    """``OfficialFactory(department=unit)``; ``OfficialFactory(user__officer=True)`` for an officer."""

    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    department = None
