from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "sijeong.programs"
    verbose_name = "정책사업"
