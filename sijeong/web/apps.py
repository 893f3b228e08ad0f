from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages shared by every domain: lists, history, concurrent edits (화면 공통)."""

    name = "sijeong.web"
    verbose_name = "화면"
