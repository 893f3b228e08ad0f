"""Back office for intergovernmental relations."""

from django.contrib import admin

from sijeong.core.admin import ChildInline, RecordAdmin

from .models import Agreement, MeetingSeries, MeetingSession, Partner


@admin.register(Partner)
class PartnerAdmin(RecordAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class MeetingSessionInline(ChildInline):
    model = MeetingSession
    fields = ["number", "date", "agenda", "attendance", "opinions_submitted"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(RecordAdmin):
    list_display = ["name", "chaired_by", "office"]
    inlines = [MeetingSessionInline]


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = ["date", "title", "kind"]
    list_filter = ["office", "kind"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]
    date_hierarchy = "date"


@admin.register(MeetingSession)
class MeetingSessionAdmin(RecordAdmin):
    list_display = ["series", "number", "date", "attendance", "agenda"]
    list_filter = ["series", "attendance"]
    date_hierarchy = "date"
