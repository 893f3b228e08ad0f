from django.apps import AppConfig


class IngestConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sijeong.ingest"
    verbose_name = "문서 가져오기"
