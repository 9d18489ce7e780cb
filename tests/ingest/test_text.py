"""Plain-text articles: headline rules, byline lines, body paragraphs and failures."""

from __future__ import annotations

import pytest

from byline.errors import BylineError
from byline.ingest.text import article_from_text, byline_authors, looks_like_headline

from .conftest import SAMPLES, english_text


@pytest.mark.parametrize(
    "line",
    [
        "Port Town Mayor Defends Ferry Cuts in Leaked Memo",
        "Council approves ferry cuts after late vote",  # sentence case, short
        "Will the Ferry Survive the Winter?",
        "Report: Mayor Told Staff to Admit U.S. Flaws",  # ends in an abbreviation, not a sentence period
        "Mayor Defends Ferry Cuts, Says Route ‘Loses Money on Every Crossing.’",  # Title Case with a period
        "“We Cannot Keep a Boat Running Half Empty”",
    ],
)
def test_headline_like_first_lines(line):
    assert looks_like_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Port Town councillors voted on Friday to cut weekend ferry services.",  # a sentence
        "The Courier reported on Friday:",  # introduces a quotation
        "the ferry will stop in January",  # starts in lower case
        "By Marta Quill",  # a byline
        "AP Photo/Dana Kelleher",  # a credit
        "Advertisement",  # boilerplate
        "Councillors voted. The mayor left before the count was read out",  # two sentences
        # long, and not in title case
        "Councillors in the small harbour town voted late on a wet Friday night to cut the weekend ferry",
        "Sam Hale, left, speaks outside the chamber. (AP Photo/Dana Kelleher)",  # a caption
    ],
)
def test_lines_that_are_not_headlines(line):
    assert not looks_like_headline(line)


def test_line_one_becomes_the_title_and_leaves_the_body():
    article = article_from_text("Ferry Cuts Approved\n\n" + english_text(), origin="memo.txt")
    assert article.title == "Ferry Cuts Approved"
    assert article.text == english_text()
    assert article.origin == "memo.txt"


def test_a_first_line_without_a_blank_line_after_it_stays_in_the_body():
    text = "Ferry Cuts Approved\n" + english_text()
    article = article_from_text(text)
    assert article.title is None
    assert article.text.startswith("Ferry Cuts Approved\n")


def test_a_lone_line_is_body_not_title():
    article = article_from_text("Ferry Cuts Approved")
    assert (article.title, article.text) == (None, "Ferry Cuts Approved")


def test_paragraphs_are_joined_by_blank_lines_and_whitespace_normalised_within_lines():
    article = article_from_text("Ferry Cuts\n\n  One   two\tthree. \n\n\n\nFour  five.\nSix.")
    assert article.text == "One two three.\n\nFour five.\nSix."


def test_a_known_title_removes_line_one_only_when_it_repeats_it():
    repeated = article_from_text("Ferry Cuts Approved\n\nThe body.", title="Ferry cuts approved")
    assert (repeated.title, repeated.text) == ("Ferry cuts approved", "The body.")
    different = article_from_text("Council Meets Tonight\n\nThe body.", title="Ferry cuts approved")
    assert different.text == "Council Meets Tonight\n\nThe body."


def test_a_byline_line_after_the_headline_goes_to_authors():
    article = article_from_text(
        "Ferry Cuts Approved\n\nBy Marta Quill and Ravi Dunn, Port Town Courier\n\nBody."
    )
    assert article.authors == ["Marta Quill", "Ravi Dunn"]
    assert article.text == "Body."


def test_byline_authors_reads_only_short_by_lines():
    assert byline_authors("By Marta Quill") == ["Marta Quill"]
    assert byline_authors("By the end of the week the ferry had stopped running altogether.") == []


def test_language_is_detected_on_the_body():
    assert article_from_text(english_text()).language == "en"
    assert article_from_text("Too short to judge.").language is None


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\u200b\ufeff"])
def test_blank_text_is_empty(text):
    with pytest.raises(BylineError) as caught:
        article_from_text(text, origin="blank.txt")
    assert caught.value.code == "empty"
    assert caught.value.message.startswith("blank.txt: ")


def test_text_that_is_only_headline_and_boilerplate_has_no_text():
    with pytest.raises(BylineError) as caught:
        article_from_text("Ferry Cuts Approved\n\nAdvertisement\nShare this article", origin="chrome.txt")
    assert caught.value.code == "no_text"


def test_the_bundled_text_sample_reads_with_its_caption_credit_and_prompts_set_aside():
    article = article_from_text((SAMPLES / "council-budget.txt").read_text(encoding="utf-8"))
    assert article.title == "Harbour City Council Approves Budget After Mayor Concedes Pool Closures"
    assert article.captions == [
        "Mayor Dana Whitfield, left, speaks with reporters outside City Hall on Tuesday, March 3, 2026."
    ]
    assert article.credits == ["Photo by Lee Okafor/Harbour Gazette"]
    assert len(article.boilerplate) == 2
    assert article.text.startswith("Harbour City councillors approved")
    assert article.text.endswith("The closures are a mistake the city will regret for years.")


# -- long sentence-case headlines, datelines and abbreviations ------------------------------------------

LONG_HEADLINE = "Port Town council votes to cut the winter ferry after a long and bitter night"  # 15 words


def test_sentence_case_headline_of_14_words_is_the_title():
    headline = "Port Town council votes to cut the winter ferry after a long bitter night"
    assert len(headline.split()) == 14
    article = article_from_text(f"{headline}\n\n{english_text()}")
    assert article.title == headline
    assert article.text == english_text()


def test_sentence_case_headline_of_20_words_standing_alone_is_the_title():
    headline = (
        "Port Town council votes to cut the winter ferry after a long and bitter night of argument over the cost"
    )
    assert len(headline.split()) == 20
    assert article_from_text(f"{headline}\n\n{english_text()}").title == headline


def test_a_long_sentence_case_line_is_a_headline_only_when_it_stands_alone():
    assert not looks_like_headline(LONG_HEADLINE)
    assert looks_like_headline(LONG_HEADLINE, stands_alone=True)


def test_a_long_headline_before_a_shorter_line_that_is_no_sentence_stays_in_the_body():
    text = f"{LONG_HEADLINE}\n\nFerry timetable for the winter months\n\n{english_text()}"
    assert article_from_text(text).title is None


def test_a_long_headline_before_an_author_line_and_a_short_sentence_is_the_title():
    text = f"{LONG_HEADLINE}\n\nMarta Quill and Ravi Dunn\n\nThe council voted on Tuesday night."
    article = article_from_text(text)
    assert article.title == LONG_HEADLINE
    assert article.text.endswith("The council voted on Tuesday night.")


def test_a_first_body_sentence_of_14_words_stays_in_the_body():
    first = "Port Town councillors voted late on Friday to cut the weekend ferry services."
    article = article_from_text(f"{first}\n\n{english_text()}")
    assert article.title is None
    assert article.text.startswith(first)


@pytest.mark.parametrize(
    "first",
    [
        "(Harbour News) Could the ferry really keep running all winter without a subsidy from the council?",
        "PORT TOWN (Harbour News) -- Could the ferry keep running all winter without a council subsidy?",
        "PORT TOWN, Maine (Harbour News) Could the ferry keep running all winter without a council subsidy?",
    ],
)
def test_a_first_line_opening_with_a_dateline_is_body_not_title(first):
    article = article_from_text(f"{first}\n\n{english_text()}")
    assert article.title is None
    assert article.text.startswith(first)


def test_a_headline_with_a_capitalised_label_and_a_dash_is_still_a_headline():
    assert looks_like_headline("EXCLUSIVE - Ferry board hid its losses from the council")


def test_a_title_abbreviation_is_not_a_sentence_end_in_a_headline():
    headline = "Sen. Hale accuses Gov. Ortiz of rushing the ferry vote before the winter recess"
    assert looks_like_headline(headline, stands_alone=True)
    assert not looks_like_headline("Councillors voted on the ferry. The mayor left before the count")


def test_punctuation_only_text_is_no_article():
    import pytest

    from byline.errors import BylineError
    from byline.ingest import article_from_text

    with pytest.raises(BylineError) as failure:
        article_from_text("!!! ... ??? --- ;;;")
    assert failure.value.code == "no_text"
