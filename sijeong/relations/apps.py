from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "sijeong.relations"
    verbose_name = "대외협력"
