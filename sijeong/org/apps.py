from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "sijeong.org"
    verbose_name = "인력"
