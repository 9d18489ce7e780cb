"""The voice and slant layers of the HTML reading.

Each sentence is drawn in its voice (the outlet's own, a speaker's, or mixed); the outlet's opinion
sentences are tinted; persuasion techniques are underlined by owner: the outlet's own words or a quoted
speaker's. A legend with a toggle per layer shows and hides them (the page's script flips a class on the
article; nothing is redrawn).
"""

from __future__ import annotations

from dataclasses import dataclass

from byline.reading import LabeledSpan, Reading, Sentence
from byline.render.html_marks import SEP, Mark, ReadingIndex, esc, humanise, slug, valid_span

LAYER_CLASSES = {"slant": "ly-slant", "voice": "ly-voice"}
OWNER_CLASSES = {"outlet": "by-outlet", "speaker": "by-speaker"}
OUTLET_VOICES = ("author", "mixed")
VOICE_SAMPLES = {
    "author": ("Outlet", "the outlet's own sentence"),
    "mixed": ("Mixed", "partly the outlet's, partly quoted"),
    "attributed": ("Quoted", "a speaker's sentence"),
}
SENTENCE_RANK = -1  # a sentence is drawn outside every span it holds


# --------------------------------------------------------------------------------------------- owners


@dataclass(frozen=True)
class Owner:
    """Whose words a technique span is: the outlet's own, or a quoted speaker's (``name``)."""

    kind: str
    name: str

    @property
    def phrase(self) -> str:
        return "in the outlet's own voice" if self.kind == "outlet" else f"in a quote from {self.name}"


def technique_owner(span: LabeledSpan, ix: ReadingIndex) -> Owner | None:
    """The owner named in a slant span's attrs, if any; a speaker is named by the span or its attribution."""
    owner = span.attrs.get("owner")
    if owner == "outlet":
        return Owner("outlet", "the outlet")
    if owner == "speaker":
        name = span.attrs.get("speaker") or ix.labels.get(str(span.attrs.get("attribution"))) or "a speaker"
        return Owner("speaker", str(name))
    return None


def layer_tip(span: LabeledSpan, owner: Owner | None = None) -> str:
    """What hovering a later-layer span says: the label, its owner (else its layer), confidence and evidence."""
    parts = [humanise(span.label), owner.phrase if owner else span.layer]
    if span.confidence < 1.0:
        parts.append(f"confidence {span.confidence:.2f}")
    if span.evidence:
        parts.append(span.evidence)
    return SEP.join(parts)


def layer_marks(reading: Reading, ix: ReadingIndex) -> list[Mark]:
    """Marks for spans of later layers (voice, slant, …), each focusable with its label as a tooltip;
    a slant span with an owner is classed by it (``by-outlet``, ``by-speaker``)."""
    size = len(reading.article.text)
    marks = []
    for span in reading.spans:
        if not valid_span(span.start, span.end, size):
            continue
        owner = technique_owner(span, ix) if span.layer == "slant" else None
        classes = f"ly {LAYER_CLASSES.get(span.layer, 'ly-other')} lb-{slug(span.label)}"
        attrs = [("class", classes), ("data-layer", span.layer), ("data-label", span.label)]
        if owner is not None:
            attrs[0] = ("class", f"{classes} {OWNER_CLASSES[owner.kind]}")
            attrs += [("data-owner", owner.kind), ("data-who", owner.name)]
        attrs.append(("data-tip", layer_tip(span, owner)))
        marks.append(Mark(span.start, span.end, 4, tuple(attrs), (("tabindex", "0"),)))
    return marks


# --------------------------------------------------------------------------------------------- sentences


def is_outlet_opinion(sentence: Sentence) -> bool:
    """A subjective sentence wholly or partly in the outlet's own voice."""
    return sentence.subjective is True and sentence.voice in OUTLET_VOICES


def opinion_tip(sentence: Sentence) -> str:
    """What hovering an opinion sentence says: whose voice, its probability and bias where known."""
    voice = "the outlet's voice" if sentence.voice == "author" else "partly the outlet's voice"
    parts = [f"Opinion in {voice}"]
    if sentence.subjectivity is not None:
        parts.append(f"probability {sentence.subjectivity:.2f}")
    if sentence.bias is not None:
        parts.append(f"bias {sentence.bias:.2f}")
    return SEP.join(parts)


def sentence_mark(sentence: Sentence) -> Mark:
    """A sentence's voice (class ``v-…``, with ``data-lead`` on its first piece for the margin tick) and,
    for the outlet's opinion, class ``op`` with a tooltip."""
    opinion = is_outlet_opinion(sentence)
    classes = ["snt"] + ([f"v-{sentence.voice}"] if sentence.voice else []) + (["op"] if opinion else [])
    attrs = [("class", " ".join(classes))]
    first: list[tuple[str, str]] = []
    if sentence.voice:
        attrs.append(("data-voice", sentence.voice))
        first.append(("data-lead", sentence.voice))
    if opinion:
        attrs.append(("data-tip", opinion_tip(sentence)))
        first.append(("tabindex", "0"))
    return Mark(sentence.start, sentence.end, SENTENCE_RANK, tuple(attrs), tuple(first))


def sentence_marks(reading: Reading) -> list[Mark]:
    """A mark per sentence with a voice (an opinion is only ever shown in the outlet's voice)."""
    size = len(reading.article.text)
    return [sentence_mark(s) for s in reading.sentences if s.voice is not None and valid_span(s.start, s.end, size)]


# --------------------------------------------------------------------------------------------- legend


def _slant_spans(reading: Reading) -> list[LabeledSpan]:
    size = len(reading.article.text)
    return [s for s in reading.spans if s.layer == "slant" and valid_span(s.start, s.end, size)]


def _toggle(name: str, label: str) -> str:
    return f'<label class="toggle"><input type="checkbox" data-toggle="{name}" checked>{esc(label)}</label>'


def _sample(classes: str, sample: str, text: str, lead: str | None = None) -> str:
    data = f' data-lead="{esc(lead)}"' if lead else ""
    return f'<span class="pair"><span class="sample {classes}"{data}>{esc(sample)}</span> {esc(text)}</span>'


def _voice_row(reading: Reading) -> str:
    voices = {s.voice for s in reading.sentences if s.voice}
    samples = "".join(
        _sample(f"snt v-{voice}", sample, text, lead=voice)
        for voice, (sample, text) in VOICE_SAMPLES.items()
        if voice in voices
    )
    return f'<li data-row="voice">{_toggle("voice", "Voice")}{samples}</li>' if samples else ""


def _opinion_row(reading: Reading) -> str:
    count = sum(1 for s in reading.sentences if is_outlet_opinion(s))
    if not count:
        return ""
    sample = _sample("snt op", "Marked", f"opinion in the outlet's voice ({count}; hover for its probability)")
    return f'<li data-row="opinion">{_toggle("opinion", "Opinion")}{sample}</li>'


def _techniques_row(reading: Reading, ix: ReadingIndex) -> str:
    spans = _slant_spans(reading)
    if not spans:
        return ""
    kinds = {owner.kind if owner else None for owner in (technique_owner(s, ix) for s in spans)}
    samples = ""
    if "outlet" in kinds:
        samples += _sample("ly ly-slant by-outlet", "Wavy", "a technique in the outlet's own voice")
    if "speaker" in kinds:
        samples += _sample("ly ly-slant by-speaker", "Dashed", "a technique in a quote (hover for whose)")
    if None in kinds:
        samples += _sample("ly ly-slant", "Wavy", "a persuasion technique")
    names = ", ".join(dict.fromkeys(humanise(s.label) for s in spans))
    return (
        f'<li data-row="techniques">{_toggle("techniques", "Techniques")}{samples}'
        f'<span class="names">{esc(names)}</span></li>'
    )


def layers_legend(reading: Reading, ix: ReadingIndex) -> str:
    """The legend of the voice, opinion and technique marks, a show/hide toggle on each; empty when the
    reading has none of them."""
    rows = _voice_row(reading) + _opinion_row(reading) + _techniques_row(reading, ix)
    if not rows:
        return ""
    return (
        '<section class="legend-strip layers" aria-label="Voice, opinion and techniques">'
        f'<ul class="legend layer-legend">{rows}</ul></section>'
    )


def slant_figures(reading: Reading) -> list[tuple[str, str, str]]:
    """(label, value, note) of the slant summary for the profile, where the reading has one."""
    slant = reading.slant
    if slant is None:
        return []
    figures = []
    if slant.author_opinion_share is not None:
        note = f"of the outlet's own {slant.author_sentences} sentences"
        figures.append(("Outlet opinion", f"{100 * slant.author_opinion_share:.0f}%", note))
    if slant.loaded_outlet or slant.loaded_quoted:
        note = f"in the outlet's voice; {slant.loaded_quoted} in quotes"
        figures.append(("Loaded words", str(slant.loaded_outlet), note))
    return figures
