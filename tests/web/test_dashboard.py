"""``byline serve --db``: the corpus dashboard (/corpus) and its figures (/corpus.json) over a small database
(tests/web/dashboard_corpus.py has its figures, counted by hand)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest

pytest.importorskip("duckdb")

from typer.testing import CliRunner  # noqa: E402

from byline.cli import app as cli  # noqa: E402
from byline.corpus.report import corpus_report, render_report  # noqa: E402
from byline.errors import BylineError  # noqa: E402
from byline.store.duckdb_store import DuckDBStore  # noqa: E402
from byline.web.app import create_app  # noqa: E402
from byline.web.dashboard import shown_name  # noqa: E402
from tests.web.dashboard_corpus import HOSTILE_OUTLET, HOSTILE_SPEAKER, build_corpus  # noqa: E402


@pytest.fixture
def db(tmp_path):
    return build_corpus(tmp_path / "corpus.duckdb")


@pytest.fixture
def dash(db, client_of, gate_reader):
    return client_of(create_app(reader_factory=gate_reader, corpus_db=db))


def tiles(html: str) -> dict[str, str]:
    return {label: value for value, label in re.findall(r'<div class="tile"><b>([^<]*)</b><span>([^<]*)</span>', html)}


def report_of(db, **kwargs):
    with DuckDBStore(db, read_only=True) as store:
        return corpus_report(store, **kwargs)


def test_the_page_shows_the_reports_figures_as_charts_with_their_numbers(dash):
    response = dash.get("/corpus")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert tiles(html) == {
        "articles": "4", "attributions": "8", "from anonymous sources": "12.5%", "reported second-hand": "25.0%",
        "of the text attributed": "28.9%",  # (0.5*1000 + 0.3*1000 + 0.25*2000) / 4500
    }
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 7
    assert html.count("<details><summary>The numbers</summary>") == 7
    for title in ("Top speakers", "Quotes from women and men, per outlet", "Women&#x27;s share of quotes, by month",
                  "Anonymous sources, per outlet", "Reported second-hand, per outlet",
                  "Attributed share of the text, per outlet", "Source categories, per outlet"):
        assert f">{title}</text>" in html, title
    assert "<title>Left Daily: 16.7% (1 of 6 attributions)</title>" in html  # anonymous, D1 and D2
    assert "<title>Left Daily: women 16.7% (1 of 6 attributions to persons)</title>" in html
    assert "<title>2024-04: 33.3% (1 of 3 of known gender; coverage 75.0%)</title>" in html
    assert "<title>Bob: 2</title>" in html and "<td>politician</td>" in html
    assert 'src="http' not in html and "<script" not in html  # nothing fetched, no script


def test_the_home_page_links_to_the_dashboard_only_when_a_corpus_is_served(dash, client_of, gate_reader):
    assert 'href="/corpus"' in dash.get("/").text
    plain = client_of(create_app(reader_factory=gate_reader))
    assert 'href="/corpus"' not in plain.get("/").text
    assert plain.get("/corpus").status_code == 404


def test_the_json_is_the_report(dash, db):
    assert dash.get("/corpus.json").json() == json.loads(render_report(report_of(db), "json"))
    filtered = dash.get("/corpus.json", params={"outlet": "Left Daily", "since": "2024-04-01"}).json()
    assert filtered == asdict(report_of(db, outlet="Left Daily", since="2024-04-01"))
    assert filtered["totals"]["articles"] == 1 and filtered["since"] == "2024-04-01"
    assert "/corpus.json" in dash.get("/openapi.json").json()["paths"]


def test_filters_by_outlet_and_publication_day(dash):
    left = dash.get("/corpus", params={"outlet": "Left Daily"}).text
    assert tiles(left)["articles"] == "2" and "outlet Left Daily" in left
    assert '<option value="Left Daily" selected>' in left
    since = dash.get("/corpus", params={"since": "2024-04-01"}).text
    assert tiles(since)["articles"] == "2" and 'value="2024-04-01"' in since  # D2, D3; D4 has no date
    assert tiles(dash.get("/corpus?outlet=&since=").text)["articles"] == "4"  # the form's empty fields: no filter
    none = dash.get("/corpus", params={"outlet": "(no outlet)"}).text
    assert tiles(none)["articles"] == "1" and "No figures to draw." not in none  # charts say what is missing
    assert 'href="/corpus.json?outlet=Left+Daily"' in left


def test_filters_that_match_nothing_say_so(dash):
    html = dash.get("/corpus", params={"outlet": "Nowhere"}).text
    assert "No articles match these filters." in html and "<svg" not in html
    assert '<option value="Nowhere" selected>' in html


def test_a_bad_day_is_refused_as_malformed(dash):
    page = dash.get("/corpus", params={"since": "2024-02-30"})
    assert page.status_code == 422 and "no such day" in page.text
    assert page.headers["content-type"].startswith("text/html")
    api = dash.get("/corpus.json", params={"since": "last week"})
    assert api.status_code == 422 and api.json()["error"]["code"] == "malformed"


def test_hostile_names_are_escaped(dash):
    html = dash.get("/corpus").text
    assert HOSTILE_OUTLET not in html and HOSTILE_SPEAKER not in html
    assert "&lt;script&gt;alert(&#x27;outlet&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert tiles(dash.get("/corpus", params={"outlet": HOSTILE_OUTLET}).text)["articles"] == "1"


def test_an_empty_corpus_says_so(tmp_path, client_of, gate_reader):
    empty = build_corpus(tmp_path / "empty.duckdb", rows=[])
    html = client_of(create_app(reader_factory=gate_reader, corpus_db=empty)).get("/corpus").text
    assert "The corpus has no articles yet" in html and "<svg" not in html


def test_a_missing_or_foreign_database_fails_at_start(tmp_path, gate_reader):
    with pytest.raises(BylineError) as missing:
        create_app(reader_factory=gate_reader, corpus_db=tmp_path / "none.duckdb")
    assert missing.value.code == "not_found"
    foreign = tmp_path / "notes.duckdb"
    foreign.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(BylineError) as unusable:
        create_app(reader_factory=gate_reader, corpus_db=foreign)
    assert unusable.value.code == "db_unusable"


def test_serve_with_a_missing_database_prints_one_line_and_exits(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0"])
    assert result.exit_code == 1
    expected = f"byline: error: {tmp_path / 'none.duckdb'}: no such file or directory"
    assert result.output.strip().splitlines() == [expected]
    help_text = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200).output
    assert "--db" in help_text and "/corpus" in help_text


def test_the_report_command_filters_by_day_too(db):
    result = CliRunner().invoke(cli, ["corpus", "report", "--db", str(db), "--since", "2024-04-01", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["totals"]["articles"] == 2
    text = CliRunner().invoke(cli, ["corpus", "report", "--db", str(db), "--since", "2024-04-01"]).output
    assert text.startswith("all outlets since 2024-04-01: 2 articles")
    bad = CliRunner().invoke(cli, ["corpus", "report", "--db", str(db), "--since", "April"])
    assert bad.exit_code == 2 and "expected a date YYYY-MM-DD" in bad.output


def test_the_page_names_a_file_by_its_name_and_a_url_without_its_password(dash):
    assert "<code>corpus.duckdb</code>" in dash.get("/corpus").text
    assert shown_name("postgresql://reader:secret@db.example:5432/news") == "postgresql://reader:***@db.example:5432/news"
