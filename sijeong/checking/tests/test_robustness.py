"""No input makes the reader or a check raise: whatever the text, there is a list of findings."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijeong.checking.document import check_file, check_text
from sijeong.documents.reading.text import ReadError

# Text made of what tables and figures are made of, so that the generated input reaches the
# table reader and the arithmetic rather than stopping at the first letter.
PIECES = st.sampled_from(
    [
        "\t",
        "  ",
        " | ",
        "|",
        "\n",
        "계",
        "합    계",
        "소계",
        "일 반 회 계",
        "구분",
        "(단위 : 백만원)",
        "1,234",
        "350,000341,0009,000",
        "4000400",
        "△12",
        "▲3",
        "-",
        "·",
        "71.0%",
        "(40.1%)",
        "38.643",
        "12,34,567",
        "2024. 8. 6.(수)",
        "'24. 2. 30.",
        "14:1",
        "누계",
        "8월",
        "증감률",
        "집행률",
        "0",
        "100",
        "12억 3,450만 7천 원",
        "전체 60건",
        "완료 42건",
        "달성률 71.0%",
        "중",
        "(",
        ")",
        "[",
        "]",
        "---|---",
        "서울시설공단",
        "3.3612.08",
        "9" * 30,
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_table_shaped_text_never_raises(text):
    checked = check_text(text)
    assert all(f.line >= 1 and f.message for f in checked.findings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    check_text(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused_with_a_reason(content):
    try:
        check_file(content, "upload.txt")
    except ReadError as error:
        assert str(error)


def test_hostile_text_is_checked_in_linear_time():
    # Long runs of digits, separators and unclosed brackets once made patterns retry at every
    # character; each of these took minutes before.
    import time

    texts = [
        "1" * 200_000,
        "집행 " + "1" * 50_000 + " 집행률 3% 중 1/2(3%)",
        "구분  a  b  c  d  e  f  g  h  i  j  k  l  m\n계  " + "1" * 59 + "0\n",
        "달성률(" + "가(" * 20_000 + " 대비 완료) : 5%\n- 완료 " + "가(" * 20_000,
        ",".join(["1"] * 100_000),
        ".".join(["1"] * 100_000),
        "의 3% " + "1" * 100_000 + "의 5%인 3억",
        # One line of many amounts or changes: each once looked back over the whole line.
        "1억" * 30_000,
        "53%인 3억원, " * 10_000,
        "1억원, " * 5_000 + "보다 각각 " + "1억원(1%), " * 5_000 + "증가",
    ]
    for text in texts:
        start = time.perf_counter()
        check_text(text)
        assert time.perf_counter() - start < 5
