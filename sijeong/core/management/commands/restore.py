"""`python manage.py restore PATH`: an archive of `backup` into an empty, migrated database
(docs/backup.md). It never overwrites: a database with records is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core.backup import BackupError, human_size, restore_backup


class Command(BaseCommand):
    help = (
        "`backup`이 쓴 보관 파일을 `migrate`만 한 빈 데이터베이스와 MEDIA_ROOT에 되살립니다. "
        "기록이 있는 데이터베이스에는 복원하지 않습니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="PATH", help="되살릴 보관 파일")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(line: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(line)

        try:
            restored = restore_backup(Path(options["path"]), progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(restored.counts.values())
        kinds = sum(1 for count in restored.counts.values() if count)
        self.stdout.write(
            self.style.SUCCESS(f"{restored.written_at}에 쓴 보관 파일을 복원했습니다.")
        )
        for label, count in restored.counts.items():
            if count and options["verbosity"] >= 1:
                self.stdout.write(f"  {label}: {count:,}건")
        self.stdout.write(f"기록 {rows:,}건 ({kinds}종)")
        kept = (
            f", 같은 파일이 이미 있어 둔 것 {restored.media_kept:,}개"
            if restored.media_kept
            else ""
        )
        size = human_size(restored.media_bytes)
        self.stdout.write(f"MEDIA_ROOT의 파일 {restored.media_files:,}개 ({size}){kept}")
        self.stdout.write(
            "요청 제한용 캐시 테이블이 없으면 `python manage.py createcachetable`을 실행해 주세요."
        )
