"""Reading the speaker mention at an attribution site: name, title, role and country.

A mention is parsed from a short chunk of tokens, the noun phrase right before a cue
("Brazilian Deputy Ambassador Ana Costa", "Peru's ambassador", "He") or right after an
inverted one ("said Kofi Mensah, general secretary of the dockers' union"). The chunk is
read as ``[determiner|possessor] [country] [title words] [Name] [, apposition ,]``:

- a title before a name gives the role; a country name or demonym before it the country
  (German Economy Minister Jonas Keller; Polish Climate Minister X);
- a possessive country gives the country (South Korea's UN Ambassador);
- an apposition supplies whichever of name and role the head lacks
  (X, Brazil's ambassador to the UN / Russia's envoy, X);
- "of COUNTRY" inside a role is the country and is dropped from the role (Minister of
  Health of Uganda), "to COUNTRY" is a destination and stays (ambassador to Canada).
"""

from __future__ import annotations

import dataclasses
from typing import Final

from ._lexicon import Lexicon
from ._tokens import (
    DETERMINERS,
    NAME_PARTICLES,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    Token,
    is_role,
)

INDEFINITE: Final = frozenset("a an one another some several two three many".split())
CONNECTORS: Final = frozenset("of for to at from in and & the de del la".split())
NAME_INTERNAL: Final = frozenset("of for and & the de del la".split())  # Ministry of X and Y, Court of Z
MAX_CHUNK: Final = 14
MAX_LOWER_MODIFIERS: Final = 2


@dataclasses.dataclass(slots=True, init=False)
class Mention:
    """A parsed speaker mention; offsets are document offsets.

    A value: never changed once made (``dataclasses.replace`` makes changed copies). Not
    declared frozen, because a frozen dataclass's ``__init__`` costs three times as much
    and mentions are made by the thousand; a dataclass, not attrs, because the compiled
    build (setup.py) turns dataclasses into native classes with direct field access. Its
    ``__init__`` is written out, as are those of the engine's other value classes: mypyc
    compiles a written one, but leaves the one dataclasses generates interpreted.
    """

    start: int
    end: int
    kind: str
    """name | pronoun | nominal | country | org"""
    name: tuple[int, int] | None = None
    role: str | None = None
    role_head: str | None = None
    country: str | None = None
    possessor: str | None = None
    """An unresolved possessive pronoun before the role ("its UN Ambassador")."""
    gender: str | None = None
    indefinite: bool = False
    organisation: bool = False

    def __init__(self, start: int, end: int, kind: str, name: tuple[int, int] | None = None, role: str | None = None,
                 role_head: str | None = None, country: str | None = None, possessor: str | None = None,
                 gender: str | None = None, indefinite: bool = False, organisation: bool = False) -> None:  # fmt: skip
        self.start = start
        self.end = end
        self.kind = kind
        self.name = name
        self.role = role
        self.role_head = role_head
        self.country = country
        self.possessor = possessor
        self.gender = gender
        self.indefinite = indefinite
        self.organisation = organisation


def _country_runs(lex: Lexicon, text: str, toks: list[Token]) -> dict[int, tuple[int, str, bool]]:
    """Country forms in a chunk: first token index → (last index + 1, code, possessive)."""
    runs: dict[int, tuple[int, str, bool]] = {}
    i = 0
    while i < len(toks):
        if not toks[i].is_cap or (toks[i].text not in lex.country_starts and toks[i].base not in lex.country_starts):
            i += 1  # every country form starts with a capitalised word from a short list
            continue
        for k in (4, 3, 2, 1):
            j = i + k
            if j > len(toks):
                continue
            last = toks[j - 1]
            form = text[toks[i].start : last.start] + last.base
            entry = lex.countries.get(form)
            if entry is None and form.startswith("the "):
                entry = None
            if entry is not None and not (entry.ambiguous and k == 1 and not last.is_possessive and i + 1 < len(toks)
                                          and toks[i + 1].is_cap):
                runs[i] = (j, entry.code, last.is_possessive)
                i = j - 1
                break
        i += 1
    return runs


def _is_name_token(lex: Lexicon, tok: Token) -> bool:
    return tok.is_cap and tok.is_word and not is_role(lex, tok) and tok.low not in DETERMINERS


def parse_chunk(lex: Lexicon, text: str, toks: list[Token]) -> Mention | None:
    """Read one noun-phrase chunk (no commas) as a mention."""
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    first = toks[0].low
    if len(toks) == 1 and first in SUBJECT_PRONOUNS:
        return Mention(start, end, "pronoun", gender=SUBJECT_PRONOUNS[first] if first in ("he", "she") else None)
    i = 0
    indefinite = False
    possessor = None
    if first in DETERMINERS:
        indefinite = first in INDEFINITE
        i = 1
    elif first in POSSESSIVE_PRONOUNS:
        possessor = first
        i = 1
    body = toks[i:]
    if not body:
        return None
    # Head and post-modifier: "Lina Haddad of Cairo University", "envoy to the UN".
    cut = len(body)
    for k, tok in enumerate(body):
        if k and tok.low in PREPOSITIONS and tok.low != "and":
            prev = body[k - 1]
            if prev.text in lex.org_heads and k + 1 < len(body) and body[k + 1].is_cap and tok.low in ("of", "for"):
                continue  # Ministry of Health, Court of Arbitration for Sport: part of the name
            cut = k
            break
    head, post = body[:cut], body[cut:]
    countries = _country_runs(lex, text, body)
    country = None
    for a, (b, code, _poss) in sorted(countries.items()):
        if a > 0 and body[a - 1].low == "to":
            continue  # ambassador to Canada: a destination
        if country is None or b <= len(head):
            country = code  # the country nearest before the name wins
    # The proper name: the trailing run of capitalised words of the head.
    in_country = {k for a, (b, _c, _p) in countries.items() for k in range(a, b)}
    n_end = len(head)
    n_start = n_end
    while n_start > 0:
        tok = head[n_start - 1]
        if n_start - 1 in in_country or tok.is_possessive:
            break
        if _is_name_token(lex, tok) or (
            tok.low in NAME_PARTICLES and n_start < n_end and n_start - 1 > 0 and head[n_start - 2].is_cap
        ):
            n_start -= 1
            continue
        # "Ministry of Health", "Bank for International Settlements": an organisation name runs
        # through of/for/and back to its head word.
        if tok.low in NAME_INTERNAL and n_start < n_end and n_start >= 2 and head[n_start - 2].text in lex.org_heads:
            n_start -= 2
            continue
        break
    # Words before the name, after any possessor or country: the title.
    t_start = 0
    for k, tok in enumerate(head[:n_start]):
        if tok.is_possessive or k in countries:
            t_start = countries[k][0] if k in countries else k + 1
    title_toks = head[t_start:n_start]
    has_org_head = any(t.text in lex.org_heads for t in head[n_start:n_end])
    org_noun_before = bool(title_toks) and title_toks[-1].low in lex.org_nouns
    gender = _gender(lex, body)
    if n_end > n_start and not (n_end - n_start == 1 and (n_start in countries)):
        name = (head[n_start].start, head[n_end - 1].end)
        org = has_org_head or org_noun_before
        role = None
        role_head = None
        if not org and any(is_role(lex, t) for t in title_toks):
            role = text[title_toks[0].start : title_toks[-1].end]
            role_head = next(t.base.lower() for t in reversed(title_toks) if is_role(lex, t))
        if org and org_noun_before:
            role_head = title_toks[-1].low  # "the conservation group X": later "the group"
        if not org and country is None and post:
            country = _first_country(lex, text, post)
        return Mention(start, end, "org" if org else "name", name=name, role=role, role_head=role_head,
                       country=country, possessor=possessor, gender=None if org else gender,
                       indefinite=indefinite, organisation=org)  # fmt: skip
    role_toks = [t for t in head[t_start:] if t.is_word] + post
    role_idx = [k for k, t in enumerate(head[t_start:]) if is_role(lex, t)]
    if role_idx:
        role_head = head[t_start + role_idx[-1]].base.lower()
        role = _role_text(lex, text, head[t_start:] + post) if role_toks else None
        return Mention(start, end, "nominal", role=role, role_head=role_head, country=country,
                       possessor=possessor, gender=gender, indefinite=indefinite)  # fmt: skip
    if countries and len(head) == max(b for b, _c, _p in countries.values()):
        return Mention(start, end, "country", name=(body[0].start, head[-1].end), country=country,
                       organisation=True)  # fmt: skip
    if head and head[-1].low in lex.org_nouns:
        return Mention(start, end, "org", role_head=head[-1].low, country=country, possessor=possessor,
                       indefinite=indefinite, organisation=True)  # fmt: skip
    return None


def _first_country(lex: Lexicon, text: str, toks: list[Token]) -> str | None:
    for a, (_b, code, _p) in sorted(_country_runs(lex, text, toks).items()):
        if not (a > 0 and toks[a - 1].low == "to"):
            return code
    return None


def _gender(lex: Lexicon, toks: list[Token]) -> str | None:
    for tok in toks:
        g = lex.honorifics.get(tok.text) or lex.roles.get(tok.low, ("-", ""))[0]
        if g in ("m", "f"):
            return g
    return None  # given names are only weak evidence: see Entity.name_gender


def _role_text(lex: Lexicon, text: str, toks: list[Token]) -> str:
    """The role as written, minus "of COUNTRY", with a possessive country read as "the"."""
    countries = _country_runs(lex, text, toks)
    parts: list[str] = []
    k = 0
    while k < len(toks):
        if k in countries:
            b, _code, possessive = countries[k]
            surface = text[toks[k].start : toks[b - 1].end]
            entry = lex.countries.get(surface)
            in_name = (b < len(toks) and toks[b].is_cap and not possessive
                       and entry is not None and entry.type != "demonym")  # fmt: skip
            if in_name or (parts and parts[-1].lower() == "to"):
                parts.append(surface)  # the Panama Canal; ambassador to Canada
            elif parts and parts[-1].lower() in ("of", "from"):
                parts.pop()  # Minister of Health of Uganda → Minister of Health
            elif possessive and (not parts or parts[-1].lower() != "the"):
                parts.append("the")  # head of Spain's agency → head of the agency
            # otherwise a demonym modifier (Polish): it gives the country, it is not the role
            k = b
            continue
        tok = toks[k]
        if tok.is_possessive and not parts:
            k += 1  # the group's chief executive → chief executive
            continue
        parts.append(tok.text)
        k += 1
    while parts and parts[0].lower() in DETERMINERS:
        parts.pop(0)
    return " ".join(parts)


def chunk_before(lex: Lexicon, toks: list[Token], j: int) -> list[Token]:
    """The noun-phrase chunk that ends just before token ``j`` (may be empty)."""
    i = j
    lower_mods = 0
    while i > 0 and j - i < MAX_CHUNK:
        tok = toks[i - 1]
        low = tok.low
        if not tok.is_word and tok.text not in ("-", "&"):
            break
        if low in SUBJECT_PRONOUNS and i == j:
            return toks[i - 1 : j]
        if low == "the" and i >= 2 and toks[i - 2].low in ("of", "to", "for", "at", "from", "in") and (
            i < j and toks[i].is_cap
        ):
            i -= 1  # envoy to the United Nations: "the" inside a post-modifier
            continue
        if low in DETERMINERS or low in POSSESSIVE_PRONOUNS:
            i -= 1
            break
        if low in SUBORDINATORS and not tok.is_cap:
            break
        right = toks[i] if i < j else None
        if (low in CONNECTORS or low in NAME_PARTICLES) and not (tok.is_cap and low in NAME_PARTICLES):
            left = toks[i - 2] if i >= 2 else None
            if right is None or left is None or not (right.is_cap or right.low == "the"):
                break
            if not (left.is_cap or is_role(lex, left) or left.low in lex.org_nouns or left.is_possessive):
                break
            if low in ("and", "&") and not _inside_of_phrase(lex, toks, i - 1) and not any(
                t.text in lex.org_heads for t in toks[i:j]
            ):
                break  # "X and Y said": two people, not one name; but "Minister of Water and Energy"
            i -= 1
            continue
        if tok.is_cap or tok.is_possessive or is_role(lex, tok) or low in lex.org_nouns:
            i -= 1
            continue
        if (right is not None and (is_role(lex, right) or right.low in lex.org_nouns or lower_mods)
                and lower_mods < MAX_LOWER_MODIFIERS and tok.is_word and not tok.text[0].isdigit()
                and not _inflected_verb(lex, tok)):
            lower_mods += 1  # union leader, police spokesman, anti-doping agency
            i -= 1
            continue
        break
    chunk = toks[i:j]
    # Lower-case modifiers must lead to a role or organisation noun, never end the chunk.
    while chunk and not chunk[0].is_cap and chunk[0].low not in DETERMINERS and chunk[0].low not in (
        POSSESSIVE_PRONOUNS
    ) and not is_role(lex, chunk[0]) and chunk[0].low not in lex.org_nouns and lower_mods_only(lex, chunk):
        chunk = chunk[1:]
    return chunk


def _inside_of_phrase(lex: Lexicon, toks: list[Token], k: int) -> bool:
    """True when token ``k`` follows "ROLE/ORG of Capitalised Words" (Minister of Water and
    Energy, Ministry of Fisheries and Ocean Affairs)."""
    for m in range(k - 1, max(0, k - 5), -1):
        if toks[m].low == "of":
            return m > 0 and (is_role(lex, toks[m - 1]) or toks[m - 1].text in lex.org_heads)
        if not toks[m].is_cap:
            return False
    return False


def _inflected_verb(lex: Lexicon, tok: Token) -> bool:
    """An inflected speech verb (told, says): never a modifier. A base form can be one:
    "state media", "report author"."""
    entry = lex.verbs.get(tok.low)
    return entry is not None and entry[0] != tok.low


def lower_mods_only(lex: Lexicon, chunk: list[Token]) -> bool:
    """True when the chunk has no capitalised word, role or organisation noun at all."""
    return not any(t.is_cap or is_role(lex, t) or t.low in lex.org_nouns for t in chunk)


def chunk_after(lex: Lexicon, toks: list[Token], i: int) -> list[Token]:
    """The noun-phrase chunk that starts at token ``i`` (stops at a comma or a verb)."""
    j = i
    if j < len(toks) and toks[j].low in SUBJECT_PRONOUNS:
        return toks[j : j + 1]
    if j < len(toks) and (toks[j].low in DETERMINERS or toks[j].low in POSSESSIVE_PRONOUNS):
        j += 1
    while j < len(toks) and j - i < MAX_CHUNK:
        tok = toks[j]
        if not tok.is_word:
            break
        if tok.is_cap or tok.is_possessive or is_role(lex, tok) or tok.low in lex.org_nouns:
            j += 1
            continue
        if tok.low in CONNECTORS or tok.low in NAME_PARTICLES:
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            starts_name = tok.low in NAME_PARTICLES and nxt is not None and nxt.is_cap  # "de Vries said"
            if nxt is not None and (nxt.is_cap or nxt.low == "the") and (j > i or starts_name):
                j += 1
                continue
            break
        # lower-case modifiers are kept only when they lead to a role, organisation noun or
        # capitalised word (regional freight association, police spokesman)
        k = j
        while k < len(toks) and k - j <= MAX_LOWER_MODIFIERS and toks[k].is_word and not toks[k].is_cap and (
            not is_role(lex, toks[k]) and toks[k].low not in lex.org_nouns
            and not _inflected_verb(lex, toks[k]) and not toks[k].low.endswith("ed")  # "X addressed residents"
            and toks[k].low not in CONNECTORS
        ):
            k += 1
        if k < len(toks) and k > j and k - j <= MAX_LOWER_MODIFIERS and (
            is_role(lex, toks[k]) or toks[k].is_cap or toks[k].low in lex.org_nouns
        ):
            j = k
            continue
        break
    return toks[i:j]


def apposition(lex: Lexicon, text: str, toks: list[Token]) -> Mention | None:
    """Read the words between two commas after a name: a role, a name, or nothing useful
    (an age, a relative clause, a participle phrase)."""
    if not toks or toks[0].low in SUBORDINATORS or toks[0].low.endswith("ing") or toks[0].text[0].isdigit():
        return None
    if toks[0].low in lex.verbs:
        return None  # "…, told reporters": the verb phrase, not an apposition
    cut = next((k for k, t in enumerate(toks) if k and t.low in ("that", "who", "which", "whose")), len(toks))
    return parse_chunk(lex, text, toks[:cut])


def merge(head: Mention, other: Mention | None) -> Mention:
    """Combine a head mention with its apposition: the name from one, role from either."""
    if other is None:
        return head
    named, described = (head, other) if head.name is not None or other.name is None else (other, head)
    return dataclasses.replace(
        named,
        start=min(head.start, other.start),
        end=max(head.end, other.end),
        role=named.role or (described.role if not described.organisation else None),
        role_head=named.role_head or described.role_head,
        country=named.country or described.country,
        possessor=named.possessor or described.possessor,
        gender=named.gender or described.gender,
    )
