"""Reading HWP files: real ones (tests/files, see SOURCES.md), and refusals of files made
here from them or from scratch — encrypted, distribution, damaged, bombs."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest

from sijeong.documents.reading import hwp
from sijeong.documents.reading.hwp import read_hwp
from sijeong.documents.reading.model import Paragraph, ReadError, Table
from sijeong.documents.tests.bounded import within_bounds

FILES = Path(__file__).parent / "files"
NOORI = (FILES / "noori.hwp").read_bytes()  # a ministry press release: tables, □ and o items


def paragraphs(read):
    return [b for b in read.blocks if isinstance(b, Paragraph)]


def tables(read):
    return [b for b in read.blocks if isinstance(b, Table)]


# -- Files made for the tests ----------------------------------------------------------------


def with_properties(content: bytes, bits: int) -> bytes:
    """A copy whose FileHeader properties (offset 36) also have `bits` set, in place."""
    at = content.index(b"HWP Document File")
    (properties,) = struct.unpack_from("<I", content, at + 36)
    return content[: at + 36] + struct.pack("<I", properties | bits) + content[at + 40 :]


def with_margins(content: bytes, margins: dict[int, int]) -> bytes:
    """A copy whose DocInfo gives these ParaShapes these left margins: the stream inflated,
    patched, deflated again and written over the old one, padded to its length."""
    old = hwp._Compound(content).read("DocInfo")
    data = bytearray(zlib.decompress(old, -15))
    offset, shape = 0, 0
    while offset < len(data):
        (header,) = struct.unpack_from("<I", data, offset)
        tag, size = header & 0x3FF, header >> 20
        offset += 4
        if size == 0xFFF:
            (size,) = struct.unpack_from("<I", data, offset)
            offset += 4
        if tag == 0x10 + 9:
            if shape in margins:
                struct.pack_into("<i", data, offset + 4, margins[shape])
            shape += 1
        offset += size
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    new = packer.compress(bytes(data)) + packer.flush()
    assert len(new) <= len(old)
    at = content.index(old)
    return content[:at] + new.ljust(len(old), b"\0") + content[at + len(old) :]


def compound(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (512-byte sectors, no mini stream) holding these streams;
    a path's first part may be a storage (BodyText/Section0)."""
    sector = 512
    names = list(streams)
    storages = sorted({n.split("/")[0] for n in names if "/" in n})
    data_sectors = [-(-len(streams[n]) // sector) for n in names]
    entries = 1 + len(storages) + len(names)
    directory_sectors = -(-entries // 4)
    used = sum(data_sectors) + directory_sectors
    fat_sectors = -(-(used + used // 127 + 2) // 128)
    fat: list[int] = []
    starts = []
    for count in data_sectors:
        starts.append(len(fat) if count else 0xFFFFFFFE)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + ([0xFFFFFFFE] if count else [])
    directory_start = len(fat)
    fat += [len(fat) + i + 1 for i in range(directory_sectors - 1)] + [0xFFFFFFFE]
    fat_start = len(fat)
    fat += [0xFFFFFFFD] * fat_sectors
    fat += [0xFFFFFFFF] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    # Entry 0 is the root; then the storages, then the streams. Siblings are a chain of
    # right pointers: a degenerate tree, which readers accept.
    index = {s: 1 + i for i, s in enumerate(storages)}
    index.update({n: 1 + len(storages) + i for i, n in enumerate(names)})
    top = [*storages, *(n for n in names if "/" not in n)]
    rows = [entry("Root Entry", 5, 0xFFFFFFFF, index[top[0]], 0xFFFFFFFE, 0)]
    for storage in storages:
        inside = [n for n in names if n.startswith(storage + "/")]
        after = top[top.index(storage) + 1] if top.index(storage) + 1 < len(top) else None
        rows.append(
            entry(storage, 1, index[after] if after else 0xFFFFFFFF, index[inside[0]], 0, 0)
        )
    for i, name in enumerate(names):
        group = [n for n in names if n.startswith(name.split("/")[0] + "/")] if "/" in name else top
        position = group.index(name)
        after = group[position + 1] if position + 1 < len(group) else None
        rows.append(
            entry(
                name.rsplit("/", 1)[-1],
                2,
                index[after] if after else 0xFFFFFFFF,
                0xFFFFFFFF,
                starts[i],
                len(streams[name]),
            )
        )
    directory = b"".join(rows).ljust(directory_sectors * sector, b"\0")
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 0x2C, fat_sectors, directory_start)
    # Cutoff 0: every stream in regular sectors, so no mini stream is needed.
    struct.pack_into("<IIIII", header, 0x38, 0, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = list(range(fat_start, fat_start + fat_sectors)) + [0xFFFFFFFF] * 109
    struct.pack_into("<109I", header, 0x4C, *difat[:109])
    body = b"".join(
        streams[n].ljust(c * sector, b"\0") for n, c in zip(names, data_sectors, strict=True)
    )
    return bytes(header) + body + directory + struct.pack(f"<{len(fat)}I", *fat)


def record(tag: int, payload: bytes, level: int = 0) -> bytes:
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def deflate(data: bytes, times: int = 1) -> bytes:
    """Raw deflate of `data` repeated `times` times, without holding the repeat in memory."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return b"".join(packer.compress(data) for _ in range(times)) + packer.flush()


def hwp5(section: bytes, compressed: bool = True, packed: bytes | None = None) -> bytes:
    """An HWP 5 file of one section (`packed`: the section as stored, already deflated)."""
    flags = int(compressed or packed is not None)
    header = b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags)
    stored = packed if packed is not None else deflate(section) if compressed else section
    return compound(
        {
            "FileHeader": header.ljust(256, b"\0"),
            "DocInfo": deflate(b"") if flags else b"",
            "BodyText/Section0": stored,
        }
    )


def paragraph_header(characters: int = 1, shape: int = 0) -> bytes:
    return record(0x10 + 50, struct.pack("<IIHBB", characters, 0, shape, 0, 0) + b"\0" * 12)


# -- Real files ------------------------------------------------------------------------------


def test_a_press_release_reads_as_paragraphs_and_tables_with_spans():
    read = read_hwp(NOORI)
    assert read.format == "hwp"
    assert read.pages == 3
    texts = [p.text for p in paragraphs(read)]
    assert any(t.startswith("□ 과학기술정보통신부(장관 유영민") for t in texts)
    assert any(t.startswith("  o 한국형발사체는 1.5톤급") for t in texts)
    first = tables(read)[0]
    assert (first.height, first.width) == (3, 4)
    spanning = [c for c in first.cells if c.column_span > 1]
    assert [(c.row, c.column, c.column_span) for c in spanning] == [(0, 1, 3)]
    assert all(p.page is None for p in paragraphs(read))


def test_deeper_items_have_larger_margins():
    read = read_hwp(with_margins(NOORI, {29: 2000, 30: 2000}))

    def margin(start):
        return next(p.margin for p in paragraphs(read) if p.text.startswith(start))

    assert margin("□ 과학기술정보통신부") == 0
    assert margin("  o 한국형발사체는") == 2000
    assert margin("  o 올해 10월에는") == 2000


def test_special_characters_of_an_hwp5_file_come_through():
    read = read_hwp((FILES / "han_special_char.hwp").read_bytes())
    text = "\n".join(p.text for p in paragraphs(read))
    assert "한글 특수문자표" in text
    assert "① ② ③" in text
    assert "㉠ ㉡" in text


def test_an_hwp3_file_is_read_by_rhwp():
    read = read_hwp((FILES / "han_special_char_3.0.hwp").read_bytes())
    assert paragraphs(read)[0].text.startswith("한글 특수문자표")


def test_ten_pages_read_within_three_tenths_of_a_second():
    read_hwp(NOORI)  # rhwp and its IR models loaded once
    started = time.perf_counter()
    for _ in range(3):
        read_hwp(NOORI)
    assert (time.perf_counter() - started) / 3 < 0.3


# -- Refusals --------------------------------------------------------------------------------


def test_a_password_protected_file_is_refused():
    with pytest.raises(ReadError, match="암호가 걸린 한글 문서는 읽을 수 없습니다"):
        read_hwp(with_properties(NOORI, 2))


def test_a_distribution_document_is_refused():
    with pytest.raises(ReadError, match="배포용 한글 문서는 읽을 수 없습니다"):
        read_hwp((FILES / "test-distribute.hwp").read_bytes())
    with pytest.raises(ReadError, match="일반 문서로 저장해"):
        read_hwp(with_properties(NOORI, 4))


@pytest.mark.parametrize("cut", [100, 4000, len(NOORI) // 2])
def test_a_truncated_file_is_refused_as_damaged(cut):
    with pytest.raises(ReadError, match="손상"):
        read_hwp(NOORI[:cut])


def test_a_file_that_is_not_hwp_is_refused():
    with pytest.raises(ReadError, match="HWP"):
        read_hwp(b"PK\x03\x04 not a compound file")


def test_a_section_inflating_to_512_megabytes_is_refused_within_bounds():
    bomb = hwp5(b"", packed=deflate(b"\0" * (64 * 1024 * 1024), times=8))
    assert len(bomb) < 30 * 1024 * 1024  # within the upload cap
    result, seconds, grown = within_bounds(read_hwp, bomb)
    assert isinstance(result, ReadError)
    assert "64MB" in str(result) and "압축 폭탄" in str(result)
    assert seconds < 5 and grown < 300


def test_pictures_inflating_past_the_total_are_refused():
    # Five 60 MB pictures: each under the stream cap, together past 256 MB.
    picture = deflate(b"\0" * (6 * 1024 * 1024), times=10)
    streams = {f"BinData/BIN000{i}.bmp": picture for i in range(1, 6)}
    header = b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, 1)
    streams.update(
        {
            "FileHeader": header.ljust(256, b"\0"),
            "DocInfo": deflate(b""),
            "BodyText/Section0": deflate(paragraph_header()),
        }
    )
    result, seconds, _ = within_bounds(read_hwp, compound(streams))
    assert isinstance(result, ReadError)
    assert "256MB" in str(result)
    assert seconds < 5


def test_a_million_paragraphs_are_refused_before_rhwp():
    section = paragraph_header() * 1_000_000
    result, seconds, grown = within_bounds(read_hwp, hwp5(section))
    assert isinstance(result, ReadError)
    assert "문단이 한도 200,000개" in str(result)
    assert seconds < 5 and grown < 300


def test_a_text_past_a_million_characters_is_refused():
    section = paragraph_header(characters=1_500_000) * 2
    with pytest.raises(ReadError, match="1,000,000자"):
        read_hwp(hwp5(section))


def test_cells_past_the_cap_are_refused():
    section = paragraph_header() + record(0x10 + 56, b"\0" * 8, level=2) * 200_001
    with pytest.raises(ReadError, match="표 칸이 한도 200,000개"):
        read_hwp(hwp5(section, compressed=False))


def test_a_directory_chain_that_loops_is_damaged_not_endless():
    content = bytearray(hwp5(paragraph_header()))
    (directory_start,) = struct.unpack_from("<I", content, 0x30)
    fat_at = 512 * (1 + struct.unpack_from("<I", content, 0x4C)[0])
    struct.pack_into("<I", content, fat_at + 4 * directory_start, directory_start)
    result, seconds, _ = within_bounds(read_hwp, bytes(content))
    assert isinstance(result, ReadError) and "손상" in str(result)
    assert seconds < 1
