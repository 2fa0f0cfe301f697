"""Throughput and memory of ``quoteattr extract`` on a generated corpus, 1 vs N processes.

Generates news-like documents (a few paragraphs, each with direct or indirect quotations,
named speakers with roles and countries), runs the CLI on them as a subprocess with
``--jobs 1`` and ``--jobs N`` (the speed-up), then with ``--jobs N`` on a corpus twice
as large, and reports wall time, docs/s and the peak RSS of the largest process (the CLI
or one of its workers, from ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh measuring
process per run): equal peaks for both sizes show that memory does not grow with the corpus.

    python benchmarks/bench_parallel.py                 # 20k docs at jobs 1 and 2, 40k at jobs 2
    python benchmarks/bench_parallel.py --docs 2000 --repeat 2

The speed-up only approaches the number of processes on an otherwise idle machine; the
load average before and after each run is printed so that a noisy result can be told.
POSIX only (``resource``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIVEN = ["Ana", "Kofi", "Mei", "Oleksandr", "Priya", "José", "Fatima", "Lars", "Thabo", "Amara", "Yuki"]
FAMILY = ["Silva", "Mensah", "Chen", "Kovalenko", "Sharma", "Álvarez", "Haddad", "Berg", "Dlamini", "Okafor"]
ROLES = [
    "finance minister",
    "foreign minister",
    "health ministry spokeswoman",
    "central bank governor",
    "opposition leader",
    "ambassador to the UN",
    "trade union leader",
]
COUNTRIES = [
    ("Kenya", "Kenyan"),
    ("Brazil", "Brazilian"),
    ("Norway", "Norwegian"),
    ("India", "Indian"),
    ("Peru", "Peruvian"),
    ("Japan", "Japanese"),
    ("Ghana", "Ghanaian"),
    ("Poland", "Polish"),
]
TOPICS = [
    "the new budget",
    "fuel prices",
    "the rail strike",
    "the drought",
    "the trade agreement",
    "the election date",
    "the bridge repairs",
    "interest rates",
]
CLAIMS = [
    "the measures would be reviewed within a month",
    "no jobs would be lost",
    "the talks had made real progress",
    "prices were expected to fall by the autumn",
    "the government had acted too slowly",
    "the figures were better than forecast",
]
DIRECT = [
    "We will not accept this",
    "The numbers speak for themselves",
    "Nobody wants another year like this one",
    "This is a decision for the whole country",
    "We have listened, and we will act",
]
BACKGROUND = [
    "Parliament is due to vote on the matter before the end of the session.",
    "Markets were little changed on the news, and the currency held steady.",
    "Similar disputes have flared in neighbouring countries over the past two years.",
    "Independent analysts have questioned the official estimates.",
]
CUES = ["said", "told reporters", "said on Tuesday", "warned", "added"]


def paragraph(rng: random.Random, topic: str) -> str:
    """One paragraph about ``topic`` with a quotation in one of several common shapes."""
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    country, demonym = rng.choice(COUNTRIES)
    role = rng.choice(ROLES)
    claim, quote, cue = rng.choice(CLAIMS), rng.choice(DIRECT), rng.choice(CUES)
    shape = rng.randrange(5)
    if shape == 0:
        text = f'"{quote}," {name}, {country}\'s {role}, {cue} about {topic}.'
    elif shape == 1:
        text = f"{demonym} {role.title()} {name} {cue} that {claim}."
    elif shape == 2:
        text = f'{name}, the {role}, {cue}: "{quote}. {claim.capitalize()}."'
    elif shape == 3:
        text = f"According to {name}, {claim}, though officials in {country} declined to comment on {topic}."
    else:
        text = f'Asked about {topic}, {name} {cue} {claim}. "{quote}," {name.split()[1]} said.'
    filler = f" The debate over {topic} has split lawmakers in {country}. {rng.choice(BACKGROUND)}"
    return text + (filler if rng.random() < 0.6 else "")


def document(i: int, rng: random.Random) -> dict[str, str]:
    """A headline and 3-8 paragraphs (about 0.5-2 KB), most with a quotation."""
    topic = rng.choice(TOPICS)
    paragraphs = [f"Officials respond to questions over {topic}"]
    paragraphs += [paragraph(rng, topic) for _ in range(rng.randint(3, 8))]
    return {"id": f"gen-{i:06d}", "text": "\n\n".join(paragraphs)}


def generate(path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` documents as JSONL; returns the file size in bytes."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(document(i, rng), ensure_ascii=False) + "\n")
    return path.stat().st_size


def measure(command: list[str]) -> None:
    """(Run in a fresh process.) Time ``command``; print seconds, exit code, CPU and peak RSS."""
    started = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and, reaped by it, its workers
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"seconds": seconds, "code": code, "cpu_s": cpu, "peak_rss_mb": usage.ru_maxrss / 1024}))


def run(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """One timed CLI run, measured from a fresh process so RSS figures do not mix."""
    cli = [sys.executable, "-m", "quoteattr", "extract", str(corpus), "-o", str(out), "--jobs", str(jobs)]
    load = os.getloadavg()[0]
    raw = subprocess.run([sys.executable, __file__, "--measure", "--", *cli],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    figures: dict[str, float] = json.loads(raw)
    if figures["code"] != 0:
        raise SystemExit(f"quoteattr extract exited with {figures['code']:.0f} on {corpus}")
    figures["load_before"] = load
    figures["load_after"] = os.getloadavg()[0]
    return figures


def main() -> None:
    """Generate the corpora, run every configuration, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents, first corpus (default 20000)")
    parser.add_argument("--big", type=int, default=None, help="documents in the second (default 2 x --docs)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel run (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration; the best is reported")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.command)
        return
    big = args.big or 2 * args.docs
    print(f"cores available: {len(os.sched_getaffinity(0))}, python {sys.version.split()[0]}")
    plan = [(args.docs, 1), (args.docs, args.jobs), (big, args.jobs)]  # speed-up, then memory vs size
    results: dict[tuple[int, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="quoteattr-bench-") as tmp:
        for n, jobs in plan:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            if not corpus.exists():
                print(f"corpus: {n:,} docs, {generate(corpus, n) / 1e6:.1f} MB")
            runs = [run(corpus, Path(tmp) / "out.jsonl", jobs) for _ in range(args.repeat)]
            results[n, jobs] = min(runs, key=lambda r: r["seconds"])
            times = [f"{r['seconds']:.1f}s (load {r['load_before']:.1f}->{r['load_after']:.1f})"
                     for r in runs]  # fmt: skip
            print(f"  {n:,} docs, jobs={jobs}: {', '.join(times)}")
    print(f"\n{'docs':>7} {'jobs':>4} {'wall s':>7} {'docs/s':>7} {'speed-up':>8} {'CPU s':>7} "
          f"{'docs/CPU-s':>10} {'peak RSS MB':>11}")  # fmt: skip
    for (n, jobs), best in results.items():
        speedup = f"{results[n, 1]['seconds'] / best['seconds']:>7.2f}x" if (n, 1) in results else f"{'-':>8}"
        print(f"{n:>7,} {jobs:>4} {best['seconds']:>7.1f} {n / best['seconds']:>7.1f} {speedup} "
              f"{best['cpu_s']:>7.1f} {n / best['cpu_s']:>10.1f} {best['peak_rss_mb']:>11.0f}")  # fmt: skip
    print("\nCPU s covers the CLI and its workers: on a machine shared with other work, a wall-clock "
          "speed-up below the job count with equal docs/CPU-s means the cores were busy elsewhere.")

if __name__ == "__main__":
    main()
