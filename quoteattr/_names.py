"""Speaker names for the cross-document index: parse, normalise, compare.

A name is folded (NFKD, diacritics dropped, casefolded, apostrophes removed, hyphens
split), stripped of titles ("Dr.", "Crown Prince"), degrees and generational suffixes,
and its particles are dropped (Arabic "bin", "al-": AP style writes "Assad" for
"al-Assad") or glued to the family name (European "von der", "Le": "Le Pen" is one
surname). Each token then gets a *skeleton* that erases the usual transliteration
variation (Wladimir/Vladimir, Zelenskyy/Zelensky, Jaewon/Jae-won) and a coarser
*consonant key* used for blocking and for vowel-only variation (Mohammed/Muhammad).

Similarities are in [0, 1]; 0 means "these cannot be the same name". Everything that
sees the same strings many times is cached, so clustering a large index pays for each
distinct token pair once.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata

import attrs
import regex
from rapidfuzz.distance import JaroWinkler, Levenshtein

# Letters NFKD leaves alone: stroke and ligature letters of European and Turkish names.
_FOLD_TABLE = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
MARKS = regex.compile(r"\p{M}+")
APOSTROPHES = regex.compile(r"[\'’ʼ‘`´ʻʿʾ]")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
HYPHEN_AFTER = regex.compile(r"[-‐‑]")
UPPER = regex.compile(r"[\p{Lu}\p{Lt}]")
LOWER = regex.compile(r"\p{Ll}")
ACRONYM = regex.compile(r"\p{Lu}{2,8}")
POSSESSIVE = regex.compile(r"[\'’]s\b")
GROUP = regex.compile(r",|&|\band\b|\bund\b|\bet\b", regex.IGNORECASE)
LEADING_THE = regex.compile(r"\Athe\s+", regex.IGNORECASE)
DOUBLED = regex.compile(r"(.)\1+")
# Transliteration variation, one left-to-right pass (longest alternatives first): Russian
# and Ukrainian romanisations (kh/h, y/i/j, w/v, ou/u), Korean (oo/u, ee/i), Greek-derived
# ph/f, x/ks, and c/k except in "ch". Doubled letters collapse afterwards (Vassili).
SKELETON_RULES = regex.compile(r"sch|tch|kh|ph|th|dh|gh|ck|ou|oo|ee|x|q|w|y|j|c(?!h)")
SKELETON_MAP = {
    "sch": "sh", "tch": "ch", "kh": "h", "ph": "f", "th": "t", "dh": "d", "gh": "g", "ck": "k",
    "ou": "u", "oo": "u", "ee": "i", "x": "ks", "q": "k", "w": "v", "y": "i", "j": "i", "c": "k",
}  # fmt: skip
FINAL_AH = regex.compile(r"(?<=.)ah\Z")  # Sarah/Sara, Abdullah/Abdulla, Fatimah/Fatima
VOWELS = regex.compile(r"(?<=.)[aeiou]+")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Word lists (casefolded, letters only). Titles are stripped only at the start of a name,
# so "John Major" keeps its surname; a name made only of titles ("President") names nobody.
TITLES = _wordset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam madame mme herr frau senor senora "
    "president vice prime minister premier chancellor secretary general gen lt col colonel maj major "
    "capt captain cmdr commander adm admiral sgt sergeant marshal brig brigadier field sen senator "
    "rep representative congressman congresswoman gov governor mayor judge justice amb ambassador "
    "king queen prince princess crown emir sheikh sheik shaikh pope cardinal archbishop bishop rev "
    "reverend pastor rabbi imam ayatollah grand mufti chief deputy foreign defence defense interior "
    "finance health of state hon honourable honorable excellency supreme leader speaker ceo chairman "
    "chairwoman director commissioner opposition former acting mp mep"
)
DEGREES = _wordset("phd md dphil mba esq obe mbe cbe kbe dbe qc kc mp")
SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
# Arabic particles are dropped (bin Salman ~ Salman); European ones are glued to the
# name they precede (von der Leyen -> vonderleyen), so a bare "Le Pen" keeps its surname.
ARABIC_PARTICLES = _wordset("bin ibn bint binti al el ul ud")
EURO_PARTICLES = _wordset("van von der den de da di du del della dos das do le la ten ter zu")
DETERMINERS = _wordset(
    "the a an this that these those his her its their our my your one another some several many "
    "both each every two three four"
)
PRONOUNS = _wordset(
    "he she they it we i you him her them us me who whom which that someone somebody anyone "
    "everyone nobody one himself herself themselves itself myself ourselves"
)
ORG_SUFFIXES = _wordset(
    "inc incorporated ltd limited llc plc corp corporation co company gmbh ag sa nv bv spa srl lp llp pty"
)
ORG_STOP = _wordset("of the and for on in at to de des du la le et")
# Roles: words that carry no identity (former/acting), and synonyms a newsroom mixes.
ROLE_DROP = _wordset("the of to for a an and at in on s former then acting outgoing incoming current newly appointed")
ROLE_WEAK = _wordset(
    "deputy vice senior general chief assistant head official national state first second junior executive"
)
ROLE_SYNONYMS = {
    "envoy": "ambassador", "un": "nations", "united": "nations", "defence": "defense",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
    "chairwoman": "chair", "chairperson": "chair", "ceo": "executive",
}  # fmt: skip

SHORT = 3
"""Tokens this short must agree in skeleton and first letter: Jan/Ian, Lee/Li, Kim/Kin."""
FUZZY_MIN = 5
"""Jaro-Winkler is trusted only for tokens at least this long."""
LEV_COST = 0.03
"""Subtracted from Jaro-Winkler per edit, so long shared prefixes do not hide extra letters."""
SKELETON_SIM = 0.97
CONSONANT_SIM = 0.92
INITIAL_SIM = 0.9
MISSING_MIDDLE = 0.95
REORDER_COST = 0.02
ROLE_WORD_SIM = 0.9


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefolded text without diacritics or apostrophes: "O’Brien-Núñez" -> "obrien-nunez"."""
    text = MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold().translate(_FOLD_TABLE)
    return APOSTROPHES.sub("", text)


@functools.lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The transliteration-insensitive form of a folded token: "zelenskyy" -> "zelenski"."""
    out = SKELETON_RULES.sub(lambda m: SKELETON_MAP[m.group()], token)
    return FINAL_AH.sub("a", DOUBLED.sub(r"\1", out))


@functools.lru_cache(maxsize=65536)
def consonants(token: str) -> str:
    """First letter plus the consonants of the skeleton: "muhammad" -> "mhmd"."""
    return VOWELS.sub("", skeleton(token))


def _gender_pair(a: str, b: str) -> bool:
    """Exactly one ends in -a: Alexander/Alexandra, Roberto/Roberta, Ivanov/Ivanova differ."""
    return (a[-1] == "a") != (b[-1] == "a")


@functools.lru_cache(maxsize=262144)
def token_similarity(a: str, b: str) -> float:
    """How likely two folded name tokens are spellings of one name, in [0, 1].

    Single letters are initials and match any token they begin. Otherwise: identical 1.0;
    same skeleton 0.97; same consonant key (vowel-only variation, key of 4+ letters)
    0.92; long tokens fall back on Jaro-Winkler minus 0.03 per edit. Short tokens, a
    token that merely extends the other (Daniel/Danielle, Robert/Roberts, Wood/Woodley),
    and pairs where one ends in the feminine -a and the other does not get 0.
    """
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIM if a[0] == b[0] else 0.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return SKELETON_SIM if min(len(sa), len(sb)) > SHORT or a[0] == b[0] else 0.0
    if _gender_pair(sa, sb) or min(len(sa), len(sb)) <= SHORT or sa.startswith(sb) or sb.startswith(sa):
        return 0.0
    ca = consonants(a)
    if len(ca) >= 4 and ca == consonants(b):
        return max(CONSONANT_SIM, float(JaroWinkler.similarity(sa, sb)))
    if min(len(sa), len(sb)) < FUZZY_MIN:
        return 0.0
    return max(0.0, float(JaroWinkler.similarity(sa, sb) - LEV_COST * Levenshtein.distance(sa, sb)))


@attrs.frozen(cache_hash=True)
class PersonName:
    """A parsed personal name: folded tokens in written order, initials as single letters."""

    tokens: tuple[str, ...]
    suffix: str = ""
    """Generational suffix ("jr", "sr", "ii" …): different suffixes are different people."""
    words: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """The tokens that are not initials."""
    full: bool = attrs.field(init=False, eq=False, repr=False)
    """Two or more words: a given name and a family name, in some order."""
    family: str = attrs.field(init=False, eq=False, repr=False)
    """The last word: the family name in Western order ("" if there are only initials)."""
    initials: str = attrs.field(init=False, eq=False, repr=False)
    """First letters of the tokens before the family name ("as" for "Anthony S. Fauci")."""

    def __attrs_post_init__(self) -> None:
        # Derived once: clustering reads these in its inner loops.
        words = tuple(t for t in self.tokens if len(t) > 1)
        family = words[-1] if words else ""
        last = len(self.tokens) - 1 - self.tokens[::-1].index(family) if words else len(self.tokens)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "full", len(words) >= 2)
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "initials", "".join(t[0] for t in self.tokens[:last]))


@attrs.frozen
class OrgName:
    """A normalised organisation name and the acronyms it can stand for or be."""

    key: str
    """Folded words without "the" or company suffixes: "the U.S." -> "us"."""
    is_acronym: bool
    acronyms: frozenset[str]
    """For a long form, its possible acronyms ("united nations" -> {"un"})."""


def _words_after_titles(raw: str) -> list[str]:
    words = raw.split()
    while len(words) > 1 and "".join(WORD.findall(fold(words[0]))) in TITLES:
        words.pop(0)
    return words


@functools.lru_cache(maxsize=65536)
def display_name(raw: str) -> str:
    """The name as written, leading titles removed: "Dr. Anthony S. Fauci" -> "Anthony S. Fauci"."""
    return " ".join(_words_after_titles(raw))


def parse_person(raw: str) -> PersonName | None:
    """Parse a personal name; None when nothing name-like remains (only titles, or initials).

    The order of tokens is kept: whether "Kim" in "Kim Jong Un" is the family name is for
    the comparison to decide (it also tries the tokens re-ordered).
    """
    text = APOSTROPHES.sub("", raw)
    found = [(m.group(), bool(HYPHEN_AFTER.match(text, m.end()))) for m in WORD.finditer(text)]
    if all(fold(word) in TITLES for word, _ in found):
        return None  # "the President", "Minister": a title names nobody in particular
    while len(found) > 1 and fold(found[0][0]) in TITLES:
        found.pop(0)
    suffix = ""
    while len(found) > 1:
        last = fold(found[-1][0])
        if last in DEGREES:
            found.pop()
        elif last in SUFFIXES and not suffix:
            suffix = SUFFIXES[last]
            found.pop()
        else:
            break
    tokens: list[str] = []
    glue = ""
    n = len(found)
    for i, (word, hyphenated) in enumerate(found):
        token = fold(word)
        if i < n - 1 and token in ARABIC_PARTICLES and (i > 0 or hyphenated or word.islower()):
            continue
        if i < n - 1 and token in EURO_PARTICLES and (i > 0 or n == 2):
            glue += token
            continue
        tokens.append(glue + token)
        glue = ""
    name = PersonName(tuple(tokens), suffix)
    return name if name.words else None


def parse_org(raw: str) -> OrgName | None:
    """Parse an organisation name; None when nothing remains."""
    written = LEADING_THE.sub("", raw.strip())
    is_acronym = ACRONYM.fullmatch(written.replace(".", "").replace(" ", "")) is not None
    words = WORD.findall(fold(raw.replace(".", "")).replace("&", " and "))
    if words and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    if not words:
        return None
    if is_acronym:
        return OrgName("".join(words), True, frozenset())
    acronyms = frozenset(
        "".join(w[0] for w in chosen) for chosen in (words, [w for w in words if w not in ORG_STOP]) if len(chosen) >= 2
    )
    return OrgName(" ".join(words), False, acronyms)


@functools.lru_cache(maxsize=16384)
def is_pronoun(raw: str) -> bool:
    """True for "He", "they", "who" — but not for "US" or "IT", which are names in capitals."""
    text = raw.strip()
    return fold(text) in PRONOUNS and not (len(text) > 1 and text.isupper())


def is_description(raw: str, organisation: bool) -> bool:
    """True when the "name" describes rather than names: "the Russian envoy",
    "North Korea's ambassador", "US and South Korean representatives"."""
    words = raw.split()
    if not words:
        return True
    first = fold(words[0])
    if organisation and first == "the":
        words = words[1:]
        if not words:
            return True
        first = fold(words[0])
    if first in DETERMINERS or POSSESSIVE.search(raw):
        return True
    if organisation:
        return bool(LOWER.match(words[0]))
    if GROUP.search(raw):
        return True
    for word in _words_after_titles(" ".join(words)):
        letters = "".join(WORD.findall(word))
        if (
            LOWER.search(letters)
            and not UPPER.search(letters)
            and fold(letters) not in ARABIC_PARTICLES
            and fold(letters) not in EURO_PARTICLES
        ):
            return True
    return False


def _in_order(short: tuple[str, ...], long: tuple[str, ...], gate: float) -> list[float] | None:
    """Match every token of ``short`` to a later and later token of ``long`` (greedy)."""
    sims = []
    j = 0
    for token in short:
        while j < len(long) and token_similarity(token, long[j]) < gate:
            j += 1
        if j == len(long):
            return None
        sims.append(token_similarity(token, long[j]))
        j += 1
    return sims


def _same_order(x: tuple[str, ...], y: tuple[str, ...], gate: float) -> float:
    if len(x[-1]) == 1 or len(y[-1]) == 1:
        return 0.0
    last = token_similarity(x[-1], y[-1])
    first = token_similarity(x[0], y[0])
    if last < gate or first < gate:
        return 0.0
    mx, my = x[1:-1], y[1:-1]
    if not mx and not my:
        middle = 1.0
    elif not mx or not my:
        middle = MISSING_MIDDLE
    else:
        short, long = (mx, my) if len(mx) <= len(my) else (my, mx)
        sims = _in_order(short, long, gate)
        if sims is None:
            return 0.0
        middle = sum(sims) / len(sims)
    return 0.5 * last + 0.35 * first + 0.15 * middle


def _reordered(x: tuple[str, ...], y: tuple[str, ...], gate: float) -> float:
    """Same tokens in another order: "Jong Un Kim" for "Kim Jong Un"."""
    if len(x) != len(y) or sorted(map(consonants, x)) != sorted(map(consonants, y)):
        return 0.0
    best = 0.0
    for perm in itertools.permutations(y) if len(y) <= 4 else (tuple(y),):
        sims = [token_similarity(a, b) for a, b in zip(x, perm, strict=True)]
        if min(sims) >= gate:
            best = max(best, sum(sims) / len(sims) - REORDER_COST)
    return best


def person_similarity(x: PersonName, y: PersonName, gate: float) -> float:
    """Similarity of two full names in [0, 1]; 0 when they conflict.

    Western order aligns first with first and last with last (weights 0.35 and 0.5, the
    middle names 0.15; a middle name present on one side only costs a little, two middle
    names that differ are a conflict). Names written in another order (East Asian family
    name first) match when the same tokens appear, at a cost of 0.02. Every aligned
    token must reach ``gate``.

    Args:
        x: a full name (two or more words).
        y: another full name.
        gate: the least similarity each aligned token pair must have.

    Returns:
        The best similarity of the two alignments, or 0.0.
    """
    if x.suffix and y.suffix and x.suffix != y.suffix:
        return 0.0
    same = _same_order(x.tokens, y.tokens, gate)
    return same if same >= 1.0 - REORDER_COST else max(same, _reordered(x.tokens, y.tokens, gate))


def partial_fits(partial: PersonName, other: PersonName, gate: float) -> bool:
    """Can a bare family name ("Fauci", "A. Fauci") be a short form of ``other``?

    The family names must match and the initials must be a prefix of ``other``'s initials
    (of its given names, or of the tokens before the matched word when the name was
    written family-name first).
    """
    if partial.suffix and other.suffix and partial.suffix != other.suffix:
        return False
    if not other.full:
        return token_similarity(partial.family, other.family) >= gate and (
            other.initials.startswith(partial.initials) or partial.initials.startswith(other.initials)
        )
    family = partial.family
    for i, token in enumerate(other.tokens):
        at_edge = i in (0, len(other.tokens) - 1)
        if at_edge and len(token) > 1 and token_similarity(family, token) >= gate:
            rest = other.tokens[:i] if i else other.tokens[1:]
            if "".join(t[0] for t in rest).startswith(partial.initials):
                return True
    return False


@functools.lru_cache(maxsize=16384)
def role_key(raw: str) -> str:
    """The identity-bearing words of a role, sorted: "the UN envoy" -> "ambassador nations"."""
    words = (ROLE_SYNONYMS.get(w, w) for w in WORD.findall(fold(raw).replace("-", " ")))
    return " ".join(sorted({w for w in words if w not in ROLE_DROP}))


@functools.lru_cache(maxsize=65536)
def roles_compatible(a: str, b: str) -> bool:
    """Two role keys can describe one person: either is unknown, or they share a word that
    is not merely a rank ("deputy", "senior"), spelled alike ("president"/"Präsident"):
    "Foreign Minister"/"Prime Minister" yes, "senator"/"retired general" no."""
    if not a or not b or a == b:
        return True
    words_a = set(a.split()) - ROLE_WEAK
    words_b = set(b.split()) - ROLE_WEAK
    return any(x == y or token_similarity(x, y) >= ROLE_WORD_SIM for x in words_a for y in words_b)
