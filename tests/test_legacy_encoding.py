"""Tests for indexer.formats.legacy_encoding: TCVN3 and VNI text turned into Unicode, and
every other text left alone.

Legacy text is made here from Vietnamese sentences, through the data file's tables in
reverse: each test is a round trip as well."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from vietnamese_bytes import TONE_MARKS, legacy_bytes, legacy_form, windows_1258_bytes

from indexer.formats.legacy_encoding import (
    TCVN3,
    VNI,
    convert_legacy_text,
    decode_legacy_bytes,
    font_encoding,
    is_syllable,
    legacy_tables,
    line_encodings,
)

REPO_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

REFORM = (
    "Năm 2005, tỉnh đã triển khai cơ chế một cửa ở tất cả các sở, ban, ngành và "
    "đơn vị hành chính cấp huyện, cấp xã."
)
REPORT = [
    "Báo cáo tổng kết công tác cải cách hành chính giai đoạn 2001 - 2010",
    "Thực hiện Chương trình tổng thể cải cách hành chính nhà nước, các cơ quan đã rà soát "
    "và đơn giản hoá nhiều thủ tục, giảm thời gian giải quyết hồ sơ cho người dân.",
    "Đội ngũ cán bộ, công chức được đào tạo, bồi dưỡng; tinh thần phục vụ nhân dân "
    "được nâng lên rõ rệt.",
    "Những hạn chế, yếu kém: việc ứng dụng công nghệ thông tin còn chậm, một số nơi "
    "vẫn còn tình trạng nhũng nhiễu, gây phiền hà.",
]
FOREIGN = {
    "english": "The provincial people's committee approved the plan for administrative reform "
    "in 2005; the one-stop shop model was extended to all districts.",
    "french": "Le comité populaire a approuvé le plan de réforme administrative à la fin de "
    "l'année ; où en est-on ? Déjà, à côté de l'hôtel de ville, ça avance.",
    "german": "Die Verwaltungsreform für Bürger und Behörden: Größere Schritte, schön "
    "übersichtlich, mit Müller und Söhne in Köln.",
    "portuguese": "A reforma da administração pública não é só uma questão de gestão; "
    "São João e São Paulo começarão a aplicação em março.",
    "spanish": "La reforma administrativa del año pasado mejoró la atención; el señor "
    "Muñoz habló de la canción y del niño.",
    "norwegian": "For å gå videre til neste leksjon, trykk på tasten. Nå kan du gå til "
    "oppsummeringen så mange ganger du vil.",
    "italian": "La riforma è già stata approvata: però più città dovranno applicarla "
    "perché è così.",
}
NUMBERS_AND_CODES = (
    "Nghị định 30/2020/NĐ-CP; Quyết định 136/2001/QĐ-TTg; 3 × 4 = 12; ½ + ¼; 25 °C ± 2; "
    "© 2005 ® § 12; 1ª ed.; ISO 9001:2008; 26,93 %"
)


def vietnamese_letters() -> set[str]:
    letters = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in ("", *TONE_MARKS):
            letter = unicodedata.normalize("NFC", base + tone)
            letters.update((letter, letter.upper()))
    return {letter for letter in letters if not letter.isascii()}


# --- The tables --------------------------------------------------------------------------


def test_vni_writes_every_vietnamese_letter_and_tcvn3_every_one_it_has():
    letters = vietnamese_letters()
    tables = legacy_tables()
    assert len(letters) == 134
    assert set(tables[VNI]) == letters
    capitals = {"Ă", "Â", "Đ", "Ê", "Ô", "Ơ", "Ư"}
    assert set(tables[TCVN3]) == {letter for letter in letters if letter.islower()} | capitals


def test_no_two_letters_share_a_legacy_form():
    for table in legacy_tables().values():
        assert len(set(table.values())) == len(table)


def test_the_known_tcvn3_form_of_the_national_motto():
    motto = "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy_form(motto, TCVN3) == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    assert convert_legacy_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == (motto, TCVN3)


def test_the_known_vni_form_of_the_national_motto():
    motto = "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy_form(motto, VNI) == "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam"
    assert convert_legacy_text("Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam") == (motto, VNI)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_table_agrees_with_the_c_library_tcvn_5712_converter():
    table = legacy_tables()[TCVN3]
    legacy = "".join(table.values()).encode("cp1252")
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=legacy, capture_output=True
    )
    if result.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    assert unicodedata.normalize("NFC", result.stdout.decode()) == "".join(table)


def test_font_names_say_the_encoding_and_the_capitals_fonts():
    assert font_encoding(".VnTime") == (TCVN3, False)
    assert font_encoding(".VnTimeH") == (TCVN3, True)
    assert font_encoding(".VnArial NarrowH") == (TCVN3, True)
    assert font_encoding("VNI-Times") == (VNI, False)
    assert font_encoding("Times New Roman") == (None, False)
    assert font_encoding(None) == (None, False)


# --- .txt bytes -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_report_round_trips(encoding):
    text = "\n\n".join(REPORT) + "\n"
    assert decode_legacy_bytes(legacy_bytes(text, encoding)) == (text, encoding)


def test_vni_keeps_toned_capitals():
    text = "Ủy ban nhân dân tỉnh. Ở đâu có dân, ở đó có chính quyền phục vụ."
    assert decode_legacy_bytes(legacy_bytes(text, VNI)) == (text, VNI)


def test_tcvn3_toned_capitals_come_back_in_lower_case():
    # TCVN3 cannot write "Ủ": it was typed "ñ" (ủ), and reads back so.
    raw = legacy_bytes("Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách.", TCVN3)
    assert decode_legacy_bytes(raw) == (
        "ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách.",
        TCVN3,
    )


def test_tcvn3_line_typed_in_capitals_comes_back_in_capitals():
    raw = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc\n".encode("cp1252")
    assert decode_legacy_bytes(raw) == (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        TCVN3,
    )


def test_tcvn3_u_with_horn_is_the_soft_hyphen_byte():
    raw = legacy_bytes("người dân được phục vụ", TCVN3)
    assert raw == b"ng\xad\xeai d\xa9n \xae\xad\xeec ph\xf4c v\xf4"
    assert decode_legacy_bytes(raw) == ("người dân được phục vụ", TCVN3)


def test_a_title_line_alone_is_decided():
    title = "Báo cáo tổng kết công tác cải cách hành chính"
    assert decode_legacy_bytes(legacy_bytes(title, TCVN3)) == (title, TCVN3)
    assert decode_legacy_bytes(legacy_bytes(title, VNI)) == (title, VNI)


def test_windows_1252_punctuation_in_legacy_text_is_kept():
    raw = legacy_bytes(REFORM, TCVN3) + b" \x93M\xe9t c\xf6a\x94 \x96 \x85"
    assert decode_legacy_bytes(raw) == (REFORM + " “Một cửa” – …", TCVN3)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(REFORM.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + REFORM.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(REFORM.encode("utf-16"), id="utf-16"),
        pytest.param(windows_1258_bytes(REFORM), id="windows-1258"),
        pytest.param(windows_1258_bytes("\n".join(REPORT)), id="windows-1258 report"),
        pytest.param(b"Administrative reform report 2005\n", id="ascii"),
        pytest.param(NUMBERS_AND_CODES.encode("cp1252", "replace"), id="numbers and codes"),
        pytest.param(bytes(range(256)) * 4, id="binary"),
        pytest.param(b"", id="empty"),
    ]
    + [pytest.param(text.encode("cp1252"), id=name) for name, text in FOREIGN.items()],
)
def test_bytes_that_are_not_legacy_vietnamese(raw):
    assert decode_legacy_bytes(raw) is None


# --- Text from Word and PDF ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [REFORM, unicodedata.normalize("NFD", REFORM), REFORM.upper(), *REPORT, NUMBERS_AND_CODES]
    + list(FOREIGN.values())
    + [windows_1258_bytes(REFORM).decode("cp1252"), "Minh Tâm", "Hà Nội", "Cà Mau", ""],
)
def test_text_that_is_not_legacy_is_returned_as_it_came(text):
    assert convert_legacy_text(text) == (text, None)


def test_a_legacy_title_line_is_converted():
    title = "Báo cáo tổng kết công tác cải cách hành chính năm 2005"
    assert convert_legacy_text(legacy_form(title, TCVN3)) == (title, TCVN3)


def test_a_legacy_paragraph_in_a_unicode_document_is_converted_alone():
    paragraphs = [REPORT[0], legacy_form(REPORT[1], TCVN3), REPORT[2], "Minh Tâm"]
    expected = "\n".join([REPORT[0], REPORT[1], REPORT[2], "Minh Tâm"])
    assert convert_legacy_text("\n".join(paragraphs)) == (expected, TCVN3)


def test_paragraphs_of_both_legacy_encodings_are_each_converted():
    text = "\n".join([legacy_form(REPORT[1], TCVN3), legacy_form(REPORT[2], VNI), REPORT[3]])
    assert convert_legacy_text(text) == ("\n".join(REPORT[1:]), "TCVN3, VNI")


def test_a_short_line_follows_the_legacy_lines_around_it_but_not_alone():
    # "Minh T©m" converts to Latin-1 letters only: alone, it could be anything.
    assert convert_legacy_text("Minh T©m") == ("Minh T©m", None)
    text = "\n".join([legacy_form(REPORT[1], TCVN3), "Minh T©m"])
    assert convert_legacy_text(text) == (REPORT[1] + "\nMinh Tâm", TCVN3)


def test_line_encodings_decide_each_paragraph():
    paragraphs = [legacy_form(REPORT[1], VNI), REPORT[2], "Ngaøy 5/3", "Hello"]
    assert line_encodings(paragraphs) == [VNI, None, VNI, None]


def test_is_syllable_reads_spelling_not_meaning():
    syllables = ["nghiêng", "người", "khuyến", "Quốc", "VIỆT", "gì", "ở", "oách", "chuyện"]
    not_syllables = ["cÊp", "ñang", "schön", "kết̃", "tốp̀", "hôtel", "ăn̉", "Hµ", "ViÖt"]
    assert [word for word in syllables if not is_syllable(word)] == []
    assert [word for word in not_syllables if is_syllable(word)] == []


# --- Unicode Vietnamese is never converted -------------------------------------------------


def _corpus_words() -> list[str]:
    words = set()
    for path in sorted(REPO_CORPUS.glob("*.md")):
        words.update(path.read_text(encoding="utf-8").split())
    return sorted(words)


CORPUS_WORDS = _corpus_words()


@hypothesis_settings(max_examples=300)
@given(
    words=st.lists(st.sampled_from(CORPUS_WORDS), min_size=1, max_size=30),
    separators=st.lists(st.sampled_from([" ", " ", " ", "\n", "\n\n"]), min_size=30, max_size=30),
    form=st.sampled_from(["NFC", "NFD"]),
    case=st.sampled_from([str, str.upper, str.lower]),
)
def test_unicode_vietnamese_is_never_converted(words, separators, form, case):
    text = "".join(word + separator for word, separator in zip(words, separators, strict=False))
    text = unicodedata.normalize(form, case(text))
    assert convert_legacy_text(text) == (text, None)
    assert decode_legacy_bytes(text.encode("utf-8")) is None
    assert decode_legacy_bytes(windows_1258_bytes(text)) is None
