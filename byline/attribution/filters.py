"""What the guideline does not count: detection's candidates screened by docs/attribution-guideline.md §1.

Detection (cue model, tagger, rules) learnt PolNeAR, which marks acts, positions and some of the writer's
own voice that byline's guideline leaves out. ``screen`` reads the parse and the candidates (nothing is
parsed again) and returns the candidates the guideline keeps:

- **acts and states are not statements** ("has approved a bill", "plans to cut jobs", "were charged with"),
  decided from the cue's lemmas (``ACT_PREDICATES``, ``STATEMENT_CUES`` in ``cues.py``); verbs of showing
  and finding ("shows", "found", "suggests") attribute when a document, study, poll or person is their
  subject and are the writer's reasoning when a fact or event is ("The vote shows …");
- **the interviewer's question** ("Asked whether …, she said …") is no one's content and no attribution;
- **the writer's own voice**: readers addressed ("You might recall …", "As you may know", "Let's be clear"),
  the writer's opinion in the first person ("I think …"), and datelines ("WASHINGTON (CNN) –"), which are
  never a cue or source and are trimmed off a content that starts with them;
- **nothing said**: speech refused or not yet made ("declined to comment", "did not respond to a request
  for comment", "could not be reached", "will testify next week"), unless words come with it.

Where a rule is unsure (a directive "ordered X to …", "wants to …", a person who "showed that …", a pronoun
subject of "shows"), the candidate stays with its confidence lowered and the reason in its ``evidence``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from byline.attribution.candidate_parse import (
    UNSAID_VERBS,
    _clause_or_quote,
    _has_words,
    _inside_quote,
    _negated,
    _root,
    _source_text,
    _subject,
    _tokens,
    cue_head,
    subject_kind,
)
from byline.attribution.cues import (
    ACT_PREDICATES,
    ACT_SPEECH_WITH_CLAUSE,
    DEMONSTRATING_VERBS,
    DIRECTIVE_ACTS,
    EVIDENCE_VERBS,
    OBJECT_ACTS,
    QUOTE_MARKS,
    SEEMING_VERBS,
    SPEECH_VERBS,
    STATEMENT_CUES,
)
from byline.attribution.model import Candidate, CharSpan
from byline.attribution.statements import spoken_of, unknown_cue, wordless
from byline.nlp.quotes import doc_quotes
from byline.nlp.spans import SpanMap
from byline.nlp.text import doc_text

# How far an unsure rule lowers a candidate's confidence.
DOUBT = 0.6
TRIM = ",.;:—–- \t\n"
CONNECTIVES = frozenset({"and", "but", "or", "when", "while", "after", "once", "if"})

# A dateline opening a paragraph: "WASHINGTON (CNN) –", "LONDON (Reuters) -", "NEW YORK, May 3 (Reuters) —",
# "ST. PAUL, Minn. —", "(CNN)": a place in capitals (three words at most), an optional state and date, an
# optional agency in brackets, then a dash (the dash may be left out after an agency).
_PLACE = r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.|[A-Z]{2,4}))?"
_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
_AGENCY = r"\([A-Z][A-Za-z.&'\- ]{0,30}\)"
DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:{_PLACE}\s*{_DATE}?\s*(?:{_AGENCY})?\s*[-–—]+|{_PLACE}\s*{_DATE}?\s*{_AGENCY}|{_AGENCY}\s*[-–—]*)"
    r"(?=\s*\S)"
)
# Standing text at the start of a line: "Story continued below", "Read more", "(RELATED: …)", "Editing by …".
STANDING_TEXT = re.compile(
    r"(?im)^[ \t]*(?:story continued below|continue reading|read more\b[^\n]*|click here\b[^\n]*"
    r"|slideshow \(\d+ images?\)|advertisement$|this article is more than [^\n]*? old"
    r"|\(\s*(?:related|read|see|watch|quiz|photos?|video|more|also)\b[^)\n]*\)"
    r"|(?:additional )?(?:reporting|editing|writing) by [^\n]*)"
)

# Verbs whose passive participle introduces an interviewer's question: "Asked whether …", "Pressed on …".
QUESTION_VERBS = frozenset({"ask", "press", "question", "quiz", "query"})
QUESTION_DEPS = frozenset({"ccomp", "prep", "dobj", "xcomp", "advcl", "dative", "oprd", "agent", "attr", "pcomp"})
QUESTION_LABELS = frozenset({"q", "question", "interviewer"})

SECOND_PERSON = frozenset({"you", "ya", "y'all", "yourself", "yourselves"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Thought and belief: in the writer's first person, present tense, the article's own opinion ("I think").
OPINION_VERBS = frozenset(
    "think believe feel suspect doubt guess reckon suppose hope fear worry know imagine expect assume bet".split()
)

# Speech refused or not given: "declined to comment", "did not respond", "could not be reached".
REFUSING_VERBS = frozenset({"decline", "refuse", "fail", "avoid"})
NO_RESPONSE_VERBS = frozenset({"respond", "reply", "return", "answer"})
# Speech events that can be announced before they happen: "will testify next week".
SPEECH_EVENTS = frozenset(
    """
    testify speak address comment brief appear announce unveil deliver present discuss talk answer respond say tell
    """.split()
)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
HYPOTHETICAL_AUX = frozenset({"can", "could", "might", "may", "should"})  # "Congress can discuss …"
EXPECTING_VERBS = frozenset({"expect", "schedule", "set", "due", "slate", "poise"})
# Statements and words an act can carry: "released a statement", "signed a letter", "offered advice".
SPOKEN_OBJECTS = frozenset(
    """
    statement letter memo memorandum report message note email tweet post op-ed editorial column essay cable
    document filing affidavit declaration proclamation communique transcript advice assessment insight
    condolence apology explanation thought opinion view warning criticism praise comment remark testimony
    argument answer response reply
    """.split()
)



def screen(doc: Doc, candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates the guideline keeps: trimmed of datelines and interviewers' questions, without acts,
    the writer's own voice and unsaid speech, and with a lower confidence where the rules are unsure."""
    return [kept for _, kept, _ in screened(doc, candidates) if kept is not None]


def screened(doc: Doc, candidates: Iterable[Candidate]) -> list[tuple[Candidate, Candidate | None, str]]:
    """Each candidate, what the guideline keeps of it (None: nothing) and why ("" when kept as it was)."""
    candidates = list(candidates)
    text = doc_text(doc)
    quotes = doc_quotes(doc)
    datelines = dateline_spans(text)
    questions = question_clauses(doc, quotes)
    asides = reader_asides(doc, quotes)
    contents = SpanMap((piece, c) for c in candidates for piece in c.content)
    out: list[tuple[Candidate, Candidate | None, str]] = []
    for original in candidates:
        candidate = without_datelines(original, datelines, text)
        if candidate is None:
            out.append((original, None, "a dateline"))
            continue
        head = cue_head(doc, candidate)
        if head is not None and is_passive_ask(head) and not _inside_quote(head.idx, quotes):
            out.append((original, None, "an interviewer's question: the one asked is not its source"))
            continue
        away = {t for aside in asides if head is not None and aside.head.i == head.i for t in asides[aside]}
        for verb, question in questions.items():
            if head is not None and head.i not in question and head.i in (verb.head.i, verb.head.head.i):
                away |= question  # the question hung on this cue, or on the clause it reports
        candidate = without_tokens(doc, candidate, away)
        if candidate is None:
            out.append((original, None, "only an interviewer's question or an aside to the reader"))
            continue
        nested = candidate.cue is not None and any(c is not original for c in contents.covering(*candidate.cue))
        verdict = judge(doc, candidate, head, quotes, nested)
        why = "" if candidate is original else "trimmed"
        if verdict is None:
            out.append((original, candidate, why))
        elif verdict[0] == "doubt":
            out.append((original, doubted(candidate, verdict[1]), verdict[1]))
        else:
            out.append((original, None, verdict[1]))
    return out


Verdict = tuple[str, str] | None  # ("drop" | "doubt", why), or None to keep as it is


def judge(doc: Doc, candidate: Candidate, head: Token | None, quotes: list[CharSpan], nested: bool = False) -> Verdict:
    """Whether the guideline counts the candidate: None (yes), ("doubt", why) or ("drop", why). ``nested``:
    the cue lies in another candidate's content (someone's words, where "you" and "I" are theirs)."""
    source = _source_text(doc, candidate)
    if source.lower() in QUESTION_LABELS:
        return "drop", "an unnamed interviewer's question"
    if source.startswith("(") and "speaker-colon" in candidate.evidence:
        return "drop", "a bracketed promotion line ('(QUIZ: …)'), not a speaker"
    if head is None:
        return None
    rules = (unsaid, spoken_of, act_or_state, wordless)
    rules = rules if nested else (writers_voice, *rules)
    for rule in rules:
        verdict = rule(doc, candidate, head, quotes)
        if verdict is not None:
            return verdict
    return unknown_cue(doc, candidate, head, quotes)


def doubted(candidate: Candidate, why: str) -> Candidate:
    """The candidate with its confidence lowered and the reason added to its evidence."""
    evidence = "; ".join(part for part in (candidate.evidence, f"unsure: {why}") if part)
    return replace(candidate, confidence=round(candidate.confidence * DOUBT, 3), evidence=evidence)


# --- trims ---------------------------------------------------------------------------------------------


def dateline_spans(text: str) -> list[CharSpan]:
    """Datelines opening a paragraph ("WASHINGTON (CNN) –", "NEW YORK, May 3 (Reuters) —", "(CNN)"), and
    standing text opening a line ("Story continued below", "(RELATED: …)", "Reporting by …")."""
    spans = []
    for match in DATELINE.finditer(text):
        start = match.start()
        if start and text[start - 1] != "\n":
            continue
        spans.append((start + len(match.group()) - len(match.group().lstrip()), match.end()))
    for match in STANDING_TEXT.finditer(text):
        spans.append((match.start() + len(match.group()) - len(match.group().lstrip()), match.end()))
    return sorted(spans)


def without_datelines(candidate: Candidate, datelines: list[CharSpan], text: str) -> Candidate | None:
    """A dateline is never a cue or a source, and a content that starts with one starts after it."""
    if not datelines:
        return candidate
    if any(_meets(candidate.cue, d) for d in datelines):
        return None
    source = candidate.source
    if source is not None and any(_meets(source, d) for d in datelines):
        start = max([source[0], *(de for ds, de in datelines if _meets(source, (ds, de)))])
        while start < source[1] and text[start] in TRIM:
            start += 1
        source = (start, source[1]) if start < source[1] else None
    content = []
    for start, end in candidate.content:
        for ds, de in datelines:
            if ds <= start < de or (start <= ds and text[start:ds].strip(TRIM + '"“') == ""):
                start = max(start, de)
        while start < end and text[start] in TRIM:
            start += 1
        if end > start:
            content.append((start, end))
    if content == candidate.content and source == candidate.source:
        return candidate
    if not content:
        return None
    return replace(candidate, source=source, content=content)


def _meets(span: CharSpan | None, other: CharSpan) -> bool:
    return span is not None and span[0] < other[1] and other[0] < span[1]


def is_passive_ask(token: Token) -> bool:
    """A passive of ask, press, question ("was asked", "Asked whether …", "when pressed"): the one asked is
    its subject, the one asking is not named, so it lists no one's words."""
    if token.lemma_.lower() not in QUESTION_VERBS or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return True
    return (
        token.tag_ == "VBN"
        and token.dep_ not in ("amod", "compound")
        and not any(c.dep_ in ("nsubj", "aux") for c in token.children)
    )


def question_clauses(doc: Doc, quotes: list[CharSpan]) -> dict[Token, set[int]]:
    """Interviewers' questions put to a source, by their verb: "Asked whether he would run", "when asked about
    the budget" (a passive of ask with its question, hung on the answer; outside quotes)."""
    found: dict[Token, set[int]] = {}
    for token in doc:
        if not is_passive_ask(token) or token.dep_ != "advcl" or _inside_quote(token.idx, quotes):
            continue
        asked = [c for c in token.children if c.dep_ in QUESTION_DEPS and c.dep_ != "agent"]
        if not asked or any(c.dep_ == "agent" for c in token.children):
            continue
        question = {token.i}
        for child in token.children:
            if child.dep_ in QUESTION_DEPS or child.dep_ == "nsubjpass":
                question |= {t.i for t in child.subtree}
            elif child.dep_ in ("aux", "auxpass", "mark", "neg") or (child.dep_ == "advmod" and child.i < token.i):
                question.add(child.i)
        found[token] = question
    return found


def reader_asides(doc: Doc, quotes: list[CharSpan]) -> dict[Token, set[int]]:
    """The writer's asides to the reader outside quotes, by their head: "As you may know,", "As we reported,",
    "Let's be clear:" (trimmed from the content of the cue they hang on)."""
    found: dict[Token, set[int]] = {}
    for token in doc:
        if _inside_quote(token.idx, quotes):
            continue
        subject = None
        if token.dep_ == "advcl" and token.pos_ in ("VERB", "AUX"):  # before walking the children: most tokens fail
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            as_mark = any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
            if as_mark and subject.lower_ in SECOND_PERSON | FIRST_PERSON:
                found[token] = {t.i for t in token.subtree}
        if token.lower_ == "let" and token.i == token.sent.start:
            us = next((c for c in token.subtree if c.lower_ in ("'s", "’s", "us")), None)
            colon = next((t for t in token.sent if t.text in (":", "—", "–") and t.i > token.i), None)
            if us is not None and colon is not None and colon.i - token.i <= 6:
                found[token] = set(range(token.i, colon.i + 1))
    return found


def without_tokens(doc: Doc, candidate: Candidate, away: set[int]) -> Candidate | None:
    """The candidate with ``away`` taken out of its content (None when nothing is left of it)."""
    if not away or not candidate.content:
        return candidate
    pieces = []
    changed = False
    for piece in candidate.content:
        tokens = _tokens(doc, piece)
        if not any(t.i in away for t in tokens):
            pieces.append(piece)
            continue
        changed = True
        run: list[Token] = []
        for token in [*tokens, None]:
            if token is not None and token.i not in away:
                run.append(token)
                continue
            span = _tidy(doc_text(doc), run)
            if span is not None:
                pieces.append(span)
            run = []
    if not changed:
        return candidate
    pieces = [p for p in pieces if any(ch.isalnum() for ch in doc_text(doc)[p[0] : p[1]])]
    return replace(candidate, content=pieces) if pieces else None


def _tidy(text: str, run: list[Token]) -> CharSpan | None:
    """A run of tokens as a span, without the punctuation and connective ("and", "when") left at its ends."""
    while run and (_loose(run[0]) or run[0].lower_ in CONNECTIVES):
        run = run[1:]
    while run and (_loose(run[-1]) or run[-1].lower_ in CONNECTIVES):
        run = run[:-1]
    if not run:
        return None
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    return (start, end) if end > start else None


def _loose(token: Token) -> bool:
    return token.is_space or token.is_punct and token.text not in QUOTE_MARKS


# --- rules ----------------------------------------------------------------------------------------------


def writers_voice(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """The writer addressing readers ("You might recall", "Remember that …", "As we reported") or giving the
    article's own opinion in the first person ("I think …"): the outlet's voice, not an attribution."""
    if _inside_quote(head.idx, quotes):
        return None
    subject = _root(_tokens(doc, candidate.source)) or next(
        (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None
    )
    who = subject.lower_ if subject is not None else ""
    if subject is not None and _inside_quote(subject.idx, quotes):
        return None
    if who in SECOND_PERSON:
        return "drop", "the writer addressing readers"
    if who in ("'s", "’s", "us") and any(t.lower_ == "let" for t in head.sent[:3]):
        return "drop", "the writer addressing readers"
    imperative = (
        head.tag_ == "VB"
        and head.dep_ == "ROOT"
        and subject is None
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "expl") for c in head.children)
        and all(t.is_punct or t.dep_ in ("cc", "advmod", "neg", "aux") for t in head.sent[: head.i - head.sent.start])
    )
    if imperative and candidate.source is None:
        return "drop", "the writer addressing readers (an imperative)"
    if who not in FIRST_PERSON:
        return None
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in head.children):
        return "drop", "the writer's aside ('as we reported')"
    lemma = head.lemma_.lower()
    modal = any(c.lower_ in ("would", "'d", "must") for c in head.children if c.dep_ == "aux")
    past = head.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in head.children if c.dep_ == "aux")
    if lemma in OPINION_VERBS and not past or modal and lemma in STATEMENT_CUES:
        return "drop", "the writer's own opinion in the first person"
    if lemma in OPINION_VERBS:
        return "doubt", "the writer's own thought in the first person"
    return None


def _writers_prediction(head: Token) -> bool:
    """The writer foreseeing an act ("X is not likely to buy that argument"): no one is said to have spoken."""
    if head.lemma_ != "be":
        return False
    likely = next((c for c in head.children if c.dep_ == "acomp" and c.lower_ in ("likely", "unlikely")), None)
    then = next((c for c in likely.children if c.dep_ == "xcomp"), None) if likely is not None else None
    return then is not None and then.lemma_.lower() not in SPEECH_VERBS


def unsaid(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """Speech refused, not given or not yet made, with nothing said: "declined to comment", "did not respond
    to a request for comment", "could not be reached", "will testify next week"."""
    lemma = head.lemma_.lower()
    cue = _tokens(doc, candidate.cue)
    if lemma == "expect" and any(t.lower_ == "than" or t.lower_ == "as" for t in doc[max(head.i - 2, 0) : head.i]):
        return "drop", "'than expected' is the writer's comparison"
    if _writers_prediction(head):
        return "drop", "'likely to' with no words said is the writer's prediction"
    words = _has_words(doc, candidate, head)
    if lemma in REFUSING_VERBS:
        content = [t for piece in candidate.content for t in _tokens(doc, piece)]
        chained = [c for c in head.children if c.dep_ == "xcomp"] + [t for t in cue if t.i != head.i]
        chained += [t for t in content if t.pos_ in ("VERB", "AUX")][:1]
        said = [t for t in chained if t.pos_ in ("VERB", "AUX")]
        if said and all(t.lemma_.lower() in UNSAID_VERBS for t in said) and not words:
            return "drop", "refused speech with nothing said"
        if said and not words and not any(_speech_act(t) for t in said):
            return "drop", f"'{head.text} to {said[0].text}' refuses an act, not words"
        return None
    if lemma == "reach" and _negated(head, cue) and not words:
        return "drop", "could not be reached: nothing said"
    if lemma in NO_RESPONSE_VERBS and (_negated(head, cue) or candidate.negated) and not words:
        content = [t for piece in candidate.content for t in _tokens(doc, piece)]
        if not any(t.pos_ in ("VERB", "AUX") for t in content):  # "a request for comment", not "whether …"
            return "drop", "no response: nothing said"
    content_text = " ".join(doc_text(doc)[s:e] for s, e in candidate.content).lower()
    if re.fullmatch(r"\W*(no|without)( immediate| further)? comment\W*", content_text):
        return "drop", "no comment: nothing said"
    modals = FUTURE_AUX if _negated(head, cue) else FUTURE_AUX | HYPOTHETICAL_AUX
    future = any(
        c.lower_ in modals and all(t.pos_ in ("ADV", "PART") for t in doc[c.i + 1 : head.i])
        for c in head.children
        if c.dep_ == "aux" and c.i < head.i
    )
    speech = lemma in SPEECH_EVENTS
    if not future and lemma in EXPECTING_VERBS:
        event = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH_EVENTS), None)
        if event is not None:
            future, speech, head = True, True, event
    elif not future and head.dep_ == "xcomp" and head.head.lemma_.lower() in EXPECTING_VERBS:
        future = True
    if future and speech:
        if words or any(c.dep_ == "ccomp" for c in head.children):
            return "doubt", "speech announced for later, not yet made"
        return "drop", "speech announced for later, nothing said"
    return None


def act_or_state(doc: Doc, candidate: Candidate, head: Token, quotes: list[CharSpan]) -> Verdict:
    """Acts, decisions and positions are not statements; showing and finding attribute only when a document,
    study, poll or person does it (docs/attribution-guideline.md §1)."""
    if head.pos_ not in ("VERB", "AUX"):
        return None
    lemma = head.lemma_.lower()
    cue = _tokens(doc, candidate.cue)
    chain = [t for t in cue if t.i != head.i and t.pos_ == "VERB" and t.lemma_.lower() in STATEMENT_CUES]
    if chain:
        return None  # "released a statement saying", "signed a letter calling for"
    if lemma == "speak" and any(c.lower_ == "volumes" for c in head.children):
        return "drop", "'speaks volumes' is the writer's evaluation"
    if lemma == "know" and any(c.lower_ == "as" and c.i == head.i + 1 for c in head.children):
        return "drop", "'known as' gives a name, not anyone's words"
    if lemma in SEEMING_VERBS and not any(c.dep_ == "dobj" for c in head.children):
        seeming = [c for c in head.children if c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd")]
        if seeming and not any(_speech_act(c) for c in seeming):  # not "appeared to suggest that …"
            return "drop", f"'{head.text}' is the writer's perception"
        return None
    if lemma in EVIDENCE_VERBS:
        return _evidence(doc, candidate, head, lemma)
    if lemma in ACT_PREDICATES:
        return _act(doc, candidate, head, lemma)
    if lemma in ("want", "wish") or lemma == "hope" and any(c.dep_ == "xcomp" for c in head.children):
        return "doubt", f"'{head.text}' states an intention, not words"
    return None


def _evidence(doc: Doc, candidate: Candidate, head: Token, lemma: str) -> Verdict:
    kind = subject_kind(_subject(doc, candidate, head))
    if kind == "document":
        return None
    if kind == "fact":
        return "drop", f"'{head.text}' with a fact or event as subject is the writer's reasoning"
    if kind == "unsure":
        return "doubt", f"'{head.text}' with no clear document or person as subject"
    if lemma in DEMONSTRATING_VERBS and not (lemma == "find" and any(c.dep_ == "ccomp" for c in head.children)):
        return "doubt", f"a person who '{head.text}' may act rather than speak"
    return None


def _act(doc: Doc, candidate: Candidate, head: Token, lemma: str) -> Verdict:
    children = list(head.children)
    clause = _clause_or_quote(doc, candidate, head)
    if lemma in OBJECT_ACTS and not any(c.dep_ == "dobj" for c in children):
        return None  # "referred to the deal as a disaster"
    if lemma == "agree":  # "agreed that …" is a statement; "agreed to act", "agreed to a deal" an act
        to = any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "to" for c in children)
        return ("drop", f"'{head.text}' to act is an act") if to and not clause else None
    if lemma == "charge" and clause:
        return None  # "charged that …": an accusation
    if lemma in ACT_SPEECH_WITH_CLAUSE and clause:
        return "doubt", f"'{head.text}' with words may be a position held"
    intended = next((c for c in children if c.dep_ == "xcomp" and _speech_act(c)), None)
    if intended is not None:  # "tried to make the case that …", "plans to call on …"
        return "doubt", f"'{head.text} to {intended.text}': speech intended, maybe not made"
    if lemma in DIRECTIVE_ACTS and (
        any(c.dep_ == "ccomp" for c in children)
        or any(c.dep_ == "dobj" for c in children)
        and any(c.dep_ == "xcomp" for c in children)
    ):
        return "doubt", f"a directive ('{head.text}' someone to act) may be an act rather than words"
    spoken = next((c for c in children if c.dep_ == "dobj" and c.lemma_.lower() in SPOKEN_OBJECTS), None)
    if spoken is not None and not any(d.lower_ == "no" for d in spoken.children):
        return "doubt", f"'{head.text} {spoken.text}': words given, but not here"
    return "drop", f"'{head.text}' is an act or position, not a statement"


def _speech_act(verb: Token) -> bool:
    """A verb of speech, or "make the case / the argument / the point"."""
    if verb.lemma_.lower() in STATEMENT_CUES:
        return True
    return verb.lemma_.lower() == "make" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("case", "argument", "point", "pitch", "claim") for c in verb.children
    )
