"""Choosing a detected attribution's content among the detectors' readings."""

from __future__ import annotations

import json

import pytest

from byline.attribution.content_ranker import (
    ContentRanker,
    Option,
    candidate_options,
    content_options,
    option_features,
    options_features,
    rank_contents,
    readings_by_cue,
    train_ranker,
    variants,
)
from byline.attribution.model import Candidate


def piece(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def test_a_content_that_stops_early_may_run_on_to_the_sentence_end(nlp):
    text = "She said that the vote would slip by a week, at least."
    doc = nlp(text)
    found = dict((change, pieces) for pieces, change in variants(doc, (piece(text, "that the vote would slip"),)))
    assert text[slice(*found["to-sentence-end"][0])] == "that the vote would slip by a week, at least"
    assert text[slice(*found["without-that"][0])] == "the vote would slip"


def test_quoted_and_discontinuous_contents_have_no_variants(nlp):
    text = '"The vote will slip," she said, "by a week."'
    doc = nlp(text)
    assert variants(doc, (piece(text, '"The vote will slip,"'),)) == []
    assert variants(doc, (piece(text, '"The vote will slip,"'), piece(text, '"by a week."'))) == []


def test_the_same_pieces_from_two_detectors_are_one_option_with_both_origins(nlp):
    text = "She said the vote would slip."
    doc = nlp(text)
    same = [piece(text, "the vote would slip")]
    options = content_options(doc, [("merged", same), ("crf", same)])
    assert options[0].origins == {"merged", "crf"} and options[0].change == "as-is"
    assert len(options) == 1  # already at the sentence's end, no leading "that"


def test_features_describe_the_edges_and_the_origin(nlp):
    text = "She said the vote would slip, according to aides."
    doc = nlp(text)
    feats = option_features(doc, piece(text, "said"), Option((piece(text, "the vote would slip"),), frozenset({"crf"})))
    assert "o=crf" in feats and "pos=after|as-is" in feats and "a=," in feats


def test_length_ranks_among_the_options(nlp):
    text = "She said the vote would slip by a week."
    doc = nlp(text)
    short, long_ = (piece(text, "the vote would slip"),), (piece(text, "the vote would slip by a week"),)
    feats = options_features(doc, None, [Option(short, frozenset({"crf"})), Option(long_, frozenset({"rules"}))])
    assert "rank=shortest" in feats[0] and "rank=longest" in feats[1]


def test_the_perceptron_learns_which_option_is_right():
    examples = [([["o=merged"], ["o=rules"]], 1)] * 4 + [([["o=merged", "x"], ["o=crf"]], 0)] * 4
    ranker = train_ranker(examples, epochs=3, seed=0)
    assert ranker.score(["o=rules"]) > ranker.score(["o=merged"])
    assert ranker.to_json() == ContentRanker.from_json(json.loads(json.dumps(ranker.to_json()))).to_json()


def test_ranked_content_replaces_the_merged_one_and_says_so(nlp):
    text = "She said that the vote would slip by a week."
    doc = nlp(text)
    cue = piece(text, "said")
    merged = Candidate(kind="indirect", cue=cue, source=piece(text, "She"), content=[piece(text, "that the vote")])
    merged.evidence = "crf-tagger"
    rules = [(cue, (piece(text, "that the vote would slip by a week"),))]
    ranker = ContentRanker({"o=rules": 1.0})
    [ranked] = rank_contents(doc, [merged], [], rules, ranker, quotes=[])
    assert text[slice(*ranked.content[0])] == "that the vote would slip by a week"
    # the rules' reading is also the merged one run on to the sentence's end: both are named
    assert ranked.evidence == "crf-tagger; content: merged>to-sentence-end/rules"


def test_a_tie_keeps_the_merged_content(nlp):
    text = "She said that the vote would slip by a week."
    doc = nlp(text)
    cue = piece(text, "said")
    merged = Candidate(kind="indirect", cue=cue, source=None, content=[piece(text, "that the vote")])
    rules = readings_by_cue([(cue, (piece(text, "the vote would slip"),))])
    options = candidate_options(doc, merged, readings_by_cue([]), rules)
    assert ContentRanker({}).choose(doc, merged, options).origins == {"merged"}


def test_shipped_ranker_is_small_when_present():
    from byline.attribution.content_ranker import RANKER_FILE
    from byline.attribution.detect import MODEL_DIR

    path = MODEL_DIR / RANKER_FILE
    if not path.exists():
        pytest.skip("no shipped content ranker (contents stay as detected)")
    assert path.stat().st_size < 1_000_000
