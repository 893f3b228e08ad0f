from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sijeong.planning"
    verbose_name = "일정 기획"
