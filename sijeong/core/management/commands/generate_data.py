"""`python manage.py generate_data --years 10 --offices 26 --seed K`: a synthetic data set.

The same arguments give the same rows (see core.generate). Offices already there under the
same slugs are refused unless `--replace` deletes them first.
"""

from __future__ import annotations

import datetime
import time
from collections import Counter
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core import generate, revisions
from sijeong.core.models import Office


class Command(BaseCommand):
    help = (
        "합성 자료(가상특별시 시장비서실과 구청장 비서실)를 만듭니다. "
        "같은 인자와 --seed는 같은 자료를 만듭니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", type=int, default=10, help="만들 연도 수 (기본 10)")
        parser.add_argument(
            "--offices", type=int, default=26, help="기관 수: 시 1곳과 구 N-1곳 (기본 26)"
        )
        parser.add_argument("--seed", type=int, default=1, help="난수 씨앗 (기본 1)")
        parser.add_argument("--end-year", type=int, default=None, help="마지막 연도 (기본: 올해)")
        parser.add_argument(
            "--password", help="기관마다 역할별 사용자 4명을 이 비밀번호로 만듭니다"
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="연간 건수에 곱할 배율 (시험용, 예: 0.05)"
        )
        parser.add_argument("--prefix", default="gen", help="기관 영문 코드 앞부분 (기본 gen)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="같은 영문 코드의 기관이 있으면 지우고 다시 만듭니다",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["years"] < 1 or options["offices"] < 1:
            raise CommandError("--years와 --offices는 1 이상이어야 합니다.")
        if options["scale"] <= 0:
            raise CommandError("--scale은 0보다 커야 합니다.")
        plan = generate.Plan(
            years=options["years"],
            offices=options["offices"],
            seed=options["seed"],
            end_year=options["end_year"] or datetime.date.today().year,
            scale=options["scale"],
            prefix=options["prefix"],
            password=options["password"],
        )
        existing = generate.existing_slugs(plan)
        if existing and not options["replace"]:
            raise CommandError(
                f"이미 있는 기관입니다: {', '.join(existing)}. "
                "지우고 다시 만들려면 --replace를 붙이세요."
            )
        started = time.monotonic()
        if existing:
            generate.delete_offices(existing)
            self.stdout.write(f"기존 기관 {len(existing)}곳을 지웠습니다.")
        years = plan.year_range
        self.stdout.write(
            f"합성 자료: {years.start}~{years.stop - 1}년, 기관 {plan.offices}곳, "
            f"씨앗 {plan.seed}, 배율 {plan.scale:g}"
        )
        totals: Counter[str] = Counter()
        specs = generate.office_specs(plan)
        password_hash = make_password(plan.password) if plan.password is not None else None
        for number, spec in enumerate(specs, 1):
            office_started = time.monotonic()
            counts = generate.generate_office(plan, spec, password_hash)
            totals.update(counts)
            self.stdout.write(
                f"[{number}/{len(specs)}] {spec.organization} {spec.name} ({spec.slug}): "
                f"{sum(counts.values()):,}행, {time.monotonic() - office_started:.1f}초"
            )
        # bulk_create sends no signals: tell the caches keyed by each office's data revision.
        for office in Office.objects.filter(slug__in=[spec.slug for spec in specs]):
            revisions.bump(office)
        self.stdout.write(self._table(totals))
        self.stdout.write(f"걸린 시간: {time.monotonic() - started:.1f}초")

    def _table(self, totals: Counter[str]) -> str:
        rows = []
        for label, count in sorted(totals.items()):
            try:
                name = str(apps.get_model(label)._meta.verbose_name)
            except LookupError:
                name = label
            rows.append(f"  {count:>12,}  {label} ({name})")
        rows.append(f"  {sum(totals.values()):>12,}  합계")
        return "모델별 행 수:\n" + "\n".join(rows)
