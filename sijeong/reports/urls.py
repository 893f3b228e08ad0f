from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("build/", views.report_build, name="build"),
    path("<slug:slug>/", views.report_detail, name="detail"),
    path("<slug:slug>/download/<str:fmt>/", views.report_download, name="download"),
    path("<slug:slug>/finalise/", views.report_finalise, name="finalise"),
]
