"""Top-level URL routes."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "시정 관리"
admin.site.site_title = "시정"
admin.site.index_title = "기록 관리"

urlpatterns = [
    path("admin/", admin.site.urls),
]
