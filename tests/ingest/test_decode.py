"""Bytes to text: binary sniffing, encodings, HTML sniffing."""

from __future__ import annotations

import codecs

import pytest

from byline.errors import BylineError
from byline.ingest.decode import (
    binary_reason,
    declared_charset,
    decode_bytes,
    feed_root,
    looks_like_html,
    unsupported_compression,
)

TEXT = "The café on the quay – “open before dawn” – serves the ferry crews. Price: £3."


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"plain start then a NUL \x00 byte", "NUL"),
    ],
)
def test_binary_inputs_are_recognised_with_what_they_are(data, what):
    reason = binary_reason(data)
    assert reason is not None and what in reason


@pytest.mark.parametrize("data", [TEXT.encode("utf-8"), TEXT.encode("cp1252"), TEXT.encode("utf-16")])
def test_text_in_any_encoding_is_not_binary(data):
    assert binary_reason(data) is None


def test_text_that_starts_like_a_magic_number_is_not_binary():
    assert binary_reason(b"MZ Harbour Ltd said on Monday it would sell the ferry.") is None
    assert binary_reason(b"ID3 tags are what music players read.") is None


def test_compressed_formats_byline_does_not_open_are_named():
    assert "xz" in unsupported_compression(b"\xfd7zXZ\x00\x00\x04")
    assert unsupported_compression(TEXT.encode()) is None


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its NUL high bytes
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),  # short 8-bit text: the cp1252 fallback, not a guess
    ],
)
def test_decoding_order(data, encoding):
    text, used = decode_bytes(data)
    assert (text.lstrip("\ufeff"), used) == (TEXT, encoding)


def test_long_english_cp1252_text_is_not_misnamed():
    data = (TEXT + " ").encode("cp1252") * 200
    text, used = decode_bytes(data)
    assert used == "cp1252"
    assert "café" in text and "£3" in text


def test_mostly_non_ascii_8bit_text_is_detected():
    russian = "Городской совет в четверг утвердил бюджет, несмотря на протесты жителей. " * 20
    text, _used = decode_bytes(russian.encode("cp1251"))
    assert text == russian


def test_a_declared_charset_is_used_when_utf8_fails():
    text, used = decode_bytes("Ærø ferry".encode("iso-8859-15"), declared="iso-8859-15")
    assert (text, used) == ("Ærø ferry", "iso8859-15")


def test_bytes_no_encoding_can_read_are_undecodable():
    with pytest.raises(BylineError) as caught:
        decode_bytes(b"ferry \x81\x8d\x8f\x90\x9d", source="odd.txt")
    assert caught.value.code == "undecodable"
    assert caught.value.message.startswith("odd.txt: ")


def test_declared_charset_is_read_from_meta_and_xml_declarations():
    assert declared_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == (
        "iso-8859-1"
    )
    assert declared_charset(b"<?xml version='1.0' encoding='utf-8'?><html>") == "utf-8"
    assert declared_charset(b"plain text") is None


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "  <!-- saved page -->\n<html lang='en'>",
        "<div class='story'><p>One.</p><p>Two.</p></div>",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>",
    ],
)
def test_html_is_sniffed(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [TEXT, "<3 the ferry, said the sign on the quay.", "a < b and c > d"])
def test_plain_text_is_not_html(text):
    assert not looks_like_html(text)


def test_feeds_are_told_apart_from_pages():
    assert feed_root("<?xml version='1.0'?>\n<rss version='2.0'><channel>") == "rss"
    assert feed_root("<html><body></body></html>") is None
