"""The encoder tagger at read time: onnxruntime over the int8 model shipped in the package (no torch).

It tags every wordpiece of an article with source / cue / content BIO labels (each read in the window
where it has the most context, decoded so that every span is well formed), and gives each spaCy token
the label of its first wordpiece; the CRF tagger's assembly then turns one paragraph's tags into
candidates, and the rest of byline works on them as on the CRF's.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from byline.attribution.encoder.windows import best_window_of, constrained_decode, windows
from byline.errors import BylineError
from byline.nlp.text import doc_text

ENCODER_DIR = Path(__file__).resolve().parent.parent / "models" / "encoder"
BATCH_WINDOWS = 8


class EncoderTagger:
    """An ONNX token tagger and its tokenizer, loaded from ``model_dir``."""

    def __init__(self, model_dir: Path = ENCODER_DIR) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise BylineError("extra_missing", None, extra="accurate", package=exc.name or "onnxruntime") from exc
        if not (model_dir / "model.onnx").is_file():
            raise BylineError("encoder_missing", str(model_dir / "model.onnx"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 0
        self.session = onnxruntime.InferenceSession(
            str(model_dir / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")
        self.pad_id = self.tokenizer.token_to_id("[PAD]")

    def piece_labels(self, text: str) -> tuple[list[tuple[int, int]], list[str]]:
        """The wordpieces' character offsets and their decoded labels."""
        import numpy as np

        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        n = len(encoding.ids)
        if n == 0:
            return [], []
        spans = windows(n, self.cls_id, self.sep_id, encoding.ids)
        logits: list[Any] = []
        for first in range(0, len(spans), BATCH_WINDOWS):
            batch = spans[first : first + BATCH_WINDOWS]
            width = max(len(w.ids) for w in batch)
            ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, window in enumerate(batch):
                ids[row, : len(window.ids)] = window.ids
                mask[row, : len(window.ids)] = 1
            logits.extend(self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0])
        rows = []
        for w, position in best_window_of(spans, n):
            row = logits[w][position]
            top = float(row.max())
            norm = top + math.log(float(np.exp(row - top).sum()))
            rows.append([float(v) - norm for v in row])
        return list(encoding.offsets), constrained_decode(rows)

    def token_tags(self, doc: Doc) -> list[str]:
        """A BIO tag per spaCy token (space tokens "O"), in the CRF tagger's letters (S, C, T)."""
        offsets, labels = self.piece_labels(doc_text(doc))
        starts = [s for s, _ in offsets]
        tags = []
        for token in doc:
            k = bisect_left(starts, token.idx)
            if token.is_space or k >= len(offsets) or offsets[k][0] >= token.idx + len(token.text):
                tags.append("O")
                continue
            tags.append(labels[k])
        return _well_formed(tags)


def _well_formed(tags: list[str]) -> list[str]:
    """An I- tag that follows no tag of its role starts a run (B-)."""
    out = []
    for k, tag in enumerate(tags):
        if tag.startswith("I-") and (k == 0 or out[k - 1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


@lru_cache(maxsize=2)
def load_encoder(model_dir: Path = ENCODER_DIR) -> EncoderTagger:
    """The shipped encoder tagger, loaded once per process."""
    return EncoderTagger(model_dir)

