"""A synthetic news corpus with gold quotations known by construction.

Every document is built from news sentence templates (direct quotes in every mark style,
split and multi-paragraph quotes, indirect "said that" and zero-that reports, "according
to", participle cues, pronoun and surname follow-ups, scare quotes and titles that are not
quotes, boilerplate lines) with generated people: given + family names from many regions,
roles and countries. The generator records each span's offsets as it writes the text, so
the gold follows the conventions of ``shared/data/README.md`` without any annotation.

Deterministic for a seed: the same seed and size give the same bytes.

    python benchmarks/corpus.py OUT.jsonl --size-mb 50 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

FEMALE = ("Amara", "Ngozi", "Nomsa", "Aisha", "Fatima", "Leila", "Sofia", "Lucía", "Ana", "Mei", "Aiko",
          "Yuki", "Priya", "Ingrid", "Olga", "Elif", "Zanele", "Marta", "Chiara", "Camille", "Hana", "Noor",
          "Dalia", "Katarzyna", "Solange", "Njeri", "Gabriela", "Kavita", "Mariam", "Abena", "Ilse", "Joana")
MALE = ("Kwame", "Ibrahim", "Omar", "Tomás", "Diego", "João", "Hiroshi", "Ravi", "Lars", "Tomasz", "Mehmet",
        "Sipho", "Ahmed", "Jonas", "Chen", "Kofi", "Joost", "Luca", "Andrei", "Walid", "Dawit", "Rodrigo",
        "Samir", "Dmitri", "Rohan", "Emeka", "Nuno", "Henrik", "Yusuf", "Thabo", "Giorgos", "Santiago")
FAMILY = ("Mensah", "Okafor", "Diallo", "Haddad", "Kowalski", "Novak", "Larsen", "Silva", "Costa", "Tanaka",
          "Sato", "Nguyen", "Rossi", "Moreau", "Fischer", "Jansen", "Popescu", "Babić", "Yılmaz", "Demir",
          "Sharma", "Patel", "Khan", "Rahman", "Paredes", "Ortiz", "Castillo", "Ivanova", "Petrov", "Mwangi",
          "Otieno", "Girma", "Dlamini", "O'Neill", "D'Souza", "García-Márquez", "de Vries", "Al-Masri",
          "Nowak", "Mamani", "Ferreira", "Mukamana", "Yusupova", "Abenov", "Aziz", "Suwan", "Kazlauskaitė")
# (ISO code, name, adjective, capital)
COUNTRIES = (
    ("KE", "Kenya", "Kenyan", "Nairobi"), ("GH", "Ghana", "Ghanaian", "Accra"),
    ("NG", "Nigeria", "Nigerian", "Abuja"), ("ZA", "South Africa", "South African", "Pretoria"),
    ("EG", "Egypt", "Egyptian", "Cairo"), ("MA", "Morocco", "Moroccan", "Rabat"),
    ("ET", "Ethiopia", "Ethiopian", "Addis Ababa"), ("SN", "Senegal", "Senegalese", "Dakar"),
    ("BR", "Brazil", "Brazilian", "Brasília"), ("PE", "Peru", "Peruvian", "Lima"),
    ("CL", "Chile", "Chilean", "Santiago"), ("MX", "Mexico", "Mexican", "Mexico City"),
    ("CO", "Colombia", "Colombian", "Bogotá"), ("AR", "Argentina", "Argentine", "Buenos Aires"),
    ("JP", "Japan", "Japanese", "Tokyo"), ("KR", "South Korea", "South Korean", "Seoul"),
    ("IN", "India", "Indian", "New Delhi"), ("ID", "Indonesia", "Indonesian", "Jakarta"),
    ("VN", "Vietnam", "Vietnamese", "Hanoi"), ("TH", "Thailand", "Thai", "Bangkok"),
    ("PL", "Poland", "Polish", "Warsaw"), ("DE", "Germany", "German", "Berlin"),
    ("FR", "France", "French", "Paris"), ("IT", "Italy", "Italian", "Rome"),
    ("NL", "the Netherlands", "Dutch", "The Hague"), ("TR", "Turkey", "Turkish", "Ankara"),
    ("LB", "Lebanon", "Lebanese", "Beirut"), ("JO", "Jordan", "Jordanian", "Amman"),
    ("NO", "Norway", "Norwegian", "Oslo"), ("RO", "Romania", "Romanian", "Bucharest"),
    ("AU", "Australia", "Australian", "Canberra"), ("NZ", "New Zealand", "New Zealand", "Wellington"),
)
BY_CODE = {c[0]: c for c in COUNTRIES}
MINISTRIES = ("Finance", "Foreign", "Health", "Energy", "Trade", "Interior", "Agriculture", "Education",
              "Transport", "Labour", "Defence", "Environment")
PERSON_ROLES = ("deputy governor of the central bank", "chief economist at the national statistics office",
                "head of the national electoral commission", "general secretary of the teachers' union",
                "president of the chamber of commerce", "spokeswoman for the ruling party",
                "director of the state power company", "chairman of the farmers' association")
ORGS = ("International Monetary Fund", "World Bank", "World Health Organization", "African Union",
        "European Commission", "Red Cross", "Amnesty International", "World Food Programme")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SUBJECTS = ("We", "Our members", "Our workers", "The people of this country", "Families here", "Our farmers")
MODALS = ("will not accept", "cannot afford", "are ready to discuss", "have asked for",
          "will keep pushing for", "do not expect", "need", "want to see", "will announce",
          "have already paid for")
OBJECTS = ("a new fuel levy", "another delay to the hospital project", "higher wages for nurses",
           "a ceasefire before the rainy season", "cheaper bread and cooking oil",
           "the closure of the coal plant", "an independent audit of the port authority",
           "more teachers in rural schools", "a fair price for cocoa farmers",
           "new rules for foreign investors", "the second runway", "a recount in the northern districts",
           "debt relief for small businesses", "clean water in every village")
TAILS = ("", " this year", " before the election", " in the coming weeks", " at any price",
         " until the talks resume", " by the end of March", " without a vote in parliament")
FOLLOW_UPS = ("That is not negotiable.", "People are tired of waiting.", "The numbers speak for themselves.",
              "Nobody should be surprised by this.", "We have been clear from the start.",
              "It will take time, but we will get there.", "This is only the first step.")
CONTRACTIONS = ("We don’t have the money for", "It’s time to talk about", "We won’t give up on",
                "Nobody’s going to stop")
CLAUSE_SUBJECTS = ("the government", "the ministry", "the central bank", "the company", "the coalition",
                   "the regional authorities", "the national railway", "the export board")
CLAUSE_VERBS = ("would announce", "had rejected", "could not guarantee", "was preparing", "would delay",
                "had approved", "might reconsider", "would pay for", "planned to review",
                "had underestimated")
NARRATIVE = (
    "The economy grew {n} percent in the last quarter, official figures showed.",
    "Talks are due to resume in {capital} on {day}.",
    "Shares of the state power company fell {n} percent in early trading.",
    "Police estimated the crowd at about {n},000 people.",
    "The ministry did not respond to a request for comment.",
    "Inflation has stayed above {n} percent since January, squeezing households.",
    "The vote is expected before the end of the month.",
    "Parliament will debate the bill on {day}.",
)
NOT_QUOTES = (  # scare quotes and titles: marks that hold no quotation
    "The plan, dubbed the “{obj}” programme by local newspapers, has divided the coalition.",
    "The debate came a week after the release of “Silent Harbours”, a documentary about data centres.",
    "Critics call it a \"shadow budget\" that few lawmakers have read.",
)
BOILERPLATE = ("Reporting by {a}; Editing by {b}", "(Additional reporting by {a} in {capital})",
               "© 2024 Synthetic Wire Service. All rights reserved.", "Sign up for our morning newsletter.",
               "Read more: {country} at a crossroads")
# (open, close, apostrophes allowed inside): every mark style the extractor must pair
MARKS = (("“", "”", True), ('"', '"', True), ("‘", "’", False), ("«", "»", True), ("„", "“", True),
         ("'", "'", False), ("« ", " »", True))


@dataclass
class Speaker:
    """A person or organisation with the facts the gold records for each of its quotes."""

    name: str
    surname: str
    role: str | None
    country: str | None
    pronoun: str

    @property
    def opening(self) -> str:
        """The surname as it starts a sentence: de Vries → De Vries."""
        return self.surname[:1].upper() + self.surname[1:]


Mention = tuple[int, int, str]
"""Offsets and text of the words naming the speaker at the attribution site."""


@dataclass
class Builder:
    """Writes a document left to right, recording gold quotes at the offsets it writes them."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def name(self, text: str) -> Mention:
        """Write a speaker mention."""
        return (*self.add(text), text)

    def quote(self, content: str, kind: str, cue: str | None, who: Speaker,
              mention: Mention | None = None) -> None:
        """Write quote content; a mention still to come is given later with :meth:`credit`."""
        start, end = self.add(content)
        self.quotes.append({"start": start, "end": end, "content": content, "kind": kind, "cue": cue,
                            "speaker": who.name, "role": who.role, "country": who.country, "optional": False})
        if mention:
            self.credit(mention, 1)

    def credit(self, mention: Mention, last: int) -> None:
        """Record ``mention`` as the attribution site of the last ``last`` quotes."""
        for q in self.quotes[-last:]:
            q |= {"speaker_mention": mention[2], "speaker_start": mention[0], "speaker_end": mention[1]}


class Writer:
    """Sentence templates over one random generator; each template writes into a Builder."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.templates: list[Callable[[Builder, Speaker], None]] = [
            self.post_said, self.said_inverted, self.pre_colon, self.split, self.indirect_that,
            self.zero_that, self.according_to, self.adding_colon, self.multi_paragraph,
        ]

    # --- material ---------------------------------------------------------------------------------
    def sentence(self, end: str, apostrophes: bool = True) -> str:
        r = self.rng
        head = r.choice(CONTRACTIONS) if apostrophes and r.random() < 0.15 else \
            f"{r.choice(SUBJECTS)} {r.choice(MODALS)}"
        return f"{head} {r.choice(OBJECTS)}{r.choice(TAILS)}{end}"

    def clause(self) -> str:
        r = self.rng
        return f"{r.choice(CLAUSE_SUBJECTS)} {r.choice(CLAUSE_VERBS)} {r.choice(OBJECTS)}{r.choice(TAILS)}"

    def person(self) -> Speaker:
        r = self.rng
        female = r.random() < 0.5
        given, family = r.choice(FEMALE if female else MALE), r.choice(FAMILY)
        code, *_ = r.choice(COUNTRIES)
        role = f"{r.choice(MINISTRIES)} Minister" if r.random() < 0.6 else r.choice(PERSON_ROLES)
        return Speaker(f"{given} {family}", family, role, code, "She" if female else "He")

    def organisation(self) -> Speaker:
        return Speaker(self.rng.choice(ORGS), "", None, None, "It")

    def introduce(self, d: Builder, who: Speaker) -> Mention:
        """First mention with role and country (title before the name, or an apposition)."""
        _, name, adj, _ = BY_CODE[who.country or ""]
        if who.role and who.role.endswith("Minister") and self.rng.random() < 0.5:
            d.add(f"{adj} {who.role} ")
            return d.name(who.name)
        mention = d.name(who.name)
        d.add(f", {name}’s {who.role}," if who.role and who.role.endswith("Minister") else
              f", {who.role} in {name},")
        return mention

    def marks(self) -> tuple[str, str, bool]:
        return self.rng.choice(MARKS)

    # --- templates: each writes one paragraph's worth of sentences --------------------------------
    def post_said(self, d: Builder, who: Speaker) -> None:
        """“We will ...,” Amara Mensah, Kenya's Finance Minister, said on Monday."""
        o, c, apos = self.marks()
        d.add(o)
        d.quote(self.sentence(",", apos), "direct", "said", who)
        d.add(c + " ")
        d.credit(self.introduce(d, who), 1)
        d.add(f" said on {self.rng.choice(DAYS)}.")

    def intro_indirect(self, d: Builder, who: Speaker) -> None:
        """Kenyan Finance Minister Amara Mensah said on Monday that the government would … ."""
        mention = self.introduce(d, who)
        d.add(f" said on {self.rng.choice(DAYS)} that ")
        d.quote(self.clause(), "indirect", "said", who, mention)
        d.add(".")

    def intro_colon(self, d: Builder, who: Speaker) -> None:
        """Amara Mensah, Kenya's Finance Minister, told parliament: “… .”"""
        o, c, apos = self.marks()
        mention = self.introduce(d, who)
        d.add(f" told parliament: {o}")
        d.quote(self.sentence(".", apos), "direct", "told", who, mention)
        d.add(c)

    def quote_first(self, d: Builder, who: Speaker, cue: str, between: str) -> tuple[str, str, bool, Mention]:
        """Write “…,”{between}Surname, crediting the quote to it; returns the marks and the mention."""
        o, c, apos = self.marks()
        d.add(o)
        d.quote(self.sentence(",", apos), "direct", cue, who)
        d.add(c + between)
        mention = d.name(who.surname)
        d.credit(mention, 1)
        return o, c, apos, mention

    def said_inverted(self, d: Builder, who: Speaker) -> None:
        """“…,” said Mensah. “… .” (a follow-on quote sentence, same speaker)"""
        o, c, _, mention = self.quote_first(d, who, "said", " said ")
        d.add(". " + o)
        d.quote(self.rng.choice(FOLLOW_UPS), "direct", "said", who, mention)
        d.add(c)

    def pre_colon(self, d: Builder, who: Speaker) -> None:
        """Mensah told reporters in Nairobi: “… .”"""
        o, c, apos = self.marks()
        capital = BY_CODE[who.country or ""][3]
        mention = d.name(who.opening)
        d.add(f" told reporters in {capital}: {o}")
        d.quote(self.sentence(".", apos), "direct", "told", who, mention)
        d.add(c)

    def split(self, d: Builder, who: Speaker) -> None:
        """“…,” Mensah said, “and … .”"""
        o, c, apos, mention = self.quote_first(d, who, "said", " ")
        d.add(f" said, {o}")
        rest = self.sentence(".", apos)
        d.quote(f"and {rest[0].lower()}{rest[1:]}", "direct", "said", who, mention)
        d.add(c)

    def indirect_that(self, d: Builder, who: Speaker) -> None:
        """Mensah said on Monday that the government would … . She added that … ."""
        mention = d.name(who.opening)
        d.add(f" said on {self.rng.choice(DAYS)} that ")
        d.quote(self.clause(), "indirect", "said", who, mention)
        d.add(". ")
        mention = d.name(who.pronoun)
        d.add(" added that ")
        d.quote(self.clause(), "indirect", "added", who, mention)
        d.add(".")

    def zero_that(self, d: Builder, who: Speaker) -> None:
        """The ministry …, Mensah said. (clause first, zero-that)"""
        clause = self.clause()
        d.quote(clause[0].upper() + clause[1:], "indirect", "said", who)
        d.add(", ")
        d.credit(d.name(who.surname), 1)
        d.add(" said.")

    def according_to(self, d: Builder, who: Speaker) -> None:
        """According to Mensah, the government … ."""
        d.add("According to ")
        mention = d.name(who.surname)
        d.add(", ")
        d.quote(self.clause(), "indirect", "According to", who, mention)
        d.add(".")

    def adding_colon(self, d: Builder, who: Speaker) -> None:
        """Mensah welcomed the decision, adding: “…”"""
        o, c, apos = self.marks()
        mention = d.name(who.opening)
        d.add(f" welcomed the decision, adding: {o}")
        d.quote(self.sentence(".", apos), "direct", "adding", who, mention)
        d.add(c)

    def multi_paragraph(self, d: Builder, who: Speaker) -> None:
        """A quote running over paragraphs: no closing mark until its last paragraph."""
        o, c, apos, mention = self.quote_first(d, who, "told", " ")
        d.add(f" told a news conference. {o}")
        d.quote(self.sentence(".", apos), "direct", "told", who, mention)
        for _ in range(self.rng.randint(1, 3)):
            d.add(f"\n\n{o}")
            content = f"{self.sentence('.', apos)} {self.rng.choice(FOLLOW_UPS)}"
            d.quote(content, "direct", "told", who, mention)
        d.add(c)

    def participle(self, d: Builder, org: Speaker) -> None:
        """The World Bank approved a loan on Monday, saying … ."""
        name = self.rng.choice(COUNTRIES)[1]
        d.add("The ")
        mention = d.name(org.name)
        amount, day = self.rng.randint(2, 900), self.rng.choice(DAYS)
        d.add(f" approved a ${amount} million loan for {name} on {day}, saying ")
        d.quote(self.clause(), "indirect", "saying", org, mention)
        d.add(".")

    def filler(self, d: Builder, capital: str) -> None:
        r = self.rng
        text = r.choice(NARRATIVE).format(n=r.randint(2, 40), capital=capital, day=r.choice(DAYS))
        if r.random() < 0.2:
            text += " " + r.choice(NOT_QUOTES).format(obj=r.choice(OBJECTS).split(" ", 1)[1])
        d.add(text)

    # --- documents --------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict[str, Any]:
        """One article: headline, 4-12 paragraphs of quotes and narrative, boilerplate lines."""
        r = self.rng
        d = Builder()
        cast: list[Speaker] = []
        for _ in range(r.randint(2, 4)):  # distinct surnames: "Rossi said" must name one person
            while (someone := self.person()).surname in {c.surname for c in cast}:
                pass
            cast.append(someone)
        _, country, adj, capital = BY_CODE[cast[0].country or ""]
        d.add(f"{adj} {cast[0].role.split(' of ')[0] if cast[0].role else 'minister'} vows to act on "
              f"{r.choice(OBJECTS)}\n\n")
        introduced: set[str] = set()
        for n in range(r.randint(4, 12)):
            if n:
                d.add("\n\n")
            who = cast[n % len(cast)]
            if r.random() < 0.12:
                self.participle(d, self.organisation())
            elif who.name not in introduced:
                introduced.add(who.name)
                r.choice((self.post_said, self.post_said, self.intro_indirect, self.intro_colon))(d, who)
            else:
                r.choice(self.templates[1:])(d, who)
            if r.random() < 0.6:
                d.add(" ")
                self.filler(d, capital)
        for line in r.sample(BOILERPLATE, r.randint(1, 2)):
            d.add("\n\n" + line.format(a=self.person().name, b=self.person().name, capital=capital,
                                       country=country))
        return {"id": doc_id, "source": "synthetic", "license": "CC0", "text": "".join(d.parts),
                "quotes": d.quotes}


def generate(seed: int = 7, size_bytes: int = 50_000_000) -> Iterator[dict[str, Any]]:
    """Gold records, deterministic for ``seed``, until their texts reach ``size_bytes`` of UTF-8."""
    writer = Writer(random.Random(seed))
    total = n = 0
    while total < size_bytes:
        record = writer.document(f"syn-{seed}-{n:06d}")
        total += len(record["text"].encode("utf-8"))
        n += 1
        yield record


def write(out: IO[str], seed: int, size_bytes: int) -> int:
    """Write the corpus as JSONL; returns the number of documents."""
    count = 0
    for record in generate(seed, size_bytes):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def text_of_size(size_bytes: int, seed: int = 7) -> str:
    """One long document of about ``size_bytes`` made of whole synthetic articles."""
    parts: list[str] = []
    total = 0
    for record in generate(seed, size_bytes):
        parts.append(record["text"])
        total += len(record["text"]) + 2
        if total >= size_bytes:
            break
    return "\n\n".join(parts)[:size_bytes]


def main(argv: list[str] | None = None) -> int:
    """Write the corpus as gold JSONL."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out", help="output .jsonl (- for stdout)")
    ap.add_argument("--size-mb", type=float, default=50.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.out == "-":
        write(sys.stdout, args.seed, int(args.size_mb * 1_000_000))
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            write(out, args.seed, int(args.size_mb * 1_000_000))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
