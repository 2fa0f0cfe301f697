"""``quoteattr extract`` in-process: formats, failures and exit codes, resume, progress, CSV rows."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from quoteattr import Document, Quote, Span, Speaker, extract
from quoteattr._progress import Progress
from quoteattr._tabular import COLUMNS, CsvWriter, csv_done_ids, quote_rows
from quoteattr.cli import main
from quoteattr.errors import SchemaError

ARTICLES = {
    "port": (
        "Peru's transport minister, Lucía Paredes, said on Monday that the port of Callao would "
        'reopen within a week.\n\n"The damage is smaller than we feared," Paredes told reporters.'
    ),
    "strike": (
        '"We will not go back until the contracts are signed," said Joseph Mwangi, who leads the '
        "dock workers' union in Mombasa. Kenya's labour ministry said talks would resume on Friday."
    ),
    "rates": (
        "The central bank of Norway kept its rate at 4.5 percent. Governor Ida Wolden Bache said "
        'inflation was "still too high" and that cuts were unlikely before the autumn.'
    ),
    "harvest": (
        "Farmers in Punjab expect a record wheat harvest, according to the state agriculture "
        'department. "The rains came at the right time," said Harjit Singh, a farmer near Ludhiana.'
    ),
}


def write_jsonl(path: Path, records: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corpus(n: int = 4) -> list[dict[str, Any]]:
    names = list(ARTICLES)
    return [{"id": f"{names[i % 4]}-{i}", "text": ARTICLES[names[i % 4]] + f" ({i})"} for i in range(n)]


def expected_jsonl(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [extract(r["text"], id=r["id"]).score_record() for r in records]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_strings(row: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


def test_jsonl_output_is_the_scorer_record_of_each_document(tmp_path: Path) -> None:
    """Default file output is one scorer-format line per document, in input order."""
    records = corpus(8)
    out = tmp_path / "pred.jsonl"
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", records)), "-o", str(out)]) == 0
    assert read_jsonl(out) == expected_jsonl(records)
    assert not (tmp_path / "pred.jsonl.errors.jsonl").exists()


def test_bad_line_non_utf8_file_and_gz_input(tmp_path: Path) -> None:
    """Bad inputs go to the error file with id, source and reason; good ones all come out; exit 1."""
    records = corpus(4)
    first = write_jsonl(tmp_path / "a.jsonl", records[:2], extra_lines=('{"id": "cut", "text": "Paredes sa',))
    with open(first, "a", encoding="utf-8") as f:
        f.write(json.dumps(records[2]) + "\n")
    latin = tmp_path / "b.txt"
    latin.write_bytes("Le ministre a déclaré que le port rouvrirait.".encode("latin-1"))
    gz = tmp_path / "c.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write(json.dumps(records[3]) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(first), str(latin), str(gz), "-o", str(out)]) == 1
    assert read_jsonl(out) == expected_jsonl(records)
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["id"], e["source"], e["error"]) for e in errors] == [
        (None, f"{first}:3", "BadInput"),
        (None, str(latin), "BadInput"),
    ]
    assert "not JSON" in errors[0]["reason"]
    assert "not UTF-8" in errors[1]["reason"]


def test_failures_go_to_stderr_when_output_is_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without an output file, each failure is one stderr line and stdout holds the results."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(2), extra_lines=("[1, 2]",))
    assert main(["extract", str(path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line) for line in captured.out.splitlines()] == expected_jsonl(corpus(2))
    assert f"{path}:3: expected an object with a \"text\" string; skipped" in captured.err
    assert "Traceback" not in captured.err


def test_errors_to_names_the_error_file(tmp_path: Path) -> None:
    """--errors-to writes the failure records where asked, including too-long documents."""
    records = [*corpus(2), {"id": "long", "text": "Ministers said " + "very " * 200 + "much."}]
    errors = tmp_path / "failed.jsonl"
    code = main(["extract", str(write_jsonl(tmp_path / "in.jsonl", records)), "-o", str(tmp_path / "o.jsonl"),
                 "--errors-to", str(errors), "--max-chars", "600"])  # fmt: skip
    assert code == 1
    (failure,) = read_jsonl(errors)
    assert (failure["id"], failure["source"], failure["error"]) == ("long", f"{tmp_path / 'in.jsonl'}:3",
                                                                     "DocumentTooLargeError")  # fmt: skip
    assert "max_chars=600" in failure["reason"]


def test_a_stale_error_file_is_emptied_by_a_fresh_run(tmp_path: Path) -> None:
    """Without --resume, failures of an earlier run do not linger in the default error file."""
    out = tmp_path / "o.jsonl"
    stale = tmp_path / "o.jsonl.errors.jsonl"
    stale.write_text('{"id": "old", "source": "x", "error": "BadInput", "reason": "r"}\n', encoding="utf-8")
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", corpus(2))), "-o", str(out)]) == 0
    assert stale.read_text(encoding="utf-8") == ""


def test_two_jobs_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    """--jobs 2 produces byte-identical output to --jobs 1."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(40))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(path), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["extract", str(path), "-o", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_csv_has_one_row_per_quote(tmp_path: Path) -> None:
    """A .csv output holds the header and exactly the quote rows of every document."""
    records = corpus(6)
    out = tmp_path / "quotes.csv"
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", records)), "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    expected = [csv_strings(r) for rec in records for r in quote_rows(extract(rec["text"], id=rec["id"]))]
    assert rows == expected


def test_csv_writer_quotes_awkward_text() -> None:
    """Commas, quote marks and line breaks in a quote survive a CSV round trip; None is empty."""
    text = 'She said: "Yes, we will, ""if"" needed.\nAlways." Then she left.'
    doc = Document(
        text=text,
        id="doc,1",
        speakers=(Speaker(id="s1", name="Amara Haddad", role="spokeswoman", country="LB"),),
        quotes=(Quote(kind="direct", content=Span(11, 48), cue=Span(4, 8), speaker_id="s1", rule="t"),),
    )
    out = io.StringIO()
    CsvWriter(out).write(doc, "doc,1")
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == COLUMNS
    assert row == ["doc,1", "11", "48", "direct", text[11:48], "said", "Amara Haddad", "", "", "spokeswoman",
                   "LB", "1.0", "t"]  # fmt: skip


def test_parquet_has_the_csv_rows(tmp_path: Path) -> None:
    """--format parquet writes the same rows and columns as CSV, with integer offsets."""
    pq = pytest.importorskip("pyarrow.parquet")
    records = corpus(6)
    out = tmp_path / "quotes.parquet"
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", records)), "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert tuple(table.column_names) == COLUMNS
    assert str(table.schema.field("start").type) == "int64"
    assert table.to_pylist() == [r for rec in records for r in quote_rows(extract(rec["text"], id=rec["id"]))]


def test_parquet_without_pyarrow_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without pyarrow, parquet output stops at once with the pip extra to install; exit 2."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    path = write_jsonl(tmp_path / "in.jsonl", corpus(1))
    assert main(["extract", str(path), "-o", str(tmp_path / "q.parquet")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'quoteattr[parquet]'" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "parquet"], "needs an output file"),
        (["--resume"], "--resume needs an output file"),
        (["--resume", "-o", "OUT", "--format", "table"], "--resume works with"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    """Parquet to stdout, or --resume without a resumable output file, is refused up front."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(1))
    args = [str(tmp_path / "out.txt") if a == "OUT" else a for a in extra]
    assert main(["extract", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_unwritable_output_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output in a missing directory stops with one line naming the path; exit 2."""
    target = tmp_path / "missing" / "out.jsonl"
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", corpus(1))), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(target) in err


def test_bad_jobs_value_is_rejected_by_the_parser(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 0 is a usage error naming the valid choices."""
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(write_jsonl(tmp_path / "in.jsonl", corpus(1))), "--jobs", "0"])
    assert exited.value.code == 2
    assert "-1 (all cores)" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resume_after_a_complete_run_adds_nothing(tmp_path: Path, suffix: str) -> None:
    """A second --resume run over the same input leaves a finished output unchanged."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(10))
    out = tmp_path / f"out{suffix}"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    before = out.read_bytes()
    assert main(["extract", str(path), "-o", str(out), "--resume"]) == 0
    assert out.read_bytes() == before


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("keep", [0.0, 0.37, 0.81])
def test_resume_completes_a_cut_off_output(tmp_path: Path, suffix: str, keep: float) -> None:
    """An output cut anywhere (even mid-line) is completed by --resume to the full result."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(12))
    full, out = tmp_path / f"full{suffix}", tmp_path / f"out{suffix}"
    assert main(["extract", str(path), "-o", str(full)]) == 0
    data = full.read_bytes()
    out.write_bytes(data[: int(len(data) * keep)])
    assert main(["extract", str(path), "-o", str(out), "--resume", "--jobs", "2"]) == 0
    assert out.read_bytes() == data


def test_resume_refuses_a_file_that_is_not_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--resume on an unrelated file is a one-line error and leaves the file alone."""
    path = write_jsonl(tmp_path / "in.jsonl", corpus(2))
    notes = tmp_path / "notes.jsonl"
    notes.write_text("shopping list\nbread\n", encoding="utf-8")
    assert main(["extract", str(path), "-o", str(notes), "--resume"]) == 2
    assert "cannot resume" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "shopping list\nbread\n"


def test_directory_of_text_files_uses_relative_paths_as_ids(tmp_path: Path) -> None:
    """A directory input reads its .txt files recursively; ids are paths below it."""
    for sub, name in (("2024", "port"), ("2025", "port"), ("2025", "rates")):
        (tmp_path / "news" / sub).mkdir(parents=True, exist_ok=True)
        (tmp_path / "news" / sub / f"{name}.txt").write_text(ARTICLES[name], encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(tmp_path / "news"), "-o", str(out)]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["2024/port.txt", "2025/port.txt", "2025/rates.txt"]


def test_stdin_jsonl_is_read(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``-`` reads JSONL from standard input (as bytes, line by line)."""
    records = corpus(3)
    raw = "\n" + "\n".join(json.dumps(r) for r in records) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw.encode("utf-8")), encoding="utf-8"))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == expected_jsonl(records)


def test_table_lists_each_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table format opens each document with its id and quote count."""
    records = corpus(2)
    assert main(["extract", str(write_jsonl(tmp_path / "in.jsonl", records)), "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headers = [line for line in lines if line.startswith("== ")]
    counts = [len(extract(r["text"]).quotes) for r in records]
    assert headers == [f"== {r['id']}: {n} quotation(s)" for r, n in zip(records, counts, strict=True)]
    assert len(lines) == len(records) + sum(counts)


def test_csv_resume_point_drops_the_last_document() -> None:
    """Resuming a CSV keeps all but the last document, which may have been cut short."""
    header = ",".join(COLUMNS) + "\n"
    rows = [f'{d},1,5,direct,"a, b",said,X,,,,,1.0,r\n' for d in ("d1", "d2", "d2", "d3")]
    data = (header + "".join(rows) + 'd4,1,5,direct,"torn').encode()
    done, offset = csv_done_ids(io.BytesIO(data))
    assert done == {"d1", "d2"}
    assert data[offset:].startswith(b"d3,")


def test_csv_resume_rejects_a_foreign_header() -> None:
    """A CSV with other columns is not taken for an earlier run's output."""
    with pytest.raises(SchemaError, match="not a quoteattr CSV"):
        csv_done_ids(io.BytesIO(b"name,price\nbread,2\n"))


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_shows_rates_and_eta_when_the_total_is_known() -> None:
    """The status line gives docs, docs/s, MB/s and, with a total, percent and ETA."""
    clock = FakeClock()
    progress = Progress(io.StringIO(), total=400, enabled=True, clock=clock)
    for _ in range(100):
        progress.advance("é" * 5_000)
    clock.now += 10.0
    assert progress.line() == "100 docs  10.0 docs/s  0.10 MB/s  25%  ETA 0:00:30"
    assert "ETA" not in Progress(io.StringIO(), enabled=True, clock=clock).line()


def test_progress_is_silent_when_not_on_a_terminal() -> None:
    """On a pipe or file (not a terminal) nothing is drawn; warnings still get through."""
    stream = io.StringIO()
    progress = Progress(stream)
    progress.advance("Paredes said the port would reopen.")
    progress.note("quoteattr: x.txt: not UTF-8; skipped")
    progress.close()
    assert stream.getvalue() == "quoteattr: x.txt: not UTF-8; skipped\n"
    assert progress.docs == 1


def test_version_names_the_engine_this_install_runs(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A compile that fell back to the interpreted engine shows only in pip's build log: the
    version line says which engine and tokeniser are running."""
    import quoteattr
    from quoteattr import _engine, _tokens

    compiled = _engine.__file__.endswith((".so", ".pyd"))
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    engine = "compiled engine" if compiled else "interpreted engine"
    tokeniser = "regex tokeniser" if _tokens._native_columns is None else "C tokeniser"
    assert capsys.readouterr().out.strip() == f"quoteattr {quoteattr.__version__} ({engine}, {tokeniser})"

    monkeypatch.setattr(_tokens, "_native_columns", None)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip().endswith(f"({engine}, regex tokeniser)")
