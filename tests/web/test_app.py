"""The byline serve app in-process: every endpoint, limit and error."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from byline.errors import CATALOGUE
from byline.nlp.pipeline import check_deadline
from byline.reading import Article, Reading, reading_schema
from byline.web import app as web_app
from byline.web.app import WebLimits, create_app

GERMAN = (
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Bürgermeisterin eingeräumt hatte, "
    "dass im nächsten Sommer zwei öffentliche Schwimmbäder schließen werden, weil das Geld fehlt."
)
HTML_PAGE = (
    "<!doctype html><html><head><title>Pool closures approved</title></head><body><article>"
    "<h1>Pool closures approved</h1><p>Harbour City councillors approved the budget on Tuesday night after the "
    "mayor conceded that two public swimming pools would close next summer, officials said.</p>"
    "<p>“We made choices nobody wanted to make,” the mayor told reporters after the vote on the plan.</p>"
    "<p>Councillor Ravi Menon said the closures would fall hardest on families in the east of the city.</p>"
    "</article></body></html>"
)


def error_of(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"input", "code", "reason", "message"}
    assert body["error"]["code"] in CATALOGUE
    return body["error"]


# ------------------------------------------------------------------------------------------ API


def test_healthz_reports_status_version_and_work(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["busy"] == 0 and "version" in body


def test_responses_refuse_sniffing_and_framing(client):
    for response in (client.get("/"), client.get("/healthz"), client.post("/api/read", json={})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_schema_is_the_published_reading_schema(client):
    assert client.get("/api/schema").json() == reading_schema()


def test_openapi_documents_every_body_type_of_read(client):
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/api/read"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data", "text/plain", "text/html"}
    assert {"/api/read", "/api/schema", "/healthz"} <= set(spec["paths"])
    assert "/" not in spec["paths"]


def test_docs_page_needs_no_network(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/read" in page.text
    assert "cdn" not in page.text.lower() and " src=" not in page.text


def test_read_json_text_returns_a_reading(client, sample_text):
    response = client.post("/api/read", json={"text": sample_text})
    assert response.status_code == 200
    reading = Reading.model_validate(response.json())
    assert reading.article.title.startswith("Harbour City Council Approves Budget")
    assert "Ravi Menon" in reading.article.text
    assert reading.entities and reading.sentences


def test_read_json_html_records_the_url_without_fetching_it(client):
    url = "http://192.0.2.1/never-fetched"  # TEST-NET-1: unroutable, so a fetch could only fail
    response = client.post("/api/read", json={"html": HTML_PAGE, "url": url})
    assert response.status_code == 200
    reading = Reading.model_validate(response.json())
    assert reading.article.url == url and "Ravi Menon" in reading.article.text


def test_read_multipart_upload_of_text_and_html(client, sample_text):
    text = client.post("/api/read", files={"file": ("budget.txt", sample_text.encode(), "text/plain")})
    page = client.post("/api/read", files={"file": ("pools.html", HTML_PAGE.encode(), "text/html")})
    assert text.status_code == page.status_code == 200
    assert text.json()["article"]["origin"] == "budget.txt"
    assert page.json()["article"]["title"] == "Pool closures approved"


def test_read_raw_text_body(client, sample_text):
    response = client.post("/api/read", content=sample_text.encode(), headers={"content-type": "text/plain"})
    assert response.status_code == 200 and "Whitfield" in response.json()["article"]["text"]


@pytest.mark.parametrize(
    ("request_kwargs", "code"),
    [
        ({"json": {"text": "   "}}, "empty"),
        ({"json": {"text": GERMAN}}, "not_english"),
        ({"files": {"file": ("scan.pdf", b"%PDF-1.7\n\x00\x01binary", "application/pdf")}}, "binary"),
        ({"files": {"file": ("blank.txt", b"\n\n", "text/plain")}}, "empty"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "malformed"),
        ({"json": {"text": "a", "html": "<p>b</p>"}}, "malformed"),
        ({"json": {}}, "malformed"),
        ({"json": {"text": "a", "url": "http://x.example/"}}, "malformed"),
        ({"json": {"text": "a", "fetch": True}}, "malformed"),
        ({"json": ["text"]}, "malformed"),
        ({"content": b'{"text": "caf\xe9"}', "headers": {"content-type": "application/json"}}, "malformed"),
        ({"content": b"[" * 100_000 + b"]" * 100_000, "headers": {"content-type": "application/json"}}, "malformed"),
        ({"content": b'{"text": ' + b"9" * 5000 + b"}", "headers": {"content-type": "application/json"}}, "malformed"),
    ],
)
def test_bad_input_is_422_with_a_catalogued_error(client, request_kwargs, code):
    response = client.post("/api/read", **request_kwargs)
    assert response.status_code == 422
    assert error_of(response)["code"] == code


def test_an_unknown_field_is_named_in_the_error(client):
    response = client.post("/api/read", json={"text": "a", "fetch": True})
    assert response.status_code == 422 and "fetch" in error_of(response)["message"]


def test_unsupported_content_type_is_415(client):
    response = client.post("/api/read", content=b"x", headers={"content-type": "application/pdf"})
    assert response.status_code == 415 and error_of(response)["code"] == "unsupported"


def test_unknown_api_route_is_json_404_and_wrong_method_405(client):
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and error_of(missing)["code"] == "no_route"
    wrong = client.get("/api/read")
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "no_route"


# ------------------------------------------------------------------------------------------ limits


def test_body_over_the_limit_is_413_by_content_length(client_of, gate_reader):
    client = client_of(create_app(gate_reader, WebLimits(max_body_bytes=100)))
    response = client.post("/api/read", json={"text": "word " * 50})
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large" and "limit of 100 bytes" in error_of(response)["message"]
    assert "--max-body" in error_of(response)["message"] and "--max-bytes" not in error_of(response)["message"]
    assert gate_reader.made == 0


def test_streamed_body_over_the_limit_is_413(client_of, gate_reader):
    client = client_of(create_app(gate_reader, WebLimits(max_body_bytes=100)))

    def chunks():
        yield b'{"text": "'
        for _ in range(20):
            yield b"more words "
        yield b'"}'

    response = client.post("/api/read", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and error_of(response)["code"] == "too_large"


def test_upload_over_the_limit_is_413(client_of, gate_reader):
    client = client_of(create_app(gate_reader, WebLimits(max_body_bytes=1000)))
    response = client.post("/api/read", files={"file": ("big.txt", b"word " * 400, "text/plain")})
    assert response.status_code == 413


class StallingReader:
    """Reads at once, except an article saying "stall": that one runs until its deadline stops it."""

    def __call__(self) -> StallingReader:
        return self

    def read(self, article: Article, deadline: float | None = None) -> Reading:
        while "stall" in article.text:
            check_deadline(deadline)
            time.sleep(0.005)
        return Reading(article=article)


def test_the_servers_timeout_stops_the_reading_and_frees_its_worker(client_of, sample_text):
    client = client_of(create_app(StallingReader(), WebLimits(max_seconds=0.1, max_concurrent=1)))
    response = client.post("/api/read", json={"text": sample_text + "\nThey said it would stall."})
    assert response.status_code == 504
    assert error_of(response)["code"] == "timeout" and "0.1 s" in error_of(response)["reason"]
    assert client.get("/healthz").json()["busy"] == 0
    began = time.monotonic()
    assert client.post("/api/read", json={"text": sample_text}).status_code == 200
    assert time.monotonic() - began < 2


def test_the_servers_timeout_stops_byline_s_own_reader_on_a_long_article(client_of, reader, sample_text):
    client = client_of(create_app(lambda: reader, WebLimits(max_seconds=0.2, max_concurrent=1)))
    response = client.post("/api/read", json={"text": "\n\n".join([sample_text] * 15)})
    assert response.status_code == 504 and error_of(response)["code"] == "timeout"
    assert client.get("/healthz").json()["busy"] == 0


def test_a_reading_deaf_to_its_deadline_is_504_after_the_grace_and_keeps_its_slot(
    client_of, gate_reader, sample_text, monkeypatch
):
    monkeypatch.setattr(web_app, "STOP_GRACE_S", 0.05)
    client = client_of(create_app(gate_reader, WebLimits(max_seconds=0.05, max_concurrent=1)))
    response = client.post("/api/read", json={"text": sample_text})
    assert response.status_code == 504
    assert error_of(response)["code"] == "timeout" and "0.05 s" in error_of(response)["reason"]
    assert client.get("/healthz").json()["busy"] == 1  # the thread that will not stop still counts until it ends
    again = client.post("/api/read", json={"text": sample_text})
    assert again.status_code == 503


def test_an_article_over_max_chars_is_413_naming_the_option(client_of, gate_reader, sample_text):
    client = client_of(create_app(gate_reader, WebLimits(max_chars=100)))
    response = client.post("/api/read", json={"text": sample_text})
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "too_many_chars" and "--max-chars" in error["reason"] and "100" in error["reason"]


def test_full_server_is_503_then_serves_again(gate_reader, sample_text):
    app = create_app(gate_reader, WebLimits(max_concurrent=1))

    async def scenario() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://byline.test") as client:
            first = asyncio.create_task(client.post("/api/read", json={"text": sample_text}))
            while app.state.work.busy == 0:
                await asyncio.sleep(0.005)
            refused = await client.post("/api/read", json={"text": sample_text})
            gate_reader.gate.set()
            done = await first
            later = await client.post("/api/read", json={"text": sample_text})
            return refused, done, later

    refused, done, later = asyncio.run(scenario())
    app.state.work.close()
    assert refused.status_code == 503 and error_of(refused)["code"] == "busy"
    assert refused.headers["retry-after"]
    assert done.status_code == later.status_code == 200
    assert gate_reader.made == 1  # one reader per app, made on first use


def test_a_failing_reader_is_a_json_500_not_a_traceback(client_of, sample_text):
    failing = type("Failing", (), {"read": lambda self, article, deadline=None: 1 / 0})
    client = client_of(create_app(lambda: failing()))
    response = client.post("/api/read", json={"text": sample_text})
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal" and "ZeroDivisionError" in error["message"]


@pytest.mark.parametrize("field", ["max_body_bytes", "max_seconds", "max_concurrent", "max_chars"])
def test_limits_must_be_positive(field):
    with pytest.raises(ValueError):
        WebLimits(**{field: 0})


# ------------------------------------------------------------------------------------------ pages


def test_index_lists_the_samples_present_at_request_time(client_of, gate_reader, tmp_path):
    client = client_of(create_app(gate_reader, samples_dir=tmp_path))
    assert "none bundled" in client.get("/").text
    (tmp_path / "later.txt").write_text("A Sample Added Later\n\nBody text.", encoding="utf-8")
    page = client.get("/").text
    assert 'href="/samples/later.txt"' in page and "A Sample Added Later" in page


def test_index_offers_paste_upload_and_samples(client):
    page = client.get("/").text
    assert '<textarea id="text" name="text"' in page and 'type="file"' in page
    assert 'href="/samples/council-budget.txt"' in page
    assert "http" not in page.replace('http-equiv="Content-Security-Policy"', "")  # no URL field, nothing fetched


def test_sample_page_is_the_rendered_reading(client):
    page = client.get("/samples/council-budget.txt")
    assert page.status_code == 200
    assert 'id="byline-reading"' in page.text and 'id="article"' in page.text
    assert '<a href="/">← Read another article</a>' in page.text
    embedded = page.text.split('id="byline-reading">', 1)[1].split("</script>", 1)[0]
    assert json.loads(embedded)["article"]["origin"] == "council-budget.txt"


@pytest.mark.parametrize("name", ["nothing.txt", "%2e%2e%2fpyproject.toml", "..%2F__init__.py", ".hidden"])
def test_unknown_sample_is_404_page(client, name):
    response = client.get(f"/samples/{name}")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]


def test_read_form_pasted_text_renders_the_reading(client, sample_text):
    page = client.post("/read", data={"text": sample_text})
    assert page.status_code == 200 and 'id="byline-reading"' in page.text and "Ravi Menon" in page.text


def test_read_form_upload_renders_the_reading(client):
    page = client.post("/read", files={"file": ("pools.html", HTML_PAGE.encode(), "text/html")})
    assert page.status_code == 200 and "Pool closures approved" in page.text


def test_read_form_error_shows_the_message_and_keeps_the_text(client):
    page = client.post("/read", data={"text": GERMAN})
    assert page.status_code == 422
    assert "not English" in page.text and 'role="alert"' in page.text
    assert "Schwimmbäder schließen" in page.text  # still in the textarea to edit


def test_read_form_over_the_limit_is_an_html_413(client_of, gate_reader):
    client = client_of(create_app(gate_reader, WebLimits(max_body_bytes=100)))
    page = client.post("/read", data={"text": "word " * 50})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    assert "over the limit of 100 bytes" in page.text
