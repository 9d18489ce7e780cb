"""Speaker resolution: which entity each attribution's source mention refers to.

A source is resolved, in order, as a vague or anonymous group (no entity), a pronoun (gender, number,
recency, subjecthood and who spoke last), a mention the registry knows (names, surnames, outlets,
documents, apposed descriptions), a communication noun with a possessor ("the secretary's message"),
or a description by role ("the secretary", "Biden's State Department chief", "the Republican speaker")
matched against the titles and appositions earlier in the text. "We" outside quotes is the writer's outlet,
or the outlet an excerpt comes from ("From The New Republic:"). When none of these is sure, the entity is
None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from byline.attribution.anonymity import (
    continued_quote_start,
    group_description,
    is_people_group,
    nearest_group,
    vague_description,
)
from byline.attribution.excerpts import excerpt_outlet, whole_article_excerpt
from byline.attribution.model import Candidate, CharSpan
from byline.attribution.roles import (
    agency_named_before,
    describes_a_person,
    named_after,
    only_a_deputy,
    relative_antecedent,
    spoken_mentions,
)
from byline.attribution.subjects import (
    corrected_source,
    cue_head,
    implied_subject,
    main_clause_subject,
    subject_next_to_verb,
)
from byline.entities import lexicon as lx
from byline.entities.registry import EntityRecord, Registry
from byline.nlp.text import doc_text
from byline.reading import Attribution, Source
from byline.reading import Span as TextSpan

PRONOUN_TYPES = {
    "he": ("PERSON", "m"),
    "him": ("PERSON", "m"),
    "his": ("PERSON", "m"),
    "she": ("PERSON", "f"),
    "her": ("PERSON", "f"),
    "it": ("THING", None),
    "its": ("THING", None),
    "they": ("GROUP", None),
    "them": ("GROUP", None),
    "their": ("GROUP", None),
}
# Outside quotation marks, "I" and "we" are the writer and the writer's outlet speaking in their own voice.
FIRST_PERSON = {"i": "the writer", "we": "the writer's outlet"}
COMPATIBLE_TYPES = {
    "PERSON": {"PERSON"},
    "THING": {"ORG", "PUBLICATION", "DOCUMENT", "GPE"},
    "GROUP": {"ORG", "PUBLICATION", "NORP", "GPE"},
}
NAMING_ENTITY_TYPES = frozenset({"PERSON", "ORG"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
OUTLET_NOUNS = frozenset({"outlet", "newspaper", "paper", "publication", "site", "magazine", "network", "agency"})
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "for", "on", "at", "to", "and", "'s", "’s"})
PRONOUN_WINDOW_SENTENCES = 3


@dataclass(frozen=True)
class Resolution:
    """What a source mention was resolved to, how, and how sure."""

    entity: str | None
    confidence: float
    how: str
    anonymous: bool = False
    description: str | None = None


@dataclass(frozen=True)
class Scene:
    """What resolving one source may look at: the registry, the attributions before it, quoted passages."""

    registry: Registry
    earlier: list[Attribution]
    quoted: tuple[tuple[int, int], ...] = ()
    voices: tuple[tuple[CharSpan, CharSpan], ...] = ()  # (passage, the outlet whose voice it is)


def resolve(doc: Doc, candidates: list[Candidate], registry: Registry) -> list[Attribution]:
    """Attributions (ids "a1"… in text order) with their sources resolved against the registry."""
    done: list[Attribution] = []
    quoted = tuple(
        span
        for c in candidates
        if c.kind in ("direct", "block") and not whole_article_excerpt(c)  # an excerpt article is its body
        for span in c.content
    )
    voices = passage_voices(doc, candidates, registry)
    for number, candidate in enumerate(sorted(candidates, key=candidate_position), start=1):
        implied = implied_subject(doc, candidate) if candidate.source is None else None
        corrected = corrected_source(doc, candidate, cue_head(doc, candidate), candidates) if not implied else None
        why = "implied subject" if implied is not None else corrected[1] if corrected is not None else None
        if why is not None:
            candidate = replace(candidate, source=implied if implied is not None else corrected[0])  # type: ignore[index]
        resolution = resolve_source(doc, candidate, Scene(registry, done, quoted, voices))
        if why is not None:
            resolution = replace(resolution, confidence=resolution.confidence * 0.8, how=f"{why}; {resolution.how}")
        done.append(to_attribution(f"a{number}", doc_text(doc), candidate, resolution))
    return done


def passage_voices(doc: Doc, candidates: list[Candidate], registry: Registry) -> tuple[tuple[CharSpan, CharSpan], ...]:
    """Passages in another outlet's voice: excerpts ("From The New Republic:", "… writes in The Atlantic:")
    and blocks a publication is the source of ("Politico revealed Friday:"), each with the outlet's span."""
    voices = []
    for candidate in candidates:
        outlet = excerpt_outlet(doc_text(doc), candidate)
        if outlet is None and candidate.kind == "block" and candidate.source is not None:
            entity = registry.get(entity_of(doc, candidate.source, registry))
            outlet = candidate.source if entity is not None and entity.type == "PUBLICATION" else None
        if outlet is not None:
            voices += [(piece, outlet) for piece in candidate.content]
    return tuple(voices)


def entity_of(doc: Doc, span: CharSpan, registry: Registry) -> str | None:
    """The entity a phrase names, by its head word ("The New Republic" -> New Republic)."""
    phrase = doc.char_span(*span, alignment_mode="expand")
    if phrase is None or not len(phrase):
        return None
    root = phrase.root
    return registry.entity_at(root.idx, root.idx + len(root.text))


def candidate_position(candidate: Candidate) -> int:
    """Where a candidate sits in the text: its cue, else its first content span, else its source."""
    spans = [candidate.cue, *candidate.content[:1], candidate.source]
    return next((span[0] for span in spans if span is not None), 0)


def to_attribution(attribution_id: str, text: str, candidate: Candidate, resolution: Resolution) -> Attribution:
    """The Reading attribution of a candidate and its resolved source."""

    def span(pair: tuple[int, int]) -> TextSpan:
        return TextSpan(start=pair[0], end=pair[1], text=text[pair[0] : pair[1]])

    source = Source(
        span=span(candidate.source) if candidate.source else None,
        entity=resolution.entity,
        anonymous=resolution.anonymous,
        description=resolution.description,
    )
    evidence = "; ".join(part for part in (candidate.evidence, f"speaker: {resolution.how}") if part)
    return Attribution(
        id=attribution_id,
        kind=candidate.kind,
        cue=span(candidate.cue) if candidate.cue else None,
        source=source,
        content=[span(c) for c in candidate.content],
        negated=candidate.negated,
        confidence=round(min(candidate.confidence, resolution.confidence), 3),
        evidence=evidence,
    )


def resolve_source(doc: Doc, candidate: Candidate, scene: Scene) -> Resolution:
    """Resolve one candidate's source mention."""
    if candidate.source is None:
        return continuing_speaker(doc, candidate, scene.earlier)
    return resolve_mention(doc, candidate.source, candidate, scene)


def resolve_mention(doc: Doc, source: tuple[int, int], candidate: Candidate, scene: Scene) -> Resolution:
    """Resolve a source mention at ``source`` (character offsets)."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span):
        return Resolution(None, 0.5, "source span not in the parse")
    description = vague_description(span)
    if not scene.earlier and (named := named_after(span.root, scene.registry)):
        return Resolution(named, 0.6, f"'{span.root.text}' in the lede, named in the next sentences")
    if description is not None:
        return Resolution(None, 0.9, "vague or anonymous source", anonymous=True, description=description)
    return resolve_token(subject_next_to_verb(span), candidate, scene)


def resolve_token(root: Token, candidate: Candidate, scene: Scene) -> Resolution:
    """Resolve the head word of a source mention."""
    registry = scene.registry
    if any(c.dep_ == "conj" for c in root.children):
        return Resolution(None, 0.6, "several speakers together")
    if root.lower_ in FIRST_PERSON and root.pos_ == "PRON":
        return resolve_first_person(root, scene)
    if root.lower_ in PRONOUN_TYPES and root.pos_ == "PRON":
        return resolve_pronoun(root, candidate, scene)
    if root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
        return resolve_relative(relative_antecedent(root), candidate, scene)
    entity = registry.entity_at(root.idx, root.idx + len(root.text))
    if entity is not None:
        return Resolution(entity, 0.95, "mention")
    lemma = root.lemma_.lower()
    owner = next((c for c in root.children if c.dep_ == "poss"), None)
    if lemma in lx.COMMUNICATION_NOUNS and owner is not None:
        found = resolve_token(owner, candidate, scene)
        return Resolution(found.entity, found.confidence * 0.9, f"possessor of '{root.text}': {found.how}")
    apposed = named_apposition(root)
    if apposed is not None and (entity := registry.entity_at(apposed.idx, apposed.idx + len(apposed.text))):
        return Resolution(entity, 0.9, f"named in apposition: '{apposed.text}'")
    if not is_definite_singular(root):
        return Resolution(None, 0.6, "unresolved")
    if lemma in lx.ROLE_NOUNS or described_before(lemma, root.idx, registry):
        return resolve_role(root, registry)
    if lemma in lx.ORG_HEAD_WORDS or lemma in OUTLET_NOUNS or lemma in lx.GENERIC_ORG_NOUNS:
        return resolve_organisation(root, registry)
    if describes_a_person(root):  # "the political operative, who …": whom the last sentences are about
        found = resolve_pronoun(root, candidate, scene, ("PERSON", None))
        return replace(found, confidence=round(found.confidence * 0.8, 3), how=f"'{root.text}' as {found.how}")
    return Resolution(None, 0.6, "unresolved")


def resolve_first_person(pronoun: Token, scene: Scene) -> Resolution:
    """ "I"/"we" outside any quoted passage: the writer (or the outlet) in its own voice; inside one, the
    quoted speaker, left unresolved here. "We" in a passage in another outlet's voice (an excerpt) is that
    outlet, unless a quote inside the passage holds it."""
    passages = {passage for passage, _ in scene.voices}
    quoted = [(s, e) for s, e in scene.quoted if s <= pronoun.idx < e and (s, e) not in passages]
    outlet = next((o for (s, e), o in scene.voices if s <= pronoun.idx < e), None)
    if outlet is not None and pronoun.lower_ == "we" and not quoted:
        name = doc_text(pronoun.doc)[outlet[0] : outlet[1]]
        entity = entity_of(pronoun.doc, outlet, scene.registry)
        return Resolution(entity, 0.8, f"first person in an excerpt of {name}", description=None if entity else name)
    if quoted or any(start <= pronoun.idx < end for start, end in scene.quoted):
        return Resolution(None, 0.5, "first person inside a quotation")
    return Resolution(None, 0.8, "first person outside quotes", description=FIRST_PERSON[pronoun.lower_])


def named_apposition(root: Token) -> Token | None:
    """The apposition naming a described source, on it or its "of" phrase: "One of his lawyers, Priya Raman,"."""
    for token in root.subtree:
        if token.dep_ != "appos" or token.pos_ != "PROPN" or token.ent_type_ not in NAMING_ENTITY_TYPES:
            continue
        head = token.head
        if head == root or head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head == root:
            return token
    return None


def is_definite_singular(root: Token) -> bool:
    """Whether a description can pick out one known referent: singular, and not "a"/"some"/"one" …"""
    if root.tag_ in ("NNS", "NNPS"):
        return False
    return not any(c.dep_ in ("det", "nummod") and c.lower_ not in DEFINITE_DETERMINERS for c in root.lefts)


def resolve_relative(antecedent: Token, candidate: Candidate, scene: Scene) -> Resolution:
    """A relative pronoun ("conservatives who condemned") stands for the noun its clause modifies, or for
    the name that noun is apposed to ("Hugo Vance, a man who shifted")."""
    if antecedent.dep_ == "appos":
        antecedent = antecedent.head
    if any(c.dep_ == "conj" for c in antecedent.children):
        members = [antecedent, *antecedent.conjuncts]
        group = antecedent.doc[min(m.left_edge.i for m in members) : max(m.i for m in members) + 1]
        return Resolution(
            None, 0.5, f"relative pronoun for a coordinated group ('{group.text}')", description=group.text
        )
    phrase = antecedent.doc[antecedent.left_edge.i : antecedent.i + 1]
    description = vague_description(phrase)
    if description is not None:
        return Resolution(None, 0.8, "relative pronoun for a vague group", anonymous=True, description=description)
    found = resolve_token(antecedent, candidate, scene)
    return Resolution(found.entity, found.confidence * 0.9, f"relative pronoun for '{antecedent.text}': {found.how}")


# -- pronouns ------------------------------------------------------------------------------------------


def resolve_pronoun(
    pronoun: Token, candidate: Candidate, scene: Scene, kind_gender: tuple[str, str | None] | None = None
) -> Resolution:
    """The most likely antecedent of a pronoun source, or None when two are equally likely.

    Each compatible entity mentioned in the last few sentences scores for recency, for being a subject
    (more so the subject of the pronoun's own sentence) and for having just spoken. Names inside the
    attribution's own content are not candidates ("“Lopez is wrong,” he said"); a pronoun inside
    someone else's quoted passage looks for its antecedent inside that passage only; "it" and "they"
    stay unknown when a common noun that could be meant ("the editorial", "aides") is nearer.
    """
    kind, gender = kind_gender or PRONOUN_TYPES[pronoun.lower_]
    doc = pronoun.doc
    window_start = _window_start(doc, pronoun, PRONOUN_WINDOW_SENTENCES)
    enclosing = next((q for q in scene.quoted if q[0] <= pronoun.idx < q[1] and q not in candidate.content), None)
    if enclosing is not None:
        window_start = max(window_start, continued_quote_start(doc_text(doc), scene.quoted, enclosing))
    registry, earlier = scene.registry, scene.earlier if enclosing is None else []
    scores: dict[str, float] = {}
    latest: dict[str, int] = {}
    nearby = registry.mentions_before(pronoun.idx, since=window_start) + spoken_mentions(earlier, pronoun.idx)
    for start, end, entity_id in nearby:
        record = registry.get(entity_id)
        if start < window_start or record is None or any(s <= start < e for s, e in candidate.content):
            continue
        if not pronoun_fits(kind, gender, record):
            continue
        score = mention_score(doc, pronoun, start, end, window_start)
        score -= 0.5 if record.gender is None and gender is not None else 0.0
        scores[entity_id] = max(scores.get(entity_id, score), score)
        latest[entity_id] = max(latest.get(entity_id, start), start)
    spoke: set[str] = set()  # who spoke last scores 2, anyone else who spoke in the window 1, once each
    for rank, attribution in enumerate(reversed(earlier)):
        entity_id = attribution.source.entity
        if entity_id in scores and entity_id not in spoke and attribution.cue and attribution.cue.start >= window_start:
            scores[entity_id] += 2.0 if rank == 0 else 1.0
            spoke.add(entity_id)
    unnamed = anonymous_antecedent(doc, kind, earlier, window_start, list(latest.values()))
    if unnamed is not None:
        return unnamed
    if kind == "GROUP" and (group := group_antecedent(doc, pronoun, scores, latest, window_start, candidate)):
        return group
    if kind != "PERSON" and scores:
        best = max(scores, key=lambda e: scores[e])
        rival = nearer_common_noun(doc, pronoun, latest[best], kind)
        if rival is not None:
            spoken = next((a for a in reversed(earlier) if _within(rival, a.source.span) and a.source.entity), None)
            if spoken is not None:
                return Resolution(spoken.source.entity, 0.7, f"pronoun for '{rival.text}', the source of {spoken.id}")
            return Resolution(None, 0.4, f"pronoun: '{rival.text}' is nearer than any name")
    return _best_antecedent(scores, earlier)


def group_antecedent(
    doc: Doc, pronoun: Token, scores: dict[str, float], latest: dict[str, int], window_start: int, candidate: Candidate
) -> Resolution | None:
    """ "They" for a group: a plural group of people ("members of the establishment", "voters") nearer
    than any name stands as an anonymous description; with no name at all, the nearest such group; of
    names that tie, the one that is the subject of its sentence's main clause."""
    content = list(candidate.content)
    if not scores:
        group = nearest_group(doc, pronoun.i, window_start, content)
        if group is None:
            return None
        return Resolution(None, 0.5, f"pronoun for the group '{group.text}'", True, group_description(group))
    best = max(scores, key=lambda e: scores[e])
    rival = nearer_common_noun(doc, pronoun, latest[best], "GROUP")
    if rival is not None and is_people_group(rival) and not rival.ent_type_:
        return Resolution(None, 0.6, f"pronoun for the group '{rival.text}'", True, group_description(rival))
    ranked = sorted(scores.values(), reverse=True)
    if rival is None and len(ranked) > 1 and ranked[0] - ranked[1] < 0.5:
        main = {e for e, start in latest.items() if main_clause_subject(doc, start)}
        if len(main) == 1:
            chosen = main.pop()
            scores = {e: score + (0.5 if e == chosen else 0.0) for e, score in scores.items()}
            return _best_antecedent(scores)
    return None


def anonymous_antecedent(
    doc: Doc, kind: str, earlier: list[Attribution], window_start: int, names: list[int]
) -> Resolution | None:
    """A pronoun continuing the anonymous source that spoke last ("Two aides said … They added"), when no
    name fitting the pronoun (``names``: where the latest mention of each starts) comes after that
    source, outside what it said."""
    if not earlier or kind == "THING":
        return None
    last = earlier[-1]
    source = last.source
    if not source.anonymous or source.span is None or source.span.start < window_start:
        return None
    said = [(c.start, c.end) for c in last.content]
    if any(n > source.span.start and not any(s <= n < e for s, e in said) for n in names):
        return None
    span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
    head = span.root if span is not None else None
    if head is not None and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = relative_antecedent(head)  # "several voters who said …": "she" is not the voters
    plural = head is not None and head.tag_ in ("NNS", "NNPS")
    if plural != (kind == "GROUP"):
        return None
    return Resolution(None, 0.7, f"pronoun for the anonymous source of {last.id}", True, source.description)


def _within(token: Token, span: TextSpan | None) -> bool:
    return span is not None and span.start <= token.idx < span.end


def mention_score(doc: Doc, pronoun: Token, start: int, end: int, window_start: int) -> float:
    """Recency, plus subjecthood, the more so in the pronoun's own sentence ("While X shares …, he …")."""
    score = 1.0 + _recency(start, window_start, pronoun.idx)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
        score += 2.5 if span.sent.start == pronoun.sent.start else 1.0
    return score


def nearer_common_noun(doc: Doc, pronoun: Token, after: int, kind: str) -> Token | None:
    """A subject common noun after the best named antecedent, in the pronoun's sentence or the one
    before, that "it"/"they" could mean instead."""
    wanted = "NNS" if kind == "GROUP" else "NN"
    start = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else pronoun.sent.start
    for token in reversed(list(doc[start : pronoun.i])):
        if token.idx <= after:
            return None
        if token.tag_ == wanted and token.dep_ in ("nsubj", "nsubjpass") and not token.ent_type_:
            return token
    return None


def pronoun_fits(kind: str, gender: str | None, record: EntityRecord) -> bool:
    """Whether an entity can be what a pronoun of this kind and gender refers to."""
    if record.type not in COMPATIBLE_TYPES[kind]:
        return False
    return gender is None or record.gender in (None, gender)


def _window_start(doc: Doc, token: Token, sentences: int) -> int:
    """Where the sentence ``sentences`` before the token's own begins (walking back: ``doc.sents`` is O(n))."""
    start = token.sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start].idx


def _recency(start: int, window_start: int, position: int) -> float:
    return (start - window_start) / max(1, position - window_start)


def _best_antecedent(scores: dict[str, float], earlier: Sequence[Attribution] = ()) -> Resolution:
    if not scores:
        return Resolution(None, 0.5, "pronoun without a compatible antecedent")
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if len(ranked) == 1:
        return Resolution(ranked[0][0], 0.9, "pronoun: only compatible antecedent")
    margin = ranked[0][1] - ranked[1][1]
    if margin < 0.5:
        return main_speaker_among([e for e, score in ranked if ranked[0][1] - score < 0.5], earlier)
    return Resolution(ranked[0][0], round(min(0.85, 0.6 + 0.1 * margin), 3), "pronoun: salience and recency")


def main_speaker_among(tied: list[str], earlier: Sequence[Attribution]) -> Resolution:
    """Of antecedents that tie, the one quoted most so far in the article, if one is (the story's main voice)."""
    counts = {entity: sum(a.source.entity == entity for a in earlier) for entity in tied}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return Resolution(ranked[0][0], 0.5, "pronoun: antecedents tie; the one quoted most so far")
    return Resolution(None, 0.4, "pronoun: antecedents tie")


def continuing_speaker(doc: Doc, candidate: Candidate, earlier: list[Attribution]) -> Resolution:
    """A quote with no source mention continues the speaker of the attribution just before, if adjacent."""
    if candidate.kind not in ("direct", "block") or not earlier or not candidate.content:
        return Resolution(None, 1.0, "no source mention")
    previous = earlier[-1]
    if previous.source.entity is None or not previous.content:
        return Resolution(None, 1.0, "no source mention")
    gap = doc_text(doc)[previous.content[-1].end : candidate.content[0][0]]
    if "\n\n" in gap.strip() or len(gap) > 200:
        return Resolution(None, 1.0, "no source mention")
    return Resolution(previous.source.entity, 0.5, f"continues the quote of {previous.id}")


# -- descriptions ---------------------------------------------------------------------------------------


def description_words(root: Token) -> set[str]:
    """Lower-case modifier words of a description, without its determiner, possessor or head."""
    owner_tokens = {t.i for c in root.children if c.dep_ == "poss" for t in c.subtree}
    return {
        lx.TITLE_EXPANSIONS.get(t.lower_, t.lower_)
        for t in root.subtree
        if t.i < root.i and t.i not in owner_tokens and not t.is_punct and t.lower_ not in FUNCTION_WORDS
    }


def described_before(head: str, position: int, registry: Registry) -> bool:
    """Whether someone named before ``position`` was described by this noun, as the head of a title or an
    apposition ("Sam Nunberg, a political operative, …"), so that "the operative" can mean them though it
    names no usual role ("campaign" in "the Obama campaign's spokeswoman" describes no one)."""
    return registry.first_described_as(head) < position


def resolve_role(root: Token, registry: Registry) -> Resolution:
    """Role descriptions ("the secretary", "Biden's State Department chief") to the person they describe.

    An adjective the person's titles lack ("the Republican speaker" for "House Speaker Paul Ryan") does not
    bar a match with someone named in the last few sentences; it makes a weaker one.
    """
    head = root.lemma_.lower()
    modifiers = description_words(root)
    required = modifiers - adjective_words(root)
    window_start = _window_start(root.doc, root, PRONOUN_WINDOW_SENTENCES)
    matches: list[tuple[int, float, str]] = []
    for record in registry.records:
        if record.type != "PERSON" or not any(s < root.idx for s, _ in record.mentions):
            continue
        known = {w for d in record.descriptors for w in d.split()} - FUNCTION_WORDS
        latest = max(s for s, _ in record.mentions if s < root.idx)
        deputy = only_a_deputy(head, modifiers, record.descriptors)
        strength = 0.0 if deputy else role_match(head, modifiers, known)
        if not strength and not deputy and required != modifiers and latest >= window_start:
            strength = round(0.8 * role_match(head, required, known), 3)
        if strength:
            matches.append((latest, strength, record.id))
    if not matches:
        return Resolution(None, 0.5, f"no one described as '{root.text}'")
    best = max(matches, key=lambda m: (m[1], m[0]))
    rivals = [m for m in matches if m[1] == best[1] and m[2] != best[2]]
    confidence = best[1] * (0.7 if rivals else 1.0)
    return Resolution(best[2], round(confidence, 3), f"described as '{root.text}' earlier")


def adjective_words(root: Token) -> set[str]:
    """The adjectives of a description that qualify rather than name a role: "Republican", "veteran"
    (not the nouns that name a body: "House", "State Department")."""
    return {
        t.lower_
        for t in root.lefts
        if (t.dep_ == "amod" and (t.pos_ == "ADJ" or t.ent_type_ == "NORP") and not t.is_punct)
        or t.lower_ in lx.TIME_QUALIFIERS
    }


def role_match(head: str, modifiers: set[str], known: set[str]) -> float:
    """How well a role description fits a person's known titles: 0.85 same role, 0.7 heads the same body."""
    if head in known and modifiers <= known:
        return 0.85
    if head in lx.LEADERSHIP_NOUNS and modifiers & known:
        return 0.7
    return 0.0


def resolve_organisation(root: Token, registry: Registry) -> Resolution:
    """Descriptions: "the department" to the latest organisation so named, "the paper" to an outlet."""
    head = root.lemma_.lower()
    modifiers = description_words(root)
    outlet = head in OUTLET_NOUNS and not (head in lx.ORG_HEAD_WORDS and modifiers and "news" not in modifiers)
    wanted = {"PUBLICATION"} if outlet else {"ORG"}
    latest: tuple[int, str] | None = None
    for record in registry.records:
        words = set(record.name.lower().split())
        if record.type not in wanted or (not outlet and not ({head} | modifiers) <= words):
            continue
        earlier = [s for s, _ in record.mentions if s < root.idx]
        if earlier and (latest is None or max(earlier) > latest[0]):
            latest = (max(earlier), record.id)
    if latest is None and head in lx.GENERIC_ORG_NOUNS:
        return only_recent_organisation(root, registry)
    window_start = _window_start(root.doc, root, PRONOUN_WINDOW_SENTENCES)
    if latest is None and head == "agency" and (agency := agency_named_before(root, registry, window_start)):
        return Resolution(agency, 0.6, f"'{root.text}' as the one agency named just before")
    if latest is None:
        return Resolution(None, 0.5, f"no organisation for '{root.text}'")
    return Resolution(latest[1], 0.75, f"'{root.text}' as the latest {head}")


def only_recent_organisation(root: Token, registry: Registry) -> Resolution:
    """ "The company" / "the group": the one organisation named in the last few sentences, if only one is."""
    window_start = _window_start(root.doc, root, PRONOUN_WINDOW_SENTENCES)
    recent = {
        entity_id
        for start, _, entity_id in registry.mentions_before(root.idx, since=window_start)
        if start >= window_start and (record := registry.get(entity_id)) is not None and record.type == "ORG"
    }
    if len(recent) != 1:
        return Resolution(None, 0.5, f"no single organisation for '{root.text}'")
    return Resolution(recent.pop(), 0.6, f"'{root.text}' as the one organisation named just before")


# -- mentions for the registry ---------------------------------------------------------------------------


def resolved_mentions(doc: Doc, attributions: list[Attribution], registry: Registry) -> list[tuple[str, int, int]]:
    """(entity id, start, end) for resolved source mentions the registry does not have yet."""
    added = []
    for attribution in attributions:
        source = attribution.source
        if source.entity is None or source.span is None:
            continue
        record = registry.get(source.entity)
        if record is None or any(source.span.start <= s and e <= source.span.end for s, e in record.mentions):
            continue
        span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
        if span is not None and span.root.tag_ not in ("WP", "WDT"):  # "who" names no one by itself
            start, end = mention_extent(span)
            added.append((source.entity, start, end))
    return added


def mention_extent(span: Span) -> tuple[int, int]:
    """The part of a source mention that names the speaker: up to its head, or the possessor of a message."""
    root = span.root
    owner = next((c for c in root.children if c.dep_ == "poss"), None)
    if root.lemma_.lower() in lx.COMMUNICATION_NOUNS and owner is not None:
        root = owner
    start = max(root.left_edge.i, span.start)
    while start < root.i and root.doc[start].is_punct:
        start += 1
    end_token = root.doc[root.i]
    return root.doc[start].idx, end_token.idx + len(end_token.text)
