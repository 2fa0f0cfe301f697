"""Evaluation: the figures of quoteattr.evaluate agree with shared/tools/score.py, rule by rule."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteattr.cli.evaluate as cli_evaluate
from quoteattr import Document, Extractor, Quote, QuoteKind, Span, Speaker
from quoteattr.cli import main
from quoteattr.errors import ModelsNotFoundError, QuoteAttrError, SchemaError
from quoteattr.evaluate import EvaluateError, Evaluation, Mismatch, MismatchKind, evaluate

SCORE_PY = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score.py"
needs_scorer = pytest.mark.skipif(not SCORE_PY.is_file(), reason="no ../shared/tools/score.py here")

Record = dict[str, Any]

# --- two hand-written documents ---------------------------------------------------------------

ACCRA = (
    "Ghana's Finance Minister Kwame Asante said on Monday that the cedi had stabilised after three "
    "months of losses. “We will not print money to pay salaries,” Asante told reporters in Accra, "
    "“and we will publish every loan we take.”\n\n"
    "Opposition lawmaker Efua Mensah called the budget “a gift to the lenders.” A trader in Makola "
    "market said prices had doubled since January.\n\n"
    "The central bank's reserves fell to $4.2 billion in March, the lowest level since 2015, and the "
    "currency lost a quarter of its value against the dollar last year. Inflation has stayed above 30 "
    "percent since January, squeezing traders and civil servants alike.\n\n"
    "“The programme with the fund ends in May,” said Ama Owusu, director of research at the Bank of "
    "Ghana. “After that we are on our own.\n\n"
    "“Reserves cover four months of imports. That is not enough.\n\n"
    "“Nobody should pretend otherwise.”\n\n"
    "“When the lender told us, ‘Cut or we leave,’ we cut,” Asante said."
)
OHIO = (
    "Senator Dana Whitfield told a town hall in Ohio that the bill would cut taxes for most families. "
    "She said the Senate would vote before August. Aides to the governor said the plan was unaffordable."
)
ASANTE = {"speaker": "Kwame Asante", "role": "Finance Minister", "country": "GH"}
MENSAH = {"speaker": "Efua Mensah", "role": "Opposition lawmaker", "country": "GH"}
OWUSU = {"speaker": "Ama Owusu", "role": "director of research at the Bank of Ghana", "country": "GH"}


def at(text: str, content: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``content``."""
    start = text.index(content)
    return start, start + len(content)


def gold_quote(text: str, content: str, kind: str, who: dict[str, Any] | None = None, **extra: Any) -> Record:
    start, end = at(text, content)
    return {"start": start, "end": end, "content": content, "kind": kind, "speaker": None, "role": None,
            "country": None, "optional": False, **(who or {}), **extra}


def mention(text: str, words: str) -> dict[str, Any]:
    start, end = at(text, words)
    return {"speaker_mention": words, "speaker_start": start, "speaker_end": end}


GOLD: list[Record] = [
    {"id": "accra", "text": ACCRA, "quotes": [
        gold_quote(ACCRA, "the cedi had stabilised after three months of losses", "indirect", ASANTE),
        gold_quote(ACCRA, "We will not print money to pay salaries,", "direct", ASANTE),
        gold_quote(ACCRA, "and we will publish every loan we take.", "direct", ASANTE),
        gold_quote(ACCRA, "“a gift to the lenders.”", "mixed", MENSAH),
        gold_quote(ACCRA, "prices had doubled since January", "indirect", {"country": "GH"},
                   speaker_mention="A trader in Makola market"),
        gold_quote(ACCRA, "The programme with the fund ends in May,", "direct", OWUSU),
        gold_quote(ACCRA, "After that we are on our own.", "direct", OWUSU),
        gold_quote(ACCRA, "Reserves cover four months of imports. That is not enough.", "direct", OWUSU),
        gold_quote(ACCRA, "Nobody should pretend otherwise.", "direct", OWUSU),
        gold_quote(ACCRA, "When the lender told us, ‘Cut or we leave,’ we cut,", "direct", ASANTE),
        gold_quote(ACCRA, "Cut or we leave,", "direct", optional=True),
    ]},
    {"id": "ohio", "text": OHIO, "quotes": [
        gold_quote(OHIO, "the bill would cut taxes for most families", "indirect",
                   **mention(OHIO, "Senator Dana Whitfield")),
        gold_quote(OHIO, "the Senate would vote before August", "indirect", **mention(OHIO, "She")),
        gold_quote(OHIO, "the plan was unaffordable", "indirect", **mention(OHIO, "Aides to the governor")),
    ]},
]


def perfect() -> list[Record]:
    """Gold as predictions: the canonical name where gold has one, else the mention offsets."""
    keep = ("start", "end", "kind", "speaker", "speaker_start", "speaker_end", "role", "country")
    return [{"id": d["id"], "quotes": [{k: q.get(k) for k in keep} for q in d["quotes"]]} for d in GOLD]


def edit(changes: dict[tuple[str, int], dict[str, Any] | None], extra: list[tuple[str, Record]] = ()  # type: ignore[assignment]
         ) -> list[Record]:
    """Perfect predictions with some quotes changed (None drops one) and extra quotes added."""
    out = perfect()
    for doc in out:
        quotes = []
        for i, q in enumerate(doc["quotes"]):
            change = changes.get((doc["id"], i), {})
            if change is not None:
                quotes.append(q | change)
        quotes += [q for doc_id, q in extra if doc_id == doc["id"]]
        doc["quotes"] = quotes
    return out


def pred_span(text: str, content: str, **fields: Any) -> Record:
    start, end = at(text, content)
    return {"start": start, "end": end, "kind": "direct", "speaker": None} | fields


def one_span(text: str, first: str, last: str) -> dict[str, int]:
    return {"start": at(text, first)[0], "end": at(text, last)[1]}


SCENARIOS: dict[str, tuple[Callable[[], list[Record]], dict[str, int]]] = {
    # name: (predictions, figures they must give: quotes tp/fp/fn, speaker hits, exact tp, ...)
    "perfect": (perfect, {"tp": 13, "fp": 0, "fn": 0, "exact": 13, "who": 13}),
    "empty": (lambda: [{"id": "accra"}, {"id": "ohio", "quotes": []}], {"tp": 0, "fp": 0, "fn": 13}),
    "misses and extras": (lambda: edit({("accra", 0): None, ("ohio", 2): None}, [
        ("accra", pred_span(ACCRA, "Opposition lawmaker Efua Mensah called the budget")),
        ("ohio", pred_span(OHIO, "told a town hall in Ohio", speaker="Dana Whitfield"))]),
        {"tp": 11, "fp": 2, "fn": 2}),
    "shifted spans": (lambda: edit({
        ("accra", 0): one_span(ACCRA, "that the cedi", "of losses."),  # overlaps, not exact
        ("accra", 1): one_span(ACCRA, "“We will not", "salaries,”"),  # marks trim away: exact
        ("accra", 5): one_span(ACCRA, "with the fund", "Bank of Ghana"),  # too far: miss + extra
    }), {"tp": 12, "fp": 1, "fn": 1, "exact": 11}),
    "split quote as one span": (lambda: edit({
        ("accra", 1): one_span(ACCRA, "We will not", "loan we take."), ("accra", 2): None,
    }), {"tp": 13, "fp": 0, "fn": 0, "exact": 11}),
    "multi-paragraph as one span": (lambda: edit({
        ("accra", 6): one_span(ACCRA, "After that", "pretend otherwise."),
        ("accra", 7): None,
        ("accra", 8): None,
    }), {"tp": 13, "fp": 0, "fn": 0, "exact": 10}),
    "one gold span in pieces": (lambda: edit({("accra", 0): None}, [
        ("accra", pred_span(ACCRA, "the cedi had", speaker="Kwame Asante")),
        ("accra", pred_span(ACCRA, "stabilised after three", speaker="Kwame Asante")),
        ("accra", pred_span(ACCRA, "months of losses", speaker="Kwame Asante"))]),
        {"tp": 13, "fp": 0, "fn": 0, "exact": 12}),
    "pieces too small": (lambda: edit({("accra", 0): None}, [("accra", pred_span(ACCRA, "the cedi had"))]),
                         {"tp": 12, "fp": 1, "fn": 1}),
    "whole document as one span": (lambda: [{"id": "accra", "quotes": [{"start": 0, "end": len(ACCRA)}]}],
                                   {"tp": 0, "fp": 1, "fn": 13}),
    "two paragraphs as one span": (lambda: edit({("accra", 3): None, ("accra", 4): None}, [
        ("accra", one_span(ACCRA, "Opposition lawmaker", "civil servants alike.")),
    ]), {"tp": 11, "fp": 1, "fn": 2}),
    "optional quote predicted": (lambda: edit({}, [("accra", pred_span(ACCRA, "‘Cut or we leave,’"))]),
                                 {"tp": 13, "fp": 0, "fn": 0}),
    "optional quote alone": (lambda: [{"id": "accra", "quotes": [pred_span(ACCRA, "Cut or we leave,")]}],
                             {"tp": 0, "fp": 0, "fn": 13}),
    "duplicate predictions": (lambda: edit({}, [("accra", pred_span(ACCRA, "the cedi had stabilised"))]),
                              {"tp": 13, "fp": 0, "fn": 0}),
    "speaker names": (lambda: edit({
        ("accra", 0): {"speaker": "Asante"},  # last name
        ("accra", 1): {"speaker": "Mr. Kwame Asante"},  # honorific
        ("accra", 3): {"speaker": "Efua Mensah-Boateng"},  # another last name
        ("accra", 5): {"speaker": "AMA OWUSU"},
        ("accra", 6): {"speaker": "Kwame Asante"},  # the wrong person
        ("accra", 7): {"speaker": None},
    }), {"tp": 13, "who": 10}),
    "nobody named": (lambda: edit({("accra", 4): {"speaker": "a trader in Makola market"}}), {"who": 13}),
    "nobody named, somebody given": (lambda: edit({("accra", 4): {"speaker": "Kofi Boateng"}}), {"who": 12}),
    "mention-only gold": (lambda: edit({
        ("ohio", 0): {"speaker": "Dana Whitfield", "speaker_start": None, "speaker_end": None},  # in mention
        ("ohio", 1): {"speaker": "Dana Whitfield", "speaker_start": None, "speaker_end": None},  # "She"
        ("ohio", 2): {"speaker": None, **mention(OHIO, "Aides")},  # overlapping mention span
    }), {"tp": 13, "who": 12}),
    "roles and countries": (lambda: edit({
        ("accra", 0): {"role": "finance minister", "country": "gh"},
        ("accra", 1): {"role": "spokesman", "country": "NG"},
        ("accra", 3): {"role": "lawmaker", "country": None},
        ("accra", 5): {"role": "research director"},
        ("accra", 6): {"role": "director"},
    }), {"role": 7, "country": 8}),
    "unknown documents": (lambda: [*perfect(), {"id": "lagos", "quotes": []}, {"id": "abuja", "quotes": []}],
                          {"tp": 13, "fp": 0, "fn": 0}),
}


# --- agreement with score.py --------------------------------------------------------------------

def write_jsonl(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def figures(result: Evaluation) -> dict[str, Any]:
    """The part of to_dict() that score.py --json also prints."""
    keys = ("docs", "quotes", "quotes_exact", "recall_by_kind", "speaker_accuracy", "attribution",
            "role_accuracy", "country_accuracy")
    return {k: result.to_dict()[k] for k in keys}


def scorer_lines(errors: tuple[Mismatch, ...]) -> list[str]:
    """Our errors as score.py prints them (it has no role/country errors; unknown ids are unordered there)."""
    kinds = {MismatchKind.MISS, MismatchKind.EXTRA, MismatchKind.WHO}
    known = [str(e) for e in errors if e.kind in kinds]
    return known + sorted(str(e) for e in errors if e.kind is MismatchKind.UNKNOWN_DOC)


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_figures(name: str) -> None:
    """Each hand-made prediction set gives the counts its rule implies (misses, extras, loose matches ...)."""
    make_pred, expected = SCENARIOS[name]
    result = evaluate(GOLD, make_pred())
    quotes = result.quotes
    got = {"tp": quotes.tp, "fp": quotes.fp, "fn": quotes.fn, "exact": result.quotes_exact.tp,
           "who": result.speaker.hits, "role": result.role.hits, "country": result.country.hits}
    assert {k: got[k] for k in expected} == expected


@needs_scorer
@pytest.mark.parametrize("name", SCENARIOS)
def test_figures_and_errors_agree_with_score_py(name: str, tmp_path: Path) -> None:
    """Every figure and error line equals score.py's on hand-made predictions exercising one rule each."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", SCENARIOS[name][0]())
    run = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred), "--json", "--errors", "1000"],
                         capture_output=True, text=True, check=True)
    result = evaluate(gold, pred)
    assert figures(result) == json.loads(run.stdout)
    theirs = run.stderr.splitlines()
    unknown = sorted(line for line in theirs if line.startswith("UNKNOWN DOC"))
    assert scorer_lines(result.errors) == [ln for ln in theirs if not ln.startswith("UNKNOWN")] + unknown


@pytest.fixture(scope="module")
def score_py() -> ModuleType:
    """shared/tools/score.py imported as a module, to compare in-process on many random cases."""
    spec = importlib.util.spec_from_file_location("quoteattr_test_score", SCORE_PY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NAMES = st.sampled_from([None, "", "Kwame Asante", "Asante", "Mr. Asante", "Ama Owusu", "Efua Mensah",
                         "a trader in Makola market", "Kofi Ásante"])
ROLES = st.sampled_from([None, "", "Finance Minister", "finance minister", "director of research", "MP"])
COUNTRIES = st.sampled_from([None, "GH", "gh", "NG"])


@st.composite
def random_quote(draw: st.DrawFn, anchors: list[tuple[int, int]], gold: bool) -> Record:
    """A quote span near a gold span (to exercise every matching rule) or anywhere."""
    size = len(ACCRA)
    near = draw(st.booleans())
    if anchors and near:
        base_start, base_end = draw(st.sampled_from(anchors))
        shift = st.one_of(st.just(0), st.integers(-15, 15))  # often the very span
        start = max(0, base_start + draw(shift))
        end = min(size, max(start, base_end + draw(shift)))
    else:
        start = draw(st.integers(0, size - 1))
        end = min(size, start + draw(st.integers(0, 120)))
    quote = {"start": start, "end": end, "kind": draw(st.sampled_from(["direct", "indirect", "mixed"])),
             "speaker": draw(NAMES), "role": draw(ROLES), "country": draw(COUNTRIES)}
    if draw(st.booleans()):
        s = draw(st.integers(0, size - 10))
        quote |= {"speaker_start": s, "speaker_end": s + draw(st.integers(1, 25))}
    if gold:
        quote |= {"optional": draw(st.booleans()), "speaker_mention": draw(NAMES)}
    return quote


@st.composite
def gold_and_pred(draw: st.DrawFn) -> tuple[list[Record], list[Record]]:
    gold_quotes = draw(st.lists(random_quote([], gold=True), max_size=7))
    twin = draw(st.booleans())
    if gold_quotes and twin:  # the same span annotated twice (a quote and its nested twin)
        gold_quotes.append(gold_quotes[0] | {"optional": False, "speaker": draw(NAMES)})
    anchors = [(q["start"], q["end"]) for q in gold_quotes]
    pred_quotes = draw(st.lists(random_quote(anchors, gold=False), max_size=9))
    gold = [{"id": "accra", "text": ACCRA, "quotes": gold_quotes}]
    pred = [{"id": "accra", "quotes": pred_quotes}]
    if draw(st.booleans()):
        pred.append({"id": "elsewhere", "quotes": []})
    return gold, pred


@needs_scorer
@settings(max_examples=150, deadline=None)
@given(case=gold_and_pred(), overlap=st.sampled_from([0.5, 0.3, 0.8, 1.0]))
def test_random_cases_agree_with_score_py(score_py: ModuleType, case: tuple[list[Record], list[Record]],
                                          overlap: float) -> None:
    """On arbitrary overlapping, nested and empty spans, figures and errors equal score.py's."""
    gold, pred = case
    theirs, their_errors = score_py.score({d["id"]: d for d in gold}, {d["id"]: d for d in pred}, overlap)
    result = evaluate(gold, pred, overlap=overlap)
    assert figures(result) == theirs
    known = [e for e in their_errors if not e.startswith("UNKNOWN")]
    assert scorer_lines(result.errors) == known + sorted(e for e in their_errors if e.startswith("UNKNOWN"))


@needs_scorer
@pytest.mark.parametrize("corpus", [
    "seeds/gold.jsonl", "dev/constructions-dev.jsonl", "dev/polnear-dev.jsonl",
])
def test_project_corpora_agree_with_score_py(score_py: ModuleType, corpus: str) -> None:
    """On the project's own gold, with every third quote dropped and speakers rotated, figures agree."""
    path = SCORE_PY.parents[1] / "data" / corpus
    gold = score_py.load(str(path))
    pred = {}
    for doc_id, doc in gold.items():
        quotes = [q for i, q in enumerate(doc["quotes"]) if i % 3]
        rotated = [q.get("speaker") for q in quotes[1:] + quotes[:1]]
        pred[doc_id] = {"id": doc_id,
                        "quotes": [q | {"speaker": s} for q, s in zip(quotes, rotated, strict=True)]}
    theirs, _ = score_py.score(gold, pred, 0.5)
    assert figures(evaluate(path, list(pred.values()))) == theirs


# --- the API around the figures -------------------------------------------------------------------

def as_documents() -> list[Document]:
    """The OHIO gold written as library Documents, as an extractor would return them."""
    start, end = at(OHIO, "Senator Dana Whitfield")
    she = Span(*at(OHIO, "She"))
    quotes = tuple(Quote(kind=QuoteKind.INDIRECT, content=Span(*at(OHIO, content)), speaker_mention=site,
                         speaker_id="s1")
                   for content, site in (("the bill would cut taxes", Span(start, end)),
                                         ("the Senate would vote before August", she)))
    whitfield = Speaker(id="s1", name="Dana Whitfield", role="Senator", country="US",
                        mentions=(Span(start, end), she))
    return [Document(text=OHIO, quotes=quotes, speakers=(whitfield,), id="ohio")]


def test_documents_score_like_their_flat_records() -> None:
    """Predictions given as Documents score exactly as their score_record() lines do."""
    docs = as_documents()
    assert evaluate(GOLD, docs) == evaluate(GOLD, [d.score_record() for d in docs])
    result = evaluate(GOLD[1:], docs)
    assert (result.quotes.tp, result.quotes_exact.tp, result.attribution.tp) == (2, 1, 2)


def test_document_without_id_is_refused() -> None:
    """A Document with no id cannot be paired with gold, and the error says how to fix it."""
    doc = Document(text=OHIO)
    with pytest.raises(EvaluateError, match="id=") as info:
        evaluate(GOLD, [doc])
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("overlap", [0.0, -0.1, 1.5])
def test_overlap_outside_unit_interval_is_refused(overlap: float) -> None:
    """An overlap threshold outside (0, 1] is a user error naming the default."""
    with pytest.raises(EvaluateError, match=r"0\.5"):
        evaluate(GOLD, perfect(), overlap=overlap)


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", r"pred\.jsonl:2: not JSON"),
    ('{"quotes": []}', "'id'"),
    ('{"id": "accra", "quotes": [{"start": "3", "end": 9}]}', "integers"),
    ('{"id": "accra", "quotes": [{"start": 3, "end": 9, "speaker": 7}]}', "'speaker' must be a string"),
])
def test_malformed_predictions_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    """Broken prediction lines raise SchemaError (a QuoteAttrError and ValueError) saying where."""
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "ohio", "quotes": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=message) as info:
        evaluate(GOLD, pred)
    assert isinstance(info.value, QuoteAttrError)
    assert isinstance(info.value, ValueError)


def test_gold_needs_text() -> None:
    """A gold record without its text cannot be scored (exact spans and mentions read it)."""
    with pytest.raises(SchemaError, match="'text'"):
        evaluate([{"id": "x", "quotes": []}], [])


def test_without_predictions_the_extractor_reads_the_gold_texts() -> None:
    """evaluate(gold) scores what the extractor finds in the gold texts."""
    extractor = Extractor()
    found = [extractor.extract(d["text"], id=d["id"]) for d in GOLD]
    assert evaluate(GOLD, extractor=extractor) == evaluate(GOLD, found)


def test_errors_carry_context_and_role_country_mistakes() -> None:
    """Errors name document, span, got and want, and include wrong roles and countries."""
    result = evaluate(GOLD, SCENARIOS["roles and countries"][0]())
    role = next(e for e in result.errors if e.kind is MismatchKind.ROLE)
    assert (role.doc_id, role.text, role.got, role.want) == (
        "accra", "We will not print money to pay salaries,", "spokesman", "Finance Minister")
    countries = [(e.got, e.want) for e in result.errors if e.kind is MismatchKind.COUNTRY]
    assert countries == [("NG", "GH"), (None, "GH")]
    miss = evaluate(GOLD, []).errors[0]
    assert str(miss) == ("MISS  accra [indirect] 'the cedi had stabilised after three months of losses' "
                         "(Kwame Asante)")


def test_summary_and_dict_report_the_figures() -> None:
    """The readable summary and the JSON dict carry the counts, figures and capped errors."""
    result = evaluate(GOLD, SCENARIOS["misses and extras"][0]())
    text = str(result)
    assert "gold quotes 13 (+1 optional)" in text
    assert "quotes         0.846  0.846  0.846     11     2     2" in text
    assert "recall by kind: direct 1.000 (7/7), indirect 0.600 (3/5), mixed 1.000 (1/1)" in text
    data = json.loads(json.dumps(result.to_dict(max_errors=1)))
    assert data["counts"] == {"gold": 13, "optional": 1, "predicted": 14, "errors": 4}
    assert [e["kind"] for e in data["errors"]] == ["MISS"]
    assert result.recall_by_kind == {"direct": 1.0, "indirect": 0.6, "mixed": 1.0}


# --- the command line --------------------------------------------------------------------------

def run_cli(argv: list[str]) -> int:
    return main(["evaluate", *argv])


def test_cli_prints_summary_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`quoteattr evaluate GOLD PRED --errors 2` prints the table and the first two errors."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", SCENARIOS["misses and extras"][0]())
    assert run_cli([str(gold), str(pred), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "attribution" in out
    assert "first 2 of 4 errors:" in out
    assert "  MISS  accra [indirect] 'the cedi" in out


def test_cli_json_equals_the_api(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--json` prints Evaluation.to_dict() with the errors capped by --errors."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", SCENARIOS["speaker names"][0]())
    assert run_cli([str(gold), str(pred), "--json", "--errors", "3", "--overlap", "0.6"]) == 0
    assert json.loads(capsys.readouterr().out) == evaluate(gold, pred, overlap=0.6).to_dict(max_errors=3)


def test_cli_without_pred_extracts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Given only GOLD, the command scores the built-in extractor on the gold texts."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    assert run_cli([str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == evaluate(gold).to_dict(max_errors=0)


def test_cli_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is one line on stderr and exit code 2, no traceback."""
    missing = tmp_path / "nope.jsonl"
    assert run_cli([str(missing), str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nope.jsonl" in err


def test_cli_bad_line_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A prediction file with a broken line is a one-line user error naming file and line."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "accra", "quotes": [}\n', encoding="utf-8")
    assert run_cli([str(gold), str(pred)]) == 2
    assert capsys.readouterr().err == f"quoteattr: error: {pred}:1: not JSON (Expecting value at column 28)\n"


class NoModels:
    """Stands in for Extractor(backend="stanza") on a machine without the stanza models."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def extract(self, text: str, *, id: str | None = None) -> Document:
        raise ModelsNotFoundError(f"stanza models for the {self.backend} backend are not in ~/stanza_resources")


def test_cli_missing_models_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A backend error while extracting (an OSError too) is reported as such, not blamed on GOLD."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    monkeypatch.setattr(cli_evaluate, "Extractor", NoModels)
    assert run_cli([str(gold), "--backend", "stanza"]) == 2
    assert capsys.readouterr().err == (
        "quoteattr: error: stanza models for the stanza backend are not in ~/stanza_resources\n")
