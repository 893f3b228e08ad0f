"""Back office for the visit planner's records, limited to the person's office as every
record admin is (`core.admin.RecordAdmin`)."""

from django.contrib import admin

from sijeong.core.admin import RecordAdmin

from .models import BlockedDay, PlanningRules, TravelTime, VisitCandidate


@admin.register(VisitCandidate)
class VisitCandidateAdmin(RecordAdmin):
    list_display = [
        "title",
        "district",
        "domain",
        "priority",
        "earliest",
        "latest",
        "preferred",
        "must",
        "status",
    ]
    list_filter = ["office", "status", "must", "domain", "preferred"]
    search_fields = ["title", "place", "linked", "notes"]
    date_hierarchy = "earliest"
    # The link to its event is set when a proposal is accepted, not typed.
    readonly_fields = ["event"]


@admin.register(PlanningRules)
class PlanningRulesAdmin(RecordAdmin):
    list_display = ["office", "day_start", "day_end", "max_visits_per_day", "max_visits_per_week"]


@admin.register(BlockedDay)
class BlockedDayAdmin(RecordAdmin):
    list_display = ["date", "reason", "office"]
    list_filter = ["office"]
    date_hierarchy = "date"


@admin.register(TravelTime)
class TravelTimeAdmin(RecordAdmin):
    list_display = ["from_place", "to_place", "minutes", "note", "office"]
    list_filter = ["office"]
