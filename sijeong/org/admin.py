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
