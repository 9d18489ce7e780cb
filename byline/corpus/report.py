"""``byline corpus report``: who is quoted and how, over a corpus database, in SQL.

Figures, overall and per outlet:

- ``anonymous_rate``: the share of attributions whose source is anonymous;
- ``second_hand_share``: the share of attributions reported through another (``via`` set: chain depth >= 2);
- ``attributed_share``: the share of the text's characters inside attributed content (each article's
  ``attributed_share`` weighted by its length);
- top speakers: named speakers (not anonymous, not unknown, not an unresolved pronoun, not the writer) by
  attributions, a person's names merged across articles ("Donald J. Trump", "Trump": ``byline.corpus.names``);
- who is quoted, per outlet and by month (of the articles' ``published``): of the attributions whose source
  is a person of known gender (``gender`` female or male), the shares from women and from men, and the
  coverage: the share of attributions to persons (``gender`` set) whose gender is known;
- source categories per outlet: attributions by their source's ``category`` (politician, government, …).

A report covers every article, one outlet's, or those ``published`` on or after a day (``since``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from byline.attribution.sourcing import UNKNOWN_SPEAKER, UNRESOLVED
from byline.corpus.names import canonical_speakers, merged_counts
from byline.store import Queryable

NO_OUTLET = "(no outlet)"
# "the writer" ("I said"): the article's own voice, not a source. byline.attribution.resolve.FIRST_PERSON's
# values, written out: importing it would load spaCy into a report.
WRITER_NAMES = frozenset({"the writer", "the writer's outlet"})
FORMATS = ("text", "json", "csv")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _ratio(part: str, whole: str) -> str:
    """``part / whole`` as a double, NULL where ``whole`` is 0, alike in DuckDB and PostgreSQL (which divides
    integers as integers, and sums of bigints as numeric)."""
    return f"CAST({part} AS DOUBLE PRECISION) / nullif(CAST({whole} AS DOUBLE PRECISION), 0)"


# The queries run alike on DuckDB and PostgreSQL (PostgresStore reads their ``?`` parameters as its own).
# The articles a report covers (all, or one outlet's): ``a`` in every query below.
_ARTICLES = f"""
    SELECT article_id, coalesce(outlet, '{NO_OUTLET}') AS outlet, n_chars, attributed_share
    FROM articles
"""
_NAMED = f"""
    NOT t.anonymous AND t.speaker IS NOT NULL AND t.speaker <> '{UNKNOWN_SPEAKER}'
    AND t.speaker NOT LIKE '{UNRESOLVED} (%'
"""


def _figures(group: bool) -> str:
    """Articles, attributions and the three shares, per outlet (``group``) or over all the articles."""
    key, by = ("a.outlet,", "GROUP BY a.outlet") if group else ("", "")
    return f"""
        WITH a AS ({_ARTICLES} {{where}}),
        per_article AS (
            SELECT t.article_id, count(*) AS attributions,
                   count(*) FILTER (WHERE t.anonymous) AS anonymous,
                   count(*) FILTER (WHERE t.via IS NOT NULL) AS second_hand
            FROM attributions t JOIN a USING (article_id) GROUP BY t.article_id
        )
        SELECT {key}
               count(*) AS articles,
               coalesce(sum(p.attributions), 0)::BIGINT AS attributions,
               coalesce(sum(p.anonymous), 0)::BIGINT AS anonymous,
               coalesce(sum(p.second_hand), 0)::BIGINT AS second_hand,
               {_ratio("sum(p.anonymous)", "sum(p.attributions)")} AS anonymous_rate,
               {_ratio("sum(p.second_hand)", "sum(p.attributions)")} AS second_hand_share,
               {_ratio("sum(a.attributed_share * a.n_chars)", "sum(a.n_chars)")} AS attributed_share
        FROM a LEFT JOIN per_article p USING (article_id)
        {by}
        ORDER BY {"articles DESC, a.outlet" if group else "articles"}
    """


# Named speakers counted per article: names are merged across articles in Python (byline.corpus.names).
_SPEAKER_ROWS = f"""
    WITH a AS ({_ARTICLES} {{where}})
    SELECT a.outlet, t.speaker, t.entity_type, t.article_id, count(*) AS attributions
    FROM attributions t JOIN a USING (article_id)
    WHERE {_NAMED}
    GROUP BY a.outlet, t.speaker, t.entity_type, t.article_id
"""


def top_speakers(rows: list[dict[str, Any]], top: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``top`` speakers overall and per outlet, a person's names merged across articles (the other forms
    in ``names``). A name is a person's where most of its attributions say so (the parser sometimes takes
    "Trump" for an organisation)."""
    rows = [row for row in rows if row["speaker"] not in WRITER_NAMES]
    as_person: Counter = Counter()
    as_other: Counter = Counter()
    for row in rows:
        (as_person if row["entity_type"] == "PERSON" else as_other)[row["speaker"]] += row["attributions"]
    people = {name: n + as_other[name] for name, n in as_person.items() if n >= as_other[name]}
    mapping = canonical_speakers(people)

    forms: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        forms[mapping.get(row["speaker"], row["speaker"])][row["speaker"]] += row["attributions"]

    def listed(counted: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
        return [
            {"speaker": speaker, "attributions": n, "articles": articles,
             "names": [form for form, _ in sorted(forms[speaker].items(), key=lambda f: (-f[1], f[0]))
                       if form != speaker]}
            for speaker, n, articles in counted[:top]
        ]

    counted = [(r["speaker"], r["article_id"], r["attributions"]) for r in rows]
    overall = listed(merged_counts(counted, mapping))
    by_outlet_rows: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for row, key in zip(rows, counted, strict=True):
        by_outlet_rows[row["outlet"]].append(key)
    by_outlet = [
        {"outlet": outlet, "rank": rank, **speaker}
        for outlet in sorted(by_outlet_rows)
        for rank, speaker in enumerate(listed(merged_counts(by_outlet_rows[outlet], mapping)), 1)
    ]
    return overall, by_outlet


_KNOWN = "count(*) FILTER (WHERE t.gender IN ('female', 'male'))"
_GENDER_FIGURES = f"""
    count(*) FILTER (WHERE t.gender IS NOT NULL) AS people,
    {_KNOWN} AS known,
    count(*) FILTER (WHERE t.gender = 'female') AS female,
    count(*) FILTER (WHERE t.gender = 'male') AS male,
    {_ratio("count(*) FILTER (WHERE t.gender = 'female')", _KNOWN)} AS female_share,
    {_ratio("count(*) FILTER (WHERE t.gender = 'male')", _KNOWN)} AS male_share,
    {_ratio(_KNOWN, "count(*) FILTER (WHERE t.gender IS NOT NULL)")} AS gender_coverage
"""

_GENDER_BY_OUTLET = f"""
    WITH a AS ({_ARTICLES} {{where}})
    SELECT a.outlet, count(*) AS attributions, {_GENDER_FIGURES}
    FROM attributions t JOIN a USING (article_id)
    GROUP BY a.outlet
"""

NO_MONTH = "(no date)"
_GENDER_BY_MONTH = f"""
    WITH a AS (
        SELECT article_id, coalesce(outlet, '{NO_OUTLET}') AS outlet,
               CASE WHEN translate(substr(published, 1, 7), '0123456789', '0000000000') = '0000-00'
                    THEN substr(published, 1, 7)
                    ELSE '{NO_MONTH}' END AS month
        FROM articles {{where}}
    )
    SELECT a.month, count(*) AS attributions, {_GENDER_FIGURES}
    FROM attributions t JOIN a USING (article_id)
    GROUP BY a.month
    ORDER BY a.month = '{NO_MONTH}', a.month
"""

_CATEGORIES_BY_OUTLET = f"""
    WITH a AS ({_ARTICLES} {{where}})
    SELECT a.outlet, t.category, count(*) AS attributions,
           {_ratio("count(*)", "sum(count(*)) OVER (PARTITION BY a.outlet)")} AS share
    FROM attributions t JOIN a USING (article_id)
    WHERE t.category IS NOT NULL
    GROUP BY a.outlet, t.category
    ORDER BY a.outlet, attributions DESC, t.category
"""


@dataclass
class Report:
    outlet: str | None
    totals: dict[str, Any]
    outlets: list[dict[str, Any]] = field(default_factory=list)
    top_speakers: list[dict[str, Any]] = field(default_factory=list)
    top_speakers_by_outlet: list[dict[str, Any]] = field(default_factory=list)
    gender_by_outlet: list[dict[str, Any]] = field(default_factory=list)
    gender_by_month: list[dict[str, Any]] = field(default_factory=list)
    categories_by_outlet: list[dict[str, Any]] = field(default_factory=list)
    since: str | None = None


def check_since(value: str) -> str:
    """A ``since`` date as given (YYYY-MM-DD), or ValueError saying what is expected."""
    if not _DAY.fullmatch(value):
        raise ValueError(f"since {value!r}: expected a date YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"since {value!r}: no such day") from None
    return value


def _where(outlet: str | None, since: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause on ``articles`` (and its parameters) that picks the articles a report covers."""
    clauses: list[str] = []
    params: list[Any] = []
    if outlet is not None:
        clauses.append("coalesce(outlet, ?) = ?")
        params += [NO_OUTLET, outlet]
    if since is not None:
        clauses.append("published >= ?")  # ISO dates and times compare as text; undated articles are left out
        params.append(check_since(since))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def corpus_report(
    store: Queryable, outlet: str | None = None, top: int = 10, max_outlets: int = 20, since: str | None = None
) -> Report:
    """The report over every article, or one outlet's (``outlet``), or those published on or after ``since``
    (YYYY-MM-DD; undated articles then left out); the per-outlet sections cover the ``max_outlets`` outlets
    with most articles (0: all)."""
    where, params = _where(outlet, since)
    totals = _records(store, _figures(group=False).format(where=where), params)[0]
    outlets = _records(store, _figures(group=True).format(where=where), params)
    if max_outlets > 0:
        outlets = outlets[:max_outlets]
    kept = {row["outlet"] for row in outlets}
    speakers, by_outlet = top_speakers(_records(store, _SPEAKER_ROWS.format(where=where), params), top)
    order = {row["outlet"]: n for n, row in enumerate(outlets)}
    by_outlet = sorted(
        (row for row in by_outlet if row["outlet"] in kept), key=lambda r: (order[r["outlet"]], r["rank"])
    )
    return Report(
        outlet=outlet,
        since=since,
        totals=totals,
        outlets=outlets,
        top_speakers=speakers,
        top_speakers_by_outlet=by_outlet,
        gender_by_outlet=_in_order(_records(store, _GENDER_BY_OUTLET.format(where=where), params), order),
        gender_by_month=_records(store, _GENDER_BY_MONTH.format(where=where), params),
        categories_by_outlet=_in_order(_records(store, _CATEGORIES_BY_OUTLET.format(where=where), params), order),
    )


def _in_order(rows: list[dict[str, Any]], order: dict[str, int]) -> list[dict[str, Any]]:
    """The rows of the outlets kept (those in ``order``), in the outlets' order (stable within one outlet)."""
    return sorted((row for row in rows if row["outlet"] in order), key=lambda r: order[r["outlet"]])


def _records(store: Queryable, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    columns, rows = store.query(sql, params)
    return [{name: _plain(value) for name, value in zip(columns, row, strict=True)} for row in rows]


def _plain(value: Any) -> Any:
    """Numbers as JSON has them: shares rounded, whole counts as int."""
    if isinstance(value, float):
        return round(value, 4)
    return value


# ------------------------------------------------------------------------------------------------ formats


def render_report(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(report), indent=2) + "\n"
    if fmt == "csv":
        return _csv(report)
    return _text(report)


CSV_COLUMNS = (
    "section", "outlet", "rank", "speaker", "articles", "attributions", "anonymous", "second_hand",
    "anonymous_rate", "second_hand_share", "attributed_share", "month", "people", "known", "female", "male",
    "female_share", "male_share", "gender_coverage", "category", "share",
)


def _also(row: dict[str, Any], shown: int = 3) -> str:
    """"; also Trump, Donald J. Trump": the other names a speaker was counted under."""
    names = row.get("names") or []
    if not names:
        return ""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return "; also " + ", ".join(names[:shown]) + more


def _csv(report: Report) -> str:
    """One table, a ``section`` column telling its parts apart (totals, outlet, top_speaker, outlet_speaker,
    outlet_gender, month_gender, outlet_category)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerow({"section": "totals", "outlet": report.outlet or "", **report.totals})
    for row in report.outlets:
        writer.writerow({"section": "outlet", **row})
    for rank, row in enumerate(report.top_speakers, 1):
        writer.writerow({"section": "top_speaker", "outlet": report.outlet or "", "rank": rank, **row})
    for row in report.top_speakers_by_outlet:
        writer.writerow({"section": "outlet_speaker", **row})
    for row in report.gender_by_outlet:
        writer.writerow({"section": "outlet_gender", **row})
    for row in report.gender_by_month:
        writer.writerow({"section": "month_gender", "outlet": report.outlet or "", **row})
    for row in report.categories_by_outlet:
        writer.writerow({"section": "outlet_category", **row})
    return out.getvalue()


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _text(report: Report) -> str:
    t = report.totals
    scope = f"outlet {report.outlet}" if report.outlet is not None else "all outlets"
    if report.since is not None:
        scope += f" since {report.since}"
    lines = [
        f"{scope}: {t['articles']} articles, {t['attributions']} attributions",
        f"anonymous sources {_share(t['anonymous_rate'])} · reported second-hand {_share(t['second_hand_share'])}"
        f" · attributed share of the text {_share(t['attributed_share'])}",
        "",
        "top speakers",
    ]
    lines += [f"  {n:>3}  {r['attributions']:>6}  {r['speaker']}  ({r['articles']} articles{_also(r)})"
              for n, r in enumerate(report.top_speakers, 1)] or ["  (none)"]
    if report.outlets:
        width = max(len(r["outlet"]) for r in report.outlets)
        lines += ["", f"{'outlet':<{width}}  articles  attributions  anonymous  second-hand  attributed"]
        lines += [
            f"{r['outlet']:<{width}}  {r['articles']:>8}  {r['attributions']:>12}  {_share(r['anonymous_rate']):>9}"
            f"  {_share(r['second_hand_share']):>11}  {_share(r['attributed_share']):>10}"
            for r in report.outlets
        ]
    if report.top_speakers_by_outlet:
        lines += ["", "top speakers by outlet"]
        current = None
        for r in report.top_speakers_by_outlet:
            if r["outlet"] != current:
                current = r["outlet"]
                lines.append(f"  {current}")
            lines.append(f"    {r['rank']:>3}  {r['attributions']:>5}  {r['speaker']}")
    lines += _gender_text("outlet", report.gender_by_outlet) + _gender_text("month", report.gender_by_month)
    if report.categories_by_outlet:
        lines += ["", "source categories by outlet"]
        by_outlet: dict[str, list[str]] = {}
        for r in report.categories_by_outlet:
            by_outlet.setdefault(r["outlet"], []).append(f"{r['category']} {_share(r['share'])}")
        lines += [f"  {outlet}: {' · '.join(parts)}" for outlet, parts in by_outlet.items()]
    return "\n".join(lines) + "\n"


def _gender_text(key: str, rows: list[dict[str, Any]]) -> list[str]:
    """Quotes from women and men by ``key`` (outlet or month), with how many persons' gender is known."""
    if not any(r["people"] for r in rows):
        return []
    width = max(len(str(r[key])) for r in rows)
    lines = ["", f"quotes from women and men by {key} (of persons of known gender; coverage: share known)"]
    lines.append(f"{key:<{width}}   women     men   known / persons  coverage")
    lines += [
        f"{r[key]:<{width}}  {_share(r['female_share']):>6}  {_share(r['male_share']):>6}"
        f"  {r['known']:>6} / {r['people']:<7}  {_share(r['gender_coverage']):>8}"
        for r in rows
    ]
    return lines
