"""Tests of byline.ingest (a package, so that module names such as test_html do not clash)."""
