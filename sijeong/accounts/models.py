"""The user (사용자) of sijeong, who works in one office (기관) and, as 편집자, in one of its
departments (부서)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from sijeong.core.models import Department, Office


class User(AbstractUser):
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name="기관",
        help_text="이 사람이 보고 고칠 수 있는 기관입니다. 부서를 고르면 그 부서의 기관이 됩니다.",
    )
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

    def clean(self) -> None:
        super().clean()
        if self.department is not None:
            department_office = self.department.office_id
            if self.office_id is None:
                self.office_id = department_office
            elif self.office_id != department_office:
                raise ValidationError({"department": "부서는 사용자의 기관에 속해야 합니다."})

    def save(self, *args: object, **kwargs: object) -> None:
        # An office follows from the department, so that a user made with only a department
        # (the demo users, a command) is never without one.
        if self.office_id is None and self.department is not None:
            self.office_id = self.department.office_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]
