"""`backup` and `restore`: an office rebuilt in an empty database gives its finalised reports
again byte for byte, and a damaged archive or a database with records changes nothing."""

import hashlib
import json
import zipfile
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from sijeong.accounts.models import User
from sijeong.accounts.roles import DOMAIN_APPS
from sijeong.core import backup
from sijeong.core.models import DataRevision, Office
from sijeong.documents.model import final
from sijeong.ingest.actions import stage
from sijeong.ingest.models import ImportedDocument
from sijeong.ingest.tests.test_pages import BUDGET
from sijeong.reports.actions import data_hash, finalise
from sijeong.reports.build import build, figure_values
from sijeong.reports.models import FrozenFile, Report
from sijeong.reports.writing import FORMATS, render

AS_WRITTEN = {0: "원문 표기 그대로 보고"}  # the seed report's one marked place (14:1)
KEPT = ("generated/2024/보고서 원본.bin", b"\x00kept file\xff" * 100)


@pytest.fixture(autouse=True)
def forget_content_types():
    """A flush inside a test's transaction makes content types anew, and the rollback takes
    them back: the ids Django keeps in memory must not outlive the test."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = settings.MEDIA_ROOT / KEPT[0]
    path.parent.mkdir(parents=True)
    path.write_bytes(KEPT[1])
    return settings.MEDIA_ROOT


def empty_everything(media_root):
    """What a new machine has: a migrated database without records, and no files."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # PostgreSQL truncates no table with checks still pending in the test's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_restored_office_rebuilds_its_final_reports_byte_for_byte(
    seeded, seed_people, media, tmp_path
):
    admin = seed_people["admin"]
    finalise(Report.objects.get(slug="secretariat-2024-09"), admin, AS_WRITTEN)
    stage(BUDGET, "budget.txt", seeded, admin)
    users = sorted(User.objects.values_list("username", flat=True))
    archive = tmp_path / "sijeong.zip"

    written = run("backup", str(archive))
    assert f"보관 파일을 썼습니다: {archive}" in written and "MEDIA_ROOT의 파일 1개" in written
    empty_everything(media)
    assert not Report.objects.exists() and not (media / KEPT[0]).exists()
    restored = run("restore", str(archive))

    assert "복원했습니다" in restored and "reports.frozenfile: 5건" in restored
    assert (media / KEPT[0]).read_bytes() == KEPT[1]
    assert sorted(User.objects.values_list("username", flat=True)) == users
    assert User.objects.get(username="admin").groups.get().name == admin.groups.get().name
    assert ImportedDocument.objects.get().content == BUDGET
    # New marks for every kind of record: nothing kept in a cache from before the restore is
    # taken for the restored data.
    marks = DataRevision.objects.filter(office=seeded).values_list("kind", flat=True)
    assert sorted(marks) == sorted(DOMAIN_APPS)
    finals = Report.objects.filter(status=Report.Status.FINAL)
    assert finals.count() == 1
    for report in finals:
        document = final(build(report))
        files = {fmt: render(document, fmt) for fmt in FORMATS}
        for fmt, content in files.items():
            assert content == bytes(report.frozen_files.get(format=fmt).content), fmt
        assert figure_values(document) == report.figures
        assert data_hash(report.figures, files) == report.data_hash
    # New records get new ids after the restored ones (PostgreSQL's sequences are reset).
    office = Office.objects.create(slug="new", organization="새시", name="비서실")
    assert office.pk > seeded.pk


@pytest.fixture
def archive(seeded, seed_people, media, tmp_path):
    """An archive of the seed office with a final report, and the database emptied after."""
    finalise(Report.objects.get(slug="secretariat-2024-09"), seed_people["admin"], AS_WRITTEN)
    path = tmp_path / "sijeong.zip"
    backup.write_backup(path)
    empty_everything(media)
    return path


def manifest_of(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(backup.MANIFEST))


def test_the_manifest_says_what_the_archive_holds(archive):
    manifest = manifest_of(archive)
    assert manifest["format"] == "sijeong-backup" and manifest["version"] == 1
    assert "0001_initial" in manifest["migrations"]["reports"]
    counts = {m["model"]: m["count"] for m in manifest["models"]}
    assert counts["reports.frozenfile"] == 5 and counts["accounts.user"] == 4
    assert "auth.permission" not in counts and "sessions.session" not in counts
    assert not [label for label in counts if label.startswith(("axes.", "django_tasks"))]
    assert counts["admin.logentry"] == 0 and counts["auth.group"] == 4
    assert manifest["media"] == [f"media/{KEPT[0]}"]
    with zipfile.ZipFile(archive) as opened:
        assert set(opened.namelist()) == {*manifest["members"], backup.MANIFEST}


def test_a_database_with_records_is_refused_and_left_as_it_is(archive, office):
    with pytest.raises(CommandError, match="데이터베이스가 비어 있지 않아 복원하지 않았습니다"):
        run("restore", str(archive))
    assert list(Office.objects.all()) == [office] and not Report.objects.exists()


def test_a_damaged_member_is_refused_before_anything_is_loaded(archive, tmp_path):
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "data/reports.report.jsonl":
                content = content.replace(b"secretariat-2024-09", b"secretariat-2024-10")
            target.writestr(info, content)
    with pytest.raises(CommandError, match=r"reports\.report\.jsonl이\(가\) 쓸 때와 다릅니다"):
        run("restore", str(damaged))
    assert not Office.objects.exists() and not Report.objects.exists()


def test_a_truncated_archive_is_refused(archive, tmp_path):
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="잘렸거나 손상됨"):
        run("restore", str(truncated))
    assert not Office.objects.exists()


def test_rows_that_do_not_load_leave_the_database_empty(archive, tmp_path, monkeypatch):
    # Every check passes; the last model's rows fail: nothing of the others stays.
    last = [m["model"] for m in manifest_of(archive)["models"] if m["count"]][-1]
    original = backup.serializers.deserialize

    def failing(fmt, stream, **options):
        for row in original(fmt, stream, **options):
            if row.object._meta.label_lower == last:
                raise ValueError("망가진 행")
            yield row

    monkeypatch.setattr(backup.serializers, "deserialize", failing)
    with pytest.raises(CommandError, match="불러오지 못해 복원하지 않았습니다"):
        run("restore", str(archive))
    assert not Office.objects.exists() and not User.objects.exists()


def test_another_migration_state_names_the_app_that_differs(archive, tmp_path):
    manifest = manifest_of(archive)
    manifest["migrations"]["reports"].append("0099_future")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(other, "w") as target:
        for info in source.infolist():
            if info.filename != backup.MANIFEST:
                target.writestr(info, source.read(info))
        target.writestr(backup.MANIFEST, json.dumps(manifest))
    with pytest.raises(CommandError) as refused:
        run("restore", str(other))
    assert "reports: 보관 파일에만 0099_future" in str(refused.value)
    assert "python manage.py migrate" in str(refused.value)
    assert not Office.objects.exists()


def test_a_different_file_in_media_root_is_not_overwritten(archive, media):
    path = media / KEPT[0]
    path.parent.mkdir(parents=True)
    path.write_bytes(b"another file")
    with pytest.raises(CommandError, match=r"내용이 다른 .* 이미 있습니다"):
        run("restore", str(archive))
    assert path.read_bytes() == b"another file" and not Office.objects.exists()


def test_a_failed_backup_leaves_no_file(seeded, media, tmp_path, monkeypatch):
    path = tmp_path / "sijeong.zip"

    def failing(*args, **kwargs):
        raise RuntimeError("디스크 가득 참")

    monkeypatch.setattr(backup._Serializer, "handle_fk_field", failing)
    with pytest.raises(RuntimeError):
        backup.write_backup(path)
    assert list(tmp_path.iterdir()) == [media]


def test_the_role_groups_migrate_made_are_matched_by_name(archive):
    groups = dict(Group.objects.values_list("name", "pk"))
    backup.restore_backup(archive)
    assert dict(Group.objects.values_list("name", "pk")) == groups
    assert FrozenFile.objects.count() == 5 and connection.vendor in {"sqlite", "postgresql"}


def test_an_archive_with_a_value_no_record_may_hold_is_refused(archive, tmp_path):
    # A tampered or hand-made archive is a door like any other: a trillion won spent in one go
    # is refused as the forms refuse it, naming the row and the field, and nothing is loaded.
    manifest = manifest_of(archive)
    member = "data/budget.expenditure.jsonl"
    with zipfile.ZipFile(archive) as source:
        rows = source.read(member).decode().splitlines()
    first = json.loads(rows[0])
    first["fields"]["amount"] = 10**15
    rows[0] = json.dumps(first, ensure_ascii=False)
    content = ("\n".join(rows) + "\n").encode()
    manifest["members"][member] = {
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
    }
    other = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(other, "w") as target:
        for info in source.infolist():
            if info.filename not in (backup.MANIFEST, member):
                target.writestr(info, source.read(info))
        target.writestr(member, content)
        target.writestr(backup.MANIFEST, json.dumps(manifest))
    with pytest.raises(CommandError) as refused:
        run("restore", str(other))
    said = str(refused.value)
    assert "규칙에 맞지 않는 값이 있어 복원하지 않았습니다" in said
    assert f"집행 내역 #{first['pk']} 금액(원): " in said
    assert not Office.objects.exists()
