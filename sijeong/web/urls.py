from django.urls import path

from . import record_views

app_name = "web"

urlpatterns = [
    path("sections/<str:group>/", record_views.section, name="section"),
    path("records/<slug:slug>/", record_views.record_list, name="records"),
    path("records/<slug:slug>/new/", record_views.record_edit, name="create"),
    path("records/<slug:slug>/<int:pk>/", record_views.record_detail, name="record"),
    path("records/<slug:slug>/<int:pk>/edit/", record_views.record_edit, name="edit"),
]
