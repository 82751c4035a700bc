from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "sotong.organizations"
    label = "organizations"
    verbose_name = "기관"
