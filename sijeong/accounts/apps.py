from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def _sync_roles(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    from django.apps import apps as global_apps

    from .roles import sync_role_permissions

    sync_role_permissions(apps or global_apps)


class AccountsConfig(AppConfig):
    name = "sijeong.accounts"
    verbose_name = "계정"

    def ready(self) -> None:
        # The roles migration creates the groups; this keeps their permissions complete
        # after every migrate, including models of apps that migrate later or are added.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="sijeong.accounts.sync_roles")

        from .checks import demo_users_check

        checks.register(demo_users_check, checks.Tags.security)
