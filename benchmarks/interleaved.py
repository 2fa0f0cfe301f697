"""Compare quoteattr builds by interleaved passes, the steady way to measure on a shared machine.

On a machine shared with other jobs a single pass can take twice as long as the one before
it, so two versions timed one after the other are not comparable. This script takes source
trees (each holding a ``quoteattr/`` package, pure or compiled in place), runs one fresh
interpreter per tree per round, in turn, and reports each tree's best and median pass:

    git worktree add /tmp/old 7e1fd5f
    python benchmarks/interleaved.py ../shared/data/dev/polnear-dev.jsonl /tmp/old . --rounds 6

A tree built in place runs with its extensions (``python setup.py build_ext --inplace``:
the C tokeniser; with ``QUOTEATTR_COMPILE=1`` also the mypyc-compiled engine); the script
prints which build each tree ran.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
"""This folder, on the passes' path for :mod:`build_name`."""

PASS = """
import json, sys, time
import quoteattr
from build_name import build_name
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
extractor = quoteattr.Extractor()
extractor.extract(texts[0])
best = float("inf")
for _ in range(int(sys.argv[2])):
    started = time.process_time()
    for text in texts:
        extractor.extract(text)
    best = min(best, time.process_time() - started)
print(json.dumps({"seconds": best, "bytes": sum(len(t.encode("utf-8")) for t in texts), "build": build_name()}))
"""


def one_pass(tree: Path, corpus: Path, passes: int) -> dict[str, float]:
    """Best CPU time of ``passes`` passes over the corpus in a fresh interpreter using ``tree``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(HERE)])}  # the tree's quoteattr first
    out = subprocess.run([sys.executable, "-c", PASS, str(corpus), str(passes)], env=env, cwd=tree,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="gold-style JSONL: one {'id', 'text'} per line")
    parser.add_argument("trees", type=Path, nargs="+", help="source trees, each with a quoteattr/ package")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=2, help="passes per interpreter (its best counts)")
    args = parser.parse_args()
    trees = [t.resolve() for t in args.trees]
    times: dict[Path, list[float]] = {t: [] for t in trees}
    size, engines = 0.0, {}
    for _ in range(args.rounds):
        for tree in trees:
            r = one_pass(tree, args.corpus.resolve(), args.passes)
            times[tree].append(r["seconds"])
            size, engines[tree] = r["bytes"], r["build"]
    first = min(times[trees[0]])
    print(f"{len(trees)} trees, {args.rounds} interleaved rounds, {size / 1e6:.3f} MB per pass")
    print("| tree | engine | best s | MB per CPU-s | median s | relative to the first tree (best) |")
    print("|---|---|---|---|---|---|")
    for tree in trees:
        best = min(times[tree])
        print(f"| {tree} | {engines[tree]} | {best:.3f} | {size / 1e6 / best:.2f} | "
              f"{statistics.median(times[tree]):.3f} | {first / best:.2f}× |")


if __name__ == "__main__":
    main()
