"""Bytes to text: binary sniffing, encoding detection and HTML sniffing."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from byline.errors import BylineError

# (signature at offset 0, what it is). Checked before any decoding.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX, XLSX, EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (DOC, XLS, PPT)"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O binary"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3\x02", "an MP3 file"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska or WebM video"),
    (b"\x00asm", "a WebAssembly module"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PAR1", "a Parquet file"),
)
RIFF_KINDS = {b"WAVE": "a WAV audio file", b"AVI ": "an AVI video", b"WEBP": "a WebP image"}

# Compressed containers byline does not open (gzip it does).
UNSUPPORTED_COMPRESSION: tuple[tuple[bytes, str], ...] = (
    (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data; decompress it first"),
    (b"\x04\x22\x4d\x18", "lz4-compressed data; decompress it first"),
)
GZIP_MAGIC = b"\x1f\x8b"

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_SNIFF_BYTES = 8192
# charset-normalizer misnames English 8-bit text (cp1250, even cp932, for cp1252 news text) whatever its
# length: trust it only for text that is mostly non-ASCII, i.e. in another script.
_MIN_DETECT_BYTES = 512
_NON_ASCII_SHARE_FOR_DETECTION = 0.2
# Declared charsets browsers read as windows-1252 (WHATWG Encoding Standard).
_CP1252_ALIASES = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "ascii",
    "us-ascii",
    "windows-1252",
    "cp1252",
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|div|p|meta|title|section|main|span|br)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (e.g. "a PDF document"), or None when it may be text."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            return what
    if data[:4] == b"RIFF" and data[8:12] in RIFF_KINDS:
        return RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4 or QuickTime media file"
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "a Windows executable"
    if _bom_encoding(data) or _bomless_utf16(data):
        return None
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "it contains NUL bytes"
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in its first {len(head)}"
    return None


def unsupported_compression(data: bytes) -> str | None:
    """What compressed container ``data`` is, when byline cannot open it."""
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "bzip2-compressed data; decompress it first"
    for signature, what in UNSUPPORTED_COMPRESSION:
        if data.startswith(signature):
            return what
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by ASCII text's NUL high bytes."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _CP1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def decode_bytes(data: bytes, source: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; returns (text, encoding name).

    Order: a BOM; BOM-less UTF-16; strict UTF-8; the declared charset (HTTP header or HTML meta); for
    mostly non-ASCII bytes, charset-normalizer; cp1252 for other 8-bit text. Raises ``undecodable``.
    """
    bom = _bom_encoding(data) or _bomless_utf16(data)
    if bom:
        text = _strict(data, bom)
        if text is None:
            raise BylineError("undecodable", source)
        return text, bom
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    codec = _codec(declared)
    if codec and codec not in ("utf-8", "utf-16", "utf-32"):
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    non_ascii = sum(1 for byte in data if byte > 0x7F) / max(1, len(data))
    if len(data) >= _MIN_DETECT_BYTES and non_ascii > _NON_ASCII_SHARE_FOR_DETECTION:
        text = _detected(data)
        if text is not None:
            return text, "detected"
    text = _strict(data, "cp1252")
    if text is not None:
        return text, "cp1252"
    if len(data) >= _MIN_DETECT_BYTES:
        text = _detected(data)
        if text is not None:
            return text, "detected"
    raise BylineError("undecodable", source)


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML (or XHTML) document rather than plain text."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2


def feed_root(text: str) -> str | None:
    """The root element name when the text is an RSS/Atom feed rather than an article."""
    match = _FEED_ROOT.match(text[:4096])
    return match.group(1) if match else None
