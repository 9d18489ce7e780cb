"""The per-article entity registry: canonical names and every mention."""
