from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "office", "kind", "status", "done", "total", "started_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = ("task_id", "created_at", "started_at", "updated_at", "finished_at")
