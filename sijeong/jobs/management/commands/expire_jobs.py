"""`expire_jobs`: remove the result files of jobs that ended more than JOB_RESULT_DAYS ago.

Run it daily from cron (README); the jobs list also runs it when opened.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from sijeong.jobs import actions


class Command(BaseCommand):
    help = "끝난 지 보관 기한이 지난 작업의 결과 파일(압축 파일)을 지웁니다."

    def handle(self, *args: Any, **options: Any) -> None:
        count = actions.expire_results()
        self.stdout.write(
            f"보관 기한({settings.JOB_RESULT_DAYS}일)이 지난 작업 {count}건의 결과 파일을 "
            "지웠습니다."
        )
