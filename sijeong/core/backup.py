"""Backup and restore of the whole office: the database as Django's serialised data and the
files under MEDIA_ROOT, in one archive a freshly migrated empty database is rebuilt from.

The archive is a zip file (not a tar), because:
- zipfile writes a member as a stream without knowing its size first (`ZipFile.open(name,
  "w")`), so a table of millions of rows goes to the archive row by row, never whole in memory
  nor through a spool file; a tar header needs each member's size before its content;
- its directory is at the end, so a truncated archive is refused when it is opened, before a
  row is read, and the manifest is read without scanning the rest;
- every member carries a CRC besides the sha256 the manifest keeps.

Members: `data/<app>.<model>.jsonl` (one per model, in the order they are loaded),
`media/<path>` (every file under MEDIA_ROOT) and `manifest.json`, written last: the format
version, when it was written, the applied migrations per app, the count of every model and
the sha256 and size of every other member.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from sijeong.core import revisions
from sijeong.core.models import Office
from sijeong.core.validity import Record, row_problems

FORMAT = "sijeong-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

# Not carried over:
# - content types and permissions: `migrate` makes them, with ids of its own; the archive
#   names them by their natural keys (app, model, codename) wherever a row refers to them;
# - sessions: logins of the old machine, signed with its secret; everyone signs in again;
# - django-axes: failed-login counters (a lockout lasts 15 minutes) and its login log;
# - django-tasks' queue: a task queued or running on the old machine must not run again;
# - the cache tables `sijeong_cache` and `sijeong_ratelimit`, which are no models
#   (`createcachetable`), and the data revisions the cache is keyed by: a restore gives every
#   office new marks, so nothing kept anywhere is taken for the restored data.
# (django_tasks_db's app label is django_tasks_database.)
EXCLUDED_APPS = frozenset({"contenttypes", "sessions", "axes", "django_tasks_database"})
EXCLUDED_MODELS = frozenset({"auth.permission", "core.datarevision"})


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Korean, for the operator."""


@dataclass
class Written:
    """What a backup wrote."""

    path: Path
    size: int
    counts: dict[str, int]
    media_files: int
    media_bytes: int


@dataclass
class Restored:
    """What a restore loaded."""

    counts: dict[str, int]
    media_files: int
    media_bytes: int
    media_kept: int = 0
    written_at: str = ""
    skipped: list[str] = field(default_factory=list)


def dumped_models() -> list[type[models.Model]]:
    """Every model whose rows the archive holds, in an order a restore can load them: a row
    named by its natural key comes after the rows it names."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label_lower not in EXCLUDED_MODELS
    ]
    by_app: dict[Any, list[type[models.Model]]] = {}
    for model in chosen:
        by_app.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    ordered: list[type[models.Model]] = serializers.sort_dependencies(
        list(by_app.items()), allow_cycles=True
    )
    return ordered


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The migrations applied to the database, per app, sorted."""
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


# Rows `migrate` makes in every database; the archive refers to them by natural key, so that
# they are found again under the new database's ids. The role groups are made again by
# accounts' post_migrate, so a group is matched by its name, not by its id.
BY_NATURAL_KEY: tuple[type[models.Model], ...] = (ContentType, Permission, Group)


class _Serializer(jsonl.Serializer):
    """JSON Lines with natural keys only for references to BY_NATURAL_KEY: every other row
    keeps its id (pages, links and generic references carry ids), and looking each user up
    by name would cost a query per row."""

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.remote_field.model in BY_NATURAL_KEY
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.remote_field.model in BY_NATURAL_KEY
        super().handle_m2m_field(obj, field)


class _Member:
    """A text stream into one zip member that keeps the sha256 and size of what it wrote."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0
        self.pending: list[bytes] = []
        self.pending_size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.pending.append(data)
        self.pending_size += len(data)
        if self.pending_size >= CHUNK:
            self.flush()

    def write_bytes(self, data: bytes) -> None:
        self.flush()
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)

    def flush(self) -> None:
        if self.pending:
            data = b"".join(self.pending)
            self.pending, self.pending_size = [], 0
            self.write_bytes(data)


def _counted(rows: Iterable[models.Model], counter: list[int]) -> Iterator[models.Model]:
    for row in rows:
        counter[0] += 1
        yield row


def _media_files(root: Path) -> list[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT with its name in the archive, sorted."""
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((path, "media/" + path.relative_to(root).as_posix()))
    return found


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def write_backup(
    path: Path, using: str = DEFAULT_DB_ALIAS, progress: Callable[[str], None] | None = None
) -> Written:
    """Write the archive to `path`: first to a temporary file beside it, renamed at the end,
    so a backup that fails leaves no half archive under `path`."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path}은(는) 폴더입니다. 보관 파일의 경로를 적어 주세요.")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} 폴더가 없습니다.")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            written = _write(out, using, progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    written.path = path
    written.size = path.stat().st_size
    return written


def _write(out: IO[bytes], using: str, progress: Callable[[str], None] | None) -> Written:
    connection = connections[using]
    members: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    order: list[dict[str, Any]] = []
    media_bytes = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # One transaction for every table, so that the rows are of one moment: on PostgreSQL
        # a read-only snapshot (unless the caller's transaction is already under way); on SQLite
        # the transaction holds the write lock (writers wait).
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            migrations = applied_migrations(using)
            for model in dumped_models():
                label = model._meta.label_lower
                name = f"data/{label}.jsonl"
                counter = [0]
                rows = model._base_manager.using(using).order_by(model._meta.pk.name)
                # Closed here, inside the transaction: on PostgreSQL the rows come through a
                # server-side cursor, which a failed backup would otherwise leave to the GC.
                with (
                    closing(
                        cast(Generator[models.Model], rows.iterator(chunk_size=2000))
                    ) as streamed,
                    archive.open(name, "w", force_zip64=True) as target,
                ):
                    member = _Member(target)
                    _Serializer().serialize(
                        _counted(streamed, counter),
                        stream=cast(IO[str], member),
                        use_natural_primary_keys=model in BY_NATURAL_KEY,
                    )
                    member.flush()
                members[name] = {"sha256": member.digest.hexdigest(), "size": member.size}
                counts[label] = counter[0]
                order.append({"model": label, "member": name, "count": counter[0]})
                if progress and counter[0]:
                    progress(f"  {label}: {counter[0]:,}건")
        media = []
        for source, name in _media_files(Path(settings.MEDIA_ROOT)):
            with source.open("rb") as data, archive.open(name, "w", force_zip64=True) as target:
                member = _Member(target)
                while chunk := data.read(CHUNK):
                    member.write_bytes(chunk)
            members[name] = {"sha256": member.digest.hexdigest(), "size": member.size}
            media.append(name)
            media_bytes += member.size
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "written_at": timezone.now().isoformat(timespec="seconds"),
            "django": django.get_version(),
            "database": connection.vendor,
            "migrations": migrations,
            "models": order,
            "media": media,
            "members": members,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return Written(Path(), 0, counts, len(media), media_bytes)


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError(
            "보관 파일에 목록(manifest.json)이 없습니다. 시정의 보관 파일이 아닙니다."
        ) from None
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"보관 파일의 목록(manifest.json)을 읽을 수 없습니다: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("시정의 보관 파일이 아닙니다 (목록의 형식이 다릅니다).")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"보관 파일 형식 {manifest.get('version')}판은 이 시정이 읽는 {VERSION}판과 "
            "다릅니다. 보관 파일을 만든 판의 시정으로 복원해 주세요."
        )
    return manifest


def _migration_differences(archived: dict[str, list[str]], here: dict[str, list[str]]) -> str:
    lines = []
    for app in sorted(set(archived) | set(here)):
        only_archive = sorted(set(archived.get(app, [])) - set(here.get(app, [])))
        only_here = sorted(set(here.get(app, [])) - set(archived.get(app, [])))
        if only_archive or only_here:
            parts = []
            if only_archive:
                parts.append(f"보관 파일에만 {', '.join(only_archive)}")
            if only_here:
                parts.append(f"데이터베이스에만 {', '.join(only_here)}")
            lines.append(f"- {app}: {'; '.join(parts)}")
    return "\n".join(lines)


def _verify_members(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    names = set(archive.namelist()) - {MANIFEST}
    listed = manifest.get("members", {})
    if names != set(listed):
        missing = sorted(set(listed) - names)
        extra = sorted(names - set(listed))
        raise BackupError(
            "보관 파일의 내용이 목록과 다릅니다"
            + (f" (없는 것: {', '.join(missing[:5])})" if missing else "")
            + (f" (목록에 없는 것: {', '.join(extra[:5])})" if extra else "")
            + ". 손상된 보관 파일입니다."
        )
    for name in sorted(listed):
        digest = hashlib.sha256()
        try:
            with archive.open(name) as data:
                while chunk := data.read(CHUNK):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise BackupError(
                f"보관 파일의 {name}을(를) 읽을 수 없습니다 ({error}). 손상된 보관 파일입니다."
            ) from error
        if digest.hexdigest() != listed[name].get("sha256"):
            raise BackupError(
                f"보관 파일의 {name}이(가) 쓸 때와 다릅니다 (sha256). 손상된 보관 파일입니다."
            )


def records_present(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Models of the archive that already hold rows, with their counts; the role groups
    `migrate` makes do not count."""
    present = {}
    for model in dumped_models():
        if model is Group:
            continue
        count = model._base_manager.using(using).count()
        if count:
            present[model._meta.label_lower] = count
    return present


def _media_target(root: Path, name: str) -> Path:
    relative = PurePosixPath(name.removeprefix("media/"))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(
            f"보관 파일의 {name}은(는) MEDIA_ROOT 밖을 가리킵니다. 복원하지 않았습니다."
        )
    return root.joinpath(*relative.parts)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore_backup(
    path: Path, using: str = DEFAULT_DB_ALIAS, progress: Callable[[str], None] | None = None
) -> Restored:
    """Load the archive into an empty, migrated database and its files into MEDIA_ROOT.

    Everything is checked before anything is written: the manifest, the migrations, every
    member's sha256, that the database holds no records and that no different file is in the
    way. The rows load in one transaction, so a failure leaves the database as it was.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"보관 파일 {path}이(가) 없습니다.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"{path}은(는) 읽을 수 있는 보관 파일이 아닙니다 (잘렸거나 손상됨: {error})."
        ) from error
    with archive:
        manifest = read_manifest(archive)
        differences = _migration_differences(manifest["migrations"], applied_migrations(using))
        if differences:
            raise BackupError(
                "보관 파일의 마이그레이션 상태가 이 데이터베이스와 다릅니다:\n"
                f"{differences}\n"
                "데이터베이스가 뒤처졌으면 `python manage.py migrate`를 실행하고, 보관 파일이 "
                "다른 판의 시정에서 만들어졌으면 그 판의 시정으로 복원해 주세요."
            )
        known = {model._meta.label_lower for model in dumped_models()}
        unknown = [m["model"] for m in manifest["models"] if m["model"] not in known]
        if unknown:
            raise BackupError(f"이 시정에 없는 모델의 자료가 있습니다: {', '.join(unknown)}.")
        _verify_members(archive, manifest)
        present = records_present(using)
        if present:
            shown = sorted(present.items())[:5]
            listed = ", ".join(f"{label} {count:,}건" for label, count in shown)
            if len(present) > len(shown):
                listed += f" 등 {len(present)}종 {sum(present.values()):,}건"
            raise BackupError(
                "데이터베이스가 비어 있지 않아 복원하지 않았습니다. 복원은 `migrate`만 한 빈 "
                f"데이터베이스에만 합니다. 이미 있는 기록: {listed}"
            )
        root = Path(settings.MEDIA_ROOT)
        targets = {name: _media_target(root, name) for name in manifest["media"]}
        kept = []
        for name, target in targets.items():
            if target.exists():
                if (
                    not target.is_file()
                    or _sha256_of(target) != manifest["members"][name]["sha256"]
                ):
                    raise BackupError(
                        f"MEDIA_ROOT에 내용이 다른 {target}이(가) 이미 있습니다. 덮어쓰지 "
                        "않으니 그 파일을 옮긴 뒤 다시 복원해 주세요. 아무것도 바꾸지 않았습니다."
                    )
                kept.append(name)
        restored = Restored(
            counts={}, media_files=0, media_bytes=0, written_at=manifest["written_at"]
        )
        restored.media_kept = len(kept)
        created: list[Path] = []
        try:
            with transaction.atomic(using=using):
                _load(archive, manifest, using, restored, progress)
                for office in Office.objects.using(using).values_list("pk", flat=True):
                    revisions.bump(office)
                for name, target in targets.items():
                    if name in kept:
                        continue
                    _extract(archive, name, target, created)
                    restored.media_files += 1
                    restored.media_bytes += manifest["members"][name]["size"]
        except BaseException:
            for written in created:
                written.unlink(missing_ok=True)
            raise
    # Content types are matched by natural key; ids kept in memory from before may be stale.
    ContentType.objects.clear_cache()
    return restored


def _load(
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    using: str,
    restored: Restored,
    progress: Callable[[str], None] | None,
) -> None:
    connection = connections[using]
    loaded_models = []
    wrong: list[str] = []
    # As loaddata: rows refer to rows of tables loaded later; checked once all are in.
    with connection.constraint_checks_disabled():
        for entry in manifest["models"]:
            label, name = entry["model"], entry["member"]
            count = 0
            try:
                with archive.open(name) as raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
                    for row in serializers.deserialize("jsonl", text, using=using):
                        if len(wrong) < WRONG_SHOWN:
                            wrong.extend(_wrong_values(row.object))
                        row.save(using=using)
                        count += 1
            except BackupError:
                raise
            except Exception as error:
                raise BackupError(
                    f"{label}의 자료를 불러오지 못해 복원하지 않았습니다: {error}"
                ) from error
            if count != entry["count"]:
                raise BackupError(
                    f"{label}: 목록에는 {entry['count']:,}건인데 {count:,}건을 읽었습니다. "
                    "복원하지 않았습니다."
                )
            restored.counts[label] = count
            loaded_models.append(apps.get_model(label))
            if progress and count:
                progress(f"  {label}: {count:,}건")
    if wrong:
        listed = "\n".join(wrong[:WRONG_SHOWN])
        raise BackupError(f"규칙에 맞지 않는 값이 있어 복원하지 않았습니다:\n{listed}")
    tables = [model._meta.db_table for model in loaded_models]
    try:
        connection.check_constraints(table_names=tables)
    except Exception as error:
        raise BackupError(f"불러온 자료의 참조가 맞지 않아 복원하지 않았습니다: {error}") from error
    # New records after a restore get ids after the restored ones (PostgreSQL's sequences).
    statements = connection.ops.sequence_reset_sql(no_style(), loaded_models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# An archive with wrong values is refused; this many of them are named.
WRONG_SHOWN = 20


def _wrong_values(record: models.Model) -> list[str]:
    """What the rules of each field say about a row of the archive, as forms and imports
    would say it. A row's references are checked by the database once every table is in, and
    the rules between records by the forms that made them, so neither is asked here: asking
    row by row would cost a query each, millions for ten years of a city."""
    if not isinstance(record, Record):
        return []
    return row_problems(record, between_fields=False)


def _extract(archive: zipfile.ZipFile, name: str, target: Path, created: list[Path]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as out, archive.open(name) as data:
            shutil.copyfileobj(data, out, CHUNK)
        os.chmod(temporary, 0o644)  # as a file the web server wrote, not mkstemp's 0600
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    created.append(target)
