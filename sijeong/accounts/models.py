"""The user (사용자) of sijeong, who belongs to a department (부서)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from sijeong.core.models import Department


class User(AbstractUser):
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name="부서",
    )

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"
