"""A real reading (the council-budget sample, as byline read it) with voice, opinion and slant added by hand.

The base is ``data/council-budget.json``; the sentence opinions, the technique spans (some the outlet's,
some a quoted speaker's) and the Slant summary are invented here, as the slant stage would write them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from byline.reading import LabeledSpan, Reading, Slant, TechniqueUse

BASE = Path(__file__).resolve().parent / "data" / "council-budget.json"

OUTLET_OPINION = "The closures are a mistake the city will regret for years."
MIXED_OPINION = "He called the cuts “a quiet retreat from the neighbourhoods that need us most.”"
REPORTING = "Residents who packed the public gallery were less impressed."
QUOTED_OPINION = "“We made choices nobody on this council wanted to make,” Whitfield told reporters after the vote."

# (phrase, technique, owner attrs)
TECHNIQUES: list[tuple[str, str, dict[str, str]]] = [
    ("a mistake", "Loaded_Language", {"owner": "outlet"}),
    ("regret for years", "Exaggeration-Minimisation", {"owner": "outlet"}),
    ("a quiet retreat", "Loaded_Language", {"owner": "speaker", "attribution": "a5", "speaker": "Ravi Menon"}),
    (
        "a budget that pretends the money is there is not a budget at all",
        "Slogans",
        {"owner": "speaker", "attribution": "a3", "speaker": "Dana Whitfield"},
    ),
    # no speaker name: the page and the report name the attribution's speaker
    ("always find money for consultants", "Loaded_Language", {"owner": "speaker", "attribution": "a14"}),
]


def base_reading() -> Reading:
    return Reading.model_validate_json(BASE.read_text(encoding="utf-8"))


def sentence_at(reading: Reading, sentence_text: str) -> int:
    start = reading.article.text.index(sentence_text)
    return next(i for i, s in enumerate(reading.sentences) if s.start == start)


def with_opinions(reading: Reading) -> Reading:
    """Every sentence judged: reporting is objective; two opinions in the outlet's voice, one quoted."""
    opinions = {
        OUTLET_OPINION: {"subjective": True, "subjectivity": 0.93, "bias": 0.64},
        MIXED_OPINION: {"subjective": True, "subjectivity": 0.66, "voice": "mixed", "attributed_share": 0.78},
        QUOTED_OPINION: {"subjective": True, "subjectivity": 0.81},
        REPORTING: {"subjective": False, "subjectivity": 0.38},
    }
    by_index = {sentence_at(reading, text): update for text, update in opinions.items()}
    reading.sentences = [
        s.model_copy(update=by_index.get(i, {"subjective": False, "subjectivity": 0.12, "bias": 0.08}))
        for i, s in enumerate(reading.sentences)
    ]
    return reading


def with_techniques(reading: Reading) -> Reading:
    text = reading.article.text
    for phrase, label, attrs in TECHNIQUES:
        start = text.index(phrase)
        span = reading.span(start, start + len(phrase))
        reading.spans.append(
            LabeledSpan(**span.model_dump(), layer="slant", label=label, confidence=0.8, evidence="test", attrs=attrs)
        )
    return reading


def with_summary(reading: Reading) -> Reading:
    reading.slant = Slant(
        author_sentences=2,
        author_opinion_share=0.5,
        attributed_opinion_share=0.15,
        loaded_outlet=1,
        loaded_quoted=2,
        techniques=[
            TechniqueUse(label="Loaded_Language", outlet=1, speakers=2, examples=["a mistake", "a quiet retreat"]),
            TechniqueUse(label="Exaggeration-Minimisation", outlet=1, examples=["regret for years"]),
            TechniqueUse(label="Slogans", speakers=1, examples=[TECHNIQUES[3][0]]),
        ],
    )
    return reading


def slanted_reading() -> Reading:
    """The sample reading with opinions, technique spans and the Slant summary."""
    return with_summary(with_techniques(with_opinions(base_reading())))


@pytest.fixture
def slanted() -> Reading:
    return slanted_reading()


@pytest.fixture
def council() -> Reading:
    """The sample reading as byline reads it today: voices, but no opinion or slant."""
    return base_reading()


@pytest.fixture
def build() -> dict[str, Callable[[Reading], Reading]]:
    """The steps that add slant data, to apply some of them only."""
    return {"opinions": with_opinions, "techniques": with_techniques, "summary": with_summary}
