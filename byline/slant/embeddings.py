"""Static word-piece vectors distilled from all-MiniLM-L6-v2: a sentence's meaning for the slant classifiers at the
cost of a table look-up (no transformer at read time, no torch, no tokenizer package).

Each word piece of MiniLM's vocabulary was run through the transformer on its own once (``byline train
embeddings``), its output mean-pooled, the vectors reduced by PCA and stored as int8 with a scale per dimension.
A sentence's vector is the mean of its pieces' vectors, each weighted by log(1 + its vocabulary rank) (rarer
pieces say more), normalised to length ``SENTENCE_NORM``. Words are split into pieces as BERT's uncased
tokenizer does (lower case, accents stripped, greedy longest match), from spaCy's tokens.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

EMBEDDINGS_DIR = Path(__file__).resolve().parent / "models" / "embeddings"
VECTORS_FILE = "vectors.npz"
SENTENCE_NORM = 3.0  # the features' scale against the sparse counts (chosen by cross-validation on train: 1, 2, 3)
MAX_WORD_CHARS = 100  # BERT's limit: a longer "word" is no word
CONTINUATION = "##"


def plain_word(text: str) -> str:
    """Lower case, accents stripped (BERT uncased)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@dataclass
class StaticEmbeddings:
    """Word-piece vectors (int8, a scale per dimension), each piece's weight, and the piece → row index."""

    pieces: list[str]
    vectors: np.ndarray  # int8, pieces × dims
    scales: np.ndarray  # float32, dims
    weights: np.ndarray  # float32, pieces
    _index: dict[str, int] = field(init=False, repr=False)
    _word_cache: dict[str, tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {piece: i for i, piece in enumerate(self.pieces)}
        self._word_cache = {}

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def word_rows(self, word: str) -> tuple[int, ...]:
        """The rows of a word's pieces (greedy longest match); ``()`` for a word the vocabulary cannot spell."""
        found = self._word_cache.get(word)
        if found is None:
            found = self._split(plain_word(word))
            if len(self._word_cache) < 200_000:
                self._word_cache[word] = found
        return found

    def _split(self, word: str) -> tuple[int, ...]:
        if not word or len(word) > MAX_WORD_CHARS:
            return ()
        rows, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                row = self._index.get(piece)
                if row is not None:
                    rows.append(row)
                    break
                end -= 1
            else:
                return ()
            start = end
        return tuple(rows)

    def sentence_vector(self, words: Iterable[str]) -> np.ndarray:
        """The weighted mean of the words' piece vectors, normalised; zeros where no word is known."""
        rows = [row for word in words for row in self.word_rows(word)]
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        index = np.asarray(rows)
        weights = self.weights[index]
        vector = (self.vectors[index].astype(np.float32) * weights[:, None]).sum(axis=0) * self.scales
        norm = float(np.linalg.norm(vector))
        return vector * (SENTENCE_NORM / norm) if norm > 0 else vector

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / VECTORS_FILE
        np.savez_compressed(
            path, pieces=np.array(self.pieces), vectors=self.vectors, scales=self.scales, weights=self.weights
        )
        return path

    @classmethod
    def load(cls, directory: Path) -> StaticEmbeddings:
        with np.load(directory / VECTORS_FILE, allow_pickle=False) as data:
            return cls([str(p) for p in data["pieces"]], data["vectors"], data["scales"], data["weights"])


_LOADED: dict[Path, StaticEmbeddings | None] = {}
_LOCK = threading.Lock()


def load_embeddings(directory: Path = EMBEDDINGS_DIR) -> StaticEmbeddings | None:
    """The shipped vectors, loaded once; None where they are not installed."""
    with _LOCK:
        if directory not in _LOADED:
            _LOADED[directory] = StaticEmbeddings.load(directory) if (directory / VECTORS_FILE).is_file() else None
        return _LOADED[directory]
