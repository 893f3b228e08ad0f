from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "sijeong.schedule"
    verbose_name = "일정"
