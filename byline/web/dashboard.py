"""``byline serve --db corpus.duckdb``: the corpus dashboard at ``/corpus`` and its figures at ``/corpus.json``.

The figures are ``byline corpus report``'s (``corpus_report``), over every article or filtered by the query
string (``?outlet=…&since=YYYY-MM-DD``); the charts are inline SVG drawn here (``byline.web.charts``), each
with its numbers in a table. The database is opened read-only for each request, so a dashboard always
shows what it holds now and several requests read it at once. ``--db`` names a DuckDB file or, as for
``byline corpus``, a PostgreSQL URL (``byline.store.open_store``).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from byline.corpus.report import NO_OUTLET, Report, check_since, corpus_report
from byline.errors import BylineError
from byline.store import Queryable, is_url, open_store, store_name
from byline.web.charts import (
    GREY,
    PALETTE,
    column_chart,
    count_chart,
    esc,
    figure,
    hbar_chart,
    palette,
    percent,
    stacked_chart,
)
from byline.web.pages import page

TOP_SPEAKERS = 10  # overall (the report's default, so that /corpus.json is the report as the CLI gives it)
TOP_PER_OUTLET = 5  # shown per outlet on the page
MAX_OUTLETS = 20
MAX_LISTED_OUTLETS = 500
UNKNOWN_CATEGORY = "unknown"  # drawn grey  # in the outlet filter's list
GENDER_SERIES = ("women", "men", "gender unknown")
GENDER_COLOURS = (PALETTE[1], PALETTE[0], GREY)

DASHBOARD_CSS = """
main { max-width: 88rem; }
.filters { display: flex; flex-wrap: wrap; gap: .8rem 1.2rem; align-items: end; margin: 0 0 1.4rem; }
.filters label { margin: 0 0 .25rem; font-size: .85rem; }
.filters select, .filters input { font: inherit; padding: .35rem .5rem; border: 1.5px solid #8d8a80; border-radius: 6px;
  background: #fff; max-width: 22rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .8rem; margin: 0 0 1.4rem; }
.tile { background: var(--panel); border: 1px solid var(--rule); border-radius: 10px; padding: .7rem .9rem; }
.tile b { display: block; font: 700 1.6rem/1.2 var(--serif); }
.tile span { color: var(--muted); font-size: .85rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 1.2rem;
  align-items: start; }
.chart-box { margin: 0; background: var(--panel); border: 1px solid var(--rule); border-radius: 10px; padding: 1rem; }
.chart-box svg { display: block; max-width: 100%; height: auto; }
.chart-box figcaption { color: var(--muted); font-size: .85rem; margin: .4rem 0 0; }
.chart-box details { margin: .5rem 0 0; font-size: .88rem; }
.chart-box summary { cursor: pointer; color: var(--accent); }
.speakers { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .8rem; }
.speakers h3 { font: 700 .95rem/1.3 var(--serif); margin: 0 0 .3rem; }
.speakers ol { margin: 0; padding-left: 1.4rem; font-size: .9rem; }
.speakers .n { color: var(--muted); }
h2.section { font: 700 1.2rem/1.3 var(--serif); margin: 1.8rem 0 .8rem; }
.empty { font-size: 1.05rem; }
"""


# ------------------------------------------------------------------------------------------ the database


def open_corpus(db: str | Path) -> Any:
    """The corpus database, read-only; the catalogued error if it is missing, busy or not byline's."""
    return open_store(db, read_only=True)


def check_corpus(db: str | Path) -> None:
    """Fail now (``byline serve`` at start) if the database cannot be read."""
    open_corpus(db).close()


def shown_name(db: str | Path) -> str:
    """How the page names the database: a file by its name, a URL without its password."""
    return store_name(db) if is_url(db) else Path(db).name


def outlet_names(store: Queryable) -> list[str]:
    """The outlets in the database, most articles first (for the filter's list)."""
    _columns, rows = store.query(
        f"SELECT coalesce(outlet, ?) AS name, count(*) AS n FROM articles GROUP BY name ORDER BY n DESC, name "
        f"LIMIT {MAX_LISTED_OUTLETS}",
        [NO_OUTLET],
    )
    return [str(name) for name, _n in rows]


def filters_of(request: Request) -> tuple[str | None, str | None]:
    """The ``outlet`` and ``since`` of a request's query string (empty ones: none); a bad date is refused."""
    outlet = request.query_params.get("outlet") or None
    since = request.query_params.get("since") or None
    if since is not None:
        try:
            check_since(since)
        except ValueError as exc:
            raise BylineError("malformed", "since", detail=str(exc)) from None
    return outlet, since


def report_for(db: str | Path, outlet: str | None, since: str | None) -> tuple[Report, list[str]]:
    with open_corpus(db) as store:
        report = corpus_report(store, outlet=outlet, since=since, top=TOP_SPEAKERS, max_outlets=MAX_OUTLETS)
        return report, outlet_names(store)


# ------------------------------------------------------------------------------------------ the page


def _filters_form(outlets: list[str], outlet: str | None, since: str | None) -> str:
    names = outlets if outlet is None or outlet in outlets else [outlet, *outlets]
    options = '<option value="">All outlets</option>' + "".join(
        f'<option value="{esc(name)}"{" selected" if name == outlet else ""}>{esc(name)}</option>' for name in names
    )
    query = urlencode({k: v for k, v in (("outlet", outlet), ("since", since)) if v is not None})
    json_link = "/corpus.json" + (f"?{query}" if query else "")
    return (
        '<form class="filters box" method="get" action="/corpus" aria-label="Filters">'
        f'<div><label for="outlet">Outlet</label><select id="outlet" name="outlet">{options}</select></div>'
        f'<div><label for="since">Published since</label><input id="since" name="since" type="date" '
        f'value="{esc(since or "")}"></div>'
        '<div class="actions"><button class="btn" type="submit">Apply</button>'
        '<a class="btn secondary" href="/corpus">All articles</a>'
        f'<a href="{esc(json_link)}">These figures as JSON</a></div></form>'
    )


def _tiles(totals: dict[str, Any]) -> str:
    tiles = (
        (f"{totals['articles']:,}", "articles"),
        (f"{totals['attributions']:,}", "attributions"),
        (percent(totals["anonymous_rate"]), "from anonymous sources"),
        (percent(totals["second_hand_share"]), "reported second-hand"),
        (percent(totals["attributed_share"]), "of the text attributed"),
    )
    return '<div class="tiles">' + "".join(
        f'<div class="tile"><b>{esc(value)}</b><span>{esc(label)}</span></div>' for value, label in tiles
    ) + "</div>"


def _speakers(report: Report) -> str:
    overall = figure(
        count_chart("Top speakers", [(r["speaker"], r["attributions"]) for r in report.top_speakers],
                    "attributions", "top-speakers", empty="No named speakers."),
        ("speaker", "attributions", "articles"),
        [(r["speaker"], r["attributions"], r["articles"]) for r in report.top_speakers],
    )
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for row in report.top_speakers_by_outlet:
        by_outlet.setdefault(row["outlet"], []).append(row)
    cards = "".join(
        f"<div><h3>{esc(outlet)}</h3><ol>"
        + "".join(
            f'<li>{esc(r["speaker"])} <span class="n">{r["attributions"]}</span></li>' for r in rows[:TOP_PER_OUTLET]
        )
        + "</ol></div>"
        for outlet, rows in by_outlet.items()
    )
    per_outlet = f'<section class="box" aria-label="Top speakers per outlet"><h2>Top speakers per outlet</h2>' \
        f'<div class="speakers">{cards or "<p>No named speakers.</p>"}</div></section>'
    return f'<h2 class="section">Who is quoted</h2><div class="charts">{overall}{per_outlet}</div>'


def _share_figure(report: Report, key: str, title: str, axis: str, chart_id: str, caption: str) -> str:
    """An outlet-by-outlet bar chart of one of the report's shares."""
    rows = report.outlets
    counts = {"anonymous_rate": "anonymous", "second_hand_share": "second_hand"}
    if key in counts:
        notes = [f"{r[counts[key]]} of {r['attributions']} attributions" for r in rows]
        table = [(r["outlet"], percent(r[key]), r[counts[key]], r["attributions"]) for r in rows]
        headers: tuple[str, ...] = ("outlet", axis, counts[key].replace("_", "-"), "attributions")
    else:
        notes = [f"{r['articles']} articles" for r in rows]
        table = [(r["outlet"], percent(r[key]), r["articles"]) for r in rows]
        headers = ("outlet", axis, "articles")
    svg = hbar_chart(title, [(r["outlet"], r[key]) for r in rows], axis, chart_id, notes=notes)
    return figure(svg, headers, table, caption)


def _gender(report: Report) -> str:
    outlets = [r for r in report.gender_by_outlet if r["people"]]
    months = [r for r in report.gender_by_month if r["people"]]
    stacked = stacked_chart(
        "Quotes from women and men, per outlet",
        GENDER_SERIES,
        [(r["outlet"], (r["female"], r["male"], r["people"] - r["known"])) for r in outlets],
        "share of attributions to persons",
        "gender-outlet",
        unit="attributions to persons",
        empty="No attributions to persons.",
        colours=GENDER_COLOURS,
    )
    headers = ("", "women", "men", "known / persons", "coverage")

    def numbers(key: str, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (r[key], percent(r["female_share"]), percent(r["male_share"]), f"{r['known']} / {r['people']}",
             percent(r["gender_coverage"]))
            for r in rows
        ]

    by_month = column_chart(
        "Women's share of quotes, by month",
        [(r["month"], r["female_share"]) for r in months],
        "month published (of persons of known gender; dashed: parity)",
        "gender-month",
        notes=[
            f"{r['female']} of {r['known']} of known gender; coverage {percent(r['gender_coverage'])}" for r in months
        ],
        reference=0.5,
        empty="No attributions to persons.",
    )
    coverage = "Coverage: the share of attributions to persons whose gender is known (grey: unknown)."
    return (
        '<h2 class="section">Women and men quoted</h2><div class="charts">'
        + figure(stacked, ("outlet", *headers[1:]), numbers("outlet", outlets), coverage)
        + figure(by_month, ("month", *headers[1:]), numbers("month", months),
                 "Shares are of attributions to persons of known gender.")
        + "</div>"
    )


def _categories(report: Report) -> str:
    totals: dict[str, int] = {}
    for row in report.categories_by_outlet:
        totals[row["category"]] = totals.get(row["category"], 0) + row["attributions"]
    series = sorted(totals, key=lambda c: (-totals[c], c))
    counts: dict[str, dict[str, int]] = {}
    for row in report.categories_by_outlet:
        counts.setdefault(row["outlet"], {})[row["category"]] = row["attributions"]
    rows = [(outlet, [found.get(c, 0) for c in series]) for outlet, found in counts.items()]
    colours = iter(palette(len(series)))
    svg = stacked_chart(
        "Source categories, per outlet", series, rows, "share of attributions", "categories",
        empty="No source categories (a corpus read before they were recorded).",
        colours=[GREY if c == UNKNOWN_CATEGORY else next(colours) for c in series],
    )
    table = [(r["outlet"], r["category"], r["attributions"], percent(r["share"])) for r in report.categories_by_outlet]
    return figure(svg, ("outlet", "category", "attributions", "share"), table)


def dashboard_body(report: Report, outlets: list[str], db_name: str) -> str:
    """The page's body: filters, then the figures, or what is missing when there are none."""
    scope = ("outlet " + report.outlet if report.outlet is not None else "all outlets") + (
        f", published since {report.since}" if report.since else ""
    )
    head = (
        "<h1>Who is quoted, and how</h1>"
        f'<p class="lede">The corpus in <code>{esc(db_name)}</code>: {esc(scope)}. Figures as '
        "<code>byline corpus report</code> gives them.</p>"
        + _filters_form(outlets, report.outlet, report.since)
    )
    if not report.totals["articles"]:
        message = (
            "No articles match these filters."
            if report.outlet is not None or report.since is not None
            else "The corpus has no articles yet: fill it with <code>byline corpus run … --db</code>."
        )
        return head + f'<p class="empty box" role="status">{message}</p>'
    sourcing = (
        '<h2 class="section">How it is sourced</h2><div class="charts">'
        + _share_figure(report, "anonymous_rate", "Anonymous sources, per outlet", "anonymous share", "anonymous",
                        "The share of attributions whose source is anonymous (\u201cofficials said\u201d).")
        + _share_figure(report, "second_hand_share", "Reported second-hand, per outlet", "second-hand share",
                        "second-hand", "The share of attributions reported through another report "
                        "(a source chain of depth 2 or more).")
        + _share_figure(report, "attributed_share", "Attributed share of the text, per outlet", "attributed share",
                        "attributed", "The share of the text's characters inside what someone is reported to say.")
        + _categories(report)
        + "</div>"
    )
    return head + _tiles(report.totals) + _speakers(report) + _gender(report) + sourcing


def dashboard_page(report: Report, outlets: list[str], db_name: str) -> str:
    return page("byline: corpus", dashboard_body(report, outlets, db_name), corpus=True, css=DASHBOARD_CSS)


# ------------------------------------------------------------------------------------------ the routes


def add_dashboard_routes(app: FastAPI, db: str | Path) -> None:
    """``/corpus`` and ``/corpus.json`` over ``db``, checked now (a missing or unusable file fails here)."""
    check_corpus(db)

    @app.get("/corpus", response_class=HTMLResponse, tags=["pages"], include_in_schema=False)
    def corpus_page(request: Request) -> HTMLResponse:
        outlet, since = filters_of(request)
        report, outlets = report_for(db, outlet, since)
        return HTMLResponse(dashboard_page(report, outlets, shown_name(db)))

    @app.get("/corpus.json", tags=["api"], summary="The corpus report")
    def corpus_json(request: Request) -> Response:
        """The figures of `byline corpus report --format json` over the served database, for every article
        or filtered by `outlet` and `since` (YYYY-MM-DD)."""
        from byline.web.app import error_record, status_of

        try:
            outlet, since = filters_of(request)
            report, _outlets = report_for(db, outlet, since)
        except BylineError as error:
            return JSONResponse(error_record(error), status_code=status_of(error))
        return JSONResponse(asdict(report))
