"""Count the instructions one warm pass over a corpus executes, per source tree: a speed
measure that does not move with the machine's load.

Timings on a shared machine swing by ±40% from one run to the next; the number of
instructions a pass executes does not (hash randomisation is pinned, so dictionaries
collide the same way every time). This script runs each tree's ``quoteattr`` under
valgrind's callgrind, counting only inside the measured pass (the lexicons are loaded and
one pass is made beforehand):

    git worktree add /tmp/old 7e1fd5f
    python benchmarks/instructions.py ../shared/data/dev/polnear-dev.jsonl /tmp/old .

Fewer instructions is not always less time (cache misses and branch mispredictions count
too), so keep ``interleaved.py`` for the seconds. Needs ``valgrind`` on the PATH; a pass
runs about fifty times slower under it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
"""This folder, on the passes' path for :mod:`build_name`."""

PASS = """
import functools, json, sys
import quoteattr
from build_name import build_name
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
extractor = quoteattr.Extractor()
for text in texts:
    extractor.extract(text)
functools.reduce(lambda _, text: extractor.extract(text), texts, None)  # the counted pass
print(build_name())
"""
COLLECTED = re.compile(r"Collected : ([\d,]+)")


def count(tree: Path, corpus: Path) -> tuple[int, str]:
    """Instructions of one warm pass over ``corpus`` with the quoteattr in ``tree``, and the engine."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(HERE)]), "PYTHONHASHSEED": "0"}
    command = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
               "--callgrind-out-file=/dev/null", sys.executable, "-c", PASS, str(corpus)]  # fmt: skip
    done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=True)
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind for {tree}:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", "")), done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="gold-style JSONL: one {'id', 'text'} per line")
    parser.add_argument("trees", type=Path, nargs="+", help="source trees, each with a quoteattr/ package")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (e.g. apt install valgrind)")
    with args.corpus.open(encoding="utf-8") as lines:
        size = sum(len(json.loads(line)["text"].encode("utf-8")) for line in lines if line.strip())
    print(f"one warm pass over {args.corpus.name} ({size / 1e6:.3f} MB of text)")
    print("| tree | engine | instructions | per byte of text | relative to the first tree |")
    print("|---|---|---|---|---|")
    first = None
    for tree in (t.resolve() for t in args.trees):
        n, engine = count(tree, args.corpus.resolve())
        first = first or n
        print(f"| {tree} | {engine} | {n / 1e6:,.0f} M | {n / size:,.0f} | {first / n:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
