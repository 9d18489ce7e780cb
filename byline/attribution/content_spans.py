"""What a cue attributes: its cue words, its clausal complement, the clause it interrupts, the quote next
to it, in character offsets (PolNeAR's conventions: "that" kept, quotation marks kept)."""

from __future__ import annotations

from spacy.tokens import Token

from byline.attribution.cue_scoring import (
    CueModel,
)
from byline.attribution.cues import (
    NEGATING_VERBS,
    NEGATORS,
    NOUN_CUES,
    SPEECH_VERBS,
)
from byline.attribution.detection_words import (
    COMPLEMENT_DEPS,
    CONNECTIVES,
    CONTROL_VERBS,
    DEFAULT_CUE_CHILD_DEPS,
    QUOTING_VERBS,
    RELATIVE_WORDS,
    SCENE_ENTITY_TYPES,
    SCENE_PREPS,
    TRIM_PUNCT,
)
from byline.attribution.model import CharSpan
from byline.attribution.source_mentions import (
    _char_span,
    _is_passive,
    _paragraph_bounded,
    _split_by_appositive,
    _stranded_to,
)
from byline.nlp.quotes import (
    QUOTE_CLOSE,
    extend_to_quote,
    next_quote,
    quote_before,
)


def cue_tokens(cue: Token, model: CueModel | None) -> list[Token]:
    """The cue head and the children PolNeAR keeps with it ("has said", "also said", "pointed out")."""
    table = model.cue_children if model else {}
    kept = [cue]
    prep = _prep_object_cue(cue)
    prep_cue = prep.i if prep is not None else -1
    for child in sorted(cue.children, key=lambda t: abs(t.i - cue.i)):
        key = f"{child.dep_}|{child.lower_}"
        share = table.get(key, table.get(f"{child.dep_}|*"))
        keep = share > 0.5 if share is not None else child.dep_ in DEFAULT_CUE_CHILD_DEPS
        if child.i == prep_cue or (cue.lower_ == "according" and child.lower_ == "to"):
            keep = True
        if child.dep_ in ("aux", "auxpass") and child.text == "Will" and child.i != child.sent.start:
            keep = False  # "George Will wrote": a name the tagger read as a modal
        if child.dep_ == "aux" and child.lower_ == "to" and _stranded_to(cue):
            keep = False  # "staffers we spoke to said": the stranded preposition the parse took for "to"
        if keep and _adjacent(child, kept):
            kept.append(child)
    kept.sort(key=lambda t: t.i)
    kept += _medium_phrase(cue, kept[-1])
    last = kept[-1]
    if last.i + 1 < len(cue.doc) and cue.doc[last.i + 1].text == ":":
        kept.append(cue.doc[last.i + 1])
    return kept


def _medium_phrase(cue: Token, last: Token) -> list[Token]:
    """ "said in a statement", "wrote in an email": the medium PolNeAR keeps inside the cue."""
    doc = cue.doc
    if last.i + 1 >= len(doc):
        return []
    prep = doc[last.i + 1]
    if prep.dep_ != "prep" or prep.head.i != cue.i or prep.lower_ not in ("in", "on"):
        return []
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in NOUN_CUES:
        return []
    return list(doc[prep.i : pobj.i + 1])


def cue_chain(cue: Token) -> Token | None:
    """The speech verb that carries the content of a longer cue: "declined to comment", "went on to say",
    "released a statement saying"."""
    statement = next((c for c in cue.rights if c.dep_ == "dobj" and c.lemma_.lower() in NOUN_CUES), None)
    if statement is not None:
        verb = next((c for c in statement.rights if c.dep_ == "acl" and c.tag_ == "VBG"), None)
        if verb is not None and verb.lemma_.lower() in SPEECH_VERBS:
            return verb
    if cue.lemma_.lower() not in CONTROL_VERBS:
        return None
    start = cue.i + 2 if cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].dep_ == "prt" else cue.i + 1
    if start + 1 >= len(cue.doc) or cue.doc[start].lower_ != "to":
        return None
    verb = cue.doc[start + 1]
    speech = verb.lemma_.lower() in SPEECH_VERBS or verb.lemma_.lower() in ("comment", "discuss", "address")
    return verb if speech and verb.dep_ == "xcomp" and verb.head.i == cue.i else None


def _prep_object_cue(cue: Token) -> Token | None:
    """The preposition of a prepositional cue ("called for", "referring to"), whose object is the content."""
    if cue.pos_ != "VERB" or cue.lemma_.lower() in QUOTING_VERBS:
        return None
    if any(c.dep_ in COMPLEMENT_DEPS for c in cue.children):
        return None
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    prt = nxt if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == cue.i else None
    after = cue.doc[(prt or cue).i + 1] if (prt or cue).i + 1 < len(cue.doc) else None
    if after is not None and after.dep_ == "prep" and after.head.i == cue.i and after.lower_ not in SCENE_PREPS:
        return after
    return None


def _adjacent(token: Token, kept: list[Token]) -> bool:
    lo, hi = min(t.i for t in kept), max(t.i for t in kept)
    between = token.doc[hi + 1 : token.i] if token.i > hi else token.doc[token.i + 1 : lo]
    return all(t.dep_ in ("aux", "auxpass", "neg", "advmod") and t.head.i in {k.i for k in kept} for t in between)


def _complements(cue: Token, away: set[int]) -> list[Token]:
    """The children of the cue that hold what was said, in text order."""
    children = [c for c in cue.children if c.i not in away]
    clausal = [c for c in children if c.dep_ == "ccomp"]
    if clausal:
        return clausal[:1]
    found = [c for c in children if c.dep_ in COMPLEMENT_DEPS and c.i > cue.i]
    if not found and _is_passive(cue):
        found = [c for c in children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this")]
    if cue.pos_ in ("NOUN", "PROPN"):
        found += [c for c in children if c.dep_ in ("acl", "appos") and c.i > cue.i and c.lemma_ != "see"]
    if not found:
        preps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ not in SCENE_PREPS][:1]
        found = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp") and g.i not in away]
    elif found:
        first = min(c.i for c in found)
        found += [
            c
            for c in children
            if c.dep_ == "prep" and c.i > first and (c.lower_ not in SCENE_PREPS or _misattached_object_prep(c, found))
        ]
    return sorted(found, key=lambda t: t.i)


def _misattached_object_prep(prep: Token, found: list[Token]) -> bool:
    """A scene-like preposition right after the object that the parser hung on the verb but that belongs to
    the object ("highlighted flaws | in America's human rights record"): its object has a possessor or a
    modifier, and is no time, place, organisation or speech event ("in the past", "in a statement")."""
    if not any(c.dep_ == "dobj" for c in found) or prep.i != max(c.right_edge.i for c in found) + 1:
        return False
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in SCENE_ENTITY_TYPES or pobj.lemma_.lower() in NOUN_CUES:
        return False
    return any(t.dep_ == "poss" for t in pobj.children) or (
        pobj.pos_ == "NOUN" and any(t.dep_ in ("compound", "amod") for t in pobj.children)
    )


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens (sorted) into runs of consecutive indices; a gap of spaces within a line is no gap."""
    runs: list[list[Token]] = []
    for token in tokens:
        gap = token.doc[runs[-1][-1].i + 1 : token.i] if runs else None
        if gap is not None and all(t.is_space and "\n" not in t.text for t in gap):
            runs[-1].append(token)
        else:
            runs.append([token])
    return [_without_connective(run) for run in runs if _without_connective(run)]


def _without_connective(run: list[Token]) -> list[Token]:
    """A run without a leading connective ("But", "However,", "because") that links it to what came before."""
    while run and (
        run[0].dep_ in ("cc", "mark", "punct") or (run[0].dep_ == "advmod" and run[0].lower_ in CONNECTIVES)
    ):
        run = run[1:]
    return run


def _trim(text: str, span: CharSpan) -> CharSpan | None:
    """Trim whitespace and punctuation outside quotation marks at both ends."""
    start, end = span
    while start < end and (text[start].isspace() or text[start] in TRIM_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM_PUNCT):
        end -= 1
    return (start, end) if end > start else None


def _in_sentence(root: Token, away: set[int]) -> list[Token]:
    sent = root.sent
    return [t for t in root.subtree if sent.start <= t.i < sent.end and t.i not in away and not t.is_space]


def _content_tokens(cue: Token, away: set[int]) -> list[list[Token]]:
    """Token runs of the content, before quote extension (one run, or two around an "according to")."""
    if cue.lower_ == "according":
        root = cue.head
        while root.dep_ in ("prep", "conj") and root.head.i != root.i:
            root = root.head
        away = away | {t.i for t in cue.subtree}
        runs = [_paragraph_bounded(run, run[0]) for run in _runs(_in_sentence(root, away))]
        return [run for run in runs if any(not t.is_punct for t in run)][:2]
    complements = _complements(cue, away)
    if complements:
        complements += _continuing_conjuncts(cue, complements)
        tokens = sorted({t for c in complements for t in _in_sentence(c, away)}, key=lambda t: t.i)
    elif cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i != cue.i:
        away = away | {t.i for t in cue.subtree}
        runs = [_paragraph_bounded(run, run[0]) for run in _runs(_in_sentence(cue.head, away))]
        return [run for run in runs if any(not t.is_punct for t in run)][:2]
    else:
        return []
    if not tokens:
        return []
    side_left = tokens[0].i < cue.i
    run = [t for t in tokens if (t.i < cue.i) == side_left]
    anchor = run[-1] if side_left else run[0]
    return [_paragraph_bounded(run, anchor)]


def _continuing_conjuncts(cue: Token, complements: list[Token]) -> list[Token]:
    """A conjunct the parser hung on the cue that goes on with what was said ("said that A, but B")."""
    last = max(c.right_edge.i for c in complements)
    if last < cue.i:
        return []
    return [
        c
        for c in cue.rights
        if c.dep_ == "conj" and c.i > last and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in SPEECH_VERBS
    ]


def find_content(
    cue: Token, cue_toks: list[Token], source: Token | None, quotes: list[CharSpan], text: str
) -> list[CharSpan]:
    """The content pieces of a cue: its complement, the clause it interrupts, its quote(s)."""
    away = {t.i for t in cue_toks}
    if source is not None:
        away |= {t.i for t in _source_tokens(source, cue_toks)}
    pieces = []
    for run in _content_tokens(cue, away):
        while run and run[-1].dep_ == "cc":
            run = run[:-1]  # "denied meddling and | Trump has denied …": the conjunction links two reports
        span = _char_span(run)
        if span is None:
            continue
        trimmed = _trim(text, extend_to_quote(span, quotes))
        if trimmed is not None:
            pieces.append(trimmed)
    cluster = _cluster(cue_toks, source)
    right_side = bool(pieces) and pieces[0][0] >= cluster[1]
    if not right_side and (not pieces or cue.dep_ != "ROOT" or _split_by_appositive(source, cue)):
        prefix = _sentence_prefix(cue, cluster, quotes, text)
        if prefix is not None:
            pieces = [prefix]
        before = quote_before(text, cluster[0], quotes)
        if before is not None and not any(s < before[1] and before[0] < e for s, e in pieces):
            pieces = [before]
    if not pieces:
        after = next_quote(text, cluster[1], quotes, gap=" ,:")
        if after is not None:
            pieces = [after]
    if not pieces and cluster[0] <= cue.sent[0].idx + 1:
        previous = quote_before(text, cue.sent[0].idx, quotes, gap=" ")
        if previous is not None:
            pieces = [previous]
    if len(pieces) == 1 and pieces[0][1] <= cluster[0] and text[pieces[0][1] - 1] in QUOTE_CLOSE:
        second = next_quote(text, cluster[1], quotes) or _quote_opening_next_sentence(cue, quotes, text)
        if second is not None:
            pieces.append(second)
    return [p for p in pieces if text[p[0] : p[1]].lower() not in RELATIVE_WORDS]


def _quote_opening_next_sentence(cue: Token, quotes: list[CharSpan], text: str) -> CharSpan | None:
    """``"A," she said in Concord. "B."``: the quote that opens the next sentence of the paragraph, when
    the rest of the cue's sentence only modifies the cue."""
    sent = cue.sent
    subtree = {t.i for t in cue.subtree}
    if any(t.i not in subtree and not t.is_punct and not t.is_space for t in cue.doc[cue.i : sent.end]):
        return None
    end = sent[-1].idx + len(sent[-1].text)
    for qs, qe in quotes:
        if qs >= end:
            gap = text[end:qs]
            return (qs, qe) if len(gap) <= 2 and "\n" not in gap and not gap.strip(" .") else None
    return None


def _sentence_prefix(cue: Token, cluster: CharSpan, quotes: list[CharSpan], text: str) -> CharSpan | None:
    """The sentence before a cue that closes it after a comma ("…, Politico reported recently.")."""
    sent = cue.sent
    before = text[sent[0].idx : cluster[0]].rstrip()
    if not before.endswith(",") and not (before and before[-1] in QUOTE_CLOSE and before[:-1].endswith(",")):
        return None
    tail = [t for t in sent if t.idx >= cluster[1] and not t.is_punct and not t.is_space]
    subtree = {t.i for t in cue.subtree}
    if len(tail) > 8 or any(t.i not in subtree or t.pos_ in ("VERB", "AUX") for t in tail):
        return None
    start = sent[0].idx
    while start < cluster[0] and text[start].isspace():
        start += 1
    return _trim(text, extend_to_quote((start, len(before) + sent[0].idx), quotes))


def _source_tokens(source: Token, cue_toks: list[Token]) -> list[Token]:
    """The source's phrase: its subtree, but never the cue or what follows it when the source comes first
    (the parse may hang the cue inside the source's phrase: "Former staffers we spoke to said")."""
    stop = _mention_stop(source, cue_toks)
    return [t for t in source.subtree if stop is None or not source.i < stop <= t.i]


def _mention_stop(source: Token, cue_toks: list[Token]) -> int | None:
    """Where a source's mention must end: at its cue, unless the cue heads a relative clause on the source
    ("officials who said"), whose phrase the mention keeps as before."""
    if any(t.dep_ == "relcl" and t.head == source for t in cue_toks):
        return None
    return min(t.i for t in cue_toks)


def _cluster(cue_toks: list[Token], source: Token | None) -> CharSpan:
    """The stretch of the cue and, when it sits next to it, its source ("he said", "said Smith")."""
    tokens = list(cue_toks)
    if source is not None:
        subtree = _source_tokens(source, cue_toks)
        near = min(abs(subtree[0].i - cue_toks[-1].i), abs(cue_toks[0].i - subtree[-1].i))
        if near <= 2:
            tokens += subtree
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _negated(cue: Token, chained: Token | None = None) -> bool:
    """Whether the cue denies the speech act ("did not say", "would not confirm", "declined to say")."""
    for verb in (cue, chained):
        if verb is not None and any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.i < verb.i) for c in verb.children):
            return True
    if chained is not None and cue.lemma_.lower() in NEGATING_VERBS:
        return True
    return cue.dep_ == "xcomp" and cue.head.lemma_.lower() in NEGATING_VERBS
