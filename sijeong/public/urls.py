"""Public pages (공개), under /public/: share-friendly addresses, no account needed."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("schedule/", views.schedule, name="schedule"),
    path("reports/", views.reports, name="reports"),
    path("reports/<slug:slug>.<str:fmt>", views.report_file, name="report_file"),
    path("programs/", views.programs, name="programs"),
    path("data/", views.open_data, name="data"),
    path("data/schedule.csv", views.schedule_csv, name="schedule_csv"),
    path("data/indicators.csv", views.indicators_csv, name="indicators_csv"),
]
