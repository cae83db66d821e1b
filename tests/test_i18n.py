"""The interface strings: every key in both languages, placeholders alike."""

import string

from werkzeug.datastructures import LanguageAccept

from search_app.web.i18n import STRINGS, choose_language, translate


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    assert set(STRINGS["vi"]) == set(STRINGS["en"])
    for key, text in STRINGS["vi"].items():
        assert placeholders(text) == placeholders(STRINGS["en"][key]), key


def test_translate_fills_values():
    assert translate("en", "page_n", n=3) == "Page 3"
    assert translate("vi", "page_n", n=3) == "Trang 3"


def test_language_choice():
    english = LanguageAccept([("en-US", 1), ("en", 0.9)])
    french = LanguageAccept([("fr", 1)])
    assert choose_language(None, english) == "en"
    assert choose_language("vi", english) == "vi"
    assert choose_language("xx", french) == "vi"
    assert choose_language(None, LanguageAccept()) == "vi"
