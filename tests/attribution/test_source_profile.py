"""Who the sources are: each attribution's source category and, for a person, gender, with the evidence."""

from __future__ import annotations

import importlib.util
import json

import pytest

from byline.attribution import source_gender as sg
from byline.attribution.source_gender import first_name, name_gender, words_gender
from byline.attribution.source_profile import SourcesStage, organisation_category, role_category
from byline.attribution.source_profile_eval import evaluate_sources, matching_attribution
from byline.attribution.stage import AttributionStage
from byline.entities.stage import REGISTRY_KEY, EntityStage
from byline.pipeline import STAGE_FACTORIES, Context
from byline.reading import Article, Reading


def read(nlp, text: str, entities: bool = True) -> Context:
    ctx = Context(doc=nlp(text), reading=Reading(article=Article(text=text)))
    stages = [EntityStage()] if entities else []
    for stage in (*stages, AttributionStage(), SourcesStage()):
        stage.write(ctx, stage.find(ctx))
    return ctx


def source_of(nlp, text: str, mention: str):
    """The profiled source whose mention is ``mention``."""
    ctx = read(nlp, text)
    sources = [a.source for a in ctx.reading.attributions if a.source.span is not None]
    found = [s for s in sources if s.span.text.strip(" ,") == mention]
    assert found, [s.span.text for s in sources]
    return found[0]


def test_the_stage_is_registered():
    assert STAGE_FACTORIES["sources"] is SourcesStage


def test_a_senator_is_a_politician_and_she_a_woman(nlp):
    text = "Sen. Elizabeth Warren said the bill would fail. She added that she would vote against it."
    ctx = read(nlp, text)
    first, second = ctx.reading.attributions[:2]
    for source in (first.source, second.source):
        assert (source.category, source.gender) == ("politician", "female")
    assert first.source.evidence["category"] == "title 'senator'"
    assert "pronoun" in first.source.evidence["gender"] and "she" in first.source.evidence["gender"].lower()
    assert second.source.evidence["gender"] == "pronoun 'She'"  # the source is the pronoun itself


def test_an_unnamed_spokesman_is_anonymous(nlp):
    source = source_of(nlp, "A Pentagon spokesman said the strike had hit its target.", "A Pentagon spokesman")
    assert source.category == "anonymous" and "Pentagon spokesman" in source.evidence["category"]
    assert source.gender == "male" and source.evidence["gender"] == "noun 'spokesman'"  # as the guideline has it


def test_a_report_is_a_document_with_no_gender(nlp):
    source = source_of(nlp, "The report said unemployment rose sharply in March.", "The report")
    assert (source.category, source.gender) == ("document", None)
    assert "gender" not in source.evidence


def test_a_professor_is_an_expert(nlp):
    text = "Professor Jane Roe of Yale University said the findings were robust."
    source = source_of(nlp, text, "Professor Jane Roe of Yale University")
    assert source.category == "expert" and "professor" in source.evidence["category"]
    assert source.gender == "female" and "Jane" in source.evidence["gender"]  # the lexicon's first names


@pytest.mark.parametrize(
    ("text", "mention", "category"),
    [
        ("The Justice Department said it would appeal the ruling.", "The Justice Department", "government"),
        ("Acme Corp. said it would cut 500 jobs.", "Acme Corp.", "business"),
        ("The American Civil Liberties Union said the law was unconstitutional.",
         "The American Civil Liberties Union", "advocacy"),
        ("According to a new poll, 64 percent of voters backed the plan.", "a new poll", "document"),
    ],
)
def test_organisations_and_documents_have_no_gender(nlp, text, mention, category):
    source = source_of(nlp, text, mention)
    assert (source.category, source.gender) == (category, None)


def test_descriptions_by_apposition(nlp):
    resident = source_of(nlp, "Maria Lopez, a mother of two, said the school was safe.", "Maria Lopez, a mother of two")
    assert (resident.category, resident.gender) == ("citizen", "female")
    assert resident.evidence["gender"] == "noun 'mother'"
    reporter = source_of(
        nlp, "Jane Doe, a reporter for The Washington Post, said the story was true.",
        "Jane Doe, a reporter for The Washington Post",
    )
    assert reporter.category == "media"


def test_unknown_when_unsure(nlp):
    named = source_of(nlp, "Pat Quinlan said the road had been closed for weeks.", "Pat Quinlan")
    assert named.category == "person" and named.gender == "unknown"  # named, no role; "Pat" goes either way
    assert named.evidence["category"] == "named, no role in the text"
    pronoun = source_of(nlp, "It said the fix was easy.", "It")
    assert (pronoun.category, pronoun.gender) == ("unknown", None)
    he = source_of(nlp, '"No," he said.', "he")
    assert (he.category, he.gender) == ("unknown", "male")  # who he is, unknown; that he is a man, said


def test_the_stage_builds_a_registry_when_none_was_left_and_keeps_the_rest(nlp):
    text = "Sen. Elizabeth Warren said the bill would fail."
    ctx = read(nlp, text, entities=False)
    assert REGISTRY_KEY in ctx.shared
    attribution = ctx.reading.attributions[0]
    assert attribution.source.category == "politician" and attribution.source.entity is not None
    again = SourcesStage()
    before = [a.model_dump(exclude={"source"}) for a in ctx.reading.attributions]
    again.write(ctx, again.find(ctx))
    assert [a.model_dump(exclude={"source"}) for a in ctx.reading.attributions] == before


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("senator", "politician"),
        ("president", "politician"),
        ("fbi director", "government"),
        ("department spokeswoman", "government"),
        ("judicial watch president", "advocacy"),
        ("house minority leader", "politician"),
        ("a psychologist at the university of glasgow scotland", "expert"),
        ("university of north texas assistant general counsel", "expert"),
        ("the chief content officer for houghton mifflin harcourt", "business"),
        ("the sixteen year old climate activist", "advocacy"),
        ("a veteran political consultant and longtime adviser to president donald trump", "politician"),
        ("his wife", "citizen"),
        ("berea 's vice president of finance", None),  # a college's officer: none of the categories
        ("air force veteran", None),  # a past affiliation says nothing of what one speaks as
        ("the christian baker at the heart of the masterpiece cakeshop supreme court case", None),
        ("a spokesman for the sierra club", None),  # a spokesman's kind is his body's, here unknown
    ],
)
def test_role_category(phrase, category):
    found = role_category(phrase)
    assert (found[0] if found else None) == category


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("State Department", "government"),
        ("FBI", "government"),
        ("Harvard University", "expert"),
        ("Center for Strategic and International Studies", "expert"),
        ("Goldman Sachs Group Inc.", "business"),
        ("Twitter", "business"),
        ("Judicial Watch", "advocacy"),
        ("Republican National Committee", "politician"),
        ("NRA", "advocacy"),
        ("The Times", "media"),
        ("Acme", None),
    ],
)
def test_organisation_category(name, category):
    found = organisation_category(name)
    assert (found[0] if found else None) == category


def test_gender_words_and_names(monkeypatch):
    assert words_gender(["mrs."]) == ("female", "honorific 'mrs.'")
    assert words_gender(["congressman"]) == ("male", "noun 'congressman'")
    assert words_gender(["official"]) is None
    assert first_name("Rick “Ozzie” Nelson") == "Rick" and first_name("Nelson") is None
    assert first_name("J. Smith") is None
    monkeypatch.setattr(sg, "_NAME_DATA", {})
    assert name_gender("Mary Jones") == ("female", "first name 'Mary'")
    assert name_gender("Greta Jones") is None  # not in the lexicon, and no name data


def test_the_name_data_is_read_from_the_installed_package(monkeypatch):
    monkeypatch.setattr(sg, "NAME_DATA_PACKAGE", "no_such_package_here")
    assert sg._read_name_data() == {}
    monkeypatch.undo()
    if importlib.util.find_spec("nomquamgender") is None:
        pytest.skip("nomquamgender (the names extra) not installed")
    gender, why = name_gender("Greta Thunberg")
    assert gender == "female" and "nomquamgender" in why


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_eval_scores_the_half_asked_for_only(tmp_path):
    from byline.pipeline import Reader
    from byline.settings import Settings

    warren = "Sen. Elizabeth Warren said the bill would fail."
    report = "The report said unemployment rose sharply in March."
    items = [
        {"item": "s000", "article_id": "a", "outlet": "X", "text": warren, "mention": "Sen. Elizabeth Warren",
         "start": 0, "end": 21, "half": "dev"},
        {"item": "s001", "article_id": "b", "outlet": "X", "text": report, "mention": "The report",
         "start": 0, "end": 10, "half": "dev"},
        {"item": "s100", "article_id": "c", "outlet": "X", "text": report, "mention": "The report",
         "start": 0, "end": 10, "half": "test"},
    ]
    gold = [
        {"item": "s000", "category": "politician", "gender": "female", "basis": "pronoun"},
        {"item": "s001", "category": "expert", "gender": "n/a", "basis": "none"},
        {"item": "s100", "category": "document", "gender": "n/a", "basis": "none"},
    ]
    _write_jsonl(tmp_path / "items.jsonl", items)
    _write_jsonl(tmp_path / "gold.jsonl", gold)
    sources = Reader(Settings(min_confidence=0.0), stages=("sentences", "entities", "attribution", "sources"))
    scores = evaluate_sources(tmp_path / "gold.jsonl", tmp_path / "items.jsonl", "dev", sources)
    assert scores["n_items"] == scores["n_labelled"] == scores["n_matched"] == 2
    assert [i["item"] for i in scores["items"]] == ["s000", "s001"]
    assert scores["category"] == {"n": 2, "predicted": 2, "precision": 0.5, "coverage": 1.0, "accuracy": 0.5}
    assert scores["gender"] == {"n": 1, "predicted": 1, "precision": 1.0, "coverage": 1.0, "accuracy": 1.0}
    assert scores["gender_all"] == {"n": 2, "accuracy": 1.0}  # gold n/a and byline's None agree
    assert scores["category_confusion"] == {"document <- expert": 1}


def test_the_matching_attribution_is_the_exact_one_else_the_most_overlapping(nlp):
    ctx = read(nlp, "Sen. Elizabeth Warren said the bill would fail. Acme Corp. said it would cut jobs.")
    first, second = ctx.reading.attributions[:2]
    span = second.source.span
    assert matching_attribution(ctx.reading, span.start, span.end) is second
    assert matching_attribution(ctx.reading, 5, 12) is first  # "Elizabeth" inside "Sen. Elizabeth Warren"
    assert matching_attribution(ctx.reading, 1000, 1010) is None


def test_the_eval_command(tmp_path):
    from typer.testing import CliRunner

    from byline.cli import app

    text = "Sen. Elizabeth Warren said the bill would fail."
    _write_jsonl(tmp_path / "items.jsonl", [
        {"item": "s000", "article_id": "a", "outlet": "X", "text": text, "mention": "Sen. Elizabeth Warren",
         "start": 0, "end": 21, "half": "dev"},
    ])
    _write_jsonl(tmp_path / "gold.jsonl", [{"item": "s000", "category": "politician", "gender": "female"}])
    args = ["eval", "sources", "--gold", str(tmp_path / "gold.jsonl"), "--items", str(tmp_path / "items.jsonl")]
    runner = CliRunner()
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["category"]["precision"] == 1.0
    assert "category  precision 1.000" in runner.invoke(app, args).output
    assert runner.invoke(app, [*args, "--half", "train"]).exit_code == 2
    missing = runner.invoke(app, ["eval", "sources", "--gold", str(tmp_path / "no.jsonl"), "--items", args[-1]])
    assert missing.exit_code == 1 and "no such file" in missing.output
    (tmp_path / "bad.jsonl").write_text('{"item": "s000", "text": "x", "half": "dev"}\n', encoding="utf-8")
    bad = runner.invoke(app, ["eval", "sources", "--gold", args[3], "--items", str(tmp_path / "bad.jsonl")])
    assert bad.exit_code == 1 and "malformed" in bad.output and "Traceback" not in bad.output
