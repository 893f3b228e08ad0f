"""`import_report PATH [--office SLUG | --new-office SLUG] [--user NAME] [--apply] [--report SLUG
[--as-of DATE]] [--json]`, and `import_report --undo ID [--user NAME]`.

Reads a report; without --apply it only previews. Without --user the command acts as the
operator, into the existing office --office names, or into an office made from the document's
cover only when asked with --new-office; with --user, with exactly that person's rights and in
their office. Exit 0 when the
document was read (findings or not), 2 when it cannot be read or applied, with the reason in
Korean; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from sijeong.accounts.models import User
from sijeong.accounts.roles import can_create, can_edit
from sijeong.core.models import Office
from sijeong.documents.reading import FORMATS, ReadError
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument
from sijeong.ingest.preview import Preview
from sijeong.reports.models import Report
from sijeong.schedule.actions import add_default_privacy_reasons
from sijeong.web.offices import office_for


class Command(BaseCommand):
    help = f"개조식 업무보고 문서({FORMATS})를 읽어 기록으로 가져옵니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="가져올 파일")
        parser.add_argument(
            "--undo",
            metavar="ID",
            type=int,
            help="반영한 가져오기를 되돌립니다 (새로 만든 기록은 지우고, 고친 기록은 원래대로)",
        )
        parser.add_argument("--office", metavar="SLUG", help="가져올 기관의 영문 코드 (있는 기관)")
        parser.add_argument(
            "--new-office",
            metavar="SLUG",
            help="이 영문 코드로 기관을 새로 만들어 가져옵니다 (기관명은 문서 표지에서)",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="이 사용자의 권한과 기관으로 가져옵니다 (없으면 운영자로)",
        )
        parser.add_argument("--apply", action="store_true", help="미리보기 대신 실제로 반영")
        parser.add_argument("--json", action="store_true", help="미리보기를 JSON으로 출력")
        parser.add_argument(
            "--report",
            metavar="SLUG",
            help="문서의 구성대로 보고서 정의를 만들거나 고칩니다 (--apply와 함께)",
        )
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            type=_date,
            help="--report의 기준일 (문서에 날짜가 없을 때, 또는 문서의 날짜 대신)",
        )

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"가져올 수 없습니다: {message}")
        sys.exit(2)

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["user"]) if options["user"] else None
        if options["undo"] is not None:
            self._undo(options["undo"], user)
            return
        if not options["path"]:
            self.fail("가져올 파일을 지정해 주세요 (되돌리려면 --undo ID).")
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
        if options["as_of"] and not options["report"]:
            self.fail("--as-of는 --report와 함께 씁니다 (보고서 정의의 기준일입니다).")
        if options["report"] and user is not None:
            office = office_for(user)
            if office is None or not can_create(user, Report, office.pk):
                self.fail("보고서 정의는 그 기관의 관리자만 만들거나 고칠 수 있습니다.")
        if options["apply"]:
            if user is not None and options["new_office"]:
                self.fail(
                    "--user로 가져올 때는 그 사람의 기관으로만 가져옵니다 (--new-office 불가)."
                )
            office = (
                self._users_office(user, options["office"])
                if user is not None
                else self._office(options["office"], options["new_office"], result)
            )
            try:
                document, result, new = actions.apply(
                    content,
                    path.name,
                    office,
                    by=user,
                    report=options["report"] or "",
                    as_of=options["as_of"],
                )
            except (actions.ApplyError, actions.ReportDefinitionError, actions.Refused) as error:
                self.fail(str(error))
            if not result.records:
                self.stderr.write(
                    f"{path.name}: 경고 — 이 문서에서 읽은 기록이 없어 기록은 하나도 만들지 "
                    "않았습니다."
                )
            else:
                if new:
                    self.stderr.write(
                        f"{path.name}: 반영했습니다 (가져오기 {document.pk}번) — "
                        f"{actions.applied_counts(document)}"
                    )
                else:
                    self.stderr.write(f"{path.name}: 이미 반영된 문서입니다 (바뀐 것 없음)")
            if options["report"]:
                self.stderr.write(
                    f"보고서 정의 '{options['report']}'를 문서의 구성대로 만들었습니다: "
                    f"build_report {options['report']}"
                )
        comparison = None
        if not options["apply"] and (options["office"] or user is not None):
            # Against an office, the preview also says what is new, changed or already there.
            office = (
                office_for(user)
                if user is not None
                else self._office(options["office"], None, result)
            )
            if office is not None:
                comparison = actions.compare_preview(result, office, user, path.name)
        if options["json"]:
            self.stdout.write(
                json.dumps(actions.preview_dict(result), ensure_ascii=False, indent=1)
            )
            return
        self._print(result)
        if comparison is not None:
            self._print_comparison(comparison)

    def _undo(self, pk: int, user: User | None) -> None:
        document = ImportedDocument.objects.filter(pk=pk).first()
        if document is None:
            self.fail(f"가져오기 {pk}번이 없습니다.")
        if user is not None and not actions.may_undo(document, user):
            self.fail(f"사용자 '{user.username}'는 가져오기 {pk}번을 되돌릴 수 없습니다.")
        try:
            done = actions.undo(document, user)
        except actions.UndoRefused as error:
            self.stderr.write(f"되돌릴 수 없습니다: {error}")
            sys.exit(2)
        self.stderr.write(
            f"가져오기 {pk}번을 되돌렸습니다 — 지운 기록 {done['deleted']}건, "
            f"원래대로 돌린 기록 {done['restored']}건"
        )

    def _print_comparison(self, comparison: actions.Comparison) -> None:
        out = self.stdout.write
        out(
            f"■ 반영하면: 새로 만들 기록 {len(comparison.new)}건, 고칠 기록 "
            f"{len(comparison.changed)}건, 이미 같은 기록 {len(comparison.unchanged)}건"
        )
        for outcome in comparison.changed:
            changes = "; ".join(
                f"{name} {before} → {after}" for name, before, after in outcome.changes
            )
            out(f"  {min(outcome.lines, default=0)}행 {outcome.kind} '{outcome.label}': {changes}")
        for outcome in comparison.new:
            out(f"  {min(outcome.lines, default=0)}행 새 {outcome.kind} '{outcome.label}'")
        if comparison.refused:
            out(f"  {actions.refusal_message(comparison.refused)}")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            self.fail(f"사용자 '{username}'를 찾을 수 없습니다.")
        if not user.is_active:
            self.fail(f"사용자 '{username}'는 사용이 중지된 계정입니다.")
        return user

    def _users_office(self, user: User, slug: str | None) -> Office:
        """The office `user` works in; the command goes nowhere their pages could not."""
        office = office_for(user)
        if office is None:
            self.fail(f"사용자 '{user.username}'에게 소속 기관이 없습니다.")
        if slug and slug != office.slug:
            self.fail(f"사용자 '{user.username}'는 기관 '{slug}'에 가져올 수 없습니다.")
        if not can_edit(user, None):
            self.fail(f"사용자 '{user.username}'에게는 가져오기 권한이 없습니다 (열람자).")
        return office

    def _office(self, slug: str | None, new: str | None, result: Preview) -> Office:
        """The office named; a new one only when asked, never one guessed from a typo."""
        offices = ", ".join(Office.objects.order_by("slug").values_list("slug", flat=True))
        known = f"있는 기관: {offices}" if offices else "등록된 기관이 없습니다"
        if slug and new:
            self.fail("--office와 --new-office 중 하나만 쓰세요.")
        if slug:
            office = Office.objects.filter(slug=slug).first()
            if office is None:
                self.fail(
                    f"기관 '{slug}'가 없습니다 ({known}). 새 기관으로 가져오려면 "
                    f"--new-office {slug}를 쓰세요."
                )
            return office
        if not new:
            self.fail(
                f"가져올 기관을 --office SLUG로 정하거나, 새로 만들려면 --new-office SLUG를 "
                f"쓰세요 ({known})."
            )
        if Office.objects.filter(slug=new).exists():
            self.fail(
                f"기관 '{new}'가 이미 있습니다. 그 기관으로 가져오려면 --office {new}를 쓰세요."
            )
        name = result.cover.get("office") or new
        office = Office.objects.create(
            slug=new, organization=name, organization_short=name, name=name
        )
        add_default_privacy_reasons(office)
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
        out(
            f"■ 기록으로 옮기지 못한 줄: {len(result.unplaced)}개 "
            "(보고서 정의에는 적힌 그대로 본문으로 남습니다)"
        )
        for line in result.unplaced:
            out(f"  {line.number}행: {line.text}")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}'는 날짜가 아닙니다 (예: 2024-08-31)") from None
