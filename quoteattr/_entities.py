"""Who the mentions are: names clustered into entities, pronouns and descriptions resolved.

- Names: a multi-word proper name starts an entity; a lone family or given name ("Ferraz",
  "Osei") joins the entity whose full name contains it (the nearest one before it, else
  the first after it, so a headline "Okafor: …" finds "Chidi Okafor" below).
- Pronouns (he/she): Hobbs-style search, sentence by sentence backwards, left to right
  within a sentence, taking the first person whose known gender agrees. Mentions inside
  quotations are not antecedents. Gender comes from titles (spokeswoman), honorifics,
  given names, and pronouns already resolved to the entity.
- Descriptions ("the minister", "North Korea's ambassador", "the group"): the nearest
  entity before (else after) whose role has the same head noun and whose country agrees.
  Indefinite and plural descriptions ("a teacher", "officials") stay unresolved: a quote
  with no speaker is better than a wrong one.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Final

import regex

from ._lexicon import Lexicon
from ._mentions import Mention
from ._tokens import (
    DETERMINERS,
    NAME_PARTICLES,
    POSSESSIVE_PRONOUNS,
    POSSESSIVE_SUFFIX,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
)

NAME_RUN: Final = regex.compile(
    r"""(?<![\p{L}\p{M}’'\-])
        \p{Lu}[\p{L}\p{M}’'\-]*[\p{L}\p{M}]
        (?:[ \u00a0](?:(?:van|von|de|da|di|del|der|den|bin|ibn|al|el|la|le|dos|das)[ \u00a0])?
           \p{Lu}[\p{L}\p{M}’'\-]*[\p{L}\p{M}])+""",
    regex.VERBOSE,
)
"""Two or more capitalised words: one alone is a sentence start, a place or a surname,
matched later against the full names (three quarters of all capitalised words)."""
FUNCTION_CAPS: Final = frozenset(
    """but and or so yet if as when while after before during since although though because
    despite however meanwhile asked speaking reached according following""".split()
) | DETERMINERS | PREPOSITIONS | frozenset(SUBJECT_PRONOUNS) | frozenset(POSSESSIVE_PRONOUNS)
MONTHS_DAYS: Final = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
PRONOUN_LOOKBACK_SENTENCES: Final = 4
DESCRIPTION_REACH: Final = 6000
"""Characters either side of a description ("the minister") searched for its referent."""
PLACE_HEADS: Final = frozenset(
    """City Street Square Avenue Road River Lake Island Islands Mountains Mount Valley Bay Sea Ocean
    Airport Station Bridge Park Province Region District County State Strait Gulf Canal Desert""".split()
)


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a name, for matching within a document."""
    if name.isascii():
        return name.lower()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'")


class Positions:
    """Offsets added mostly in ascending order (each resolution stage walks the text left
    to right), kept as a few sorted runs: appending is O(1), a lookup bisects each run.
    A sorted list with ``insort`` would shift on every out-of-order add: quadratic on
    documents with many mentions of one speaker."""

    __slots__ = ("_runs",)

    def __init__(self) -> None:
        self._runs: list[list[tuple[int, int]]] = []

    def add(self, offset: int, key: int) -> None:
        if not self._runs or self._runs[-1][-1] > (offset, key):
            self._runs.append([])
        self._runs[-1].append((offset, key))

    def last_before(self, offset: int) -> tuple[int, int] | None:
        """The greatest (offset, key) with an offset below ``offset``."""
        best = None
        for run in self._runs:
            i = bisect.bisect_left(run, (offset, -1))
            if i and (best is None or run[i - 1] > best):
                best = run[i - 1]
        return best

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """Every (offset, key) with ``start <= offset < end``, sorted."""
        found: list[tuple[int, int]] = []
        for run in self._runs:
            found += run[bisect.bisect_left(run, (start, -1)) : bisect.bisect_left(run, (end, -1))]
        return sorted(found)


@dataclasses.dataclass(slots=True, init=False)
class Entity:
    """A person or organisation with every mention found for it."""

    id: int
    name: str
    kind: str
    first: int
    tokens: tuple[str, ...] = ()
    role: str | None = None
    role_head: str | None = None
    country: str | None = None
    gender: str | None = None
    is_country: bool = False
    name_gender: str | None = None
    """Weak evidence from the given name, used only to break ties."""
    mentions: list[tuple[int, int]] = dataclasses.field(init=False)
    positions: Positions = dataclasses.field(init=False)
    """Mention starts, for "the nearest mention before" lookups."""

    def __init__(
        self,
        id: int,
        name: str,
        kind: str,
        first: int,
        tokens: tuple[str, ...] = (),
        role: str | None = None,
        role_head: str | None = None,
        country: str | None = None,
        gender: str | None = None,
        is_country: bool = False,
        name_gender: str | None = None,
    ) -> None:
        # written out, not generated: see _mentions.Mention
        self.id = id
        self.name = name
        self.kind = kind
        self.first = first
        self.tokens = tokens
        self.role = role
        self.role_head = role_head
        self.country = country
        self.gender = gender
        self.is_country = is_country
        self.name_gender = name_gender
        self.mentions = []
        self.positions = Positions()

    def note(self, mention: Mention, lex: Lexicon) -> None:
        """Take role, country and gender from a mention when still unknown."""
        if self.role is None and mention.role:
            self.role, self.role_head = mention.role, mention.role_head
        if self.role_head is None and mention.role_head:
            self.role_head = mention.role_head
        if self.country is None and mention.country:
            self.country = mention.country
        if self.gender is None and mention.gender in ("m", "f"):
            self.gender = mention.gender


@dataclasses.dataclass(slots=True, init=False)
class NameMention:
    """A proper-name occurrence in the text, after any title words."""

    start: int
    end: int
    words: tuple[str, ...]
    organisation: bool = False

    def __init__(self, start: int, end: int, words: tuple[str, ...], organisation: bool = False) -> None:
        # written out, not generated: see _mentions.Mention
        self.start = start
        self.end = end
        self.words = words
        self.organisation = organisation


class Entities:
    """The entity registry of one document."""

    def __init__(self, lex: Lexicon, text: str, quote_spans: list[tuple[int, int]], sentence_starts: list[int]) -> None:
        self.lex = lex
        self.text = text
        self._sentence_starts = sentence_starts
        self.items: list[Entity] = []
        self._by_full: dict[tuple[str, ...], Entity] = {}
        self._by_token: dict[str, list[Entity]] = {}
        self._token_positions: dict[str, Positions] = {}
        """Per name word, the mentions of full-name persons that contain it."""
        self._person_positions = Positions()
        self._all_positions = Positions()
        self._seen: set[tuple[int, int]] = set()
        self._quote_starts = [s for s, _ in quote_spans]
        self._quote_spans = quote_spans
        self.names = self._scan_names()
        for nm in self.names:
            if nm.organisation:
                self.for_name(nm.start, nm.end, organisation=True)  # "the agency" may refer back to it
            elif len(nm.words) >= 2:
                self._full_name_entity(nm.start, nm.end, nm.words)

    def _inside_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self._quote_spans[i][1]

    def _scan_names(self) -> list[NameMention]:
        """Every proper-name run, with leading titles, countries and function words cut off."""
        lex, text = self.lex, self.text
        found = []
        for m in NAME_RUN.finditer(text):
            run = m.group()
            words = run.split()  # one space or no-break space between words: offsets follow
            bare = [w[:-2] if w.endswith(POSSESSIVE_SUFFIX) else w for w in words]
            # A possessive inside the run ends what precedes it (South Korea’s UN Ambassador).
            cut = 0
            for k in range(len(words) - 1):
                if bare[k] is not words[k]:  # its possessive was stripped
                    cut = k + 1
            organisation = bare[-1] in lex.org_heads and lex.roles.keys().isdisjoint([w.lower() for w in bare[cut:]])
            keep = cut
            if organisation:  # "The International Energy Agency": only the article goes
                while keep < len(words) and words[keep].lower() in FUNCTION_CAPS:
                    keep += 1
            else:
                for k in range(cut, len(words)):
                    w = bare[k]
                    low = w.lower()
                    if (low in FUNCTION_CAPS or low in lex.roles or w in lex.honorifics or w in lex.countries
                            or low in MONTHS_DAYS or low in lex.org_nouns):
                        keep = k + 1
                if not lex.country_starts.isdisjoint(bare):  # a country form may start here
                    offsets = list(itertools.accumulate([len(w) + 1 for w in words[:-1]], initial=0))
                    for c in lex.country_pattern.finditer(run):
                        keep = max(keep, bisect.bisect_left(offsets, c.end()))
            if keep >= len(words):
                continue
            words_kept = bare[keep:]
            if not PLACE_HEADS.isdisjoint(words_kept) or words_kept[0].lower() in NAME_PARTICLES:
                continue
            start = m.start() + sum(map(len, words[:keep])) + keep  # one separator after each word
            end = m.end() - (len(words[-1]) - len(bare[-1]))
            found.append(NameMention(start, end, tuple(map(fold, words_kept)), organisation))
        return found

    def _full_name_entity(self, start: int, end: int, words: tuple[str, ...]) -> Entity:
        entity = self._by_full.get(words)
        if entity is None:
            first = self.text[start:end].split()[0]
            entity = Entity(len(self.items), self.text[start:end], "person", start, tokens=words,
                            name_gender=self.lex.given_names.get(first))  # fmt: skip
            self.items.append(entity)
            self._by_full[words] = entity
            if len(words) >= 2:
                for w in set(words):
                    self._by_token.setdefault(w, []).append(entity)
        self.add_mention(entity, start, end)
        return entity

    def add_mention(self, entity: Entity, start: int, end: int) -> None:
        """Record a mention, keeping the position indexes the resolvers bisect."""
        if (start, entity.id) in self._seen:
            return  # the name scan and an attribution site can see the same mention
        self._seen.add((start, entity.id))
        entity.mentions.append((start, end))
        entity.positions.add(start, 0)
        self._all_positions.add(start, entity.id)
        if entity.kind == "person":
            self._person_positions.add(start, entity.id)
            if len(entity.tokens) >= 2:
                for word in set(entity.tokens):
                    self._token_positions.setdefault(word, Positions()).add(start, entity.id)

    def for_name(self, start: int, end: int, organisation: bool) -> Entity:
        """The entity a proper name at ``[start, end)`` refers to (created if new)."""
        words = tuple(fold(w) for w in self.text[start:end].split())
        if organisation:
            key = ("org", *[w for w in words if w != "the"])
            entity = self._by_full.get(key)
            if entity is None:
                name = self.text[start:end]
                name = name[4:] if name.startswith(("The ", "the ")) else name
                entity = Entity(len(self.items), name, "organisation", start, tokens=key)
                self.items.append(entity)
                self._by_full[key] = entity
            self.add_mention(entity, start, end)
            return entity
        if len(words) >= 2:
            if words not in self._by_full:  # "De Jong" for "Anouk de Jong"
                longer = [e for e in self._by_token.get(words[-1], []) if len(e.tokens) > len(words)
                          and e.tokens[-len(words):] == words]  # fmt: skip
                if len(longer) == 1:
                    self.add_mention(longer[0], start, end)
                    return longer[0]
            return self._full_name_entity(start, end, words)
        match = self._match_single(words[0], start) if words else None
        if match is not None:
            self.add_mention(match, start, end)
            return match
        return self._full_name_entity(start, end, words)

    def _match_single(self, word: str, offset: int) -> Entity | None:
        """The person whose full name contains ``word``: nearest before, else first after."""
        positions = self._token_positions.get(word)
        if positions is None:
            return None
        last = positions.last_before(offset)
        if last is not None:
            return self.items[last[1]]
        candidates = self._by_token.get(word, [])
        return min(candidates, key=lambda e: e.first) if candidates else None

    def for_description(self, mention: Mention) -> Entity | None:
        """An organisation known only by a description of two or more words ("the Swiss
        central bank", "the finance ministry"): the description is its name."""
        words = self.text[mention.start : mention.end].split()
        if words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if len(words) < 2:
            return None
        start = mention.end - len(" ".join(words))
        entity = self.for_name(start, mention.end, organisation=True)
        entity.note(mention, self.lex)
        return entity

    def for_country(self, code: str, surface: str, start: int, end: int) -> Entity:
        """A country speaking as a state ("Australia argued", "Canberra said", "the US")."""
        key = ("country", code)
        entity = self._by_full.get(key)
        entry = self.lex.countries.get(surface)
        if entry is not None and entry.type in ("name", "alias"):
            name = surface
        else:
            name = self.lex.country_names.get(code, surface)
        if entity is None:
            entity = Entity(len(self.items), name, "organisation", start, tokens=key, country=code,
                            is_country=True)  # fmt: skip
            self.items.append(entity)
            self._by_full[key] = entity
        self.add_mention(entity, start, end)
        return entity

    def resolve_pronoun(self, gender: str | None, offset: int, s_starts: list[int]) -> Entity | None:
        """Hobbs-lite: the first gender-compatible person named before the pronoun.
        ``s_starts`` are the sentence start offsets of the document."""
        s_idx = max(0, bisect.bisect_right(s_starts, offset) - 1)
        window_start = s_starts[max(0, s_idx - PRONOUN_LOOKBACK_SENTENCES)] if s_starts else 0
        by_sentence: dict[int, list[tuple[int, Entity]]] = {}
        for s, entity_id in self._person_positions.between(window_start, offset):
            e = self.items[entity_id]
            if (gender and e.gender and e.gender != gender) or self._inside_quote(s):
                continue
            idx = max(0, bisect.bisect_right(s_starts, s) - 1)
            by_sentence.setdefault(idx, []).append((s, e))
        for idx in sorted(by_sentence, reverse=True):
            return min(by_sentence[idx],
                       key=lambda pair: (bool(gender and pair[1].name_gender not in (None, gender)), pair[0]))[1]
        return None

    def resolve_it(self, offset: int, s_starts: list[int]) -> Entity | None:
        """"it said": the organisation (or country) named most recently, within the same
        or the previous sentence."""
        s_idx = max(0, bisect.bisect_right(s_starts, offset) - 1)
        window_start = s_starts[max(0, s_idx - 1)] if s_starts else 0
        for _pos, key in reversed(self._all_positions.between(window_start, offset)):
            if self.items[key].kind == "organisation":
                return self.items[key]
        return None

    def resolve_description(self, mention: Mention, offset: int) -> Entity | None:
        """The entity a definite description refers to: same role head ("the minister") or
        the same capitalised words ("Panama Canal chief" for the administrator of the
        Panama Canal), and never a different country."""
        if mention.indefinite or mention.role_head is None or mention.role_head in self.lex.role_plurals:
            return None
        head = mention.role_head
        org = mention.organisation
        proper = {fold(w) for w in self.text[mention.start : mention.end].split() if w[:1].isupper()}

        def fits(e: Entity) -> bool:
            if (e.kind == "organisation") != org or e.is_country:
                return False
            if mention.country and e.country and mention.country != e.country:
                return False
            if mention.country and not e.country:
                return False
            role_words = [*fold(e.role or "").replace("-", " ").split(), e.role_head or ""]
            if org:
                return head == (e.role_head or "") or head in fold(e.name).split()
            named_alike = len(proper) >= 2 and proper <= set(role_words)
            return head in role_words or named_alike

        best: tuple[int, Entity] | None = None
        after: Entity | None = None
        # Descriptions refer to someone named nearby: only entities mentioned within a
        # window are candidates, which keeps long documents linear.
        window = self._all_positions.between(offset - DESCRIPTION_REACH, offset + DESCRIPTION_REACH)
        nearby = {key for _pos, key in window}
        candidates = [e for e in (self.items[i] for i in sorted(nearby)) if fits(e)]
        if org and not candidates:
            return self.resolve_it(offset, self._sentence_starts)  # "the agency": the last organisation
        for e in candidates:
            last = e.positions.last_before(offset)
            if last is not None and (best is None or last[0] > best[0]):
                best = (last[0], e)
            elif last is None and (after is None or e.first < after.first):
                after = e
        return best[1] if best is not None else after

    def resolve_lede(self, mention: Mention) -> Entity | None:
        """News ledes introduce a source by description and name them below ("…, a Nepali
        seismologist said. ¶ Lina Haddad of …"): an indefinite description with a country
        is the first person named after it with that country."""
        if not mention.indefinite or mention.country is None or mention.role_head is None:
            return None
        nearby = {key for _pos, key in self._all_positions.between(mention.end, mention.end + DESCRIPTION_REACH)}
        later = [e for e in (self.items[i] for i in sorted(nearby)) if e.kind == "person" and e.first > mention.end
                 and e.country == mention.country and (e.role_head in (None, mention.role_head))]  # fmt: skip
        return min(later, key=lambda e: e.first) if later else None

    def dominant_country(self, hits: Iterable[tuple[int, int]]) -> str | None:
        """The country a document is about, if one clearly dominates the place names,
        demonyms and capitals found at ``hits``."""
        counts: Counter[str] = Counter()
        for start, end in hits:
            entry = self.lex.countries[self.text[start:end]]
            if not entry.ambiguous:
                counts[entry.code] += 1
        if not counts:
            return None
        (code, n), *rest = [*counts.most_common(2), ("", 0)]
        return code if n >= 2 * rest[0][1] and n > rest[0][1] else None
