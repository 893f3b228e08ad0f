from django.urls import path

from . import views

app_name = "checking"

urlpatterns = [
    path("", views.check_page, name="check"),
    path("findings.csv", views.findings_csv, name="csv"),
]
