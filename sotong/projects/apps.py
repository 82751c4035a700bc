from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "sotong.projects"
    label = "projects"
    verbose_name = "사업·정책"
