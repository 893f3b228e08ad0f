"""`expire_imports`: remove the files of uploads not applied within IMPORT_REVIEW_DAYS.

Run it daily from cron (README); the imports list also runs it when opened.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sijeong.ingest import actions


class Command(BaseCommand):
    help = "검토 기한이 지난, 반영하지 않은 업로드의 원본 파일을 지웁니다."

    def handle(self, *args: Any, **options: Any) -> None:
        count = actions.expire_unreviewed()
        self.stdout.write(
            f"검토 기한({actions.review_days()}일)이 지난 업로드 {count}건의 원본을 지웠습니다."
        )
