"""Signing in with a username and password (django's ModelBackend), the person read with their
office and department in one query: every page's header names them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            user = User._default_manager.select_related("office", "department").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
