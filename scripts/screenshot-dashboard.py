"""The README's picture of the corpus dashboard: ``byline serve --db`` on loopback, photographed in Chromium.

    .venv/bin/python scripts/screenshot-dashboard.py --db corpus.duckdb [--out docs/dashboard.png]

Serves the dashboard of the given corpus database on a free loopback port (no reader is loaded: the page
needs none), opens ``/corpus`` in Debian's Chromium through Playwright and writes a PNG of the whole page (or
of its top ``--height`` CSS pixels); it fails if the page asked for anything off the server, or if the picture
is over 300 KB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from byline.errors import BylineError  # noqa: E402
from byline.web.app import create_app  # noqa: E402
from byline.web.server import serving  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless=new", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
MAX_BYTES = 300_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="The corpus database (a DuckDB file).")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "dashboard.png")
    parser.add_argument("--query", default="", help="A query string for /corpus, e.g. 'since=2019-01-01'.")
    parser.add_argument("--width", type=int, default=1200, help="The browser window's width, CSS pixels.")
    parser.add_argument("--height", type=int, default=0, help="Photograph only this much of the page (0: all).")
    parser.add_argument("--scale", type=float, default=0.8, help="Image pixels per CSS pixel.")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} absent: install Debian's chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    try:
        app = create_app(reader_factory=_no_reader, corpus_db=args.db)
    except BylineError as exc:
        print(f"byline: error: {exc.message}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with serving(app) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        viewport = {"width": args.width, "height": args.height or 1000}
        page = browser.new_page(viewport=viewport, device_scale_factor=args.scale)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url + "/corpus" + (f"?{args.query}" if args.query else ""))
        page.wait_for_selector("svg.chart")
        if args.height:
            page.screenshot(path=str(args.out), clip={"x": 0, "y": 0, "width": args.width, "height": args.height})
        else:
            page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    hosts = {urlsplit(u).netloc for u in requested}
    if hosts != {urlsplit(url).netloc}:
        print(f"the page asked for something off the server: {sorted(hosts)}", file=sys.stderr)
        return 1
    size = args.out.stat().st_size
    print(f"{args.out}: {size:,} bytes" + (f" (over {MAX_BYTES:,}: take less of the page)" if size > MAX_BYTES else ""))
    return 0 if size <= MAX_BYTES else 1


def _no_reader():
    raise RuntimeError("the dashboard reads no articles")


if __name__ == "__main__":
    sys.exit(main())
