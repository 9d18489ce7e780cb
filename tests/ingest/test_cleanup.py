"""Cleanup of scraped text: whitespace, captions, credits, boilerplate, and body paragraphs that survive."""

from __future__ import annotations

import pytest

from byline.ingest.cleanup import (
    caption_signals,
    clean_text,
    cut_inline_boilerplate,
    is_boilerplate,
    is_caption,
    is_credit,
    is_staff_credit,
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


# -- standing notes, wire notes, cross-links, newsroom credits and captions with trailing credits ----------


@pytest.mark.parametrize(
    "line",
    [
        "This article is more than 1 year old",
        "This article is more than 8 months old",
        "Slideshow (2 Images)",
        "Slideshow (14 Images)",
        "Refiles to fix typo in paragraph 3",
        "(Refiles to add byline)",
        "(Corrects paragraph 5 to show the vote was on Tuesday)",
        "(Adds quotes from the mayor in paragraphs 4-6)",
        "(Updates with the council vote)",
        "(This version of the May 2 story corrects the name of the ferry)",
        "[Editor’s note: this story contains strong language]",
        "Update: This story has been updated with a comment from the mayor.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "© Copyright 2025 The Port Town Courier. All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Read more",
        "Read more here",
        "Read More Ferry Board Faces New Questions",
        "Read More: Ferry board faces new questions",
        "More: Ferry board faces new questions",
    ],
)
def test_standing_notes_wire_notes_and_licensing_lines_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Repeats of the programme were shown on Tuesday.",
        "Recast as a villain by the mayor, Hale said he would keep fighting.",
        "Updates from the council were brief.",
        "(Update: the council said on Friday it would appeal the ruling.)",
        "(Address the council in writing, the clerk told residents.)",
        "Read more than forty pages, the mayor told councillors.",
        "Our standards have slipped, the mayor told the council on Friday, and the ferry shows it.",
    ],
)
def test_body_sentences_that_start_like_wire_notes_are_kept(line):
    assert not is_boilerplate(line)


def test_related_link_inside_a_paragraph_is_cut_out_and_the_rest_kept():
    raw = (
        "Hale said the vote was fair. (RELATED: Ferry board faces new questions) Ortiz disagreed.\n\n"
        "The ferry stops in January. [Related: How the ferry lost money]"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "Hale said the vote was fair. Ortiz disagreed.\n\nThe ferry stops in January."
    assert cleaned.boilerplate == [
        "(RELATED: Ferry board faces new questions)",
        "[Related: How the ferry lost money]",
    ]


def test_a_paragraph_that_is_only_a_related_link_leaves_nothing_behind():
    cleaned = clean_text("(RELATED: Ferry board faces new questions)\n\nHale said the vote was fair.")
    assert cleaned.text == "Hale said the vote was fair."
    assert cut_inline_boilerplate("Hale left (the room) early.") == ("Hale left (the room) early.", [])


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Marta Quill; Editing by Ravi Dunn",
        "Reporting by Marta Quill in Port Town; Additional reporting by Lena Ortiz; Editing by Ravi Dunn and Sam Hale",
        "Additional reporting by the Associated Press",
        "Writing by Marta Quill; Editing by Ravi Dunn",
        "Contributing: Lena Ortiz, Port Town Courier",
        "The Associated Press contributed to this report.",
        "Harbour News' Lena Ortiz and Sam Hale contributed to this report.",
    ],
)
def test_newsroom_credit_lines_go_to_credits(line):
    assert is_staff_credit(line)
    cleaned = clean_text(f"Hale said the vote was fair.\n\n{line}")
    assert (cleaned.text, cleaned.credits) == ("Hale said the vote was fair.", [line])


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the Courier and the Gazette showed the ferry ran late all winter.",
        "Reporting by my colleague Lena Ortiz suggests that most councillors agree.",
        "Hale said the vote was close. The Courier contributed to this report.",
        "Edited by the council, the plan changed twice.",
    ],
)
def test_body_sentences_that_start_like_newsroom_credits_are_kept(line):
    assert not is_staff_credit(line)


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Commuters queue at the ferry terminal in Port Town, May 2, 2025. REUTERS/Ravi Dunn",
            "Commuters queue at the ferry terminal in Port Town, May 2, 2025.",
            "REUTERS/Ravi Dunn",
        ),
        (
            "FILE PHOTO: The ferry at its berth in Port Town, May 2, 2025. REUTERS/Ravi Dunn/File Photo",
            "FILE PHOTO: The ferry at its berth in Port Town, May 2, 2025.",
            "REUTERS/Ravi Dunn/File Photo",
        ),
        (
            "Supporters cheer at a ferry rally in Port Town, Feb. 23. | AP Photo",
            "Supporters cheer at a ferry rally in Port Town, Feb. 23.",
            "AP Photo",
        ),
        (
            "The mayor has defended the cuts. | AP Photos Ferry cuts divide the council",  # a headline follows
            "The mayor has defended the cuts.",
            "AP Photos",
        ),
        (
            "Mayor Ines Carvalho at the terminal. (Reuters photo: Lena Ortiz)",
            "Mayor Ines Carvalho at the terminal.",
            "Reuters photo: Lena Ortiz",
        ),
        ("Hale speaks on his weekly show. (Image via YouTube)", "Hale speaks on his weekly show.", "Image via YouTube"),
        ("Hale speaks at the terminal. (Photo: Dana Kelleher)", "Hale speaks at the terminal.", "Photo: Dana Kelleher"),
        ("Hale speaks at the terminal. Photo: Getty Images", "Hale speaks at the terminal.", "Photo: Getty Images"),
    ],
)
def test_captions_ending_in_a_photo_credit_go_to_captions_and_credits(line, caption, credit):
    assert split_trailing_credit(line) == (caption, credit)
    cleaned = clean_text(f"{line}\n\nHale said the vote was fair.")
    assert (cleaned.captions, cleaned.credits, cleaned.text) == ([caption], [credit], "Hale said the vote was fair.")


def test_a_sentence_naming_an_agency_poll_is_not_a_caption():
    line = "Hale said the vote was close. Reuters/Ipsos polling shows the council split down the middle."
    assert split_trailing_credit(line) == (line, None)
    assert not is_caption(line)


def test_lone_agency_photo_and_pipe_credits_are_credits():
    assert is_credit("(Reuters photo: Lena Ortiz)")
    assert is_credit("Lena Ortiz | Bloomberg | Getty Images")
    assert not is_credit("The vote was lost. | Reuters said the council split")


def test_a_wire_article_keeps_its_dateline_and_body_and_sets_the_rest_aside():
    raw = (
        "This article is more than 1 year old\n\n"
        "PORT TOWN (Harbour News) - The council voted on Friday to cut the ferry, officials said.\n\n"
        "Slideshow (2 Images)\n\n"
        "Hale said the vote was fair. (RELATED: Ferry board faces new questions)\n\n"
        "Commuters queue at the terminal in Port Town, May 2, 2025. REUTERS/Ravi Dunn\n\n"
        "Ortiz said she would appeal.\n\n"
        "Reporting by Marta Quill; Editing by Ravi Dunn\n\n"
        "Our Standards: The Thomson Reuters Trust Principles."
    )
    cleaned = clean_text(raw)
    assert cleaned.text == (
        "PORT TOWN (Harbour News) - The council voted on Friday to cut the ferry, officials said.\n\n"
        "Hale said the vote was fair.\n\nOrtiz said she would appeal."
    )
    assert cleaned.captions == ["Commuters queue at the terminal in Port Town, May 2, 2025."]
    assert cleaned.credits == ["REUTERS/Ravi Dunn", "Reporting by Marta Quill; Editing by Ravi Dunn"]
    assert len(cleaned.boilerplate) == 4


def test_a_broadcasters_image_copyright_and_caption_line_is_a_caption_not_body():
    from byline.ingest.cleanup import is_caption

    assert is_caption("Image copyright Agency Image caption The mayor left the hall after the vote")
    assert is_caption("Media caption The mayor explains why she voted no")
    assert not is_caption("The image caption contest drew many entries from readers across the city this year.")
