"""Cleanup of scraped text: whitespace, captions, credits, boilerplate, and body paragraphs that survive."""

from __future__ import annotations

import pytest

from byline.ingest.cleanup import (
    caption_signals,
    clean_text,
    is_boilerplate,
    is_caption,
    is_credit,
    normalize_text,
    split_paragraphs,
    split_trailing_credit,
)


def test_whitespace_is_normalised_within_lines_and_paragraphs_keep_their_breaks():
    raw = "  First\tline   of one\u00a0paragraph.\r\nIts second line.\n\n\n\nA second\u200b paragraph.  \n"
    assert normalize_text(raw) == "First line of one paragraph.\nIts second line.\n\nA second paragraph."


def test_split_paragraphs_drops_blank_lines_made_of_whitespace():
    assert split_paragraphs("one\n \t \ntwo\nthree") == [["one"], ["two", "three"]]


@pytest.mark.parametrize(
    "line",
    [
        "AP Photo/Dana Kelleher",
        "(AP Photo/Dana Kelleher, File)",
        "REUTERS/Ravi Dunn",
        "Reuters/Ravi Dunn",
        "Ravi Dunn/Reuters",
        "Marta Quill/AFP via Getty Images",
        "Getty Images",
        "(Photo by Ravi Dunn/Getty Images)",
        "Photo by Lee Okafor/Harbour Gazette",
        "Image: Port Town Courier",
        "Credit: Marta Quill",
        "Photograph: Ravi Dunn/The Courier",
        "File photo",
        "Courtesy of the Hale family",
        "Lena Ortiz/Port Town Courier",
    ],
)
def test_credit_lines_are_recognised(line):
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images said on Monday that it would cut forty jobs at its London office.",
        "The AP reported the story first.",
        "Reuters said the figures were revised.",
        "The photo was taken by a passer-by, police said.",
        "AC/DC played the harbour festival in 1991.",
    ],
)
def test_sentences_that_mention_agencies_are_not_credits(line):
    assert not is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Please let us know if you're having issues with commenting.",
        "Please let us know if you’re having issues with commenting.",
        "Sign up for our newsletter to get local news in your inbox every morning.",
        "Sign up for our morning newsletter to get the day’s headlines.",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Read more: Ferry cuts approved after late-night vote",
        "READ MORE:",
        "Click here to subscribe to the Courier",
        "Follow us on Twitter",
        "Follow Marta Quill on Twitter @mquill.",
        "Copyright 2025 The Port Town Courier. All rights reserved.",
        "Comments",
        "12 comments",
    ],
)
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will read more than forty submissions before it decides.",
        "Watch-dog groups said the vote had been rushed.",
        "Follow-up questions on Facebook went unanswered, the spokesperson said.",
        "She asked residents to share their views at the public meeting on Thursday.",
        "Advertisements for the consultation ran in the Courier for three weeks.",
        "Readers who signed up for the ferry pass will get a refund, the council said.",
    ],
)
def test_body_sentences_that_share_words_with_boilerplate_are_kept(line):
    assert not is_boilerplate(line)


def test_caption_with_positions_a_photo_dateline_and_a_truncation_is_a_caption():
    line = (
        "Mayor Ines Carvalho, center, and Deputy Mayor Tom Reyes, right, tour the ferry terminal, "
        "Thursday, Oct. 9, 2025, in Port Town. Also on the tour were Lena Ortiz and Sam Hale, far …"
    )
    assert {"position", "photo-dateline", "truncated"} <= caption_signals(line)
    assert is_caption(line)


def test_one_weak_signal_and_a_following_credit_make_a_caption():
    assert is_caption("Sam Hale, left, speaks outside the council chamber.", next_is_credit=True)


def test_a_trailing_photo_credit_is_split_from_its_caption():
    caption, credit = split_trailing_credit("Sam Hale speaks outside the chamber. (AP Photo/Dana Kelleher)")
    assert (caption, credit) == ("Sam Hale speaks outside the chamber.", "AP Photo/Dana Kelleher")


def test_a_trailing_agency_dateline_is_not_taken_for_a_photo_credit():
    line = "The ferry will stop running in January, the council said. (Reuters)"
    assert split_trailing_credit(line) == (line, None)
    assert not is_caption(line)


@pytest.mark.parametrize(
    "paragraph",
    [
        # a full date in the body, once
        "The council met behind closed doors on Thursday, Oct. 9, 2025, and the mayor did not respond.",
        # a quotation cut off by the speaker, ending in an ellipsis
        "Hale said the boat was a lifeline and that without it the island would be lost...",
        # the word "left" in ordinary use
        "Carvalho left the meeting early, and her deputy, right at the end, called for a vote.",
        # a paragraph that happens to sit just above a photo credit
        "Port Town councillors voted seven to four on Friday to cut weekend ferry services.",
    ],
)
def test_body_paragraphs_with_at_most_one_weak_signal_survive(paragraph):
    assert not is_caption(paragraph, next_is_credit=paragraph.startswith("Port Town councillors"))


@pytest.mark.parametrize(
    "line",
    [
        "FILE - In this Oct. 9, 2025, file photo, Mayor Ines Carvalho tours the ferry terminal in Port Town.",
        "In this Oct. 9, 2025 file photo Mayor Ines Carvalho tours the ferry terminal in Port Town.",
        "FILE PHOTO: Commuters queue for the last weekend ferry in Port Town.",
        "This photo provided by the Port Town Courier shows the ferry at its berth.",
        "Pictured: the ferry terminal at dawn.",
    ],
)
def test_caption_leads_are_enough_on_their_own(line):
    assert is_caption(line)


def test_a_sentence_that_starts_like_a_caption_lead_is_body():
    assert not is_caption("Pictured as a villain by the mayor, Hale said he would keep fighting the cuts.")


def test_a_long_paragraph_is_never_a_caption():
    long_text = (
        "Mayor Ines Carvalho, center, spoke on Thursday, Oct. 9, 2025. "
        + "She said the cuts were fair. " * 20
    )
    assert not is_caption(long_text + "…", next_is_credit=True)


def test_clean_text_sets_captions_credits_and_boilerplate_aside_and_keeps_the_rest_verbatim(fixture_path):
    raw = fixture_path("caption-article.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert len(cleaned.captions) == 1 and cleaned.captions[0].startswith("Mayor Ines Carvalho, center,")
    assert cleaned.credits == ["AP Photo/Dana Kelleher"]
    assert cleaned.boilerplate == ["Please let us know if you're having issues with commenting."]
    taken = set(cleaned.captions + cleaned.credits + cleaned.boilerplate)
    expected = [line for p in split_paragraphs(raw) for line in p if line not in taken]
    assert cleaned.text.split("\n\n") == expected  # every other line kept, in order, one per paragraph here


def test_a_known_caption_repeated_in_the_body_is_taken_out():
    body = "The ferry leaves the terminal at dawn.\n\nCouncillors voted on Friday to cut weekend services."
    cleaned = clean_text(body, known_captions=["The ferry leaves the terminal at dawn."])
    assert cleaned.text == "Councillors voted on Friday to cut weekend services."
    assert cleaned.captions == ["The ferry leaves the terminal at dawn."]


def test_a_boilerplate_line_between_caption_and_credit_does_not_hide_the_credit():
    raw = "Sam Hale, left, speaks outside the chamber.\nAdvertisement\nAP Photo/Dana Kelleher\n\nBody text here."
    cleaned = clean_text(raw)
    assert cleaned.captions == ["Sam Hale, left, speaks outside the chamber."]
    assert cleaned.text == "Body text here."
