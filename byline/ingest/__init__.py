"""byline.ingest"""
