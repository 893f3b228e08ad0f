from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.program_tree, name="tree"),
    path("<int:pk>/", views.program_detail, name="detail"),
]
