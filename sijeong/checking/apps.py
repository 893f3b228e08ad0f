from django.apps import AppConfig


class CheckingConfig(AppConfig):
    name = "sijeong.checking"
    verbose_name = "검산"
