"""Benchmark the cross-document SpeakerIndex on synthetic speaker mentions.

Generates N mentions (default 100,000) of a few thousand invented people whose names
are written the way news copy varies them: transliteration variants, diacritics or
none, titles, bare family names, initials, family-name-first order. Indexes them in
documents of five speakers, clusters, and prints a markdown table of time, peak memory
and B-cubed precision/recall against the generator's truth.

    python benchmarks/bench_index.py [--mentions 100000] [--people 4000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from collections import Counter

from quoteattr import Document, Quote, Span, Speaker, _clustering, _names
from quoteattr.index import SpeakerIndex

# Spelling groups: each tuple is one name as different newsrooms write it (invented
# combinations; the individual names are common ones).
GIVEN = [
    ("Vladislav", "Wladyslaw"), ("Mohammed", "Muhammad", "Mohamed"), ("Aleksandr", "Alexander"),
    ("Sergei", "Sergey"), ("Yuri", "Yury"), ("José", "Jose"), ("Dmitri", "Dmitry"), ("Andrei", "Andrey"),
    ("Ahmed", "Ahmad"), ("Hussein", "Husain"), ("Yusuf", "Youssef"), ("Mikhail",), ("Nikolai", "Nikolay"),
    ("Olena", "Olyena"), ("Svetlana",), ("Fatima", "Fatimah"), ("Aisha", "Aishah"), ("María", "Maria"),
    ("François", "Francois"), ("Zoë", "Zoe"), ("Björn", "Bjorn"), ("Søren", "Soren"), ("Ingrid",),
    ("Priya",), ("Rahul",), ("Arjun",), ("Wei",), ("Jian",), ("Hiroshi",), ("Yuki",), ("Tomasz",),
    ("Katarzyna",), ("Oluwaseun",), ("Chinedu",), ("Amara",), ("Kwame",), ("Thandiwe",), ("Lucas",),
    ("Gabriel",), ("Isabela", "Isabella"), ("Mateus",), ("Camila",), ("Elena",), ("Pavel",),
    ("Tariq", "Tarek"), ("Omar",), ("Layla", "Leila"), ("Reza",), ("Dariusz",), ("Ruth",),
]  # fmt: skip
# Family names are built from syllables, so namesakes are as rare as in real coverage;
# their variants come from the spelling habits of different newsrooms.
SYLLABLES = [
    "ko",
    "va",
    "len",
    "she",
    "vchen",
    "pet",
    "ro",
    "ka",
    "ri",
    "mo",
    "ha",
    "dad",
    "na",
    "mu",
    "to",
    "li",
    "ber",
    "gen",
    "wal",
    "dor",
    "fer",
    "sen",
    "ma",
    "zu",
    "ta",
    "be",
    "ni",
    "sal",
    "hu",
    "ol",
]
ENDINGS = ["ov", "enko", "sky", "ez", "es", "i", "son", "berg", "ani", "ović", "escu", "oglu", "er", "in", "ul"]
RESPELLINGS = [
    ("sky", "skyy"),
    ("sky", "skiy"),
    ("v", "w"),
    ("u", "ou"),
    ("k", "kh"),
    ("ović", "ovic"),
    ("e", "é"),
    ("s", "ss"),
    ("i", "y"),
    ("o", "ö"),
]
EAST_ASIAN_FAMILIES = ["Park", "Kim", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"]
EAST_ASIAN_SYLLABLES = [
    "Min",
    "Jun",
    "Hye",
    "Won",
    "Sang",
    "Hoon",
    "Young",
    "Su",
    "Ji",
    "Seo",
    "Hyun",
    "Woo",
    "Eun",
    "Jae",
    "Dong",
    "Soo",
    "Yeon",
    "Ho",
    "Kyung",
    "Tae",
]
TITLES = ["Dr.", "President", "Minister", "Mr.", "Ms.", "General", "Senator", "Professor"]
ROLES = [
    "foreign minister",
    "spokesperson",
    "central bank governor",
    "opposition leader",
    "ambassador",
    "chief executive",
    "health minister",
    "professor of economics",
    "army chief",
    "mayor",
]
COUNTRIES = ["UA", "RU", "EG", "NG", "KE", "IN", "CN", "JP", "BR", "DE", "FR", "TR", "KZ", "IR", "PL", "KR"]


Person = tuple[tuple[str, ...], tuple[str, ...], str, str, bool, str]
"""(given spellings, family spellings, country, role, family-first, middle initial)."""


def make_family(rng: random.Random) -> tuple[str, ...]:
    """A family name and the one or two respellings other newsrooms use."""
    base = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(ENDINGS)
    base = base.capitalize()
    spellings = [base]
    for old, new in rng.sample(RESPELLINGS, 3):
        if old in base[1:] and len(spellings) < 3:
            spellings.append(base[0] + base[1:].replace(old, new, 1))
    return tuple(spellings)


def make_people(n: int, rng: random.Random) -> list[Person]:
    """Invented people: a given name from the list, a generated family name, a country, a role."""
    people: list[Person] = []
    for _ in range(n):
        middle = rng.choice("ABCDEFGHJKLMNPRST") if rng.random() < 0.3 else ""
        if rng.random() < 0.05:
            given = " ".join(rng.sample(EAST_ASIAN_SYLLABLES, 2))
            people.append(((given,), (rng.choice(EAST_ASIAN_FAMILIES),), "KR", rng.choice(ROLES), True, ""))
        else:
            people.append(
                (rng.choice(GIVEN), make_family(rng), rng.choice(COUNTRIES), rng.choice(ROLES), False, middle)
            )
    return people


def mention(person: Person, rng: random.Random) -> str:
    """One way a newsroom might write the person's name (the first spellings are the usual ones)."""
    given, family, _, _, family_first, middle = person
    g = given[0] if rng.random() < 0.7 else rng.choice(given)
    f = family[0] if rng.random() < 0.7 else rng.choice(family)
    roll = rng.random()
    if family_first:
        return f"{g} {f}" if roll < 0.2 else f"{f} {g}"
    if roll < 0.60:
        return f"{g} {f}"
    if roll < 0.75:
        return f"{rng.choice(TITLES)} {g} {f}"
    if roll < 0.85:
        return f
    if roll < 0.92:
        return f"{g[0]}. {f}"
    return f"{g} {middle}. {f}" if middle else f"{g} {f}"


def make_documents(n_mentions: int, n_people: int, seed: int) -> tuple[list[Document], dict[tuple[str, str], int]]:
    """Documents of five speakers each, and the true person behind each (doc id, speaker id)."""
    rng = random.Random(seed)
    people = make_people(n_people, rng)
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(n_people)]  # a few people dominate coverage
    chosen = rng.choices(range(n_people), weights=weights, k=n_mentions)
    truth: dict[tuple[str, str], int] = {}
    documents = []
    for start in range(0, n_mentions, 5):
        doc_id = f"d{start // 5}"
        parts, quotes, speakers = [], [], []
        offset = 0
        for k, p in enumerate(dict.fromkeys(chosen[start : start + 5])):
            name = mention(people[p], rng)
            sentence = f"{name} said the figures were encouraging. "
            quotes.append(
                Quote(
                    kind="indirect",
                    content=Span(offset + len(name) + 6, offset + len(sentence) - 2),
                    speaker_id=f"s{k}",
                )
            )
            speakers.append(
                Speaker(
                    id=f"s{k}",
                    name=name,
                    kind="person",
                    role=people[p][3] if rng.random() < 0.6 else None,
                    country=people[p][2] if rng.random() < 0.8 else None,
                )
            )
            truth[(doc_id, f"s{k}")] = p
            parts.append(sentence)
            offset += len(sentence)
        documents.append(Document(text="".join(parts), quotes=tuple(quotes), speakers=tuple(speakers), id=doc_id))
    return documents, truth


def bcubed(index: SpeakerIndex, truth: dict[tuple[str, str], int], documents: list[Document]) -> tuple[float, float]:
    """B-cubed precision and recall over mentions (each mention = one quote here)."""
    by_quote = {}
    for doc in documents:
        for q in doc.quotes:
            by_quote[(str(doc.id), q.content.start)] = truth[(str(doc.id), str(q.speaker_id))]
    predicted = {}
    for n, cluster in enumerate(index.clusters()):
        for ref in cluster.quotes:
            predicted[(ref.doc_id, ref.start)] = n
    pairs = Counter((predicted[k], by_quote[k]) for k in by_quote)
    cluster_size = Counter(predicted[k] for k in by_quote)
    truth_size = Counter(by_quote.values())
    precision = sum(c * c / cluster_size[p] for (p, _), c in pairs.items()) / len(by_quote)
    recall = sum(c * c / truth_size[t] for (_, t), c in pairs.items()) / len(by_quote)
    return precision, recall


def _clear_caches() -> None:
    """Empty the name caches so a second run pays what a first run pays."""
    for module in (_names, _clustering):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def traced_peak(documents: list[Document]) -> int:
    """Peak bytes allocated while indexing and clustering, from a cold start (tracemalloc)."""
    _clear_caches()
    tracemalloc.start()
    index = SpeakerIndex()
    index.add_many(documents)
    index.clusters()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def max_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure the exact peak allocation in a second, slower pass"
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    documents, truth = make_documents(args.mentions, args.people, args.seed)
    generated = time.perf_counter() - t0

    rss_before = max_rss_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    index = SpeakerIndex()
    index.add_many(documents)
    added = time.process_time() - cpu
    clusters = index.clusters()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_growth = max_rss_mib() - rss_before

    precision, recall = bcubed(index, truth, documents)
    mentions = sum(len(d.speakers) for d in documents)
    print(f"| speaker mentions | {mentions:,} in {len(documents):,} documents ({args.people:,} people) |")
    print("|---|---|")
    print(f"| generate documents | {generated:.1f} s |")
    print(f"| add + cluster, CPU time | **{cpu:.1f} s** (add {added:.1f} s, cluster {cpu - added:.1f} s) |")
    print(f"| add + cluster, wall clock | {wall:.1f} s |")
    print(f"| peak RSS growth while indexing | {rss_growth:.0f} MiB (process peak {max_rss_mib():.0f} MiB) |")
    if args.tracemalloc:
        print(f"| peak traced allocation, add + cluster | {traced_peak(documents) / 2**20:.0f} MiB |")
    forms = sum(len(c.variants) for c in clusters)
    print(f"| distinct written names / clusters | {forms:,} / {len(clusters):,} |")
    print(f"| B-cubed precision / recall | {precision:.3f} / {recall:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
