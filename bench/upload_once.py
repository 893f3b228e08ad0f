"""One upload of a file to the import page as a 편집자, for bench/ingest.py to measure in a
process of its own (`/usr/bin/time -v`). Uses the benchmark's database (DATABASE_URL, already
migrated) and leaves nothing in it. Exit 2 with the page's reason when the file is refused."""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")

import django

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from sijeong.accounts.models import User  # noqa: E402
from sijeong.accounts.roles import EDITOR  # noqa: E402
from sijeong.core.models import Department, Office  # noqa: E402


def upload(path: Path) -> int:
    with transaction.atomic():
        office = Office.objects.create(slug="bench-upload", organization="벤치", name="벤치")
        department = Department.objects.create(office=office, slug="d", name="부서")
        user = User.objects.create_user(username="bench-upload", department=department)
        user.groups.add(Group.objects.get(name=EDITOR))
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        response = client.post(
            reverse("ingest:upload"),
            {"file": SimpleUploadedFile(path.name, path.read_bytes())},
            secure=True,  # as behind the production proxy: no redirect to HTTPS
        )
        transaction.set_rollback(True)
    reason = re.search(r'id="file-errors"><li>(.*?)</li>', response.content.decode())
    if reason is None:
        print(f"받아들임 (HTTP {response.status_code})")
        return 0 if response.status_code == 302 else 1
    print(html.unescape(reason[1]))
    return 2


if __name__ == "__main__":
    sys.exit(upload(Path(sys.argv[1])))
