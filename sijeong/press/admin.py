"""Back office for press activity."""

from django.contrib import admin

from sijeong.core.admin import RecordAdmin

from .models import MediaEngagement


@admin.register(MediaEngagement)
class MediaEngagementAdmin(RecordAdmin):
    list_display = ["date", "kind", "title", "outlet", "medium"]
    list_filter = ["office", "kind", "medium"]
    search_fields = ["title", "key_points", "outlet"]
    date_hierarchy = "date"
