from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("list/", views.event_list, name="list"),
    path("new/", views.event_edit, name="create"),
    path("clashes/", views.clash_check, name="clashes"),
    path("disclosure/", views.disclosure, name="disclosure"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publicity/", views.event_publicity, name="publicity"),
]
