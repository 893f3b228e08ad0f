"""Back office for users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("부서", {"fields": ("department",)}))  # type: ignore[misc]
    list_display = ["username", "last_name", "first_name", "department", "is_active"]
    list_filter = ["groups", "department", "is_active"]
