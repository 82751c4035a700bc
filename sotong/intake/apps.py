from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "sotong.intake"
    label = "intake"
    verbose_name = "수집"
