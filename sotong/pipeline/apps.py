from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "sotong.pipeline"
    label = "pipeline"
    verbose_name = "처리 단계"
