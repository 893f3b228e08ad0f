"""Back office for the schedule."""

from django.contrib import admin

from sijeong.core.admin import RecordAdmin

from .models import Agenda, Domain, Event, Message, PolicyTheme, PrivacyReason


@admin.register(Domain)
class DomainAdmin(RecordAdmin):
    list_display = ["name", "office", "order", "heading"]
    list_filter = ["office"]


@admin.register(PolicyTheme)
class PolicyThemeAdmin(RecordAdmin):
    list_display = ["name", "office"]
    search_fields = ["name"]


@admin.register(Agenda)
class AgendaAdmin(RecordAdmin):
    list_display = ["name", "office", "season_start_month", "season_end_month"]


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ["date", "start_time", "time_text", "title", "kind", "domain", "place"]
    list_filter = ["office", "kind", "domain", "status", "is_public"]
    search_fields = ["title", "place", "summary"]
    date_hierarchy = "date"
    filter_horizontal = ["themes"]


@admin.register(Message)
class MessageAdmin(RecordAdmin):
    list_display = ["title", "kind", "event", "theme"]
    list_filter = ["office", "kind"]
    search_fields = ["title", "body"]


@admin.register(PrivacyReason)
class PrivacyReasonAdmin(RecordAdmin):
    list_display = ["text", "office", "order"]
