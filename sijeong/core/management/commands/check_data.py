"""`python manage.py check_data [--json] [--office SLUG]`: derived figures and findings.

Exits 1 when any finding is an error, so scripts and CI can stop on bad data.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core.findings import Severity, run_audits, run_checks, run_summaries
from sijeong.core.models import Office


class Command(BaseCommand):
    help = "기록의 집계와 검사 결과를 보여 줍니다. 오류가 있으면 종료 코드 1로 끝납니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")
        parser.add_argument("--office", metavar="SLUG", help="이 기관만 검사")

    def handle(self, *args: Any, **options: Any) -> None:
        office = None
        if options["office"]:
            office = Office.objects.filter(slug=options["office"]).first()
            if office is None:
                raise CommandError(f"식별자가 '{options['office']}'인 기관이 없습니다.")
        summaries = run_summaries(office)
        findings = run_checks(office) + run_audits(office)

        if options["json"]:
            payload = {
                "summaries": [s.__dict__ for s in summaries],
                "findings": [f.as_dict() for f in findings],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("■ 집계")
            for line in summaries:
                self.stdout.write(f"  {line.label}: {line.text}")
            errors = sum(f.severity == Severity.ERROR for f in findings)
            self.stdout.write(f"■ 검사 결과: {len(findings)}건 (오류 {errors}건)")
            for f in findings:
                self.stdout.write(
                    f"  [{f.severity.label}] {f.code} {f.message}"
                    f" — {f.model_name} '{f.object_repr}' (#{f.object_id})"
                )
        if any(f.severity == Severity.ERROR for f in findings):
            sys.exit(1)
