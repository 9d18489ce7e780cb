"""The CRF span tagger's pieces: paragraphs, BIO tags, features, and assembling tags into candidates."""

from __future__ import annotations

from pathlib import Path

from byline.attribution.model import Candidate
from byline.attribution.tagger import (
    assemble,
    candidate_roles,
    load_tagger,
    paragraphs,
    role_tags,
    runs,
    sentence_ids,
    token_features,
)

TEXT = "The mayor said the bridge would close.\n\nTraffic moved slowly. Drivers waited."


def at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def test_paragraphs_split_at_blank_lines_and_drop_spaces(nlp):
    doc = nlp(TEXT)
    found = paragraphs(doc)
    assert [p[0].text for p in found] == ["The", "Traffic"]
    assert not any(t.is_space for p in found for t in p)


def test_role_tags_mark_bio_and_a_cue_wins_over_content(nlp):
    doc = nlp(TEXT)
    (first, _) = paragraphs(doc)
    roles = [
        {"source": [at(TEXT, "The mayor")], "cue": [at(TEXT, "said")], "content": [at(TEXT, "said the bridge")]},
    ]
    tags = role_tags(first, roles)
    assert tags[:5] == ["B-S", "I-S", "B-C", "I-T", "I-T"]
    assert tags[-1] == "O"  # the full stop lies outside every piece


def test_runs_start_anew_at_a_b_tag_or_a_change_of_role():
    assert runs(["B-S", "I-S", "O", "B-C", "I-T", "B-T", "I-T"]) == [
        ("S", 0, 1),
        ("C", 3, 3),
        ("T", 4, 4),
        ("T", 5, 6),
    ]


def test_sentence_ids_count_sentences(nlp):
    doc = nlp("One sentence here. Another one there.")
    ids = sentence_ids(doc)
    assert ids[0] == 0 and ids[-1] == 1


def test_token_features_carry_rule_tags_and_cue_distance(nlp):
    doc = nlp(TEXT)
    first = paragraphs(doc)[0]
    said = next(t for t in first if t.text == "said")
    rule = ["O"] * len(first)
    features = token_features(first, {said.i: 3.0}, [-1] * len(doc), rule, sentence_ids(doc))
    assert len(features) == len(first)
    assert "cs=hi" in features[2] and "r=O" in features[2]
    assert "rcue=2|True" in features[0]
    assert "anc=ccomp" in features[next(k for k, t in enumerate(first) if t.text == "close")]


def test_assemble_ties_each_run_to_the_nearest_cue(nlp):
    text = "Smith said taxes rose. Jones said prices fell."
    doc = nlp(text)
    (paragraph,) = paragraphs(doc)
    tags = ["B-S", "B-C", "B-T", "I-T", "O", "B-S", "B-C", "B-T", "I-T", "O"]
    found = assemble(paragraph, tags, [], text)
    assert [(text[slice(*c.source)], text[slice(*c.cue)], [text[s:e] for s, e in c.content]) for c in found] == [
        ("Smith", "said", ["taxes rose"]),
        ("Jones", "said", ["prices fell"]),
    ]
    assert all(c.kind == "indirect" and c.evidence == "crf-tagger" for c in found)


def test_assemble_drops_a_cue_without_content(nlp):
    doc = nlp("Smith said nothing.")
    (paragraph,) = paragraphs(doc)
    assert assemble(paragraph, ["B-S", "B-C", "O", "O"], [], doc.text) == []


def test_candidate_roles_read_what_role_tags_needs():
    candidate = Candidate(kind="indirect", cue=(6, 10), source=None, content=[(11, 20)])
    assert candidate_roles([candidate]) == [{"source": [], "cue": [(6, 10)], "content": [(11, 20)]}]


def test_load_tagger_is_none_without_its_file(tmp_path: Path):
    assert load_tagger(tmp_path) is None


def test_features_are_plain_strings_without_text_passages(nlp):
    doc = nlp(TEXT)
    feats = token_features(paragraphs(doc)[0], {}, [-1] * len(doc), ["O"] * 8, sentence_ids(doc))
    assert all(isinstance(f, str) and " " not in f for row in feats for f in row)


def test_assemble_without_cues_finds_nothing(nlp):
    doc = nlp("The mayor said the bridge would close.")
    paragraph = paragraphs(doc)[0]
    assert assemble(paragraph, ["B-S", "I-S", "O"] + ["B-T"] * (len(paragraph) - 3), [], doc.text) == []
