from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "sotong.federation"
    label = "federation"
    verbose_name = "연계 기관"
