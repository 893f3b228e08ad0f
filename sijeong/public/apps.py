from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "sijeong.public"
    verbose_name = "공개"
