"""The result model's own checks: a span is a valid half-open range or it is not made."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr import Span


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 4, "start must be >= 0, got -1"),
        (-3, -1, "start must be >= 0, got -3"),
        (2, -1, "end must be >= 0, got -1"),
        (5, 3, "span end 3 is before its start 5"),
    ],
)
def test_invalid_span_names_what_is_wrong(start: int, end: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Span(start, end)


@given(st.integers(-5, 20), st.integers(-5, 20))
def test_a_span_is_made_exactly_when_its_offsets_are_a_range(start: int, end: int) -> None:
    if 0 <= start <= end:
        span = Span(start, end)
        assert (span.start, span.end, len(span)) == (start, end, end - start)
    else:
        with pytest.raises(ValueError, match=r"must be >= 0|is before its start"):
            Span(start, end)
