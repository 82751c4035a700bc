from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "sotong.publication"
    label = "publication"
    verbose_name = "공개 정보"
