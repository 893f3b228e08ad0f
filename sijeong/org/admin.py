"""Back office for staffing."""

from django.contrib import admin

from sijeong.core.admin import ChildInline, RecordAdmin

from .models import ExtraPost, StaffingLine, StaffingSnapshot


class StaffingLineInline(ChildInline):
    model = StaffingLine
    fields = ["order", "series", "grade", "posts", "filled"]


class ExtraPostInline(ChildInline):
    model = ExtraPost
    fields = ["order", "employment_type", "title", "agreed_with"]


@admin.register(StaffingSnapshot)
class StaffingSnapshotAdmin(RecordAdmin):
    list_display = ["__str__", "office", "as_of", "department"]
    list_filter = ["office"]
    inlines = [StaffingLineInline, ExtraPostInline]


@admin.register(StaffingLine)
class StaffingLineAdmin(RecordAdmin):
    list_display = ["snapshot", "series", "grade", "posts", "filled"]
    list_filter = ["snapshot__office", "series"]


@admin.register(ExtraPost)
class ExtraPostAdmin(RecordAdmin):
    list_display = ["snapshot", "employment_type", "title"]
    list_filter = ["snapshot__office", "employment_type"]
