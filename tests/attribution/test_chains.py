"""Source chains: each rule on its own, then the precedence and cycle guard that combine them."""

from __future__ import annotations

import re

from byline.attribution.chains import (
    assign_via,
    containment_links,
    document_authors,
    document_holders,
    held_document_links,
    in_background_clause,
    link_chains,
    report_hedge_links,
)
from byline.attribution.hedges import attach_hedges
from byline.attribution.model import Candidate
from byline.attribution.resolve import resolve
from byline.entities.registry import build_registry
from byline.reading import Attribution


def at(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    pattern = (r"\b" if phrase[0].isalnum() else "") + re.escape(phrase) + (r"\b" if phrase[-1].isalnum() else "")
    match = list(re.finditer(pattern, text))[occurrence - 1]
    return match.start(), match.end()


def candidate(text, cue, source, content, cue_n=1, source_n=1):
    return Candidate(
        kind="indirect",
        cue=at(text, cue, cue_n),
        source=at(text, source, source_n),
        content=[at(text, content)],
    )


def read(nlp, text, candidates):
    doc = nlp(text)
    registry = build_registry(doc)
    return doc, registry, attach_hedges(doc, resolve(doc, candidates, registry))


NESTED = "The Northfield Post reported that Priya Raman said the clinic would close."


def test_cue_inside_content_is_reported_through_it(nlp):
    cands = [
        candidate(NESTED, "reported", "The Northfield Post", "that Priya Raman said the clinic would close"),
        candidate(NESTED, "said", "Priya Raman", "the clinic would close"),
    ]
    _, _, attributions = read(nlp, NESTED, cands)
    assert containment_links(attributions) == {"a2": "a1"}


def test_a_cycle_is_not_closed():
    first = Attribution(id="a1", kind="indirect")
    second = Attribution(id="a2", kind="indirect", via="a1")
    linked = assign_via([first, second], [{"a1": "a2"}])
    assert linked[0].via is None and linked[1].via == "a1"


def test_earlier_rule_wins():
    first, second, third = (Attribution(id=f"a{n}", kind="indirect") for n in (1, 2, 3))
    linked = assign_via([first, second, third], [{"a3": "a1"}, {"a3": "a2"}])
    assert linked[2].via == "a1"


HELD = (
    "The Northfield Post reported the change on Monday. "
    "The Post obtained a memo containing Raman’s orders to staff. "
    "Priya Raman wrote that clinics must stay open. The memo says budgets will be cut. "
    "Hugo Vance said he was surprised."
)


def test_what_a_held_document_and_its_author_say_comes_through_the_holder(nlp):
    cands = [
        candidate(HELD, "reported", "The Northfield Post", "the change"),
        candidate(HELD, "wrote", "Priya Raman", "that clinics must stay open"),
        candidate(HELD, "says", "The memo", "budgets will be cut"),
        candidate(HELD, "said", "Hugo Vance", "he was surprised"),
    ]
    doc, registry, attributions = read(nlp, HELD, cands)
    memo = next(r for r in registry.records if r.type == "DOCUMENT")
    post = next(r for r in registry.records if r.type == "PUBLICATION")
    raman = next(r for r in registry.records if r.name == "Priya Raman")
    assert document_holders(doc, registry) == {memo.id: post.id}
    assert document_authors(doc, registry) == {memo.id: {raman.id}}
    assert held_document_links(doc, attributions, registry) == {"a2": "a1", "a3": "a1"}


SEEN = "The Harbour Star reported the vote. According to a letter seen by the Star, the fund is empty."


def test_according_to_a_document_seen_by_an_outlet(nlp):
    cands = [
        candidate(SEEN, "reported", "The Harbour Star", "the vote"),
        candidate(SEEN, "According to", "a letter seen by the Star", "the fund is empty"),
    ]
    doc, registry, attributions = read(nlp, SEEN, cands)
    assert held_document_links(doc, attributions, registry) == {"a2": "a1"}


def test_background_clauses_are_not_the_report(nlp):
    text = "The memo arrived days after Raman announced the cuts. Raman has criticised the plan before."
    doc = nlp(text)
    announced = Attribution(
        id="a1",
        kind="indirect",
        cue={"start": at(text, "announced")[0], "end": at(text, "announced")[1], "text": "announced"},
    )
    criticised = Attribution(
        id="a2",
        kind="indirect",
        cue={
            "start": at(text, "has criticised")[0],
            "end": at(text, "has criticised")[1],
            "text": "has criticised",
        },
    )
    assert in_background_clause(doc, announced)
    assert in_background_clause(doc, criticised)


REPORTED = (
    "The Northfield Post said the plan was in trouble. "
    "Hugo Vance spoke to reporters. One aide reportedly said the plan was dead."
)


def test_reportedly_points_to_the_latest_outlet_report(nlp):
    cands = [
        candidate(REPORTED, "said", "The Northfield Post", "the plan was in trouble"),
        candidate(REPORTED, "said", "One aide", "the plan was dead", cue_n=2),
    ]
    doc, registry, attributions = read(nlp, REPORTED, cands)
    assert report_hedge_links(attributions, registry) == {"a2": "a1"}
    assert [a.via for a in link_chains(doc, attributions, registry)] == [None, "a1"]


def test_reportedly_without_an_outlet_report_has_no_via(nlp):
    text = "One aide reportedly said the plan was dead."
    doc, registry, attributions = read(nlp, text, [candidate(text, "said", "One aide", "the plan was dead")])
    assert report_hedge_links(attributions, registry) == {}


def test_a_cue_depending_on_a_reported_cue_of_the_same_source_shares_its_chain(nlp):
    text = "The Northfield Post said the plan was dead. In defending it, two aides reportedly argued it was costly."
    cands = [
        candidate(text, "said", "The Northfield Post", "the plan was dead"),
        candidate(text, "defending", "two aides", "it"),
        candidate(text, "argued", "two aides", "it was costly"),
    ]
    doc, registry, attributions = read(nlp, text, cands)
    assert [a.via for a in link_chains(doc, attributions, registry)] == [None, "a1", "a1"]
