from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sijeong.core"
    verbose_name = "기본 정보"
