from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("public/schedule.ics", views.public_feed, name="public"),
    path("feeds/", views.manage, name="manage"),
    path("feeds/new/", views.create, name="create"),
    path("feeds/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("feeds/<slug:token>.ics", views.private_feed, name="private"),
]
