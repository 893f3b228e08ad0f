from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sijeong.api"
    verbose_name = "API"
