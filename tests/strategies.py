"""Hypothesis strategies: news-like text built from realistic pieces, and raw strings."""

from __future__ import annotations

from hypothesis import strategies as st

GIVEN = ["Ana", "Kofi", "Mei", "Oleksandr", "Priya", "José", "Fatima", "Lars", "Nguyen", "Amara"]
FAMILY = ["Silva", "Asamoah", "Chen", "Kovalenko", "Sharma", "Álvarez", "Nasser", "Berg", "De Jong", "O’Neill"]
ROLES = ["Finance Minister", "spokeswoman", "union leader", "Deputy Ambassador", "chief executive", "coach"]
COUNTRIES = ["Kenya", "Brazil", "Norway", "South Korea", "Peru", "India"]
CUES = ["said", "told reporters", "added", "stated", "warned", "insisted"]
CLAUSES = [
    "the budget would be balanced next year",
    "prices had risen faster than expected",
    "nobody would lose their job",
    "the talks were going well",
    "the bridge would reopen in May",
]
MARKS = [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»")]

names = st.builds(lambda g, f: f"{g} {f}", st.sampled_from(GIVEN), st.sampled_from(FAMILY))


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence of news prose in one of the common attribution shapes."""
    name = draw(names)
    role = draw(st.sampled_from(ROLES))
    country = draw(st.sampled_from(COUNTRIES))
    cue = draw(st.sampled_from(CUES))
    clause = draw(st.sampled_from(CLAUSES))
    op, cl = draw(st.sampled_from(MARKS))
    shape = draw(st.integers(0, 6))
    if shape == 0:
        return f"{op}{clause.capitalize()},{cl} {name} {cue}."
    if shape == 1:
        return f"{country}'s {role}, {name}, {cue} that {clause}."
    if shape == 2:
        return f"{role.capitalize()} {name} {cue}: {op}{clause.capitalize()}.{cl}"
    if shape == 3:
        return f"{clause.capitalize()}, according to {name}."
    if shape == 4:
        return f"He {cue} {clause}."
    if shape == 5:
        return f"The so-called {op}plan{cl} was dropped."
    return f"Markets in {country} were quiet on Monday."


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A few paragraphs of news-like text, with the odd boilerplate line."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4).map(" ".join), min_size=1,
                               max_size=5))  # fmt: skip
    if draw(st.booleans()):
        paragraphs.insert(0, "• HOME»")
    return draw(st.sampled_from(["\n\n", "\n", "\r\n"])).join(paragraphs)


any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
"""Arbitrary strings, including control characters and lone surrogates."""
