"""Attributions whose source is a report, a document or someone the sentence does not name
(docs/attribution-guideline.md §1, §3):

- reports as a noun with what they say and no one reporting them ("amid reports that the bank was
  failing", "there were some reports that …"): the reports attribute the clause; with no quantifier
  their speaker is "unnamed reports";
- a document's finding in a relative clause ("issued a report that studied … and concluded that …"): the
  document's cue is "concluded", not the act of issuing it;
- a passive of telling with no agent ("experts were being told that …"): "unnamed sources" told them;
- a quote standing as its own sentence right after a sentence that names its speaker ("Briggs said the
  plan was sound. "It fits."") is a quote with no cue, left to resolution to continue that speaker.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from byline.attribution.anonymity import UNNAMED_REPORTS, made_anonymous
from byline.attribution.model import Candidate, CharSpan, overlaps
from byline.nlp.quotes import doc_quotes
from byline.nlp.spans import SpanList
from byline.nlp.text import doc_text
from byline.reading import Attribution

REPORT_NOUNS = frozenset({"report"})
REPORT_QUANTIFIERS = frozenset({"some", "several", "many", "multiple", "conflicting", "other", "numerous"})
DOCUMENT_NOUNS = frozenset({"report", "study", "survey", "poll", "analysis", "review", "audit", "memo", "assessment"})
FINDING_VERBS = frozenset(
    {"conclude", "find", "say", "state", "warn", "recommend", "show", "note", "argue", "estimate", "suggest"}
)
ISSUING_VERBS = frozenset({"issue", "release", "publish", "produce", "unveil", "put"})
TELLING_VERBS = frozenset({"tell", "inform", "brief", "assure", "advise"})
NOMINAL_DEPS = frozenset({"pobj", "nsubj", "nsubjpass", "dobj", "attr", "conj"})
UNNAMED_SOURCES = "unnamed sources"
REPORT_NOUN_EVIDENCE = "report-noun"
DOCUMENT_FINDING_EVIDENCE = "document-finding"
CUELESS_QUOTE_EVIDENCE = "quote after its speaker's sentence"
TRIM = " \t\n,.;:—–-"


def _span(tokens: list[Token]) -> CharSpan | None:
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(tokens[0].doc)
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return (start, end) if end > start else None


def _clause(verb: Token) -> CharSpan | None:
    """The clause of ``verb`` without its complementiser."""
    away = {t.i for c in verb.children if c.lower_ == "according" for t in c.subtree}  # its own source
    return _span([t for t in verb.subtree if t.i not in away and not (t.dep_ == "mark" and t.head.i == verb.i)])


def _that_clause(noun: Token) -> Token | None:
    """A "that" clause saying what ``noun`` says ("reports that X"), hung on it or on the noun it is "of"."""
    holders = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        holders.append(noun.head.head)  # "a summary of the reports last week that …"
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX"):
                if any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                    return child
    return None


def report_noun_candidates(doc: Doc, found: list[Candidate], in_quote: set[int]) -> list[Candidate]:
    """Reports, plural, with a "that" clause and no outlet named as theirs."""
    out = []
    for noun in doc:
        if not _report_noun(noun) or noun.lower_ != "reports" or noun.i in in_quote:
            continue
        if any(c.dep_ in ("poss", "compound") or c.pos_ == "PROPN" for c in noun.lefts):
            continue  # "CNN's reports", "Reuters reports": a named reporter
        if any(c.dep_ == "prep" and c.lower_ in ("by", "from", "in") for c in noun.rights):
            continue
        clause = _that_clause(noun)
        if clause is None:
            continue
        cue = (noun.idx, noun.idx + len(noun.text))
        content = _clause(clause)
        if content is None or any(overlaps(cue, c.cue) for c in found):
            continue
        quantifier = [c for c in noun.lefts if c.lower_ in REPORT_QUANTIFIERS or c.dep_ == "nummod"]
        source = (quantifier[0].idx, cue[1]) if quantifier else None
        out.append(
            Candidate(
                "indirect", cue, source, [content], confidence=0.7, evidence=REPORT_NOUN_EVIDENCE, cue_token=noun.i
            )
        )
    return out


def document_finding_candidates(doc: Doc, found: list[Candidate]) -> tuple[list[Candidate], set[int]]:
    """A finding verb in a relative clause on a document noun (or conjoined with one): the document is the
    source. Also the indices of ``found`` issuing the document whose content the finding took over."""
    out, dropped = [], set()
    for verb in doc:
        if verb.lemma_.lower() not in FINDING_VERBS or verb.pos_ != "VERB":
            continue
        relative = verb if verb.dep_ == "relcl" else verb.head if verb.dep_ == "conj" else None
        if relative is None or relative.dep_ != "relcl":
            continue
        document = relative.head
        if document.lemma_.lower() not in DOCUMENT_NOUNS or document.pos_ != "NOUN":
            continue
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if complement is None:
            continue
        cue = (verb.idx, verb.idx + len(verb.text))
        content = _clause(complement)
        if content is None or any(c.cue_token == verb.i for c in found):
            continue
        issuing = [
            k
            for k, c in enumerate(found)
            if c.cue_token is not None
            and doc[c.cue_token].lemma_.lower() in ISSUING_VERBS
            and any(overlaps(cue, p) for p in c.content)
        ]
        dropped.update(issuing)
        source = _span(list(doc[document.left_edge.i : document.i + 1]))
        out.append(
            Candidate(
                "indirect", cue, source, [content], confidence=0.7, evidence=DOCUMENT_FINDING_EVIDENCE, cue_token=verb.i
            )
        )
    return out, dropped


def cueless_quotes(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """A quote that is a whole sentence, with no attribution of its own, right after a sentence in the same
    paragraph where someone named is the source of an attribution."""
    text = doc_text(doc)
    out = []
    sentences = [s for s in doc.sents if s.text.strip()]
    sentence_ends = [s.end_char for s in sentences]
    taken = SpanList([p for c in found for p in c.content] + [c.cue for c in found if c.cue is not None])
    for quote in doc_quotes(doc):
        if taken.meeting(*quote):
            continue
        before = _last_char_before(text, quote[0])
        after = _first_char_after(text, quote[1])
        if not before or before not in ".!?\"”'’" or after and after not in "\n":
            continue  # only a quote that stands as the last sentence of its paragraph, after another sentence
        k = bisect_right(sentence_ends, quote[0])
        previous = sentences[k - 1] if k else None
        if previous is None or "\n" in text[previous.end_char : quote[0]]:
            continue
        if not any(
            c.source is not None and c.cue is not None and previous.start_char <= c.cue[0] < previous.end_char
            for c in found
        ):
            continue
        inner = (quote[0] + 1, quote[1] - 1 if text[quote[1] - 1] in "\"”'’" else quote[1])
        if inner[1] - inner[0] < 3:
            continue
        out.append(Candidate("direct", None, None, [inner], confidence=0.5, evidence=CUELESS_QUOTE_EVIDENCE))
    return out


def _last_char_before(text: str, position: int) -> str:
    """The last character before ``position`` that is not a space or tab ("" at the start)."""
    k = position - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return text[k] if k >= 0 else ""


def _first_char_after(text: str, position: int) -> str:
    """The first character from ``position`` on that is not a space or tab ("" at the end)."""
    k = position
    while k < len(text) and text[k] in " \t":
        k += 1
    return text[k] if k < len(text) else ""


def with_unsourced(doc: Doc, found: list[Candidate], quotes: list[CharSpan] | None = None) -> list[Candidate]:
    """``found`` with the report-noun, document-finding and cueless-quote candidates added."""
    quotes = doc_quotes(doc) if quotes is None else quotes
    quotes = quotes if isinstance(quotes, SpanList) else SpanList(quotes)
    in_quote = {t.i for t in doc if quotes.holds(t.idx)}
    documents, dropped = document_finding_candidates(doc, found)
    kept = [c for k, c in enumerate(found) if k not in dropped] + documents
    kept += report_noun_candidates(doc, kept, in_quote)
    kept += cueless_quotes(doc, kept)
    return kept


def _report_noun(token: Token) -> bool:
    """ "report(s)" as a noun, also where the tagger took it for a verb in a noun's place ("amid reports")."""
    if token.lower_ not in ("report", "reports"):
        return False
    return token.tag_ in ("NN", "NNS") or token.dep_ in NOMINAL_DEPS


def _cue_token(doc: Doc, attribution: Attribution) -> Token | None:
    if attribution.cue is None:
        return None
    span = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    return None if span is None or not len(span) else span.root


def mark_unsourced(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Reports with no source mention as "unnamed reports", quantified ones ("some reports") as written,
    both anonymous; a passive of telling with no agent ("X was
    told that …") as "unnamed sources"; both anonymous."""
    marked = []
    for attribution in attributions:
        cue = _cue_token(doc, attribution)
        description = None
        source = attribution.source
        if cue is not None and _report_noun(cue) and source.span is not None and source.span.end == cue.idx + len(cue):
            description = " ".join(source.span.text.split())  # "some reports": vague, as the article puts it
        elif source.span is None and source.entity is None and cue is not None:
            if _report_noun(cue):
                description = UNNAMED_REPORTS
            elif cue.lemma_.lower() in TELLING_VERBS and _agentless_passive(cue):
                description = UNNAMED_SOURCES
        marked.append(attribution if description is None else made_anonymous(attribution, description))
    return marked


def _agentless_passive(verb: Token) -> bool:
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)
