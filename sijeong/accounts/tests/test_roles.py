"""Roles: the groups the migrations create, and who may change which record (`can_edit`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import models
from simple_history.models import HistoricalChanges

from sijeong.accounts.models import User
from sijeong.accounts.roles import (
    ADMIN,
    ADMIN_ONLY_MODELS,
    DOMAIN_APPS,
    EDITOR,
    VIEWER,
    can_create,
    can_edit,
    can_view,
    visible,
)
from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import (
    Department,
    Indicator,
    Observation,
    OfficeFunction,
    OfficeFunctionPoint,
    Term,
)
from sijeong.org.models import StaffingLine, StaffingSnapshot
from sijeong.programs.models import ComparisonRow, ComparisonTable, Program
from sijeong.relations.models import MeetingSeries, MeetingSession, Partner
from sijeong.schedule.models import Agenda, Domain, Event, PolicyTheme

# Records a department owns, directly or through the record they belong to.


def an_event(department: Department) -> Event:
    return Event.objects.create(
        office=department.office,
        department=department,
        title="폭염 대비 현장점검",
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2024, 8, 6),
        place="서울역 쪽방촌",
    )


def a_budget_line(department: Department) -> BudgetLine:
    return BudgetLine.objects.create(
        office=department.office,
        department=department,
        fiscal_year=2024,
        subject=f"기관운영업무추진비 {department.slug}",
        amount=100_000_000,
    )


def an_expenditure(department: Department) -> Expenditure:
    return Expenditure.objects.create(
        line=a_budget_line(department), date=datetime.date(2024, 8, 31), amount=1_000_000
    )


def a_staffing_line(department: Department) -> StaffingLine:
    snapshot = StaffingSnapshot.objects.create(
        office=department.office, department=department, as_of=datetime.date(2024, 9, 1)
    )
    return StaffingLine.objects.create(
        snapshot=snapshot, series="일반직", grade="5급", posts=10, filled=9
    )


def an_observation(department: Department) -> Observation:
    indicator = Indicator.objects.create(
        office=department.office,
        department=department,
        key=f"interviews-{department.slug}",
        name="언론 인터뷰",
        unit="회",
    )
    return Observation.objects.create(
        indicator=indicator, as_of=datetime.date(2024, 8, 31), value=Decimal(25), source="보고서"
    )


def a_comparison_row(department: Department) -> ComparisonRow:
    program = Program.objects.create(
        office=department.office,
        department=department,
        slug=f"pilot-{department.slug}",
        kind=Program.Kind.PROJECT,
        title="기후동행카드",
    )
    table = ComparisonTable.objects.create(program=program, columns=[{"label": "시범사업"}])
    return ComparisonRow.objects.create(table=table, label="기간", cells=["'24. 1.~6."])


def a_meeting_session(department: Department) -> MeetingSession:
    series = MeetingSeries.objects.create(
        office=department.office, department=department, name=f"국무회의 {department.slug}"
    )
    return MeetingSession.objects.create(series=series, date=datetime.date(2024, 8, 27))


OWNED_RECORDS: list[Callable[[Department], models.Model]] = [
    an_event,
    a_budget_line,
    an_expenditure,
    a_staffing_line,
    an_observation,
    a_comparison_row,
    a_meeting_session,
]

# Records of the whole office, or of no office: only 관리자 changes them.


def an_office(department: Department) -> models.Model:
    return department.office


def a_department(department: Department) -> models.Model:
    return department


def a_term(department: Department) -> models.Model:
    return Term.objects.create(
        organization="테스트특별시", name="민선 8기", start=datetime.date(2022, 7, 1)
    )


def an_office_function(department: Department) -> models.Model:
    return OfficeFunction.objects.create(office=department.office, title="시장 일정 관리")


def an_office_function_point(department: Department) -> models.Model:
    function = OfficeFunction.objects.create(office=department.office, title="시장 일정 관리")
    return OfficeFunctionPoint.objects.create(function=function, text="현장방문 계획")


def a_partner(department: Department) -> models.Model:
    return Partner.objects.create(name="행정안전부", kind=Partner.Kind.CENTRAL)


def a_domain(department: Department) -> models.Model:
    return Domain.objects.create(office=department.office, name="안전")


def a_policy_theme(department: Department) -> models.Model:
    return PolicyTheme.objects.create(office=department.office, name="약자와의 동행")


def an_agenda(department: Department) -> models.Model:
    return Agenda.objects.create(office=department.office, name="폭염")


OFFICE_RECORDS: list[Callable[[Department], models.Model]] = [
    an_office,
    a_department,
    an_office_function,
    an_office_function_point,
    a_domain,
    a_policy_theme,
    an_agenda,
]

# Records every office shares: the operator (superuser) alone changes them.
SHARED_RECORDS: list[Callable[[Department], models.Model]] = [a_term, a_partner]


def label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def domain_models() -> list[type[models.Model]]:
    """The record models of the domain apps, without simple_history's Historical* copies and
    without bookkeeping that declares no permissions (core.DataRevision)."""
    return [
        model
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, HistoricalChanges) and model._meta.default_permissions
    ]


def codenames(group_name: str, model: type[models.Model]) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        ).values_list("codename", flat=True)
    )


def every_action(model: type[models.Model]) -> set[str]:
    return {f"{action}_{model._meta.model_name}" for action in ("add", "change", "delete", "view")}


# The groups.


@pytest.mark.django_db
def test_the_three_roles_exist_after_migration() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {ADMIN, EDITOR, VIEWER}


def test_the_office_records_named_admin_only_are_real_models() -> None:
    assert ADMIN_ONLY_MODELS - {label(model) for model in domain_models()} == set()


@pytest.mark.django_db
def test_admins_may_do_everything_to_records_and_users() -> None:
    wanted = Permission.objects.filter(
        content_type__app_label__in=[*DOMAIN_APPS, "accounts", "auth"]
    )
    granted = Group.objects.get(name=ADMIN).permissions.all()
    assert set(wanted) - set(granted) == set()


@pytest.mark.django_db
def test_admins_have_every_permission_there_is() -> None:
    granted = Group.objects.get(name=ADMIN).permissions.all()
    assert set(Permission.objects.all()) - set(granted) == set()


@pytest.mark.django_db
def test_editors_may_do_everything_to_department_records() -> None:
    department_models = [m for m in domain_models() if label(m) not in ADMIN_ONLY_MODELS]
    assert {label(m): codenames(EDITOR, m) for m in department_models} == {
        label(m): every_action(m) for m in department_models
    }


@pytest.mark.django_db
def test_editors_may_only_view_office_records() -> None:
    office_models = [m for m in domain_models() if label(m) in ADMIN_ONLY_MODELS]
    assert {label(m): codenames(EDITOR, m) for m in office_models} == {
        label(m): {f"view_{m._meta.model_name}"} for m in office_models
    }


@pytest.mark.django_db
def test_viewers_may_view_every_record() -> None:
    assert {label(m): codenames(VIEWER, m) for m in domain_models()} == {
        label(m): {f"view_{m._meta.model_name}"} for m in domain_models()
    }


@pytest.mark.django_db
def test_viewers_have_nothing_but_view_permissions() -> None:
    codes = Group.objects.get(name=VIEWER).permissions.values_list("codename", flat=True)
    assert [code for code in codes if not code.startswith("view_")] == []


@pytest.mark.django_db
def test_editors_and_viewers_cannot_manage_users() -> None:
    for role in (EDITOR, VIEWER):
        group = Group.objects.get(name=role)
        assert not group.permissions.filter(content_type__app_label__in=["accounts", "auth"])


# can_edit, as sentences about the cast.

owned = pytest.mark.parametrize("make", OWNED_RECORDS, ids=lambda make: make.__name__)
office_wide = pytest.mark.parametrize("make", OFFICE_RECORDS, ids=lambda make: make.__name__)
shared = pytest.mark.parametrize("make", SHARED_RECORDS, ids=lambda make: make.__name__)


@owned
def test_alice_edits_records_of_any_department(
    make: Callable[[Department], models.Model], alice: User, other_department: Department
) -> None:
    assert can_edit(alice, make(other_department))


@office_wide
def test_alice_edits_office_records(
    make: Callable[[Department], models.Model], alice: User, department: Department
) -> None:
    assert can_edit(alice, make(department))


@owned
def test_bob_edits_records_of_his_department(
    make: Callable[[Department], models.Model], bob: User, department: Department
) -> None:
    assert can_edit(bob, make(department))


@owned
def test_bob_does_not_edit_carols_records(
    make: Callable[[Department], models.Model], bob: User, other_department: Department
) -> None:
    assert not can_edit(bob, make(other_department))


@owned
def test_carol_edits_records_of_her_department(
    make: Callable[[Department], models.Model], carol: User, other_department: Department
) -> None:
    assert can_edit(carol, make(other_department))


@owned
def test_carol_does_not_edit_bobs_records(
    make: Callable[[Department], models.Model], carol: User, department: Department
) -> None:
    assert not can_edit(carol, make(department))


@owned
def test_dave_edits_nothing_even_in_his_department(
    make: Callable[[Department], models.Model], dave: User, department: Department
) -> None:
    assert not can_edit(dave, make(department))


@owned
def test_an_anonymous_visitor_edits_nothing(
    make: Callable[[Department], models.Model], department: Department
) -> None:
    assert not can_edit(AnonymousUser(), make(department))


@owned
def test_an_inactive_editor_edits_nothing(
    make: Callable[[Department], models.Model], bob: User, department: Department
) -> None:
    bob.is_active = False
    bob.save()
    assert not can_edit(bob, make(department))


@owned
def test_an_editor_without_a_department_edits_nothing(
    make: Callable[[Department], models.Model], bob: User, department: Department
) -> None:
    bob.department = None
    bob.save()
    assert not can_edit(bob, make(department))


@office_wide
def test_bob_does_not_edit_office_records(
    make: Callable[[Department], models.Model], bob: User, department: Department
) -> None:
    assert not can_edit(bob, make(department))


@office_wide
def test_dave_does_not_edit_office_records(
    make: Callable[[Department], models.Model], dave: User, department: Department
) -> None:
    assert not can_edit(dave, make(department))


def test_bob_may_add_records(bob: User) -> None:
    assert can_edit(bob, None)


def test_dave_may_not_add_records(dave: User) -> None:
    assert not can_edit(dave, None)


@pytest.mark.django_db
def test_an_anonymous_visitor_may_not_add_records() -> None:
    assert not can_edit(AnonymousUser(), None)


@pytest.mark.django_db
def test_a_superuser_without_a_role_edits_everything(other_department: Department) -> None:
    root = User.objects.create_superuser(username="root", password="x")
    assert can_edit(root, an_event(other_department))


@shared
def test_alice_reads_but_does_not_change_shared_records(
    make: Callable[[Department], models.Model], alice: User, department: Department
) -> None:
    record = make(department)
    assert can_view(alice, record)
    assert not can_edit(alice, record)


@shared
def test_the_operator_changes_shared_records(
    make: Callable[[Department], models.Model], department: Department
) -> None:
    root = User.objects.create_superuser(username="root", password="x")
    assert can_edit(root, make(department))


# And from the office next door: nothing of ours is theirs to see or change.

every_record = pytest.mark.parametrize(
    "make", OWNED_RECORDS + OFFICE_RECORDS, ids=lambda make: make.__name__
)


@every_record
def test_nobody_next_door_sees_or_changes_our_records(
    make: Callable[[Department], models.Model], department: Department, next_door_people
) -> None:
    record = make(department)
    for user in next_door_people.values():
        assert not can_view(user, record), user
        assert not can_edit(user, record), user
        assert not can_create(user, type(record), department.office_id), user
        assert not visible(user, type(record)._default_manager.filter(pk=record.pk)).exists()


@every_record
def test_everyone_of_our_office_sees_our_records(
    make: Callable[[Department], models.Model],
    department: Department,
    alice: User,
    carol: User,
    dave: User,
) -> None:
    record = make(department)
    for user in (alice, carol, dave):
        assert can_view(user, record), user
        assert visible(user, type(record)._default_manager.filter(pk=record.pk)).exists()


@pytest.mark.django_db
def test_a_user_without_an_office_sees_nothing(department: Department) -> None:
    stray = User.objects.create_user(username="stray", password="x")
    stray.groups.add(Group.objects.get(name=VIEWER))
    record = an_event(department)
    assert not can_view(stray, record)
    assert not visible(stray, Event.objects.all()).exists()


def test_bob_creates_department_records_but_not_office_records(
    bob: User, department: Department
) -> None:
    office = department.office_id
    assert can_create(bob, Event, office)
    assert not can_create(bob, Domain, office)
    assert not can_create(bob, OfficeFunction, office)


def test_carol_creates_nothing_under_bobs_programme(
    carol: User, bob: User, department: Department
) -> None:
    program = Program.objects.create(
        office=department.office,
        department=department,
        slug="p",
        kind=Program.Kind.PROJECT,
        title="기후동행카드",
    )
    from sijeong.programs.models import Narrative

    assert can_create(bob, Narrative, department.office_id, parent=program)
    assert not can_create(carol, Narrative, department.office_id, parent=program)


def test_dave_creates_nothing(dave: User, department: Department) -> None:
    assert not can_create(dave, Event, department.office_id)


def test_a_users_department_must_be_of_their_office(
    bob: User, next_door_people, department: Department
) -> None:
    from django.core.exceptions import ValidationError

    bob.office = next_door_people["admin"].office
    with pytest.raises(ValidationError):
        bob.full_clean()
