from django.contrib import admin

from sijeong.core.admin import ScopedAdmin

from .models import ImportedDocument, ImportedRecord, ImportReview


class ImportedRecordInline(admin.TabularInline):
    model = ImportedRecord
    extra = 0
    fields = ["content_type", "object_id", "lines", "created", "changes"]
    readonly_fields = ["content_type", "object_id", "lines", "created", "changes"]
    can_delete = False


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(ScopedAdmin):
    """Imports are kept as they happened: readable, not edited."""

    list_display = ["filename", "office", "format", "imported_at", "imported_by"]
    readonly_fields = [
        "office",
        "filename",
        "format",
        "sha256",
        "imported_at",
        "imported_by",
        "summary",
        "applied_at",
        "applied_by",
        "undone_at",
        "undone_by",
        "expired_at",
    ]
    exclude = ["content", "preview"]
    inlines = [ImportedRecordInline]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ImportedRecord)
class ImportedRecordAdmin(ScopedAdmin):
    list_display = ["__str__", "content_type", "object_id", "created"]
    readonly_fields = [
        "document",
        "content_type",
        "object_id",
        "lines",
        "created",
        "changes",
        "history_id",
    ]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ImportReview)
class ImportReviewAdmin(ScopedAdmin):
    """Who opened which import's preview: a record of what happened, never edited."""

    list_display = ["document", "user", "first_at", "last_at", "views"]
    readonly_fields = ["document", "user", "first_at", "last_at", "views"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
