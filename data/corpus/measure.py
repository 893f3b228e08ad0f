"""First-sight figures of a corpus batch: what the checker and the importer do with it as they are.

    uv run --frozen python data/corpus/measure.py 2        # batch 2
    uv run --frozen python data/corpus/measure.py 2 --md   # the README table's rows

Per document: the annotated defects the checker finds at their line with their code (and how
many its TOML records as found at first sight, before any code was changed for it), its 경고
and 오류 at lines no defect is annotated on (false alarms; on a clean document every one is),
and the share of body lines the importer places (`Preview.placed_share`). Unlike annotate.py
this runs the project's code, so it sets Django up; it writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")


def documents(batch: int) -> list[tuple[Path, dict]]:
    found = []
    for toml in sorted([*HERE.glob("*.toml"), *HERE.glob("binary/*.toml")]):
        notes = tomllib.loads(toml.read_text(encoding="utf-8"))
        if notes.get("batch") != batch:
            continue
        body = next(p for p in toml.parent.glob(f"{toml.stem}.*") if p.suffix != ".toml")
        found.append((body, notes))
    return found


def measure(path: Path, notes: dict) -> dict:
    from sijeong.checking.document import check_file
    from sijeong.ingest.actions import preview

    content = path.read_bytes()
    findings = check_file(content, path.name).findings
    raised = {(f.line, f.code) for f in findings}
    defects = notes.get("defects", [])
    annotated = {d["line"] for d in defects if "line" in d}

    def hit(defect: dict) -> bool:
        if "line" in defect:
            return (defect["line"], defect["code"]) in raised
        # A binary's defect is placed by page and cell: found when a finding of its code
        # states its figure.
        stated = str(defect["values"]["stated"]).replace(",", "")
        printed = {(f.code, f"{v:f}".rstrip("0").rstrip(".")) for f in findings for v in f.values}
        return (defect["code"], stated) in printed

    alarms = [
        f"{f.code}@{f.line}"
        for f in findings
        if f.severity.value != "info" and f.line not in annotated
    ]
    result = preview(content, path.name)
    return {
        "number": path.name[:3],
        "publisher": notes.get("publisher", ""),
        "kind": notes.get("kind", ""),
        "defects": len(defects),
        "first_sight": sum(1 for d in defects if d.get("first_sight")),
        "found": [f"{d['code']}@{d.get('line', d.get('page'))}" for d in defects if hit(d)],
        "missed": [f"{d['code']}@{d.get('line', d.get('page'))}" for d in defects if not hit(d)],
        "alarms": alarms,
        "clean": bool(notes.get("clean")),
        "content": len(result.content_lines),
        "placed": round(result.placed_share * len(result.content_lines)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=int)
    parser.add_argument("--md", action="store_true", help="Markdown rows for the README")
    args = parser.parse_args()
    import django

    django.setup()
    rows = [measure(path, notes) for path, notes in documents(args.batch)]
    for row in rows:
        if args.md:
            hits = f"{row['first_sight']} | {len(row['found'])}" if row["defects"] else "– | –"
            print(
                f"| {row['number']} | {row['kind']} | {row['publisher']} | {row['defects']} | "
                f"{hits} | {len(row['alarms'])} {' '.join(row['alarms'])} | "
                f"{row['placed']} of {row['content']} |"
            )
        else:
            print(
                f"{row['number']} defects {row['defects']} found {row['found']} "
                f"missed {row['missed']} alarms {row['alarms']} "
                f"placed {row['placed']}/{row['content']}"
            )
    defects = sum(r["defects"] for r in rows)
    found = sum(len(r["found"]) for r in rows)
    first = sum(r["first_sight"] for r in rows)
    clean_alarms = sum(len(r["alarms"]) for r in rows if r["clean"])
    content = sum(r["content"] for r in rows)
    placed = sum(r["placed"] for r in rows)
    print(
        f"batch {args.batch}: {len(rows)} documents ({sum(r['clean'] for r in rows)} clean), "
        f"defects found {found} of {defects} (recorded at first sight: {first}), "
        f"false alarms on clean {clean_alarms}, "
        f"lines placed {placed} of {content} ({placed / content:.0%})"
        if content
        else f"batch {args.batch}: {len(rows)} documents"
    )


if __name__ == "__main__":
    main()
