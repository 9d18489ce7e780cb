"""Language identification and the English-only check."""

from __future__ import annotations

import pytest

from byline.errors import BylineError
from byline.ingest.language import MIN_WORDS_TO_JUDGE, check_english, detect_language, language_name
from byline.reading import Article

from .conftest import english_text

GERMAN = (
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Bürgermeisterin eingeräumt hatte, "
    "dass zwei Schwimmbäder im nächsten Sommer schließen werden. Die Opposition sprach von einem Rückzug."
)


def test_english_is_detected():
    assert detect_language(english_text()) == "en"


def test_german_is_detected():
    assert detect_language(GERMAN) == "de"


def test_text_too_short_to_judge_has_no_language():
    short = " ".join(GERMAN.split()[: MIN_WORDS_TO_JUDGE - 1])
    assert detect_language(short) is None


def test_text_without_spaces_is_judged_on_its_length():
    japanese = "港町の議会は金曜日、週末のフェリーを一月から減便することを決めました。市長は赤字だと説明しました。" * 5
    assert detect_language(japanese) == "ja"


def test_language_names_are_readable():
    assert language_name("de") == "German (de)"
    assert language_name("xx") == "xx"


def test_check_english_turns_away_other_languages_naming_them():
    article = Article(text=GERMAN, language="de")
    with pytest.raises(BylineError) as caught:
        check_english(article, "rat.txt", require_english=True)
    assert caught.value.code == "not_english"
    assert (
        caught.value.message == "rat.txt: the text is in German (de), not English; byline reads English only"
    )


def test_check_english_lets_through_english_unjudged_and_when_not_required():
    assert check_english(Article(text="x", language="en"), "a", True).language == "en"
    assert check_english(Article(text="x", language=None), "a", True).language is None
    assert check_english(Article(text=GERMAN, language="de"), "a", False).language == "de"
