"""`check_document PATH [--json]`: check the figures of any document (검산) without importing it.

Exit 0 when the document was read (findings or not), 2 when it cannot be read, with the
reason in Korean; never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from sijeong.checking.document import check_file
from sijeong.documents.reading import FORMATS, ReadError


class Command(BaseCommand):
    help = f"문서({FORMATS})의 합계·비율·증감·날짜를 검산합니다. 아무것도 저장하지 않습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="검산할 파일")
        parser.add_argument("--json", action="store_true", help="검산 결과를 JSON 목록으로 출력")

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"검산할 수 없습니다: {message}")
        sys.exit(2)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            content = path.read_bytes()
        except OSError as error:
            self.fail(f"{path} 파일을 열 수 없습니다 ({error.strerror}).")
        try:
            checked = check_file(content, path.name)
        except ReadError as error:
            self.fail(str(error))
        if options["json"]:
            found = [
                {**f.as_dict(), **({"place": where} if (where := checked.where(f.line)) else {})}
                for f in checked.findings
            ]
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        for warning in checked.warnings:
            self.stdout.write(warning)
        for finding in checked.findings:
            where = checked.where(finding.line)
            at = f"{finding.line}행" + (f"({where})" if where else "")
            self.stdout.write(f"{at} [{finding.severity.label}] {finding.message} ({finding.code})")
        self.stdout.write(
            f"{path.name}: 줄 {len(checked.lines):,}개, 표 {len(checked.tables)}개, "
            f"검산 결과 {len(checked.findings)}건"
        )
