"""Hostile packages for the tests and the benchmark: small files that are huge inside.

`bomb("docx")` is a DOCX of about 158 KB whose word/document.xml is 40 MB, the file of issue
10's finding 4; `bomb("hwpx")` is the same as HWPX. `lying` makes a package whose directory
declares a part far smaller than it is.
"""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _paragraph(fmt: str, number: int) -> str:
    # Three texts in turn make the XML compress about 250:1, as the finding's file did.
    text = f"현장 점검 회의 {number % 3}"
    if fmt == "docx":
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return f'<hp:p paraPrIDRef="0"><hp:run><hp:t>{text}</hp:t></hp:run></hp:p>'


def document_xml(fmt: str, size: int = 0, paragraphs: int = 0, depth: int = 0) -> bytes:
    """The document part: `size` bytes of paragraphs, or `paragraphs` of them, or text nested
    `depth` levels deep."""
    if fmt == "docx":
        head, tail = f'<w:document xmlns:w="{W}"><w:body>', "</w:body></w:document>"
    else:
        head, tail = f'<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">', "</hs:sec>"
    out = bytearray(b'<?xml version="1.0" encoding="UTF-8"?>' + head.encode())
    number = 0
    while (size and len(out) < size) or number < paragraphs:
        out += _paragraph(fmt, number).encode()
        number += 1
    if depth:
        out += b"<x>" * depth + b"</x>" * depth
    return bytes(out + tail.encode())


def package(fmt: str, document: bytes) -> bytes:
    """A DOCX or HWPX holding `document` as its body."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if fmt == "docx":
            archive.writestr("[Content_Types].xml", DOCX_TYPES)
            archive.writestr("word/document.xml", document)
        else:
            archive.writestr("mimetype", "application/hwp+zip", zipfile.ZIP_STORED)
            archive.writestr("Contents/section0.xml", document)
    return buffer.getvalue()


def bomb(fmt: str, size: int = 40 * 1024 * 1024) -> bytes:
    """A package of about 158 KB that holds `size` bytes of document XML."""
    return package(fmt, document_xml(fmt, size=size))


def lying(fmt: str, size: int = 40 * 1024 * 1024, declared: int = 1024) -> bytes:
    """`bomb`, with the document part declaring `declared` bytes in both of its headers."""
    content = bytearray(bomb(fmt, size))
    name = b"word/document.xml" if fmt == "docx" else b"Contents/section0.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := content.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if content[name_at : name_at + len(name)] == name:
                content[at + offset : at + offset + 4] = struct.pack("<L", declared)
            at += 4
    return bytes(content)
