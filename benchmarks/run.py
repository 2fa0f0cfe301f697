"""One command for quoteattr's figures: quality, speed, memory, start-up, scaling, and a peer.

    python benchmarks/run.py            # full run, a few minutes on 2 cores
    python benchmarks/run.py --quick    # CI smoke run, under a minute

Measures, on the seed articles, ``../shared/data/dev/*.jsonl`` when present and a
synthetic corpus (``benchmarks/corpus.py``, gold known by construction, >= 50 MB):
quality per corpus (``quoteattr.evaluate``); throughput of one process (= one core) and
its peak RSS; start-up of a fresh interpreter; how time grows with document size, on
adversarial texts and with corpus size; and textacy's ``direct_quotations`` on the same
documents when spaCy, textacy and an English pipeline are installed. Child processes
with time-outs do the timing, so a slow or runaway case is reported, not waited for.
Writes ``results.md``, ``results.json`` and ``scaling.png`` to ``--out``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import itertools
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import corpus
import peer_textacy
from build_name import build_name

import quoteattr
from quoteattr.evaluate import Evaluation, evaluate

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
SIZES = (1_000, 10_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000)
LADDER = tuple(int(m * 10**e) for e in range(4, 9) for m in (1, 2, 5))
"""Corpus sizes (bytes) at which the streamed run notes its cumulative time: 10 KB, 20 KB, 50 KB … 500 MB."""
WARM_UP = "Warm-up. “We are ready,” Anna Berg, a union lawyer, said on Monday."


# --- child processes: the timing happens there ---------------------------------------------------

def _maxrss_mb() -> float:
    """Peak resident memory of this process since it started (exec), in MB."""
    status = Path("/proc/self/status")
    if status.is_file():  # VmHWM: ru_maxrss would include the parent's RSS, inherited through fork + exec
        hwm = next((line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")), None)
        if hwm is not None:
            return int(hwm) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker_stream(corpus_path: str, pred_path: str, budget: float) -> dict[str, Any]:
    """Extract documents in file order until done or ``budget`` seconds of extraction are spent."""
    extractor = quoteattr.Extractor()
    extractor.extract(WARM_UP)  # lexicons compiled: start-up is measured separately
    base = _maxrss_mb()
    spent = cpu = 0.0
    docs = size = quotes = 0
    ladder = iter(LADDER)
    mark = next(ladder)
    checkpoints: list[tuple[int, float, float]] = []
    with open(corpus_path, encoding="utf-8") as f, open(pred_path, "w", encoding="utf-8") as out:
        for line in f:
            record = json.loads(line)
            started, cpu_started = time.perf_counter(), time.process_time()
            doc = extractor.extract(record["text"], id=record["id"])
            spent += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            out.write(json.dumps(doc.score_record(), ensure_ascii=False) + "\n")
            docs, size, quotes = docs + 1, size + len(record["text"].encode("utf-8")), quotes + len(doc.quotes)
            if size >= mark:
                checkpoints.append((size, spent, cpu))
                mark = next(ladder, 10**12)
            if budget and spent >= budget:
                break
    if size and (not checkpoints or checkpoints[-1][0] != size):
        checkpoints.append((size, spent, cpu))  # where the budget or the corpus ended
    return {"docs": docs, "bytes": size, "seconds": spent, "cpu_seconds": cpu, "quotes": quotes,
            "checkpoints": checkpoints, "base_rss_mb": base, "peak_rss_mb": _maxrss_mb()}


def worker_doc(path: str) -> dict[str, Any]:
    """Time one document (repeated for small ones, so the figure is not noise)."""
    text = Path(path).read_text(encoding="utf-8")
    extractor = quoteattr.Extractor()
    extractor.extract(WARM_UP)
    base = _maxrss_mb()
    runs, spent, found = 0, 0.0, 0
    cpu_started = time.process_time()
    while runs == 0 or (spent < 0.3 and runs < 200):
        started = time.perf_counter()
        found = len(extractor.extract(text).quotes)
        spent += time.perf_counter() - started
        runs += 1
    return {"seconds": spent / runs, "cpu_seconds": (time.process_time() - cpu_started) / runs, "quotes": found,
            "base_rss_mb": base, "peak_rss_mb": _maxrss_mb()}


def spawn(args: list[str], timeout: float | None) -> dict[str, Any] | None:
    """Run a worker of this script in a fresh interpreter; None when it ran out of time."""
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", *args],
                              capture_output=True, text=True, timeout=timeout and max(1.0, timeout), check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"worker {args[0]} failed:\n{e.stderr[-2000:]}") from e
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# --- measurements ------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    """CPU model, cores, Python, date, load: what a reader needs to compare figures."""
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.is_file() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
               platform.processor() or "unknown")
    try:
        commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:  # no git: a source archive
        commit = ""
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "date": datetime.date.today().isoformat(),
            "quoteattr": quoteattr.__version__, "commit": commit or None, "load_1min": os.getloadavg()[0],
            "engine": build_name()}


def synthetic_corpus(seed: int, size: int) -> tuple[Path, int]:
    """The synthetic gold corpus as JSONL, generated once per seed, size and generator version.

    Kept in ``$XDG_CACHE_HOME/quoteattr-bench`` (default ``~/.cache``): writing 50 MB takes
    longer than many of the measurements, and the bytes are the same every time.
    """
    version = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quoteattr-bench"
    path = cache / f"synthetic-{seed}-{size}-{version}.jsonl"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as f:
            corpus.write(f, seed, size)
        partial.replace(path)
    with path.open("rb") as f:
        return path, sum(1 for _ in f)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def figures(result: Evaluation) -> dict[str, Any]:
    """The headline figures of one evaluation."""
    return {"quotes_p": result.quotes.precision, "quotes_r": result.quotes.recall, "quotes_f1": result.quotes.f1,
            "exact_f1": result.quotes_exact.f1, "attribution_p": result.attribution.precision,
            "attribution_r": result.attribution.recall, "attribution_f1": result.attribution.f1,
            "speaker_acc": result.speaker.value, "role_acc": result.role.value,
            "country_acc": result.country.value, "gold": result.gold_quotes, "predicted": result.predicted_quotes}


Predictions = tuple[list[dict[str, Any]], list[dict[str, Any]], float, float, float]
"""Gold records, quoteattr's flat predictions for them, and wall, CPU and best CPU seconds of
extraction (the median pass's wall and CPU time, and the fastest pass's CPU time)."""


TIMED_PASSES = 5
"""Passes over each small corpus; the median and the fastest are reported. One pass takes
well under a second, so a moment of contention on a shared machine can double it: the
median is the typical pass, and the fastest (CPU time, which contention only ever inflates)
is what the code costs when it has the core to itself. Five cost little next to the peer's
single (long, self-averaging) pass."""


def extract_all(records: list[dict[str, Any]]) -> Predictions:
    """quoteattr's flat predictions for gold records, with the median wall and CPU time of
    :data:`TIMED_PASSES` extraction passes."""
    extractor = quoteattr.Extractor()
    extractor.extract(WARM_UP)
    timings = []
    for _ in range(TIMED_PASSES):
        started, cpu_started = time.perf_counter(), time.process_time()
        preds = [extractor.extract(r["text"], id=str(r["id"])).score_record() for r in records]
        timings.append((time.process_time() - cpu_started, time.perf_counter() - started))
    cpu, wall = sorted(timings)[TIMED_PASSES // 2]
    return records, preds, wall, cpu, min(timings)[0]


def speed(records: Iterable[dict[str, Any]], seconds: float, cpu_seconds: float,
          best_cpu_seconds: float | None = None) -> dict[str, Any]:  # fmt: skip
    docs = list(records)
    size = sum(len(r["text"].encode("utf-8")) for r in docs)
    best = {} if best_cpu_seconds is None else {
        "best_cpu_seconds": best_cpu_seconds, "mb_per_cpu_s_best": size / 1e6 / best_cpu_seconds}
    return {"docs": len(docs), "bytes": size, "seconds": seconds, "cpu_seconds": cpu_seconds,
            "mb_per_cpu_s": size / 1e6 / cpu_seconds if cpu_seconds else None, **best}


PACKAGE_ROOT = Path(quoteattr.__file__).resolve().parents[1]
"""Where this process's quoteattr was imported from: ``python -c`` puts its working
directory first on the path, so start-up is timed there, on the same build (from the
repository root it would import the source tree, not an installed wheel)."""


def startup(reps: int) -> dict[str, Any]:
    """Wall and CPU time of fresh interpreters: bare Python, ``import quoteattr``, import + first document."""
    seed = DATA / "seeds" / "001_76f38a21051ace86.txt"
    text = seed.read_text(encoding="utf-8") if seed.is_file() else corpus.text_of_size(3_000)
    programs = {"python": "pass", "import": "import quoteattr",
                "first_document": "import sys, quoteattr; quoteattr.extract(sys.stdin.read())"}
    out: dict[str, Any] = {}
    for name, program in programs.items():
        times, cpu = [], []
        for _ in range(reps):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", program], input=text, text=True, check=True, cwd=PACKAGE_ROOT)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        out[name] = statistics.median(times)
        out[f"{name}_cpu"] = statistics.median(cpu)
    out["document_bytes"] = len(text.encode("utf-8"))
    return out


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx, my = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / var if var else None


def timed_doc(text: str, tmp: Path, name: str, timeout: float) -> dict[str, Any]:
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    result = spawn(["doc", str(path)], timeout)
    if result is None:
        return {"name": name, "bytes": size, "timeout": timeout}
    return {"name": name, "bytes": size, **result, "mb_per_cpu_s": size / 1e6 / result["cpu_seconds"]}


def doc_scaling(sizes: tuple[int, ...], budget: float, tmp: Path) -> list[dict[str, Any]]:
    """Time single documents of growing size; skip a size whose linear forecast exceeds the budget."""
    rows: list[dict[str, Any]] = []
    deadline = time.monotonic() + budget
    for size in sizes:
        left = deadline - time.monotonic()
        last = rows[-1] if rows else None
        if last and "seconds" not in last:
            rows.append({"name": f"{size:,} B", "bytes": size, "skipped": "a smaller size ran out of time"})
            continue
        forecast = last["seconds"] * size / last["bytes"] if last else 0.0
        if forecast > left:
            rows.append({"name": f"{size:,} B", "bytes": size, "skipped": f"forecast {forecast:.0f} s > budget"})
            continue
        rows.append(timed_doc(corpus.text_of_size(size), tmp, f"{size:,} B", left))
    return rows


def adversarial(scale: float, timeout: float, tmp: Path) -> list[dict[str, Any]]:
    """Texts that break naive quote pairing or paragraph logic."""
    rng = random.Random(11)
    words = corpus.text_of_size(int(100_000 * scale)).split(" ")
    for _ in range(int(5_000 * scale)):  # stray opening marks, none closed
        i = rng.randrange(len(words))
        words[i] = rng.choice("“\"«‘„") + words[i]
    cases = {
        f"{int(5_000 * scale):,} unmatched quote marks": " ".join(words),
        "one paragraph": corpus.text_of_size(int(1_000_000 * scale)).replace("\n\n", " "),
        f"{int(100_000 * scale):,} tiny paragraphs": "\n\n".join(f"Item {i}." for i in range(int(100_000 * scale))),
    }
    return [timed_doc(text, tmp, name, timeout) for name, text in cases.items()]


def corpus_scaling(checkpoints: list[list[float]]) -> list[dict[str, Any]]:
    """Cumulative time at 10 KB, 20 KB, 50 KB, 100 KB … of the streamed synthetic corpus, as far as reached."""
    return [{"bytes": b, "seconds": s, "cpu_seconds": c, "mb_per_cpu_s": b / 1e6 / c}
            for b, s, c in checkpoints if c > 0]


def direct_only(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold where only direct quotations are required (the others become optional)."""
    return [g | {"quotes": [q | {"optional": q.get("optional") or q.get("kind") != "direct"}
                            for q in g.get("quotes", [])]} for g in gold]


def direct_preds(preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p | {"quotes": [q for q in p["quotes"] if q["kind"] == "direct"]} for p in preds]


def peer(sets: dict[str, Predictions]) -> dict[str, Any]:
    """textacy beside quoteattr on the same documents: speed ratio and direct-quote quality."""
    reason = peer_textacy.unavailable()
    if reason:
        return {"unavailable": reason}
    textacy = peer_textacy.TextacyPeer()
    rows = {}
    for name, (gold, ours, our_seconds, our_cpu, our_best_cpu) in sets.items():
        run = textacy.run([g["text"] for g in gold], [str(g["id"]) for g in gold])
        truth = direct_only(gold)
        rows[name] = {
            "docs": len(gold), "bytes": sum(len(g["text"].encode("utf-8")) for g in gold),
            "quoteattr_seconds": our_seconds, "quoteattr_cpu_seconds": our_cpu, "textacy_seconds": run.seconds,
            "textacy_cpu_seconds": run.cpu_seconds, "textacy_bailed": run.bailed,
            "speed_ratio": run.cpu_seconds / our_cpu if our_cpu else None,
            "quoteattr_best_cpu_seconds": our_best_cpu,
            "speed_ratio_best": run.cpu_seconds / our_best_cpu if our_best_cpu else None,
            "quoteattr": figures(evaluate(truth, direct_preds(ours))),
            "textacy": figures(evaluate(truth, run.records)),
        }
    return {"model": textacy.model, "load_seconds": textacy.load_seconds, "corpora": rows}


# --- the run -----------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> dict[str, Any]:
    quick = args.quick
    results: dict[str, Any] = {"machine": machine(), "settings": {
        "quick": quick, "size_mb": args.size_mb, "budget_s": args.budget}}
    with tempfile.TemporaryDirectory(prefix="quoteattr-bench-") as tmp_name:
        tmp = Path(tmp_name)
        log("corpora: extract and evaluate")
        quality: dict[str, Any] = {}
        sets: dict[str, Predictions] = {}
        named = {"seeds": DATA / "seeds" / "gold.jsonl", "constructions-dev": DATA / "dev" / "constructions-dev.jsonl",
                 "polnear-dev": DATA / "dev" / "polnear-dev.jsonl"}
        if quick:
            named.pop("polnear-dev")
        sample = list(corpus.generate(args.seed + 1, 20_000 if quick else 300_000))
        for name, gold in [(n, read_jsonl(p)) for n, p in named.items() if p.is_file()] + [("synthetic", sample)]:
            sets[name] = extract_all(gold)
            _, preds, seconds, cpu, best_cpu = sets[name]
            quality[name] = {**speed(gold, seconds, cpu, best_cpu), **figures(evaluate(gold, preds))}
        results["quality"] = quality

        size = int(args.size_mb * 1e6)
        log(f"synthetic corpus: {size / 1e6:g} MB (generated on first use, then cached)")
        corpus_path, n_docs = synthetic_corpus(args.seed, size)
        pred_path = tmp / "pred.jsonl"
        log(f"synthetic corpus: streaming ({args.budget:g} s budget)")
        stream = spawn(["stream", str(corpus_path), str(pred_path), str(args.budget)],
                       args.budget * 3 + 60 if args.budget else None)
        if stream is None:
            raise RuntimeError("the streaming worker overran its budget by more than 3x")
        with corpus_path.open(encoding="utf-8") as f:
            streamed_gold = [json.loads(line) for line, _ in zip(f, range(stream["docs"]), strict=False)]
        streamed = evaluate(streamed_gold, pred_path)
        results["throughput"] = {**{k: v for k, v in stream.items() if k != "checkpoints"},
                                 "corpus_docs": n_docs, "corpus_bytes": size,
                                 "docs_per_s": stream["docs"] / stream["seconds"],
                                 "mb_per_s": stream["bytes"] / 1e6 / stream["seconds"],
                                 "mb_per_cpu_s": stream["bytes"] / 1e6 / stream["cpu_seconds"]}
        quality[f"synthetic, streamed {stream['bytes'] / 1e6:.1f} MB"] = {
            **speed(streamed_gold, stream["seconds"], stream["cpu_seconds"]), **figures(streamed)}
        results["corpus_scaling"] = corpus_scaling(stream["checkpoints"])
        results["corpus_scaling_slope"] = slope([(r["bytes"], r["cpu_seconds"]) for r in results["corpus_scaling"]])

        log("start-up")
        results["startup"] = startup(1 if quick else 5)
        log("document size")
        rows = doc_scaling(SIZES[:3] if quick else SIZES, 12 if quick else 240, tmp)
        results["doc_scaling"] = rows
        timed = [r for r in rows if "seconds" in r]
        for before, after in itertools.pairwise(timed):
            after["local_slope"] = slope([(r["bytes"], r["cpu_seconds"]) for r in (before, after)])
        results["doc_scaling_slope"] = slope([(r["bytes"], r["cpu_seconds"]) for r in timed])
        log("adversarial texts")
        results["adversarial"] = adversarial(0.05 if quick else 1.0, 5 if quick else 60, tmp)
        if quick:  # importing spaCy and textacy alone can take longer than the whole quick run
            results["peer"] = {"unavailable": "skipped in --quick"}
        else:
            log("peer: textacy")
            results["peer"] = peer(sets)
    results["machine"]["load_1min_after"] = os.getloadavg()[0]
    return results


# --- report ----------------------------------------------------------------------------------------

def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _mb(size: float) -> str:
    return f"{size / 1e6:.3g} MB" if size >= 1e5 else f"{size / 1e3:.3g} KB"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows)]


def markdown(results: dict[str, Any], plotted: bool) -> str:
    """results.md: the machine, then one table per measurement."""
    m, t, st = results["machine"], results["throughput"], results["startup"]
    lines = [
        "# quoteattr benchmark results", "",
        f"Machine: {m['cpu']}, {m['cores']} cores (shared with other jobs; 1-min load {m['load_1min']:.1f} "
        f"before, {m['load_1min_after']:.1f} after), Python {m['python']}, {m['platform']}. "
        f"quoteattr {m['quoteattr']} (commit {m['commit']}, engine {m.get('engine', 'pure Python')}), {m['date']}. "
        f"Command: `python benchmarks/run.py{' --quick' if results['settings']['quick'] else ''}` "
        f"({results['settings']['wall_seconds']:.0f} s).", "",
        "## Quality per corpus", "",
        "Overlap match (Jaccard >= 0.5) with the rules of `shared/tools/score.py`; speakers, roles and "
        "countries over matched quotes. The synthetic corpus has gold by construction (`benchmarks/corpus.py`).", "",
    ]
    header = ["corpus", "docs", "size", "MB per CPU-s (median / fastest)", "quotes P", "R", "F1", "exact F1",
              "attribution P", "R", "F1", "speaker", "role", "country"]
    lines += _table(header, [[name, str(q["docs"]), _mb(q["bytes"]),
                              f"{_f(q['mb_per_cpu_s'])} / {_f(q['mb_per_cpu_s_best'])}" if "mb_per_cpu_s_best" in q
                              else _f(q["mb_per_cpu_s"]), _f(q["quotes_p"]),
                              _f(q["quotes_r"]),
                              _f(q["quotes_f1"]), _f(q["exact_f1"]), _f(q["attribution_p"]),
                              _f(q["attribution_r"]), _f(q["attribution_f1"]), _f(q["speaker_acc"]),
                              _f(q["role_acc"]), _f(q["country_acc"])] for name, q in results["quality"].items()])
    lines += ["", "## Throughput: one process (one core), built-in backend", "",
              f"Synthetic corpus of {_mb(t['corpus_bytes'])} ({t['corpus_docs']:,} documents), streamed in file "
              f"order for a budget of {results['settings']['budget_s']:g} s of extraction "
              f"({t['bytes'] / t['corpus_bytes']:.0%} of it processed). Extraction time only; the lexicons "
              "are compiled before the clock starts (see start-up). MB/s per CPU-second discounts time the "
              "process spent waiting for a core on this shared machine.", ""]
    lines += _table(["docs", "size", "wall s", "docs/s", "MB/s", "MB per CPU-s", "quotes", "peak RSS",
                     "RSS after warm-up"],
                    [[f"{t['docs']:,}", _mb(t["bytes"]), _f(t["seconds"], 1), _f(t["docs_per_s"], 1),
                      _f(t["mb_per_s"]), _f(t["mb_per_cpu_s"]), f"{t['quotes']:,}", f"{t['peak_rss_mb']:.0f} MB",
                      f"{t['base_rss_mb']:.0f} MB"]])
    lines += ["", "## Start-up (fresh interpreter, median)", ""]
    lines += _table(["", "python -c pass", "import quoteattr",
                     f"import + first document ({_mb(st['document_bytes'])})"],
                    [[kind, *(f"{st[k + suffix]:.2f} s" for k in ("python", "import", "first_document"))]
                     for kind, suffix in (("wall", ""), ("CPU", "_cpu"))])
    lines += ["", "## Time against document size", "",
              f"One document per size, made of whole synthetic articles. Log-log slope of CPU time: "
              f"{_f(results['doc_scaling_slope'], 2)} overall (1 = linear, 2 = quadratic); the last column is "
              "the slope from the size before."
              + (" Plot: `scaling.png`." if plotted else " (matplotlib not installed: no plot.)"), ""]
    lines += _table([*DOC_HEADER, "slope"],
                    [[*_doc_row(r), _f(r.get("local_slope"), 2)] for r in results["doc_scaling"]])
    lines += ["", "## Adversarial texts", ""]
    lines += _table(DOC_HEADER,
                    [[f"{r['name']} ({_mb(r['bytes'])})", *_doc_row(r)[1:]] for r in results["adversarial"]])
    lines += ["", "## Time against corpus size (cumulative, streamed)", "",
              f"Log-log slope of CPU time: {_f(results['corpus_scaling_slope'], 2)} (1 = linear).", ""]
    lines += _table(["processed", "wall s", "CPU s", "MB per CPU-s so far"],
                    [[_mb(r["bytes"]), _f(r["seconds"], 1), _f(r["cpu_seconds"], 1), _f(r["mb_per_cpu_s"])]
                     for r in results["corpus_scaling"]])
    lines += ["", "## Peer: textacy `direct_quotations` (spaCy) on the same documents", ""]
    lines += _peer_lines(results["peer"])
    return "\n".join(lines) + "\n"


DOC_HEADER = ["document", "wall s", "CPU s", "MB per CPU-s", "quotes", "peak RSS"]


def _doc_row(r: dict[str, Any]) -> list[str]:
    if "skipped" in r:
        return [r["name"], f"skipped ({r['skipped']})", "", "", "", ""]
    if "timeout" in r:
        return [r["name"], f"> {r['timeout']:.0f} s (time-out)", "", "", "", ""]
    return [r["name"], _f(r["seconds"], 4), _f(r["cpu_seconds"], 4), _f(r["mb_per_cpu_s"]), str(r["quotes"]),
            f"{r['peak_rss_mb']:.0f} MB"]


def _peer_lines(p: dict[str, Any]) -> list[str]:
    if "unavailable" in p:
        return [f"Not run: {p['unavailable']}."]
    lines = [f"Pipeline `{p['model']}` (loaded in {p['load_seconds']:.1f} s, not counted). Scored on direct "
             "quotations only: other gold quotes are optional and quoteattr's indirect/mixed predictions are "
             "left out; textacy's content = the tokens inside the marks, speaker = its speaker tokens. "
             "Times are CPU seconds in one process (wall time in results.json); quoteattr's is the median "
             f"of {TIMED_PASSES} passes, textacy's one pass; ratio = textacy / quoteattr "
             "(> 1: quoteattr is faster), against quoteattr's median and its fastest pass. Bailed = documents "
             "textacy refused for an odd number of quote marks.",
             ""]
    rows = []
    for name, r in p["corpora"].items():
        ours, theirs = r["quoteattr"], r["textacy"]
        rows.append([name, str(r["docs"]), _f(r["quoteattr_cpu_seconds"], 2), _f(r["textacy_cpu_seconds"], 2),
                     f"{_f(r['speed_ratio'], 1)} / {_f(r.get('speed_ratio_best'), 1)}", str(r["textacy_bailed"]),
                     f"{_f(ours['quotes_p'])} / {_f(ours['quotes_r'])} / {_f(ours['quotes_f1'])}",
                     f"{_f(theirs['quotes_p'])} / {_f(theirs['quotes_r'])} / {_f(theirs['quotes_f1'])}",
                     _f(ours["attribution_f1"]), _f(theirs["attribution_f1"])])
    return lines + _table(["corpus", "docs", "quoteattr s", "textacy s", "ratio (median / fastest)", "bailed",
                           "quoteattr P / R / F1", "textacy P / R / F1", "quoteattr attr. F1",
                           "textacy attr. F1"], rows)


def plot(results: dict[str, Any], path: Path) -> bool:
    """scaling.png: time against document size (with adversarial texts) and against corpus size."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    docs = [r for r in results["doc_scaling"] if "seconds" in r]
    left.loglog([r["bytes"] for r in docs], [r["cpu_seconds"] for r in docs], "o-", label="synthetic news")
    if docs:
        x0, y0 = docs[0]["bytes"], docs[0]["cpu_seconds"]
        xs = [x0, max(r["bytes"] for r in docs)]
        left.loglog(xs, [y0 * x / x0 for x in xs], ":", color="grey", label="linear from 1 KB")
    for r in results["adversarial"]:
        if "seconds" in r:
            left.loglog([r["bytes"]], [r["cpu_seconds"]], "x", markersize=9, label=r["name"])
    left.set(xlabel="document size (bytes)", ylabel="extraction CPU time (s)", title="one document")
    left.legend(fontsize=7)
    rows = results["corpus_scaling"]
    right.plot([r["bytes"] / 1e6 for r in rows], [r["cpu_seconds"] for r in rows], "o-")
    right.set(xlabel="corpus processed (MB)", ylabel="cumulative extraction CPU time (s)",
              title="streamed synthetic corpus, one process")
    fig.suptitle(f"quoteattr {results['machine']['quoteattr']} on {results['machine']['cpu']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, or (internally) one timed worker."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        kind, *rest = argv[1:]
        result = worker_stream(rest[0], rest[1], float(rest[2])) if kind == "stream" else worker_doc(rest[0])
        print(json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="reduced run for CI smoke tests (< 60 s)")
    ap.add_argument("--size-mb", type=float, default=None, help="synthetic corpus size (default 50; quick 2)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds of extraction for the streamed corpus (default 90; quick 8; 0 = all of it)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None,
                    help="directory for results.md/.json/scaling.png (default benchmarks/results; "
                         "quick: a temporary directory)")
    args = ap.parse_args(argv)
    args.size_mb = args.size_mb or (2.0 if args.quick else 50.0)
    args.budget = args.budget if args.budget is not None else (8.0 if args.quick else 90.0)
    out = args.out or (Path(tempfile.mkdtemp(prefix="quoteattr-bench-")) if args.quick else HERE / "results")
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = run(args)
    results["settings"]["wall_seconds"] = time.monotonic() - started
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    plotted = plot(results, out / "scaling.png")
    (out / "results.md").write_text(markdown(results, plotted), encoding="utf-8")
    log(f"done in {results['settings']['wall_seconds']:.0f} s: {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
