import pytest

from byline.errors import CATALOGUE, BylineError


def test_message_is_one_line_naming_input_and_reason():
    error = BylineError("too_large", "big.txt", size=30, limit=10)
    assert error.message == "big.txt: the input is 30 bytes, over the limit of 10 bytes (raise it with --max-bytes)"
    assert "\n" not in error.message


def test_multiline_detail_is_folded_to_one_line():
    error = BylineError("malformed", "x.jsonl:3", detail="line one\nline two")
    assert error.message == "x.jsonl:3: the input is malformed (line one line two)"


def test_record_has_code_reason_and_input():
    record = BylineError("empty", "a.txt").to_record()
    assert record == {
        "input": "a.txt",
        "code": "empty",
        "reason": CATALOGUE["empty"],
        "message": "a.txt: the input is empty",
    }


def test_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        BylineError("no_such_code")


def test_missing_detail_falls_back_to_the_bare_reason():
    assert BylineError("binary", "b.bin").reason == CATALOGUE["binary"]
