"""`python manage.py backup PATH`: the database and MEDIA_ROOT in one archive (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core.backup import BackupError, human_size, write_backup


class Command(BaseCommand):
    help = (
        "데이터베이스 전체와 MEDIA_ROOT의 파일을 보관 파일(zip) 하나에 씁니다. "
        "빈 데이터베이스에 `restore`로 되살립니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", metavar="PATH", help="쓸 보관 파일 (예: var/backup/sijeong.zip)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(line: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(line)

        try:
            written = write_backup(Path(options["path"]), progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(written.counts.values())
        kinds = sum(1 for count in written.counts.values() if count)
        self.stdout.write(
            self.style.SUCCESS(f"보관 파일을 썼습니다: {written.path} ({human_size(written.size)})")
        )
        self.stdout.write(f"기록 {rows:,}건 ({kinds}종)")
        self.stdout.write(
            f"MEDIA_ROOT의 파일 {written.media_files:,}개 ({human_size(written.media_bytes)})"
        )
