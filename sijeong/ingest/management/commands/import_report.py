"""`import_report PATH [--office SLUG] [--apply] [--report SLUG] [--json]`: read a report.

Without --apply it only previews. Exit 0 when the document was read (findings or not), 2 when
it cannot be read, with the reason in Korean; never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sijeong.core.models import Office
from sijeong.ingest import actions
from sijeong.ingest.reading import ReadError
from sijeong.ingest.recognise import Preview


def preview_dict(result: Preview) -> dict[str, Any]:
    return {
        "format": result.format,
        "cover": result.cover,
        "records": [
            {"model": r.model, "key": r.key, "fields": r.fields, "lines": sorted(set(r.lines))}
            for r in result.records
        ],
        "findings": [f.__dict__ for f in result.findings],
        "unplaced": [{"line": line.number, "text": line.text} for line in result.unplaced],
        "placed_share": round(result.placed_share, 4),
    }


class Command(BaseCommand):
    help = "개조식 업무보고 문서(텍스트, HWPX, DOCX)를 읽어 기록으로 가져옵니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="가져올 파일")
        parser.add_argument("--office", help="기관 식별자 (없으면 표지의 기관명으로 만듭니다)")
        parser.add_argument("--apply", action="store_true", help="미리보기 대신 실제로 반영")
        parser.add_argument("--json", action="store_true", help="미리보기를 JSON으로 출력")
        parser.add_argument(
            "--report",
            metavar="SLUG",
            help="문서의 구성대로 보고서 정의를 만들거나 고칩니다 (--apply와 함께)",
        )

    def fail(self, message: str) -> None:
        self.stderr.write(f"가져올 수 없습니다: {message}")
        sys.exit(2)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            content = path.read_bytes()
        except OSError as error:
            self.fail(f"{path} 파일을 열 수 없습니다 ({error.strerror}).")
        try:
            result = actions.preview(content, path.name)
        except ReadError as error:
            self.fail(str(error))
        if options["report"] and not options["apply"]:
            self.fail(
                "--report는 --apply와 함께 써야 합니다 (미리보기는 보고서를 만들지 않습니다)."
            )
        if options["apply"]:
            office = self._office(options["office"], result)
            try:
                document, result, new = actions.apply(
                    content, path.name, office, report=options["report"] or ""
                )
            except (actions.ApplyError, actions.ReportDefinitionError) as error:
                self.fail(str(error))
            verb = "반영했습니다" if new else "이미 반영된 문서입니다 (바뀐 것 없음)"
            self.stderr.write(
                f"{path.name}: {verb} — 기록 {document.summary.get('created', 0)}건 새로 만듦"
            )
            if options["report"]:
                self.stderr.write(
                    f"보고서 정의 '{options['report']}'를 문서의 구성대로 만들었습니다: "
                    f"build_report {options['report']}"
                )
        if options["json"]:
            self.stdout.write(json.dumps(preview_dict(result), ensure_ascii=False, indent=1))
            return
        self._print(result)

    def _office(self, slug: str | None, result: Preview) -> Office:
        if slug:
            office = Office.objects.filter(slug=slug).first()
            if office is not None:
                return office
        name = result.cover.get("office") or "가져온 기관"
        office, _ = Office.objects.get_or_create(
            slug=slug or "imported",
            defaults={"organization": name, "organization_short": name, "name": name},
        )
        return office

    def _print(self, result: Preview) -> None:
        from collections import Counter

        from django.apps import apps

        out = self.stdout.write
        out(
            f"■ 형식: {result.format}, 줄 {len(result.lines)}개, "
            f"기록으로 옮긴 비율 {result.placed_share:.1%}"
        )
        out("■ 만들 기록")
        for model, count in Counter(r.model for r in result.records).items():
            out(f"  {apps.get_model(model)._meta.verbose_name}: {count}건")
        out(f"■ 검사 결과: {len(result.findings)}건")
        labels = {"error": "오류", "warning": "경고", "info": "참고"}
        for finding in sorted(result.findings, key=lambda f: f.line):
            out(f"  {finding.line}행 [{labels[finding.severity]}] {finding.code} {finding.message}")
        out(f"■ 자리를 찾지 못한 줄: {len(result.unplaced)}개")
        for line in result.unplaced:
            out(f"  {line.number}행: {line.text}")
