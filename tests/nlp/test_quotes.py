"""Quotation marks in every Unicode style (guideline §7), on sentences written for these tests."""

from __future__ import annotations

import pytest

from byline.ingest import article_from_text
from byline.nlp.quotes import (
    PARSED_TEXT,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    canonical_marks,
    find_quotes,
    parsed_form,
)

# (opening mark, closing mark) of every style a quote may come in; “ ” is the reference.
STYLES = [
    ("“", "”"),
    ('"', '"'),
    ("„", "″"),
    ("″", "″"),
    ("«", "»"),
    ("»", "«"),
    ("«", "″"),
    ("„", "“"),
    ("“", '"'),
    ("''", "''"),
    ("``", "''"),
    ("＂", "＂"),
    ("〝", "〞"),
    ("〝", "〟"),
    ("‟", "”"),
    ("‘", "’"),
    ("'", "'"),
    ("‹", "›"),
    ("‚", "‘"),
    ("‛", "’"),
]

STORY = (
    "Port director Anneke Vos toured the new ferry terminal on Tuesday.\n\n"
    "{o}The boats will leave on time from now on,{c} Vos said. {o}We have rebuilt the ramps.{c}\n\n"
    "The terminal reopens in May."
)


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotes(text)]


def attributions(reader, text: str) -> list[tuple]:
    """(speaker, source, cue, contents without their marks, kind) of each attribution."""
    reading = reader.read(article_from_text(text))
    out = []
    for a in reading.attributions:
        entity = reading.entity(a.source.entity)
        contents = [c.text.strip("".join(QUOTE_OPEN | QUOTE_CLOSE)) for c in a.content]
        source = a.source.span.text if a.source.span else None
        out.append((entity.name if entity else None, source, a.cue.text if a.cue else None, contents, a.kind))
    return out


# --- finding quotes ------------------------------------------------------------------------------------


def test_find_quotes_pairs_straight_and_curly_marks():
    text = 'He said "yes" and she said “no”.'
    assert quoted(text) == ['"yes"', "“no”"]


def test_find_quotes_runs_over_paragraphs_that_reopen():
    text = '"First part.\n\n"Second part," he said.'
    assert quoted(text) == [text[: text.index(",") + 2]]


def test_find_quotes_ends_an_unclosed_quote_at_its_paragraph():
    text = 'He said, "We will fight.\n\nThe council met on Monday. It "agreed" at once.'
    assert quoted(text) == ['"We will fight.', '"agreed"']


def test_find_quotes_ignores_apostrophes_and_a_lone_mark():
    assert find_quotes("It's the mayor's plan.") == []
    assert find_quotes('"') == []


@pytest.mark.parametrize(("opening", "closing"), STYLES)
def test_every_mark_style_opens_and_closes_a_quote(opening, closing):
    text = f"The clerk said {opening}the files are gone{closing} and left."
    assert quoted(text) == [f"{opening}the files are gone{closing}"]


def test_quote_closed_with_double_prime_is_one_quote():
    text = "„Die Brücke hält,″ sagte der Ingenieur. „Sie ist sicher.″"
    assert quoted(text) == ["„Die Brücke hält,″", "„Sie ist sicher.″"]


def test_two_apostrophes_are_one_double_mark():
    assert quoted("''The ramps are ready,'' Vos said.") == ["''The ramps are ready,''"]


def test_apostrophes_are_not_single_quotation_marks():
    text = "We don't think Trump’s ’90s plan for the Smiths’ barn works, rock ’n’ roll or not, said 'em all."
    assert quoted(text) == []


def test_a_possessive_inside_a_single_quote_does_not_close_it():
    text = "‘I met the Smiths’ daughter at the gate,’ the guard said."
    assert quoted(text) == ["‘I met the Smiths’ daughter at the gate,’"]


def test_a_single_quoted_phrase_closes_before_the_next_word():
    assert quoted("He called the audit ‘a farce’ and walked out.") == ["‘a farce’"]


def test_a_single_quote_may_open_with_a_number():
    assert quoted("‘20 rooms were flooded,’ she said.") == ["‘20 rooms were flooded,’"]


def test_nested_quotes_of_the_other_kind_stay_inside():
    assert quoted("“She told me ‘never again,’ and meant it,” he said.") == [
        "“She told me ‘never again,’ and meant it,”"
    ]
    assert quoted("‘He called it “a farce”,’ she said.") == ["‘He called it “a farce”,’"]


def test_an_unclosed_single_quote_runs_to_its_paragraph_end():
    text = "The warden said: ‘Nobody leaves tonight.\n\nThe gates were shut."
    assert quoted(text) == ["‘Nobody leaves tonight."]


def test_a_multi_paragraph_quote_in_guillemets_runs_to_its_close():
    text = "«The dam is old.\n\n«It will be rebuilt,» the engineer said."
    assert quoted(text) == [text[: text.index("»") + 1]]


def test_low_marks_close_with_high_reversed_ones():
    assert quoted("„Wir bauen“, sagte sie. ‚Ja‘, sagte er.") == ["„Wir bauen“", "‚Ja‘"]


def test_a_double_prime_in_a_height_is_not_a_closing_mark():
    text = "“He is 5′11″ and fast,” the coach said."
    assert quoted(text) == ["“He is 5′11″ and fast,”"]


def test_mark_sets_hold_every_style():
    for mark in "“„‟〝«\"″＂‘‚‛‹'":
        assert mark in QUOTE_OPEN
    for mark in "”〞〟»\"″＂’›'":
        assert mark in QUOTE_CLOSE
    assert "''" in QUOTE_OPEN and "''" in QUOTE_CLOSE


# --- what the parser reads --------------------------------------------------------------------------


def test_canonical_marks_keeps_length_and_writes_curly_marks_by_role():
    text = "„Wir bauen,″ sagte sie. «Oui», dit-il. ″Yes″ and 'no' and 5′11″."
    canonical = canonical_marks(text)
    assert len(canonical) == len(text)
    assert canonical == "“Wir bauen,” sagte sie. “Oui”, dit-il. “Yes” and 'no' and 5′11″."
    assert canonical_marks("“Plain” text, don't change it.") == "“Plain” text, don't change it."


def test_the_parse_of_any_mark_style_is_the_parse_of_curly_marks(nlp):
    curly = "“The ramps are ready,” Vos said."
    agency = "„The ramps are ready,″ Vos said."
    a, b = nlp(agency), nlp(curly)
    assert a.text == agency and a.user_data[PARSED_TEXT] == curly
    assert [(t.idx, t.tag_, t.dep_, t.head.i) for t in a] == [(t.idx, t.tag_, t.dep_, t.head.i) for t in b]
    assert [parsed_form(t) for t in a] == [t.lower_ for t in b]
    assert [t.text for t in a][:1] == ["„"]


# --- through the Reader -------------------------------------------------------------------------------


def test_quote_closed_with_double_prime_keeps_its_speaker(reader):
    found = attributions(reader, STORY.format(o="„", c="″"))
    assert found and found[0][0] == "Anneke Vos" and found[0][2] == "said"
    assert found[0][3] == ["The boats will leave on time from now on,", "We have rebuilt the ramps."]
    assert found[0][4] == "direct"


@pytest.mark.parametrize(("opening", "closing"), STYLES[1:])
def test_every_mark_style_gives_the_attributions_of_curly_marks(reader, opening, closing):
    expected = attributions(reader, STORY.format(o="“", c="”"))
    assert expected
    assert attributions(reader, STORY.format(o=opening, c=closing)) == expected


def test_british_single_quotes_keep_apostrophes_inside_the_content(reader):
    text = (
        "Harbour master Tomas Vidal inspected the pier on Friday.\n\n"
        "‘We don’t know the Smiths’ plans for the ’90s boathouse,’ Vidal said."
    )
    found = attributions(reader, text)
    assert found[0][0] == "Tomas Vidal"
    assert found[0][3] == ["We don’t know the Smiths’ plans for the ’90s boathouse,"]


def test_an_unclosed_agency_quote_keeps_its_speaker(reader):
    text = (
        "Harbour master Tomas Vidal inspected the pier on Friday.\n\n"
        "Vidal said: „The pier will reopen in spring.\n\nThe ferry company declined to comment."
    )
    curly = text.replace("„", "“")
    assert attributions(reader, text) == attributions(reader, curly)
    assert attributions(reader, text)[0][0] == "Tomas Vidal"
