"""Write a report from the records: `build_report SLUG --format md --output PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.reports.models import Report
from sijeong.reports.writing import FORMATS, write


class Command(BaseCommand):
    help = "보고서를 기록에서 작성해 파일로 씁니다 (hwpx, docx, pdf, html, md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="보고서 식별자 (예: secretariat-2024-09)")
        parser.add_argument("--format", choices=sorted(FORMATS), default="md")
        parser.add_argument("--output", help="저장할 파일 경로 (없으면 표준 출력, md·html만)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = Report.objects.filter(slug=options["slug"]).select_related("office").first()
        if report is None:
            known = ", ".join(Report.objects.values_list("slug", flat=True)) or "없음"
            raise CommandError(f"보고서 '{options['slug']}'가 없습니다. 있는 보고서: {known}")
        fmt = options["format"]
        content = write(report, fmt)
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_bytes(content)
            except OSError as error:
                raise CommandError(f"파일을 쓸 수 없습니다: {path} ({error.strerror})") from error
            self.stderr.write(f"{report} → {path} ({len(content):,}바이트)")
        elif fmt in ("md", "html"):
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            raise CommandError(f"{fmt} 형식은 --output 경로가 필요합니다.")
