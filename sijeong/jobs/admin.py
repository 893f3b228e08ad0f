"""Back office for jobs: a 관리자 reads their office's jobs as they ran; the queue's own records
(django-tasks' results, naming the jobs of every office) are the operator's alone."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_tasks_db.models import DBTaskResult

from sijeong.accounts.admin import OperatorOnly
from sijeong.core.admin import ScopedAdmin

from .models import Job


@admin.register(Job)
class JobAdmin(ScopedAdmin):
    """Jobs are started from the pages and kept as they ran: readable, not edited."""

    list_display = ("pk", "office", "kind", "status", "done", "total", "started_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = ("task_id", "created_at", "started_at", "updated_at", "finished_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_original = type(admin.site._registry[DBTaskResult])
admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, type(_original.__name__, (OperatorOnly, _original), {}))
