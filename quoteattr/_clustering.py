"""Grouping the distinct speaker forms of a :class:`~quoteattr.index.SpeakerIndex`.

The unit is a *node*: one distinct combination of normalised name, kind, country and
role, however many documents use it. Clustering nodes rather than mentions keeps the
work proportional to the variety of names, not to the size of the corpus.

1. **Block.** Full names are compared only within blocks that share the consonant key of
   the last word and the first letter of the first word's skeleton, or the same bag of
   consonant keys (the same tokens in another order). No all-pairs comparison.
2. **Score** each pair: name similarity (:func:`~quoteattr._names.person_similarity`)
   plus evidence: +0.02 for the same country, +0.02 for compatible roles, -0.15 for
   incompatible roles; a different country vetoes the pair.
3. **Hubs.** A node whose best partners contradict each other ("Ahmed Karimov" with no
   role, next to a minister and a football chairman of that name, equally good fits)
   could be either; it joins only other such nodes.
4. **Union** accepted pairs best-first; two groups merge only if every pair of their
   name forms, countries and roles is compatible, so a chain A~B~C cannot join two
   different people A and C.
5. **Short forms.** A bare family name ("Fauci", "A. Fauci") joins a full-name group only
   when exactly one full-name group has that family name and the evidence agrees; an
   acronym ("UN") joins a long form only when exactly one long form abbreviates to it.

Everything is ordered by node key and score, never by insertion, so the result does not
depend on the order documents were added.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from ._names import (
    OrgName,
    PersonName,
    consonants,
    is_description,
    is_pronoun,
    parse_org,
    parse_person,
    partial_fits,
    person_similarity,
    role_key,
    roles_compatible,
    skeleton,
    token_similarity,
)
from .model import SpeakerKind

COUNTRY_BONUS = 0.02
ROLE_BONUS = 0.02
ROLE_PENALTY = 0.15
ROLE_CONFLICT_SCORE = 1.0 + COUNTRY_BONUS - ROLE_PENALTY
"""The best score two identically named people with incompatible roles can reach (0.87):
above this threshold, incompatible roles keep groups apart."""
HUB_MARGIN = 0.05
"""A node whose partners within this much of its best partner contradict each other is
ambiguous; a clearly better partner (exact name and agreeing evidence) is not a tie."""
GUARD_SLACK = 0.1
"""Name forms inside a group are checked against a gate this much looser than the
threshold: a chain of two accepted variants may drift slightly, but not to another name."""

PERSON, ORG, TEXT = "person", "org", "text"


@attrs.frozen
class Node:
    """One distinct speaker form: the unit of clustering."""

    key: tuple[str, str, str, str, str]
    """(space, form, kind, country, role key): sortable, and equal for equal forms."""
    person: PersonName | None = None
    org: OrgName | None = None

    @property
    def kind(self) -> str:
        """The speaker kind value."""
        return self.key[2]

    @property
    def country(self) -> str:
        """ISO code, or "" when unknown."""
        return self.key[3]

    @property
    def role(self) -> str:
        """Role key (see :func:`~quoteattr._names.role_key`), or "" when unknown."""
        return self.key[4]


@functools.lru_cache(maxsize=65536)
def _parse(name: str, organisation: bool) -> PersonName | OrgName | None:
    """The parsed name, or None for a description ("the Russian envoy")."""
    if is_description(name, organisation):
        return None
    return parse_org(name) if organisation else parse_person(name)


def make_node(name: str, kind: SpeakerKind, country: str, role: str, *, owner: str) -> Node | None:
    """The node of one document speaker, or None for a pronoun or an empty name.

    Args:
        name: the speaker's name as the document gives it.
        kind: person, organisation or unknown.
        country: ISO code or "".
        role: role as written or "".
        owner: a key unique to this document speaker; descriptions ("the Russian envoy")
            are keyed by it so that they are never merged across documents.
    """
    if not name.strip() or is_pronoun(name):
        return None
    rkey = role_key(role) if role else ""
    parsed = _parse(name, kind is SpeakerKind.ORGANISATION)
    if isinstance(parsed, OrgName):
        return Node((ORG, parsed.key, kind.value, country, rkey), org=parsed)
    if isinstance(parsed, PersonName):
        form = " ".join(parsed.tokens) + (f" {parsed.suffix}." if parsed.suffix else "")
        return Node((PERSON, form, kind.value, country, rkey), person=parsed)
    return Node((TEXT, owner, kind.value, country, rkey))


def _w_key(p: PersonName) -> tuple[str, str]:
    """Blocking key of a full name: last word's consonants, first word's first letter."""
    return consonants(p.tokens[-1]), skeleton(p.tokens[0])[0]


@functools.lru_cache(maxsize=262144)
def forms_compatible(x: PersonName, y: PersonName, gate: float) -> bool:
    """Could two name forms belong to one person (full or bare family names)?"""
    if x.full and y.full:
        return person_similarity(x, y, gate) > 0.0
    if x.full:
        return partial_fits(y, x, gate)
    return partial_fits(x, y, gate)


@attrs.define
class _Group:
    """What a union-find root knows about its members, for the chaining guard."""

    countries: set[str]
    roles: set[str]
    forms: set[PersonName]


class _Clusterer:
    """One clustering run: union-find over the nodes, with each root's evidence."""

    def __init__(self, nodes: Sequence[Node], threshold: float) -> None:
        self.nodes = nodes
        self.threshold = threshold
        self.loose = max(0.0, threshold - GUARD_SLACK)
        self.check_roles = threshold > ROLE_CONFLICT_SCORE
        self.parent = list(range(len(nodes)))
        self.groups = [
            _Group({n.country} - {""}, {n.role} - {""}, {n.person} if n.person is not None else set()) for n in nodes
        ]

    # -- union-find -------------------------------------------------------------
    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def consistent(self, countries: set[str], roles: set[str], forms: Iterable[PersonName]) -> bool:
        """No two different known countries, incompatible roles or conflicting names."""
        if len(countries) > 1:
            return False
        if self.check_roles:
            ordered = sorted(roles)
            if any(not roles_compatible(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]):
                return False
        seq = sorted(forms, key=lambda f: f.tokens)
        return all(forms_compatible(a, b, self.loose) for i, a in enumerate(seq) for b in seq[i + 1 :])

    def union(self, a: int, b: int) -> None:
        """Merge the groups of ``a`` and ``b`` unless that would join conflicting evidence."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ga, gb = self.groups[ra], self.groups[rb]
        if not self.consistent(ga.countries | gb.countries, ga.roles | gb.roles, ga.forms | gb.forms):
            return
        if len(ga.forms) + len(ga.roles) < len(gb.forms) + len(gb.roles):
            ra, rb, ga, gb = rb, ra, gb, ga
        self.parent[rb] = ra
        ga.countries |= gb.countries
        ga.roles |= gb.roles
        ga.forms |= gb.forms

    # -- pairs ------------------------------------------------------------------
    def evidence(self, a: Node, b: Node) -> float | None:
        """Score adjustment from country and role; None when the countries differ."""
        bonus = 0.0
        if a.country and b.country:
            if a.country != b.country:
                return None
            bonus += COUNTRY_BONUS
        if a.role and b.role:
            bonus += ROLE_BONUS if roles_compatible(a.role, b.role) else -ROLE_PENALTY
        return bonus

    def score(self, i: int, j: int) -> float:
        a, b = self.nodes[i], self.nodes[j]
        bonus = self.evidence(a, b)
        if bonus is None:
            return 0.0
        if a.person is not None and b.person is not None:
            x, y = a.person, b.person
            if x.full:
                sim = person_similarity(x, y, self.threshold)
            elif x.initials == y.initials and (not x.suffix or not y.suffix or x.suffix == y.suffix):
                sim = token_similarity(x.family, y.family)
                sim = sim if sim >= self.threshold else 0.0
            else:
                sim = 0.0
        else:
            sim = 1.0  # organisations are blocked on their exact normalised name
        return sim + bonus if sim > 0.0 else 0.0

    def blocks(self) -> dict[tuple[str, ...], list[int]]:
        blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, node in enumerate(self.nodes):
            if node.person is not None:
                p = node.person
                if p.full:
                    word = ("w", *_w_key(p))
                    blocks[word].append(i)
                    bag = ("bag", *sorted(consonants(t) for t in p.tokens))
                    blocks[bag].append(i)
                else:
                    blocks[("p", consonants(p.family), p.initials)].append(i)
            elif node.org is not None:
                blocks[("o", node.org.key)].append(i)
        return blocks

    def accepted_pairs(self) -> list[tuple[float, int, int]]:
        pairs = []
        w_keys = {i: _w_key(n.person) for i, n in enumerate(self.nodes) if n.person is not None}
        for key, members in self.blocks().items():
            for n, i in enumerate(members):
                for j in members[n + 1 :]:
                    if key[0] == "bag" and w_keys[i] == w_keys[j]:
                        continue  # already compared in their shared "w" block
                    s = self.score(i, j)
                    if s >= self.threshold:
                        pairs.append((-s, i, j))
        pairs.sort()
        return [(-s, i, j) for s, i, j in pairs]

    def hubs(self, pairs: list[tuple[float, int, int]]) -> set[int]:
        """Nodes whose best partners (within :data:`HUB_MARGIN` of the best) contradict each other."""
        partners: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for score, i, j in pairs:
            partners[i].append((score, j))
            partners[j].append((score, i))
        hubs = set()
        for i, scored in partners.items():
            best = max(score for score, _ in scored)
            nodes = [self.nodes[j] for score, j in scored if score >= best - HUB_MARGIN]
            if len(nodes) < 2:
                continue
            countries = {n.country for n in nodes} - {""}
            roles = {n.role for n in nodes} - {""}
            forms = {n.person for n in nodes if n.person is not None}
            if not self.consistent(countries, roles, forms):
                hubs.add(i)
        return hubs

    # -- short forms --------------------------------------------------------------
    def attach_short_forms(self) -> None:
        """Bare family names and acronyms join the one long form that fits, if only one does."""
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.nodes)):
            members[self.find(i)].append(i)
        by_word: dict[str, set[int]] = defaultdict(set)
        by_acronym: dict[str, set[int]] = defaultdict(set)
        short_person: list[int] = []
        short_org: list[tuple[int, str]] = []
        for root, idx in members.items():
            nodes = [self.nodes[i] for i in idx]
            if nodes[0].person is not None:
                if any(n.person is not None and n.person.full for n in nodes):
                    for n in nodes:
                        if n.person is not None and n.person.full:
                            by_word[consonants(n.person.tokens[0])].add(root)
                            by_word[consonants(n.person.tokens[-1])].add(root)
                else:
                    short_person.append(root)
            elif nodes[0].org is not None:
                orgs = [n.org for n in nodes if n.org is not None]
                if all(o.is_acronym for o in orgs):
                    short_org.append((root, orgs[0].key))
                for o in orgs:
                    for acronym in o.acronyms:
                        by_acronym[acronym].add(root)
        for root in short_person:
            form = min(self.groups[root].forms, key=lambda f: f.tokens)
            bare = PersonName((form.family,))
            fits = []
            for r in sorted(by_word.get(consonants(form.family), ())):
                if any(partial_fits(bare, f, self.threshold) for f in self.groups[r].forms if f.full):
                    fits.append(r)
                    if len(fits) > 1:
                        break
            if len(fits) == 1 and all(
                any(partial_fits(f, g, self.threshold) for g in self.groups[fits[0]].forms)
                for f in self.groups[root].forms
            ):
                self.union(fits[0], root)
        for root, key in short_org:
            fits = sorted(by_acronym.get(key, ()))
            if len(fits) == 1:
                self.union(fits[0], root)

    def run(self) -> list[list[int]]:
        pairs = self.accepted_pairs()
        hubs = self.hubs(pairs)
        for _, i, j in pairs:
            if (i in hubs) == (j in hubs):
                self.union(i, j)
        self.attach_short_forms()
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.nodes)):
            out[self.find(i)].append(i)
        return sorted(out.values())


def cluster(nodes: Sequence[Node], threshold: float) -> list[list[int]]:
    """Group nodes (sorted by key) into speakers; returns lists of node indices.

    Args:
        nodes: the distinct speaker forms, sorted by :attr:`Node.key` so that the result
            does not depend on the order they were first seen.
        threshold: the least pair score, and token similarity, that merges (0.5-1.0).

    Returns:
        The groups, each sorted, in order of their first node.
    """
    return _Clusterer(nodes, threshold).run()
