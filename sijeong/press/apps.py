from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "sijeong.press"
    verbose_name = "언론"
