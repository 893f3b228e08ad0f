from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "sijeong.feeds"
    verbose_name = "달력 구독"
