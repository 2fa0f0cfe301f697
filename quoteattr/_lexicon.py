"""The lexicons in ``quoteattr/data/``, loaded once and compiled into a few large regexes.

Each data file is a TSV with ``#`` comment lines (source, licence, how it was built) and
a header row. Loading happens on first use, not on import, so ``import quoteattr`` stays
instant; :func:`lexicon` is cached, and the result is immutable and shared by threads.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources

import attrs
import regex


def _rows(name: str) -> Iterator[list[str]]:
    """Data rows of a packaged TSV, header and comments skipped."""
    text = resources.files("quoteattr").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


def _pairs(name: str) -> Iterator[tuple[str, str]]:
    """Two-column rows as pairs."""
    for key, value, *_ in _rows(name):
        yield key, value


def _alternation(forms: list[str]) -> str:
    """A regex alternation of literal forms, longest first so the longest form wins."""
    return "|".join(regex.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@attrs.frozen
class Country:
    """A surface form that evokes a country."""

    code: str
    type: str  # name, alias, demonym, capital, institution
    ambiguous: bool


@attrs.frozen
class Lexicon:
    """Everything the rules look up, keyed by lower-cased form unless noted."""

    countries: dict[str, Country]
    """Case-sensitive surface forms: "South Korean", "Kyiv", "U.S."."""
    country_names: dict[str, str]
    verbs: dict[str, tuple[str, str]]
    """form → (lemma, frame); frames: say, tell, ask, label, urge, think."""
    nouns: dict[str, str]
    """attribution noun form → lemma."""
    roles: dict[str, tuple[str, str]]
    """role head (singular or plural) → (gender m/f/-, kind title/occupation)."""
    role_plurals: frozenset[str]
    org_heads: frozenset[str]
    """Capitalised words that end or mark an organisation name (Ministry, Fund …)."""
    org_nouns: frozenset[str]
    """Common nouns that denote an organisation (ministry, group, company …)."""
    honorifics: dict[str, str]
    given_names: dict[str, str]
    country_pattern: regex.Pattern[str]
    verb_pattern: regex.Pattern[str]
    noun_pattern: regex.Pattern[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicons (loaded on first call, then shared)."""
    countries = {
        form: Country(code, kind, "ambiguous-name" in flags)
        for form, code, kind, *rest in _rows("countries.tsv")
        for flags in [rest[0] if rest else ""]
    }
    verbs: dict[str, tuple[str, str]] = {}
    for lemma, frame, forms in _rows("speech_verbs.tsv"):
        for form in forms.split(","):
            verbs.setdefault(form.strip().lower(), (lemma, frame))
    nouns = {
        form.strip().lower(): lemma for lemma, forms in _rows("attribution_nouns.tsv") for form in forms.split(",")
    }
    roles: dict[str, tuple[str, str]] = {}
    plurals = set()
    for head, gender, kind, plural in _rows("roles.tsv"):
        roles.setdefault(head.lower(), (gender, kind))
        if plural.strip():
            roles.setdefault(plural.strip().lower(), ("-", kind))
            plurals.add(plural.strip().lower())
    org_rows = list(_rows("organisations.tsv"))
    boundary_l, boundary_r = r"(?<![\p{L}\p{M}\p{N}])", r"(?![\p{L}\p{M}\p{N}])"
    return Lexicon(
        countries=countries,
        country_names=dict(_pairs("country_names.tsv")),
        verbs=verbs,
        nouns=nouns,
        roles=roles,
        role_plurals=frozenset(plurals),
        org_heads=frozenset(w for w, k in org_rows if k == "head"),
        org_nouns=frozenset(w.lower() for w, k in org_rows if k == "noun"),
        honorifics=dict(_pairs("honorifics.tsv")),
        given_names=dict(_pairs("given_names.tsv")),
        country_pattern=regex.compile(boundary_l + f"(?:{_alternation(list(countries))})" + boundary_r),
        verb_pattern=regex.compile(
            boundary_l + f"(?:{_alternation(list(verbs))})" + boundary_r, regex.IGNORECASE
        ),
        noun_pattern=regex.compile(
            boundary_l + f"(?:{_alternation(list(nouns))})" + boundary_r, regex.IGNORECASE
        ),
    )
