"""Paragraph and sentence segmentation: the spans every later stage is cut along."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from quoteattr._text import offsets_of, split_paragraphs, split_sentences


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_paragraphs_are_trimmed_and_blank_lines_dropped() -> None:
    text = "  Officials met on Monday.  \n\n\n\tThe talks ended late.\r\nNo deal was signed.\u2029Next week."
    assert _texts(text, split_paragraphs(text)) == [
        "Officials met on Monday.", "The talks ended late.", "No deal was signed.", "Next week.",
    ]  # fmt: skip


def test_hard_wrapped_line_joins_its_paragraph() -> None:
    """A line that stops mid-sentence, followed by one going on in lower case, is one paragraph."""
    text = (
        "The minister said the agreement, which took two years to negotiate,\n"
        "would be signed in the spring.\n\nA second paragraph."
    )
    paragraphs = _texts(text, split_paragraphs(text))
    assert paragraphs[0].endswith("signed in the spring.")
    assert paragraphs[1] == "A second paragraph."


def test_crlf_is_one_line_break_also_inside_a_hard_wrap() -> None:
    """The \\n of a \\r\\n never breaks a line of its own, even where the \\r\\n was joined."""
    text = (
        "The minister said the agreement, which took two years to negotiate,\r\n"
        "would be signed in the spring.\r\n\r\nA second paragraph.\r\rA third."
    )
    assert _texts(text, split_paragraphs(text)) == [
        "The minister said the agreement, which took two years to negotiate,\r\nwould be signed in the spring.",
        "A second paragraph.", "A third.",
    ]  # fmt: skip


def test_information_separators_trim_at_both_ends() -> None:
    """Leading and trailing whitespace are the same set: whatever ``str.isspace`` says."""
    text = "\x1c The council voted. \x1f"
    assert _texts(text, split_paragraphs(text)) == ["The council voted."]


def test_sentences_skip_abbreviations_and_initials() -> None:
    text = "Mr. Ortiz met Anthony S. Fauci at 9 a.m. on Friday. They spoke for an hour. “It went well.” Then he left."
    assert _texts(text, split_sentences(text)) == [
        "Mr. Ortiz met Anthony S. Fauci at 9 a.m. on Friday.",
        "They spoke for an hour.",
        "“It went well.”",
        "Then he left.",
    ]


def test_lower_case_after_a_stop_does_not_start_a_sentence() -> None:
    text = "Growth was 2.5 per cent. in the first quarter, said the bank."
    assert _texts(text, split_sentences(text)) == [text]


@given(st.text(alphabet=st.sampled_from("ab .\n\r\t\x1c\u2028“”"), max_size=80))
def test_segments_cover_every_visible_character_in_order(text: str) -> None:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    for spans in (paragraphs, sentences):
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # ordered, disjoint
        covered = {i for s, e in spans for i in range(s, e)}
        assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for s, e in paragraphs:
        assert not text[s].isspace()
        assert not text[e - 1].isspace()


def test_offsets_of_a_character_listed_twice_come_once() -> None:
    assert offsets_of("a.a“", "“.aa") == [0, 1, 2, 3]


@given(
    st.text(alphabet=st.sampled_from("ab.!?…\n\r“”'\u2028é"), max_size=60),
    st.text(alphabet="a.!?…\n\r“'", max_size=5),
    st.integers(-3, 70),
    st.integers(-3, 70) | st.none(),
)
def test_offsets_of_finds_every_listed_character(text: str, characters: str, start: int, end: int | None) -> None:
    """The find loops give what a scan of every character gives, for any range str.find accepts."""
    first, stop, _ = slice(start, end).indices(len(text))
    assert offsets_of(text, characters, start, end) == [i for i in range(first, stop) if text[i] in characters]
