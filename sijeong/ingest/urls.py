from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_upload, name="upload"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/apply/", views.import_apply, name="apply"),
    path("<int:pk>/undo/", views.import_undo, name="undo"),
]
