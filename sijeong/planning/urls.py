"""The visit planner's page (일정 기획)."""

from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("run/", views.run, name="run"),
    path("accept/", views.accept_page, name="accept"),
    path("rules/", views.rules_page, name="rules"),
]
