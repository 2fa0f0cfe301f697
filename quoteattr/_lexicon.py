"""The lexicons in ``quoteattr/data/``, loaded once and compiled into a few large regexes.

Each data file is a TSV with ``#`` comment lines (source, licence, how it was built) and
a header row. Loading happens on first use, not on import, so ``import quoteattr`` stays
instant; :func:`lexicon` is cached, and the result is immutable and shared by threads.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, Final


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


def _trie(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms``, written as a character trie.

    A flat alternation of a thousand literals is tried branch by branch at every position
    of the text (seconds per megabyte); a trie lets the engine reject a position on its
    first character. Optional suffixes are greedy, so the longest form wins.
    """
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)


def _word_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """Whole-word matcher for lexicon forms (stdlib ``re``: its trie matching is fast)."""
    return re.compile(rf"(?<!\w)(?:{_trie(set(forms))})(?!\w)")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


POSSESSIVE_ENDINGS: Final = ("’s", "'s", "’", "'")


def _longest_first(form: str) -> tuple[int, str]:
    return -len(form), form


@dataclasses.dataclass(frozen=True)
class FormIndex:
    """Lexicon forms (one word or several) found at token starts, not by a regex pass.

    The document is tokenised anyway; looking each token's lower-cased text up in a set
    is several times cheaper than running a thousand-form trie regex over every
    character, and a hit costs one ``startswith`` per form that begins with that word.
    """

    by_first: dict[str, tuple[str, ...]]
    """Lower-cased first word, also with a possessive ending → forms, longest first."""
    capitalised_too: bool
    """Forms are lower case and may be capitalised ("Said Ms Lopez …"); else exact case."""

    @classmethod
    def of(cls, forms: Iterable[str], *, capitalised_too: bool) -> FormIndex:
        grouped: dict[str, set[str]] = {}
        for form in forms:
            first = form.split()[0].lower()
            for key in (first, *(first + ending for ending in POSSESSIVE_ENDINGS)):
                grouped.setdefault(key, set()).add(form)
        return cls({k: tuple(sorted(v, key=_longest_first)) for k, v in grouped.items()}, capitalised_too)

    def find(self, text: str, starts: list[int], lows: list[str], among: Iterable[int] | None = None,
             ) -> list[tuple[int, int]]:  # fmt: skip
        """Spans of the forms starting at tokens (token starts and lower-cased texts),
        whole words only, left to right, never overlapping. ``among``: the token indices
        worth trying, in order (all by default), when a caller has narrowed them already."""
        found: list[tuple[int, int]] = []
        by_first = self.by_first
        reached = 0
        indices = range(len(lows)) if among is None else among
        for i in itertools.compress(indices, map(by_first.__contains__, map(lows.__getitem__, indices))):
            start = starts[i]
            if start < reached or (start and _is_word_char(text[start - 1])):
                continue
            for form in by_first[lows[i]]:
                end = start + len(form)
                if not self._matches(text, start, end, form) or (end < len(text) and _is_word_char(text[end])):
                    continue
                found.append((start, end))
                reached = end
                break
        return found

    def _matches(self, text: str, start: int, end: int, form: str) -> bool:
        if text.startswith(form, start):
            return True
        return self.capitalised_too and text[start].isupper() and text[start].lower() == form[0] and (
            text.startswith(form[1:], start + 1)
        )


@dataclasses.dataclass(frozen=True)
class Country:
    """A surface form that evokes a country."""

    code: str
    type: str  # name, alias, demonym, capital, institution
    ambiguous: bool


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """Everything the rules look up, keyed by lower-cased form unless noted."""

    countries: dict[str, Country]
    """Case-sensitive surface forms: "South Korean", "Kyiv", "U.S."."""
    country_starts: frozenset[str]
    """First words of the country forms, possessive-free: a cheap test before joining words."""
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
    cue_lemmas: dict[str, str]
    """Lemma → frame for speech verbs, and → "say" for attribution nouns (for parses)."""
    country_pattern: re.Pattern[str]
    """For a short window of raw text; whole documents use ``country_forms``."""
    country_forms: FormIndex
    verb_forms: FormIndex
    noun_forms: FormIndex
    form_words: frozenset[str]
    """First words of verb cues, noun cues and country forms: one pass over a document's
    tokens narrows all three look-ups."""


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
    verb_forms = FormIndex.of(verbs, capitalised_too=True)
    country_forms = FormIndex.of(countries, capitalised_too=False)
    noun_forms = FormIndex.of(nouns, capitalised_too=True)
    return Lexicon(
        countries=countries,
        country_starts=frozenset(form.split()[0] for form in countries),
        country_names=dict(_pairs("country_names.tsv")),
        verbs=verbs,
        nouns=nouns,
        roles=roles,
        role_plurals=frozenset(plurals),
        org_heads=frozenset(w for w, k in org_rows if k == "head"),
        org_nouns=frozenset(w.lower() for w, k in org_rows if k == "noun"),
        honorifics=dict(_pairs("honorifics.tsv")),
        given_names=dict(_pairs("given_names.tsv")),
        cue_lemmas={**dict.fromkeys(nouns.values(), "say"), **dict(verbs.values())},
        country_pattern=_word_pattern(countries),
        country_forms=country_forms,
        verb_forms=verb_forms,
        noun_forms=noun_forms,
        form_words=frozenset(verb_forms.by_first) | frozenset(noun_forms.by_first) | frozenset(country_forms.by_first),
    )
