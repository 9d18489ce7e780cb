"""The guideline's screen over detection (docs/attribution-guideline.md §1), on sentences written for these tests:
acts are not statements, interviewers' questions are no one's words, the writer's own voice and datelines are
not attributions, and refused or future speech with nothing said is left out."""

from __future__ import annotations

import pytest

from byline.attribution.detect import detect
from byline.attribution.filters import dateline_spans, screen, screened
from byline.ingest import article_from_text
from byline.reading import Article


def read(reader, text: str) -> list[dict]:
    reading = reader.read(Article(text=text))
    return [
        {
            "cue": a.cue.text if a.cue else None,
            "source": a.source.span.text if a.source.span else None,
            "content": [s.text for s in a.content],
            "confidence": a.confidence,
            "evidence": a.evidence or "",
            "negated": a.negated,
        }
        for a in reading.attributions
    ]


def why_left_out(nlp, text: str) -> dict[str, str]:
    """What the screen says of each detected cue ("" where it keeps it as it was)."""
    doc = nlp(text)
    return {text[c.cue[0] : c.cue[1]]: why for c, kept, why in screened(doc, detect(doc)) if c.cue}


# --- 1. acts and states are not statements ------------------------------------------------------------


def test_an_approval_is_an_event_and_saying_so_is_an_attribution(reader):
    assert read(reader, "The White House has approved a bill to fund the agency.") == []
    [said] = read(reader, "The White House said it has approved the bill.")
    assert (said["cue"], said["source"], said["content"]) == ("said", "The White House", ["it has approved the bill"])


@pytest.mark.parametrize(
    "text",
    [
        "A federal grand jury indicted the former mayor on fraud charges.",
        "The governor vetoed the measure on Friday.",
        "Three men were charged with assault after the fight.",
        "The company plans to cut 500 jobs next year.",
        "The senator is aiming to pass the bill before the recess.",
        "The board decided that the school would close.",
        "Most Democrats supported the bill.",
        "The mayor sued the state over the new law.",
        "The council voted to raise taxes.",
        "The judge ordered the release of the documents.",
        "The court blocked the rule from taking effect.",
        "The president nominated Jane Doe to the court.",
        "The agency sought to delay the hearing.",
        "The governor signed the budget into law.",
        "The firm launched an inquiry into the leak.",
        "The senator refused to raise the debt ceiling.",
    ],
)
def test_acts_and_decisions_are_not_attributions(reader, text):
    assert read(reader, text) == []


def test_an_act_is_left_out_by_the_screen_with_its_reason(nlp):
    reasons = why_left_out(nlp, "The council voted to raise taxes.")
    assert reasons and all("act" in why for why in reasons.values()), reasons


def test_speaks_volumes_is_the_writers_evaluation(reader):
    assert read(reader, "The episode speaks volumes about the party's priorities.") == []


def test_a_fact_that_shows_is_the_writers_reasoning_and_a_poll_that_finds_is_an_attribution(reader):
    assert read(reader, "The vote shows that the party is divided.") == []
    [found] = read(reader, "A new poll found that most voters oppose the plan.")
    assert (found["cue"], found["source"]) == ("found", "A new poll")
    assert "unsure" not in found["evidence"]


def test_a_written_instrument_that_alleges_is_an_attribution(reader):
    [alleges] = read(reader, "The indictment alleges that the mayor took bribes.")
    assert (alleges["source"], alleges["content"]) == ("The indictment", ["that the mayor took bribes"])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Democrats believe the bill will fail.", "believe"),
        ("Officials fear that the talks will collapse.", "fear"),
        ("Critics charged that the plan was illegal.", "charged"),
    ],
)
def test_beliefs_fears_and_accusations_stay(reader, text, cue):
    assert [a["cue"] for a in read(reader, text)] == [cue]


def test_a_directive_stays_with_less_confidence_and_says_why(nlp):
    text = "The mayor also ordered city staff to fix the pools and the parks."
    doc = nlp(text)
    [(before, after, why)] = [
        row for row in screened(doc, detect(doc)) if row[0].cue and "ordered" in text[slice(*row[0].cue)]
    ]
    assert after is not None and after.confidence < before.confidence
    assert "directive" in why and "directive" in after.evidence


def test_an_unsure_subject_of_shows_stays_with_less_confidence(nlp):
    text = "It shows that the council spent too much on the stadium."
    doc = nlp(text)
    kept = [c for c in screen(doc, detect(doc)) if c.cue and text[slice(*c.cue)] == "shows"]
    assert kept and all("unsure" in c.evidence for c in kept)


# --- 2. the interviewer's question --------------------------------------------------------------------


def test_asked_whether_is_not_the_answerers_content(reader):
    found = read(reader, 'Asked whether he would run again, the senator said: "I have not decided."')
    assert [a["content"] for a in found] == [['"I have not decided."']]


def test_when_asked_if_is_neither_content_nor_an_attribution(reader):
    found = read(reader, "When asked if the deal was dead, he replied that talks would go on.")
    assert [(a["cue"], a["content"]) for a in found] == [("replied", ["that talks would go on"])]


def test_a_question_after_the_answer_is_cut_from_its_content(reader):
    found = read(reader, "The senator said he had not decided when asked whether he would run.")
    assert [a["content"] for a in found] == [["he had not decided"]]


def test_being_asked_is_no_statement_of_the_one_asked(reader):
    assert read(reader, "The senator was asked whether he would run again.") == []


def test_a_named_interviewers_quoted_question_is_theirs(reader):
    [asked] = read(reader, '"Will you run again?" the host asked.')
    assert (asked["source"], asked["content"]) == ("the host", ['"Will you run again?"'])


def test_an_unnamed_interviewers_q_line_is_left_out(reader):
    found = read(reader, "Q: Will you run again?\n\nA: I have not decided yet.")
    assert [a["source"] for a in found] == ["A"]


# --- 3. the writer's own words and datelines -------------------------------------------------------------


def test_the_writer_addressing_readers_is_not_an_attribution(reader):
    found = read(reader, "You might recall that the mayor promised a new bridge.")
    assert all(a["source"] != "You" for a in found)
    assert read(reader, "Let's be clear: the plan will cost millions.") == []


def test_an_aside_to_the_reader_is_cut_from_the_content(reader):
    found = read(reader, "As you may know, the senator said the bill would pass.")
    assert [(a["source"], a["content"]) for a in found] == [("the senator", ["the bill would pass"])]


def test_the_writers_opinion_is_not_an_attribution_but_a_quoted_one_is(reader):
    assert read(reader, "I think the plan is a mistake.") == []
    [said] = read(reader, '"I think the plan is a mistake," the mayor said.')
    assert said["source"] == "the mayor"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "LONDON (Reuters) - Britain will hold talks next week, according to a government source.",
            "Britain will hold talks next week",
        ),
        ('WASHINGTON (CNN) – "We will win this fight," the senator said.', '"We will win this fight,"'),
        (
            "NEW YORK, May 3 (Reuters) — The company's profits dropped sharply, its chief executive told reporters.",
            "The company's profits dropped sharply",
        ),
    ],
)
def test_a_dateline_is_never_part_of_a_content_cue_or_source(reader, text, content):
    found = read(reader, text)
    assert [a["content"] for a in found] == [[content]]
    dateline = text[: text.index(")") + 3]
    for a in found:
        for span in (a["cue"], a["source"]):
            assert span is None or span not in dateline


def test_dateline_and_standing_text_spans():
    text = (
        "WASHINGTON (CNN) – The senator spoke.\n\nNEW YORK, May 3 (Reuters) — Shares fell.\n\n"
        "BEIRUT — The ceasefire held.\n\nNATO said on Monday it would meet.\n\nStory continued below"
    )
    assert [text[s:e] for s, e in dateline_spans(text)] == [
        "WASHINGTON (CNN) –",
        "NEW YORK, May 3 (Reuters) —",
        "BEIRUT —",
        "Story continued below",
    ]


# --- 4. nothing said ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The company declined to comment.",
        "A spokeswoman declined to comment on the lawsuit.",
        "A spokesman for the mayor did not respond to a request for comment.",
        "The mayor did not return calls seeking comment.",
        "The senator could not be reached for comment.",
        "The director will testify next week.",
        "The director will testify before the committee about the leak next week.",
    ],
)
def test_refused_or_future_speech_with_nothing_said_is_not_an_attribution(reader, text):
    assert read(reader, text) == []


def test_a_refusal_that_carries_words_is_an_attribution_of_them(reader):
    found = read(reader, "The company declined to comment, saying the matter was before the courts.")
    assert [(a["cue"], a["content"]) for a in found] == [("saying", ["the matter was before the courts"])]


def test_declining_to_say_something_stays_a_negated_cue(reader):
    [declined] = read(reader, "The company declined to say how many jobs would go.")
    assert declined["negated"] and declined["content"] == ["how many jobs would go"]


@pytest.mark.parametrize(
    "text",
    [
        "The senator praised the mayor's decision to close the depot.",
        "The chairman dismissed the idea of calling the contractor to testify.",
        "The governor was referring to the audit of the water board.",
    ],
)
def test_a_speech_verb_with_only_a_topic_is_doubted_as_reporting_no_words(nlp, text):
    doc = nlp(text)
    verdicts = [why for _, kept, why in screened(doc, detect(doc)) if kept is not None]
    assert verdicts and all("not the words" in why for why in verdicts)


@pytest.mark.parametrize(
    "text",
    [
        "The senator condemned the mayor for being more willing to cut parks than police.",
        "The senator called the plan a disaster.",
        "The mayor was worried about the audit.",
        'The senator praised the "courage" of the mayor.',
    ],
)
def test_words_grounds_names_and_feelings_still_count_without_a_clause(reader, text):
    assert reader.read(article_from_text(text)).attributions


def test_a_cue_outside_every_lexicon_with_a_clause_is_kept_but_doubted(nlp):
    from byline.attribution.model import Candidate
    from byline.attribution.statements import unknown_cue

    text = "The senator replayed that the budget was already lost."
    doc = nlp(text)
    head = next(t for t in doc if t.text == "replayed")
    start = text.index("the budget")
    candidate = Candidate(
        kind="indirect", cue=(head.idx, head.idx + 8), source=(0, 11), content=[(start, len(text) - 1)]
    )
    assert unknown_cue(doc, candidate, head, [])[0] == "doubt"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator is eyeing his advantage on the budget.", "eyeing", "his advantage on the budget"),
        ("The council deadlocked on passing the zoning plan.", "deadlocked", "passing the zoning plan"),
        ("The mayor is merely pressing her lead to win more votes.", "pressing", "her lead to win more votes"),
        ("The rebels stunned many with their quick capture of the port.", "stunned", "many with their quick capture"),
    ],
)
def test_a_cue_outside_every_lexicon_with_no_clause_or_quote_is_an_act(nlp, text, cue, content):
    from byline.attribution.model import Candidate
    from byline.attribution.statements import unknown_cue

    doc = nlp(text)
    head = next(t for t in doc if t.text == cue)
    start = text.index(content)
    candidate = Candidate(
        kind="indirect", cue=(head.idx, head.idx + len(cue)), source=None, content=[(start, start + len(content))]
    )
    assert unknown_cue(doc, candidate, head, [])[0] == "drop"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor now wants the council to drop the tax.",
        "Only a few residents wanted to close the park.",
        "Fans surely would wish for more.",
    ],
)
def test_a_desire_without_words_is_not_an_attribution(nlp, text):
    doc = nlp(text)
    assert all(
        kept is None
        for c, kept, _ in screened(doc, detect(doc))
        if c.cue and text[c.cue[0] : c.cue[1]].split()[-1].startswith(("want", "wish"))
    )


def test_a_desire_in_quoted_words_stays(reader):
    [said] = read(reader, '"We want the council to drop the tax," the mayor said.')
    assert said["cue"] == "said"


def test_say_meaning_for_example_and_a_gerund_subject_are_no_ones_words(nlp):
    text = "Taxing the farms would be like taxing the schools, say ... the libraries."
    doc = nlp(text)
    for c, kept, _ in screened(doc, detect(doc)):
        cue = text[c.cue[0] : c.cue[1]] if c.cue else ""
        assert kept is None or not ({"say", "Taxing", "taxing"} & set(cue.split()))


def test_citing_only_a_topic_is_doubted_and_citing_a_claim_is_kept(nlp):
    text = "The club also called on the coach to resign, citing his past remarks."
    doc = nlp(text)
    found = [
        (c, kept, why) for c, kept, why in screened(doc, detect(doc)) if c.cue and "citing" in text[c.cue[0] : c.cue[1]]
    ]
    assert all(kept is None or "unsure" in kept.evidence for _, kept, _ in found)
