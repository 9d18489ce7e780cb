"""HTML articles: body and metadata through trafilatura, captions from figure markup, date pitfalls."""

from __future__ import annotations

import pytest

from byline.errors import BylineError
from byline.ingest.html import article_from_html, figure_text, parse_html, published_date


@pytest.fixture
def figure_article(fixture_path):
    return article_from_html(fixture_path("figure-article.html").read_bytes(), origin="figure-article.html")


def test_metadata_comes_from_the_page(figure_article):
    assert figure_article.title == "Port Town Ferry Cuts Approved"
    assert figure_article.authors == ["Marta Quill"]
    assert figure_article.outlet == "Port Town Courier"
    assert figure_article.published == "2025-10-11"
    assert figure_article.url == "https://courier.example/2025/10/11/ferry-cuts-approved"
    assert figure_article.origin == "figure-article.html"
    assert figure_article.language == "en"


def test_a_given_url_wins_over_the_canonical_link(fixture_path):
    article = article_from_html(fixture_path("figure-article.html").read_text(), url="https://archive.test/x")
    assert article.url == "https://archive.test/x"


def test_figcaptions_become_captions_and_their_credits_credits(figure_article):
    assert figure_article.captions == [
        "Commuters queue at the ferry terminal on Friday morning.",
        "Sam Hale speaks outside the council chamber.",
    ]
    assert figure_article.credits == ["Photo by Ravi Dunn/Port Town Courier", "AP Photo/Dana Kelleher"]
    assert "Commuters queue" not in figure_article.text


def test_paragraph_breaks_are_kept_and_boilerplate_set_aside(figure_article):
    paragraphs = figure_article.text.split("\n\n")
    assert paragraphs[0].startswith("Port Town councillors voted seven to four")
    assert paragraphs[-1] == "The harbour master, Lena Ortiz, declined to comment."
    assert len(paragraphs) == 5
    assert figure_article.boilerplate == [
        "Share this article",
        "Sign up for our newsletter to get local news in your inbox every morning.",
    ]


def test_reader_comments_are_not_part_of_the_body(figure_article):
    assert "Disgraceful decision" not in figure_article.text
    assert "ratepayers" not in figure_article.text


def test_a_footer_copyright_year_is_not_taken_for_the_publication_date(fixture_path):
    article = article_from_html(fixture_path("copyright-footer.html").read_text())
    assert article.published is None
    assert article.title == "Harbour Pool Reopens After Repairs"


def test_published_date_falls_back_to_htmldate_when_the_extracted_date_is_a_copyright_year():
    html = (
        "<html><head><meta property='article:published_time' content='2024-06-05'></head>"
        "<body><p>Text.</p><footer>© 2024 Weekly</footer></body></html>"
    )
    assert published_date(parse_html(html), "2024-01-01", None) == "2024-06-05"


def test_a_caption_repeating_the_lead_paragraph_does_not_take_it_out_of_the_body():
    lead = "Port Town councillors voted seven to four on Friday to cut weekend ferry services from January."
    html = (
        f"<html><body><article><figure><img src='a.jpg'><figcaption>{lead}</figcaption></figure>"
        f"<p>{lead}</p><p>The mayor said the route lost money on every late crossing, and would not say more.</p>"
        "<p>The union said it would fight the decision in the courts and at the next election.</p>"
        "</article></body></html>"
    )
    article = article_from_html(html)
    assert article.text.startswith(lead)
    assert article.captions == [lead]


def test_a_caption_that_starts_a_longer_body_paragraph_leaves_that_paragraph_whole():
    para = "The ferry has run since 1962. It carried forty thousand passengers last year, the council said."
    html = (
        "<html><body><article><figure><img src='a.jpg'><figcaption>The ferry has run since 1962.</figcaption>"
        f"</figure><p>{para}</p><p>The union said it would fight the decision in the courts, and at the polls.</p>"
        "<p>The mayor said the route lost money on every late crossing, and would not say more.</p>"
        "</article></body></html>"
    )
    assert article_from_html(html).text.startswith(para)


def test_figure_text_skips_teaser_links_and_splits_credit_elements():
    tree = parse_html(
        "<html><body><figure><figcaption>The terminal at dawn. <span class='photo-credit'>Ravi Dunn</span>"
        "</figcaption></figure><a href='/other'><h5 class='teaser__caption'>Another story entirely</h5></a>"
        "</body></html>"
    )
    figures = figure_text(tree)
    assert figures.captions == ["The terminal at dawn."]
    assert figures.credits == ["Ravi Dunn"]


def test_bytes_are_decoded_by_their_declared_charset():
    body = "<p>The caf\xe9 on the quay serves the ferry crews before dawn, and it will stay open, the owner said.</p>"
    html = f"<html><head><meta charset='windows-1252'></head><body><article>{body * 4}</article></body></html>"
    article = article_from_html(html.encode("cp1252"))
    assert "café on the quay" in article.text


def test_a_page_without_an_article_body_is_no_body():
    with pytest.raises(BylineError) as caught:
        article_from_html(
            "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
            origin="menu.html",
        )
    assert caught.value.code == "no_body"
    assert caught.value.message.startswith("menu.html: ")


def test_the_bundled_html_sample(sample_html):
    article = article_from_html(sample_html)
    assert article.title == "Harbour City Council Approves Budget After Mayor Concedes Pool Closures"
    assert article.captions == [
        "Mayor Dana Whitfield, left, speaks with reporters outside City Hall on Tuesday, March 3, 2026."
    ]
    assert article.credits == ["Photo by Lee Okafor/Harbour Gazette"]
    assert "Please let us know if you're having issues with commenting." in article.boilerplate
    assert article.published == "2026-03-04"
    assert article.text.endswith("The closures are a mistake the city will regret for years.")
    assert "Another year, another pool gone" not in article.text


def _page(head: str, body: str) -> str:
    paragraph = (
        "<p>" + " ".join(["The council met on Tuesday to discuss next year's budget, officials said."] * 3) + "</p>"
    )
    article = f"<article><h1>Council budget</h1>{paragraph}{body}{paragraph}</article>"
    return f"<html><head><title>Council budget</title>{head}</head><body>{article}</body></html>"


def test_an_undated_page_takes_no_publication_date_from_a_year_in_its_body_text():
    html = _page(
        "", "<p>The scheme was first proposed in 2003 by the then mayor, who said it would pay for itself.</p>"
    )
    assert article_from_html(html).published is None


def test_a_first_of_january_date_in_the_pages_markup_is_kept():
    html = _page("<meta property='article:published_time' content='2020-01-01'>", "<p>It was proposed in 2003.</p>")
    assert article_from_html(html).published == "2020-01-01"
