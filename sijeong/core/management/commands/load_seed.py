"""`python manage.py load_seed [PATH ...]`: load the seed data sets under data/seed/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core.seed import SeedError, load_file, seed_files


class Command(BaseCommand):
    help = "기초 데이터(data/seed/*.toml)를 불러옵니다. 이미 있는 기관은 건너뜁니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="불러올 데이터 파일")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            for path in seed_files(options["paths"]):
                office, created = load_file(path)
                verb = "불러왔습니다" if created else "이미 있어 건너뜁니다"
                self.stdout.write(f"{path.name}: {office} — {verb}")
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
