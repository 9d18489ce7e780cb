"""Byte streams that can be sniffed before they are read, and that count what they hand out."""

from __future__ import annotations

import io
from typing import BinaryIO

SNIFF_BYTES = 4096


class _Replay(io.RawIOBase):
    """``head`` followed by the rest of ``stream``; counts the bytes it has handed out."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        view = memoryview(buffer)
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            data = self._stream.read(len(view))
            n = len(data)
            view[:n] = data
        self.count += n
        return n


class SniffedStream(io.BufferedReader):
    """A buffered reader over a stream whose first bytes (``head``) were read ahead to sniff it."""

    def __init__(self, stream: BinaryIO, sniff: int = SNIFF_BYTES) -> None:
        head = _read_up_to(stream, sniff)
        self.head = head
        self._replay = _Replay(head, stream)
        super().__init__(self._replay)

    @property
    def bytes_read(self) -> int:
        """How many bytes of the underlying stream have been consumed so far (buffered ones included)."""
        return self._replay.count


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, reading again after short reads (pipes) until EOF."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)
