from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "sijeong.core"
    verbose_name = "기본 정보"

    def ready(self) -> None:
        # Each app registers its derivations and data rules in these modules.
        autodiscover_modules("derivations", "rules")
        from . import revisions

        revisions.connect()
