"""The C tokeniser (``quoteattr/_ctokens.c``): the same tokens as the TOKEN regex, faster.

Skipped where the extension was not built (no C compiler at install); CI checks that it
was, so these always run there.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr._tokens import Token, regex_columns

ctokens = pytest.importorskip("quoteattr._ctokens", reason="the C tokeniser was not built (no C compiler)")

TRICKY = st.sampled_from(list("aZsS9٣ .,’'`‐-_\"“”‘«»\n\t\u00a0é\u0301ǅ²Ⅻİß…!?\ud800"))
"""Characters at the edges of the tokeniser's classes: abbreviation and number
punctuation, word joiners, possessive s, non-ASCII digits and letters, a combining mark, a
title-case letter, a lone surrogate, whitespace beyond the space."""


@given(st.one_of(st.text(TRICKY, max_size=40), st.text(max_size=60)), st.data())
def test_c_tokeniser_gives_the_regex_tokens(text: str, data: st.DataObject) -> None:
    """The C tokeniser is a faster copy of the TOKEN regex: same columns and tokens, any text, any range."""
    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    *columns, tokens = ctokens.columns(text, start, stop, Token)
    assert tuple(columns) == regex_columns(text, start, stop)
    assert tokens == [Token(*fields) for fields in zip(*columns, strict=True)]
    assert all(type(t) is Token for t in tokens)


def test_c_tokeniser_on_news_prose() -> None:
    text = "“The U.S. won’t pay 10,000.5 dollars,” said farmers’ envoy Ji-won O’Brien... ``Yes,'' she said."
    *columns, tokens = ctokens.columns(text, 0, len(text), Token)
    assert tuple(columns) == regex_columns(text, 0, len(text))
    assert [t.text for t in tokens[:8]] == ["“", "The", "U.S.", "won’t", "pay", "10,000.5", "dollars", ","]
    assert tokens[2] == Token(5, 9, "U.S.", "u.s.", True, True)
    assert tokens[2].is_possessive is False  # a real Token: its properties work


def test_c_tokeniser_rejects_bad_ranges() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        ctokens.columns("abc", 2, 1, Token)
    with pytest.raises(TypeError):
        ctokens.columns(b"abc", 0, 3, Token)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ctokens.columns("abc", 0, 3, list)  # type: ignore[arg-type]


ARTICLE = (
    "GENEVA — The U.S. envoy to the United Nations, Linda Okafor, said on Tuesday that the talks "
    "had “run out of road.” “We gave them 10,000 pages,” she said. Russia’s ambassador countered "
    "that the farmers’ claims were false, according to a statement.\n\nOkafor later told reporters: "
    "``We will be back.''"
)


def test_extraction_is_the_same_with_either_tokeniser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine reads tokens the same way whichever tokeniser made them (with the regex
    one, token tuples are made lazily, sentence by sentence)."""
    import quoteattr
    from quoteattr import _tokens

    with_c = quoteattr.extract(ARTICLE)
    c_tokens = _tokens.TokenColumns(ARTICLE).tokens()
    monkeypatch.setattr(_tokens, "_native_columns", None)
    assert _tokens.TokenColumns(ARTICLE).tokens() == c_tokens
    assert _tokens.TokenColumns(ARTICLE).tokens(3, 9) == c_tokens[3:9]
    with_regex = quoteattr.extract(ARTICLE)
    assert with_regex == with_c
    assert len(with_c.quotes) >= 4
