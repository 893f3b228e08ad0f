"""The JSON API (`/api/v1/`, django-ninja): every kind of record, read and written under the
same rights as the pages, with personal access tokens (issue 15)."""
