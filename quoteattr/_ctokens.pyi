"""Types of the optional C tokeniser (_ctokens.c)."""

from typing import Any, TypeVar

T = TypeVar("T", bound=tuple[Any, ...])

def columns(
    text: str, start: int, end: int, token_type: type[T]
) -> tuple[list[int], list[int], list[str], list[str], list[bool], list[bool], list[T]]: ...
