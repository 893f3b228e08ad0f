from django.contrib import admin

from sijeong.core.admin import ChildInline, RecordAdmin, ScopedAdmin

from .models import Block, FrozenFile, Report, Section


class SectionInline(ChildInline):
    model = Section
    fields = ["order", "level", "title", "program", "show_summary", "page_break"]


@admin.register(Report)
class ReportAdmin(RecordAdmin):
    list_display = ["slug", "title", "office", "issued", "as_of", "status"]
    list_filter = ["status", "office"]
    readonly_fields = ["status", "finalised_at", "finalised_by", "data_hash", "figures"]
    inlines = [SectionInline]


class BlockInline(ChildInline):
    model = Block
    fields = ["order", "kind", "title", "symbol", "params"]


@admin.register(Section)
class SectionAdmin(RecordAdmin):
    list_display = ["__str__", "report", "order", "level"]
    list_filter = ["report"]
    inlines = [BlockInline]


@admin.register(FrozenFile)
class FrozenFileAdmin(ScopedAdmin):
    """Finalised files are kept as written: readable, never edited."""

    list_display = ["__str__", "format", "sha256"]
    readonly_fields = ["report", "format", "sha256"]
    exclude = ["content"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Block)
class BlockAdmin(RecordAdmin):
    list_display = ["__str__", "section", "order", "kind"]
    list_filter = ["kind", "section__report"]
