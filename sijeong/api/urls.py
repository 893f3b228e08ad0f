"""The API's addresses (`/api/v1/`): the token page, then everything django-ninja serves —
the records, the tokens' JSON endpoints, `openapi.json` and `docs`."""

from django.urls import path

from .api import api
from .token_views import manage

urlpatterns = [
    path("tokens/manage/", manage, name="api-tokens"),
    path("", api.urls),
]
