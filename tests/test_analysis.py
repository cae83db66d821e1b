import unicodedata

import pytest

from indexer.analysis import (
    bigram_analyzer,
    find_syllable_runs,
    fold,
    index_terms,
    normalize,
    query_words,
    segment,
    syllable_analyzer,
    word_analyzer,
)
from indexer.schema import FORMS, build_schema, text_field

SENTENCE = "Thủ tướng chủ trì Hội nghị về cải cách thủ tục hành chính ở Hà Nội."


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def texts(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text)]


def spans(analyzer, text: str) -> list[str]:
    """What each token's offsets point at in the original text."""
    return [text[t.startchar : t.endchar] for t in analyzer(text, chars=True)]


def test_words_are_pyvi_compounds_lowercased():
    assert texts(word_analyzer(), SENTENCE) == [
        "thủ_tướng",
        "chủ_trì",
        "hội_nghị",
        "về",
        "cải_cách",
        "thủ_tục",
        "hành_chính",
        "ở",
        "hà_nội",
    ]


def test_syllables_let_a_word_match_inside_a_compound():
    assert texts(syllable_analyzer(), "cải cách hành chính") == ["cải", "cách", "hành", "chính"]


def test_folded_fields_strip_every_accent_and_d_bar():
    assert texts(word_analyzer(folded=True), "Đổi mới cải cách") == ["doi_moi", "cai_cach"]
    assert texts(syllable_analyzer(folded=True), "Đổi mới") == ["doi", "moi"]


def test_one_letter_words_are_kept():
    assert texts(syllable_analyzer(), "ở đây có ý kiến") == ["ở", "đây", "có", "ý", "kiến"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nghị quyết 30c/NQ-CP", "30c/nq-cp"),
        ("Nghị quyết 76/NQ-CP", "76/nq-cp"),
        ("Quyết định 136/2001/QĐ-TTg", "136/2001/qđ-ttg"),
        ("ngày 14/05/2019", "14/5/2019"),
        ("đạt 26,93%", "26,93%"),
        ("có 4.142 nhiệm vụ", "4.142"),
        ("giai đoạn 2011-2020", "2011-2020"),
    ],
)
def test_document_numbers_dates_and_percentages_stay_whole(text, expected):
    assert expected in texts(word_analyzer(), text)


@pytest.mark.parametrize("written", ["1/7/2019", "01/07/2019", "1-7-2019", "01.07.2019"])
def test_dates_have_one_spelling(written):
    assert texts(word_analyzer(), f"từ {written}") == ["từ", "1/7/2019"]
    assert spans(word_analyzer(), f"từ {written}") == ["từ", written]


@pytest.mark.parametrize("written", ["112/NQ-CP", "112 / NQ - CP", "112/ NQ-CP"])
def test_spaced_document_numbers_are_one_term(written):
    assert texts(word_analyzer(), f"Nghị quyết {written}") == ["nghị_quyết", "112/nq-cp"]
    assert texts(word_analyzer(), "18 - NQ / TW") == ["18-nq/tw"]


def test_spaced_slashes_in_ordinary_text_are_not_document_numbers():
    assert texts(word_analyzer(), "tỷ lệ 5 / 10 - nhiều") == ["tỷ_lệ", "5", "10", "nhiều"]


def test_document_number_pieces_are_syllables():
    assert texts(syllable_analyzer(), "30c/NQ-CP") == ["30c", "nq", "cp"]


@pytest.mark.parametrize(
    "variant, canonical",
    [
        ("hoá", "hóa"),
        ("thuỷ", "thủy"),
        ("oà", "òa"),
        ("uỳ", "ùy"),
        ("khoẻ", "khỏe"),
        ("Trương Hoà Bình", "Trương Hòa Bình"),
        ("quý", "quý"),  # the u of "qu" is a consonant: the tone stays on y
        ("hoàn thành", "hoàn thành"),  # closed syllable: nothing to move
    ],
)
def test_one_tone_placement_convention(variant, canonical):
    assert normalize(variant) == canonical
    assert normalize(nfd(variant)) == canonical


def test_tone_variants_index_the_same_terms():
    assert texts(word_analyzer(), "hiện đại hoá, thuỷ lợi") == texts(
        word_analyzer(), "hiện đại hóa, thủy lợi"
    )


def test_d_lookalikes_are_unified():
    assert normalize("ÐỔI MỚI") == "ĐỔI MỚI"  # U+00D0 (eth) instead of U+0110
    assert fold("ÐỔI") == "DOI"


def test_nfd_input_gives_the_same_terms_as_nfc():
    assert texts(word_analyzer(), nfd(SENTENCE)) == texts(word_analyzer(), SENTENCE)
    assert texts(syllable_analyzer(), nfd(SENTENCE)) == texts(syllable_analyzer(), SENTENCE)


def test_offsets_point_into_the_original_nfc_text():
    assert spans(word_analyzer(), SENTENCE)[4:7] == ["cải cách", "thủ tục", "hành chính"]
    assert spans(syllable_analyzer(), "Tiếng Việt") == ["Tiếng", "Việt"]


def test_offsets_point_into_the_original_nfd_text():
    original = nfd("Tiếng Việt: cải cách hoá")
    assert spans(word_analyzer(), original) == [nfd("Tiếng"), nfd("Việt"), nfd("cải cách hoá")]
    assert spans(syllable_analyzer(), original)[-1] == nfd("hoá")


def test_offsets_keep_the_tone_placement_as_written():
    assert spans(word_analyzer(), "hiện đại hoá") == ["hiện đại hoá"]


def test_segment_works_line_by_line_and_skips_punctuation():
    words = segment("Cải cách.\n\n— (TTHC) —")
    assert [w.text for w in words] == ["Cải_cách", "TTHC"]


def test_empty_and_punctuation_only_text_has_no_words():
    assert segment("") == ()
    assert segment(" ... — !!") == ()


def test_query_words_carry_all_four_forms():
    (word,) = query_words("Cải cách")
    assert word.exact == "cải_cách"
    assert word.folded == "cai_cach"
    assert word.syllables == ("cải", "cách")
    assert word.folded_syllables == ("cai", "cach")


def test_hostile_markup_is_just_text():
    assert texts(syllable_analyzer(), '<script>alert("x")</script>') == [
        "script",
        "alert",
        "x",
        "script",
    ]


def test_loading_pyvi_leaves_no_temporary_model_file():
    from indexer.analysis import _pyvi

    segment("Cải cách hành chính")
    assert _pyvi().model.modelfile.name is None  # the temporary copy is gone …
    assert [w.text for w in segment("thủ tục hành chính")] == [
        "thủ_tục",
        "hành_chính",
    ]  # … pyvi still works


def test_bigrams_pair_neighbouring_syllables_within_a_sentence_not_across_it_or_lines():
    text = "Một cửa liên thông, “hiện” đại\nhóa 30c/NQ-CP. Trên nóng"
    assert texts(bigram_analyzer(), text) == [
        "mot cua",
        "cua lien",
        "lien thong",
        "thong hien",
        "hien dai",
        "hoa 30c",
        "30c nq",
        "nq cp",
        "tren nong",
    ]
    assert spans(bigram_analyzer(), text)[:3] == ["Một cửa", "cửa liên", "liên thông"]


def test_syllable_runs_are_found_again_in_the_original_text():
    text = nfd("Thủ tục hành chính, ngày 01/07/2019; thuế và thủ\ntục")
    runs = sorted(find_syllable_runs(text, [("thu", "tuc"), ("1", "7", "2019")]))
    assert [normalize(text[a:b]) for a, b in runs] == ["Thủ tục", "01/07/2019", "thủ\ntục"]
    assert find_syllable_runs(text, [("thu",)]) == find_syllable_runs(text, [("THU",)])
    assert len(find_syllable_runs(text, [("thu",)])) == 2  # not inside "thuế"


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        nfd("Đổi mới: HÀ NỘI, Thuỷ lợi hoá"),
        "Nghị quyết 30c/NQ-CP ngày 01-07-2019, tăng 26,93%.\n112 / NQ - CP; a_b",
        "",
    ],
)
def test_index_terms_are_what_the_analyzers_make(text):
    schema = build_schema()
    analyzers = {form: schema[text_field("body", form)].analyzer for form in FORMS}
    assert index_terms(text) == {
        form: texts(analyzer, text) for form, analyzer in analyzers.items()
    }


# --- Long texts: bounded work per pyvi call and per text --------------------------------

LONG_LINE = " ".join(
    [
        "Thủ tướng chủ trì Hội nghị về cải cách thủ tục hành chính.",
        "Bộ Nội vụ báo cáo kết quả chuyển đổi số; tỉnh Quảng Ninh dẫn đầu!",
        "Nghị quyết 30c/NQ-CP ngày 08/11/2011 đạt 26,93% ở cấp xã?",
    ]
    * 4
)


def pyvi_inputs(monkeypatch) -> list[int]:
    """The lengths of the texts pyvi is given, recorded as it runs."""
    import indexer.analysis as analysis

    seen = []
    original = analysis._words_of_line

    def recording(line, offset):
        seen.append(len(line))
        return original(line, offset)

    monkeypatch.setattr(analysis, "_words_of_line", recording)
    return seen


def test_a_long_line_is_segmented_in_pieces_with_the_same_words(monkeypatch):
    whole = [(w.text, w.start, w.end) for w in segment(LONG_LINE)]
    seen = pyvi_inputs(monkeypatch)
    monkeypatch.setenv("REFORM_SEARCH_SEGMENT_CHARS", "150")
    cut = [(w.text, w.start, w.end) for w in segment(LONG_LINE + " ")]  # not the cached one
    assert max(seen) <= 150
    assert len(seen) > 1
    assert cut == whole


def test_offsets_point_to_the_right_characters_across_pieces(monkeypatch):
    original = nfd("Đổi mới cải cách hành chính nhà nước hoá " * 30)  # no sentence end
    seen = pyvi_inputs(monkeypatch)
    monkeypatch.setenv("REFORM_SEARCH_SEGMENT_CHARS", "50")
    words = segment(original)
    assert max(seen) <= 50
    assert sum(len(word.syllables) for word in words) == 30 * 9  # none lost at a cut
    for word in words:
        assert [normalize(original[a:b]) for _, a, b in word.syllables] == [
            s for s, _, _ in word.syllables
        ]
        assert normalize(original[word.start : word.end]).replace(" ", "_") == word.text


def test_a_text_longer_than_the_word_limit_is_indexed_up_to_it(monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_MAX_WORDS", "3")
    assert [w.text for w in segment("ở đó có ý kiến")] == ["ở", "đó", "có"]
    monkeypatch.setenv("REFORM_SEARCH_MAX_WORDS", "2")
    assert index_terms("cải cách hành chính nhà nước")["words"] == ["cải_cách", "hành_chính"]


def test_a_line_without_spaces_is_cut_at_the_limit():
    from indexer.analysis import line_pieces

    assert list(line_pieces("abcdefg", 3)) == [(0, "abc"), (3, "def"), (6, "g")]
    assert list(line_pieces("ab cd. ef gh", 8)) == [(0, "ab cd. "), (7, "ef gh")]
    assert list(line_pieces("short", 8)) == [(0, "short")]
