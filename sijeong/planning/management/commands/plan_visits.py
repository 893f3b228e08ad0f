"""`python manage.py plan_visits`: propose an office's field visits for a period, or solve a
synthetic month (`--synthetic N --fixed M --seed K`), and show the plan in Korean or as JSON.

Nothing is written: accepting a proposal is `planning.records.accept`, from the page.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sijeong.core.formatting import format_date, read_date
from sijeong.core.models import Office
from sijeong.planning import greedy, synthetic, verify
from sijeong.planning.records import PlanningError, clock, instance_for
from sijeong.planning.solver import Instance, Plan, solve


def _date(text: str, label: str) -> datetime.date:
    found = read_date(text)
    if found is None:
        raise CommandError(f"{label} '{text}'을(를) 날짜로 읽을 수 없습니다. 예: 2024-08-01")
    return found


class Command(BaseCommand):
    help = (
        "기관의 후보 방문으로 기간의 현장방문 일정을 제안합니다(--office, --start, --end). "
        "--synthetic으로 합성한 한 달을 풉니다. 기록은 바꾸지 않습니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", metavar="SLUG", help="기관 영문 코드")
        parser.add_argument("--start", help="기간 시작일 (예: 2024-08-01, 2024. 8. 1.)")
        parser.add_argument("--end", help="기간 종료일")
        parser.add_argument(
            "--synthetic", type=int, metavar="N", help="후보 N건의 합성 달(기관 없이)"
        )
        parser.add_argument("--fixed", type=int, default=0, metavar="M", help="합성 확정 일정 수")
        parser.add_argument("--seed", type=int, default=1, metavar="K", help="합성 난수 씨앗")
        parser.add_argument(
            "--time-limit", type=float, default=5.0, metavar="S", help="풀이 시간 한도(초)"
        )
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["time_limit"] <= 0:
            raise CommandError("--time-limit은 0보다 커야 합니다.")
        instance = self._instance(options)
        plan = solve(instance, time_limit=options["time_limit"])
        baseline = greedy.plan(instance)
        problems = verify.violations(instance, plan)
        if options["json"]:
            self.stdout.write(
                json.dumps(_payload(instance, plan, baseline, problems), ensure_ascii=False)
            )
        else:
            self._print(instance, plan, baseline, problems)

    def _instance(self, options: dict[str, Any]) -> Instance:
        if options["synthetic"] is not None:
            if options["office"]:
                raise CommandError("--synthetic과 --office는 함께 쓸 수 없습니다.")
            if options["synthetic"] <= 0:
                raise CommandError("--synthetic의 후보 수는 1 이상이어야 합니다.")
            if options["fixed"] < 0:
                raise CommandError("--fixed의 확정 일정 수는 0 이상이어야 합니다.")
            return synthetic.build(options["synthetic"], options["fixed"], seed=options["seed"])
        if not options["office"]:
            raise CommandError("--office 기관 코드 또는 --synthetic 후보 수를 주십시오.")
        office = Office.objects.filter(slug=options["office"]).first()
        if office is None:
            raise CommandError(f"영문 코드가 '{options['office']}'인 기관이 없습니다.")
        if not options["start"] or not options["end"]:
            raise CommandError("--start와 --end로 기간을 주십시오.")
        start = _date(options["start"], "시작일")
        end = _date(options["end"], "종료일")
        try:
            return instance_for(office, start, end)
        except PlanningError as error:
            raise CommandError(str(error)) from None

    def _print(self, instance: Instance, plan: Plan, baseline: Plan, problems: list[str]) -> None:
        by_id = {c.id: c for c in instance.candidates}
        write = self.stdout.write
        write(
            f"■ 현장방문 일정 제안: {format_date(instance.start)} ~ {format_date(instance.end)}"
            f" (후보 {len(instance.candidates)}건, 배치 {len(plan.placed)}건)"
        )
        days = sorted({p.date for p in plan.placed})
        for day in days:
            write(f"\n{format_date(day)}")
            items: list[tuple[int, str]] = [
                (
                    e.start_minute,
                    f"  {clock(e.start_minute)}~{clock(e.end_minute)} [확정] {e.title}"
                    + (f" ({e.district})" if e.district else ""),
                )
                for e in instance.fixed
                if e.date == day
            ]
            for p in plan.placed:
                if p.date != day:
                    continue
                c = by_id[p.candidate_id]
                where = f" ({c.district})" if c.district else ""
                must = " [필수]" if c.must else ""
                why = f" — {', '.join(p.reasons)}" if p.reasons else ""
                items.append(
                    (
                        p.start_minute,
                        f"  {clock(p.start_minute)}~{clock(p.end_minute)} {c.title}"
                        f"{where}{must}{why}",
                    )
                )
            for _, line in sorted(items, key=lambda item: item[0]):
                write(line)
        write(f"\n■ 넣지 못한 후보 {len(plan.left_out)}건")
        for cid, reason in sorted(plan.left_out.items(), key=lambda item: item[0]):
            c = by_id[cid]
            must = " [필수]" if c.must else ""
            write(f"  {c.title} (#{cid}){must}: {reason}")
        write("\n■ 풀이 결과")
        write(f"  목적값 {plan.objective:,}점, 증명된 상한 {plan.bound:,}점, 차이 {plan.gap:.1%}")
        write(
            f"  탐욕 배치(기준) {baseline.objective:,}점, 상태 {plan.status}, {plan.seconds:.1f}초"
        )
        if plan.must_unplaceable:
            write(f"  넣지 못한 필수 방문: {', '.join(plan.must_unplaceable)}")
        if problems:
            write(f"  독립 검사 위반 {len(problems)}건:")
            for problem in problems:
                write(f"    {problem}")
        else:
            write("  독립 검사: 위반 없음")


def _payload(instance: Instance, plan: Plan, baseline: Plan, problems: list[str]) -> dict[str, Any]:
    by_id = {c.id: c for c in instance.candidates}
    return {
        "start": instance.start.isoformat(),
        "end": instance.end.isoformat(),
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "greedy_objective": baseline.objective,
        "seconds": round(plan.seconds, 3),
        "status": plan.status,
        "placed": len(plan.placed),
        "candidates": len(instance.candidates),
        "must_unplaceable": plan.must_unplaceable,
        "violations": problems,
        "placements": [
            {
                "id": p.candidate_id,
                "title": by_id[p.candidate_id].title,
                "district": by_id[p.candidate_id].district,
                "date": p.date.isoformat(),
                "start": clock(p.start_minute),
                "end": clock(p.end_minute),
                "reasons": p.reasons,
            }
            for p in plan.placed
        ],
        "left_out": plan.left_out,
    }
