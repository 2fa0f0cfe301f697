"""Types of the optional C tokeniser (_ctokens.c)."""

def columns(
    text: str, start: int, end: int
) -> tuple[list[int], list[int], list[str], list[str], list[bool], list[bool]]: ...
