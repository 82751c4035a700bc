from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sotong.portal"
    label = "portal"
    verbose_name = "포털"
