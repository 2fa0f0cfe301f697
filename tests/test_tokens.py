"""Tokens and lexicon look-ups on tokens: the ground every attribution rule stands on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr._lexicon import FormIndex, lexicon
from quoteattr._tokens import TokenColumns, is_role, token, tokenize

from .strategies import articles


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The U.S. and U.N. agreed.", ["The", "U.S.", "and", "U.N.", "agreed", "."]),
        ("It cost 10,000 or 2.5 million.", ["It", "cost", "10,000", "or", "2.5", "million", "."]),
        ("O’Brien, Ji-won and don't", ["O’Brien", ",", "Ji-won", "and", "don't"]),
        ("the farmers’ loans", ["the", "farmers’", "loans"]),
        ("``Yes,'' he said...", ["``", "Yes", ",", "''", "he", "said", "..."]),
        ("Russia’s envoy", ["Russia’s", "envoy"]),
        ("«Non», dit-il.", ["«", "Non", "»", ",", "dit-il", "."]),
        ("a\u00a0b\tc\r\nd", ["a", "b", "c", "d"]),
    ],
)
def test_tokens_of_news_prose(text: str, want: list[str]) -> None:
    assert _texts(text) == want


def test_token_classes() -> None:
    minister, comma, ten = tokenize("Minister’s , 10")
    assert (minister.low, minister.is_cap, minister.is_word, minister.is_possessive, minister.base) == (
        "minister’s", True, True, True, "Minister")
    assert (comma.is_cap, comma.is_word, comma.is_possessive, comma.base) == (False, False, False, ",")
    assert (ten.is_cap, ten.is_word) == (False, True)
    assert token(3, 5, "He") == tokenize("   He")[0]


def test_role_words_in_any_case_and_possessive() -> None:
    lex = lexicon()
    assert [is_role(lex, t) for t in tokenize("minister Minister’s ministers’ minute")] == [True, True, True, False]


@given(st.text(max_size=200))
def test_tokens_cover_every_visible_character_once(text: str) -> None:
    tokens = tokenize(text)
    position = 0
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.low == t.text.lower()
        assert text[position : t.start].strip() == ""  # only whitespace between tokens
        assert t.start >= position
        assert t.end > t.start
        position = t.end
    assert text[position:].strip() == ""


@given(articles(), st.integers(0, 50), st.integers(0, 50))
def test_columns_cut_anywhere_give_the_same_tokens(text: str, i: int, j: int) -> None:
    columns = TokenColumns(text)
    assert columns.tokens() == tokenize(text)
    assert columns.tokens(i, i + j) == tokenize(text)[i : i + j]
    assert len(columns) == len(tokenize(text))


def test_a_range_keeps_document_offsets() -> None:
    text = "Prices rose. Officials said so."
    assert [(t.start, t.text) for t in tokenize(text, 13, 22)] == [(13, "Officials")]
    assert [(t.start, t.end, t.text) for t in tokenize(text, 13)] == [
        (13, 22, "Officials"), (23, 27, "said"), (28, 30, "so"), (30, 31, ".")]


def _find(index: FormIndex, text: str) -> list[str]:
    columns = TokenColumns(text)
    return [text[s:e] for s, e in index.find(text, columns.starts, columns.lows)]


def test_cue_forms_whole_words_and_sentence_initial_capitals() -> None:
    verbs = lexicon().verb_forms
    assert _find(verbs, "Said Ms Lopez, she warned and told them; SAID nothing, unsaid") == ["Said", "warned", "told"]


def test_longest_form_wins_and_hits_never_overlap() -> None:
    lex = lexicon()
    assert _find(lex.verb_forms, "They called on the council and called him.") == ["called on", "called"]
    assert _find(lex.noun_forms, "In a news release, the news said") == ["news release", "news"]
    assert _find(lex.country_forms, "Papua New Guinea’s envoy met Guinea’s") == ["Papua New Guinea", "Guinea"]


def test_country_forms_keep_their_case() -> None:
    assert _find(lexicon().country_forms, "Chad met chad; the U.S. and Peru") == ["Chad", "U.S.", "Peru"]


def test_form_index_agrees_with_a_whole_word_regex() -> None:
    """The token look-up finds what a word-bounded regex over the forms finds, on text
    whose words are separated by spaces (hyphenated compounds are one token by design)."""
    lex = lexicon()
    forms = sorted(lex.verbs, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
    text = ("The minister said on Monday that talks had stalled, and aides told reporters they were "
            "calling on both sides to agree. She added, insisting, that nobody had warned her.")
    assert _find(lex.verb_forms, text) == pattern.findall(text)
