"""Back office for programmes."""

from django.contrib import admin

from sijeong.core.admin import ChildInline, RecordAdmin

from .models import ComparisonRow, ComparisonTable, Milestone, Narrative, Program, TrackedItem


class NarrativeInline(ChildInline):
    model = Narrative
    fields = ["section", "order", "level", "label", "text"]


class MilestoneInline(ChildInline):
    model = Milestone
    fields = ["key", "date", "precision", "open_ended", "title", "status"]


class TrackedItemInline(ChildInline):
    model = TrackedItem
    fields = ["order", "group", "name", "status", "due", "done"]


@admin.register(Program)
class ProgramAdmin(RecordAdmin):
    list_display = ["title", "kind", "parent", "department", "is_pledge"]
    list_filter = ["office", "kind", "is_pledge"]
    search_fields = ["title", "summary"]
    inlines = [NarrativeInline, MilestoneInline, TrackedItemInline]


class ComparisonRowInline(ChildInline):
    model = ComparisonRow
    fields = ["order", "label", "cells"]


@admin.register(ComparisonTable)
class ComparisonTableAdmin(RecordAdmin):
    list_display = ["__str__", "program"]
    inlines = [ComparisonRowInline]


@admin.register(Narrative)
class NarrativeAdmin(RecordAdmin):
    list_display = ["program", "section", "order", "label", "__str__"]
    list_filter = ["program__office", "section"]
    search_fields = ["text", "label"]


@admin.register(Milestone)
class MilestoneAdmin(RecordAdmin):
    list_display = ["program", "date", "precision", "title", "status"]
    list_filter = ["program__office", "status"]
    search_fields = ["title", "key"]


@admin.register(TrackedItem)
class TrackedItemAdmin(RecordAdmin):
    list_display = ["program", "group", "name", "status", "due", "done"]
    list_filter = ["program", "status"]
    search_fields = ["name"]


@admin.register(ComparisonRow)
class ComparisonRowAdmin(RecordAdmin):
    list_display = ["table", "order", "label"]
