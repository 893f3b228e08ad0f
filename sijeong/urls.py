"""Top-level URL routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sijeong.core.admin import view_on_site
from sijeong.web import views as web_views

admin.site.site_header = "시정 관리"
admin.site.site_title = "시정"
admin.site.index_title = "기록 관리"

# Django renders 403.html and 404.html itself; the 400 page needs the request, and the 500
# handler tells a lost database (503) from other failures.
handler400 = "sijeong.web.errors.bad_request"
handler500 = "sijeong.web.errors.server_error"

urlpatterns = [
    path("", web_views.dashboard, name="home"),
    path("health/", web_views.health, name="health"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("reports/", include("sijeong.reports.urls")),
    path("imports/", include("sijeong.ingest.urls")),
    path("check/", include("sijeong.checking.urls")),
    path("jobs/", include("sijeong.jobs.urls")),
    path("schedule/", include("sijeong.schedule.urls")),
    path("planning/", include("sijeong.planning.urls")),
    # Without an account: the public calendar feed (before the public pages, which it sits
    # among), the public pages, and the API (whose anonymous answers are the public data).
    path("", include("sijeong.feeds.urls")),
    path("public/", include("sijeong.public.urls")),
    path("api/v1/", include("sijeong.api.urls")),
    path("programs/", include("sijeong.programs.urls")),
    path("", include("sijeong.web.urls")),
    # Before the back office's own address of the same view, which asks no rule.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
]
