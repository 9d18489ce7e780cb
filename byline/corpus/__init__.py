"""byline.corpus: many articles read into a corpus database (``byline corpus run``), reported on and exported."""
