from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "sotong.workbench"
    label = "workbench"
    verbose_name = "업무 화면"
