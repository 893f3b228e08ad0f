"""One body named two ways in one document (서울시설공단 / 서울시설관리공단, 도봉 지하차도 /
도봉지하차도): a note, since either spelling may be the right one."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..findings import INFO, Finding
from . import Document, check, inline

CODE = "name-variant"
_SUFFIX = re.compile(
    r"(?:공사|공단|재단|위원회|센터|협회|진흥원|연구원|의료원|사업소|본부|교육청|구청|시청|도청|군청"
    r"|의회|공항|지하차도|기념관|과학관|박물관|미술관)(?:(?=[은는이가을를과와의에도로])|(?![가-힣]))"
)
# The name before a suffix, read backwards from it (the suffix is the rare part).
_NAME = inline(r"(?<![가-힣])(?:[가-힣]{2,8}\s)?[가-힣]{2,12}$")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@check(CODE)
def names(document: Document) -> Iterator[Finding]:
    spellings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    text = document.text
    for suffix in _SUFFIX.finditer(text):
        before = _NAME.search(text, max(0, suffix.start() - 21), suffix.start())
        if before is None:
            continue
        name = before.group() + suffix.group()
        if name.split(" ")[0] in {"및", "등", "위한", "통한", "대한", "관련", "소속"}:
            name = name.split(" ", 1)[-1]
        spellings[name.replace(" ", "")][name].append(document.line_at(suffix.start()).number)
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        usual = max(forms, key=lambda f: len(forms[f]))
        for form, lines in forms.items():
            if form != usual:
                yield Finding(
                    lines[0],
                    INFO,
                    CODE,
                    f"'{form}'을(를) 다른 곳에서는 '{usual}'(으)로 적었습니다",
                    (),
                )
    squashed = sorted(spellings)
    for a in squashed:
        for b in squashed:
            if a == b or len(a) < 5 or not len(a) < len(b) <= len(a) + 2:
                continue
            if a[:2] == b[:2] and a[-2:] == b[-2:] and _subsequence(a, b):
                first = min(n for ns in spellings[a].values() for n in ns)
                yield Finding(
                    first,
                    INFO,
                    CODE,
                    f"'{a}'와(과) '{b}'이(가) 같은 기관의 두 이름으로 보입니다",
                    (),
                )
