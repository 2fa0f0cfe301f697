"""Real-world mess: bad input types, odd characters, line endings, huge and hostile texts."""

from __future__ import annotations

import time

import pytest

import quoteattr
from quoteattr import DocumentTooLargeError, Extractor, InputTypeError

QUOTE = '"The port will reopen on Monday," said harbour master Ines Duarte.'


@pytest.mark.parametrize("bad", [None, b"bytes are not text", 42, ["a list"], {"text": "a dict"}])
def test_non_text_raises_a_clear_type_error(bad: object) -> None:
    """Anything but str is refused with a TypeError naming the type."""
    with pytest.raises(InputTypeError, match=type(bad).__name__):
        quoteattr.extract(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # also catchable as the builtin
        quoteattr.extract(bad)  # type: ignore[arg-type]


def test_bytes_error_says_how_to_fix() -> None:
    """The bytes error tells the user to decode first."""
    with pytest.raises(InputTypeError, match="decode"):
        quoteattr.extract(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", " ", "\n\n\t", "\u00a0\u2028"])
def test_empty_or_whitespace_gives_empty_document(blank: str) -> None:
    """Nothing to read gives an empty result, not an error."""
    doc = quoteattr.extract(blank)
    assert doc.quotes == ()
    assert doc.text == blank


def test_maximum_size_is_configurable_and_enforced() -> None:
    """A document over max_chars raises a ValueError that names the limit and the fix."""
    small = Extractor(max_chars=100)
    with pytest.raises(DocumentTooLargeError, match="max_chars=100"):
        small.extract("x" * 101)
    assert small.extract(QUOTE).quotes


@pytest.mark.parametrize(
    "noise",
    ["\x00", "\x1b", "\ud800", "\u200f", "\u200d", "\ufeff", "\u202e", "\x0c"],
    ids=["nul", "escape", "lone-surrogate", "rtl-mark", "zwj", "bom", "rlo", "form-feed"],
)
def test_control_and_invisible_characters_are_harmless(noise: str) -> None:
    """Odd characters before and inside a sentence neither crash nor hide the quote."""
    doc = quoteattr.extract(noise + QUOTE.replace("reopen", "re" + noise + "open"))
    assert len(doc.quotes) == 1
    assert doc.speaker_of(doc.quotes[0]).name == "Ines Duarte"  # type: ignore[union-attr]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["unix", "windows", "old-mac"])
def test_line_endings_do_not_change_the_result(newline: str) -> None:
    """Paragraphs split the same way whatever the line ending."""
    text = newline.join([QUOTE, "", '"We expect delays," she added.'])
    doc = quoteattr.extract(text)
    assert [doc.text_of(q.content) for q in doc.quotes] == ["The port will reopen on Monday,", "We expect delays,"]
    assert {doc.speaker_of(q).name for q in doc.quotes} == {"Ines Duarte"}  # type: ignore[union-attr]


def test_ten_megabyte_document() -> None:
    """A 10 MB document (news prose with a quotation every few kilobytes) is processed, and
    every quotation in it is found."""
    prose = "Container traffic at the terminal rose for a third month as new cranes came into service. " * 24
    paragraph = prose + "\n\n" + QUOTE + "\n\n"
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    doc = quoteattr.extract(text)
    assert len(doc.quotes) == text.count(QUOTE)
    assert {s.name for s in doc.speakers} == {"Ines Duarte"}


def _seconds(text: str) -> float:
    """CPU seconds, so a busy machine does not look like a slow algorithm."""
    start = time.process_time()
    quoteattr.extract(text)
    return time.process_time() - start


@pytest.mark.parametrize(
    "unit",
    ['He said " and then ', "“ ‘ « „ ", "a\n", 'X said: "no\n\n'],
    ids=["unmatched-straight", "mixed-openers", "tiny-paragraphs", "unclosed-per-paragraph"],
)
def test_adversarial_text_grows_linearly(unit: str) -> None:
    """Doubling an adversarial text roughly doubles the time, never squares it."""
    small, large = unit * 5_000, unit * 20_000
    _seconds(small)  # warm caches
    ratio = _seconds(large) / max(min(_seconds(small), _seconds(small)), 1e-3)
    assert ratio < 10, f"4x the text took {ratio:.1f}x the CPU time"
