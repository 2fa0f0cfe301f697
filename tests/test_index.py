"""The cross-document speaker index: matching, clusters, look-ups, persistence, the CLI."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr import Document, Quote, Span, Speaker
from quoteattr.cli import speakers as speakers_cli
from quoteattr.errors import QuoteAttrError, SchemaError
from quoteattr.index import QuoteRef, SpeakerIndex, SpeakerIndexError


def speaker_doc(doc_id: str, *specs: str | tuple[str | None, ...]) -> Document:
    """A document in which each speaker says one thing: spec = name or (name, role, country[, kind])."""
    parts: list[str] = []
    quotes, speakers = [], []
    offset = 0
    for n, spec in enumerate(specs):
        fields = (spec,) if isinstance(spec, str) else spec
        name, role, country, kind = (*fields, *(None, None, None, "person")[len(fields) :])
        assert isinstance(name, str)
        assert isinstance(kind, str)
        sentence = f"{name} said the negotiations would continue next week. "
        content = Span(offset + len(name) + len(" said "), offset + len(sentence) - 2)
        quotes.append(Quote(kind="indirect", content=content, speaker_id=f"s{n}"))
        speakers.append(Speaker(id=f"s{n}", name=name, kind=kind, role=role, country=country))
        parts.append(sentence)
        offset += len(sentence)
    return Document(text="".join(parts), quotes=tuple(quotes), speakers=tuple(speakers), id=doc_id)


def index_of(*specs: str | tuple[str | None, ...], threshold: float = 0.9) -> SpeakerIndex:
    """One document per speaker spec, all indexed."""
    index = SpeakerIndex(threshold=threshold)
    index.add_many(speaker_doc(f"doc{n}", spec) for n, spec in enumerate(specs))
    return index


def groups(index: SpeakerIndex) -> list[set[str]]:
    """The clusters as sets of the document ids they span (one speaker per document here)."""
    return [set(c.documents) for c in index.clusters()]


# -- matching -----------------------------------------------------------------------------

SAME_PERSON = [
    pytest.param(
        [("Mohammed bin Salman", "crown prince", "SA"), ("Muhammad bin Salman", None, "SA"),
         ("Crown Prince Mohamed bin Salman", None, None)],
        id="mohammed-muhammad-mohamed",
    ),
    pytest.param(
        [("Volodymyr Zelensky", "president", "UA"), ("Volodymyr Zelenskyy", None, "UA"),
         ("Volodymyr Zelenskiy", "President", None)],
        id="zelensky-zelenskyy-zelenskiy",
    ),
    pytest.param(
        [("Dr. Anthony S. Fauci", "institute director", "US"), ("Fauci", None, "US"), ("Anthony Fauci", None, None)],
        id="honorific-initial-bare-family",
    ),
    pytest.param([("Vladimir Putin", "President", "RU"), ("Wladimir Putin", "Präsident", "RU")], id="w-v"),
    pytest.param([("José Álvarez", "mayor", "MX"), ("Jose Alvarez", None, "MX")], id="diacritics"),
    pytest.param([("Kim Jong Un", "leader", "KP"), ("Jong Un Kim", None, "KP"), ("Kim Jong-un", None, None)],
                 id="family-name-order"),
    pytest.param([("Aleksandr Novak", "energy minister", "RU"), ("Alexander Novak", None, "RU")], id="ks-x"),
    pytest.param([("Bashar al-Assad", None, "SY"), ("Bashar Assad", "president", "SY")], id="arabic-particle"),
    pytest.param([("Marine Le Pen", "party leader", "FR"), ("Le Pen", None, "FR")], id="european-particle"),
    pytest.param(
        [("United Nations", None, None, "organisation"), ("UN", None, None, "organisation"),
         ("the U.N.", None, None, "organisation")],
        id="acronym",
    ),
]  # fmt: skip


@pytest.mark.parametrize("specs", SAME_PERSON)
def test_variants_of_one_person_form_one_cluster(specs: list[tuple[str | None, ...]]) -> None:
    """Transliterations, diacritics, titles, initials, particles and name order merge."""
    index = index_of(*specs)
    assert groups(index) == [{f"doc{n}" for n in range(len(specs))}]


DIFFERENT_PEOPLE = [
    pytest.param([("Kim Jong Un", "leader", "KP"), ("Kim Yo Jong", "department director", "KP"),
                  ("Song Kim", "UN ambassador", "KP")], id="kim-jong-un-kim-yo-jong-song-kim"),
    pytest.param([("Rashid Okonkwo", "retired general", "NG"), ("Rashid Okonkwo", "senator", "NG")],
                 id="father-and-son-different-roles"),
    pytest.param([("Ahmed Hassan", "trade minister", "EG"), ("Ahmed Hassan", "trade minister", "SD")],
                 id="same-name-different-countries"),
    pytest.param([("Alexander Petrov", None, "RU"), ("Alexandra Petrova", None, "RU")], id="gender-endings"),
    pytest.param([("Daniel Cohen", None, "IL"), ("Danielle Cohen", None, "IL")], id="extended-given-name"),
    pytest.param([("John Harlan Jr.", None, "US"), ("John Harlan Sr.", None, "US")], id="generational-suffix"),
    pytest.param([("Mohammed bin Salman", None, "SA"), ("Salman bin Abdulaziz", None, "SA")], id="patronymics"),
    pytest.param([("Robert Wood", "deputy ambassador", "US"), ("Robert Woodward", "deputy ambassador", "US")],
                 id="family-name-prefix"),
    pytest.param([("Anthony S. Fauci", None, "US"), ("Anthony T. Fauci", None, "US")], id="middle-initials"),
    pytest.param([("Jan Novak", None, "CZ"), ("Ian Novak", None, "CZ")], id="short-given-names"),
    pytest.param([("the Russian envoy", None, "RU"), ("the Russian envoy", None, "RU")], id="descriptions"),
    pytest.param([("US", None, "US", "organisation"), ("US", None, "US", "person")], id="organisation-vs-person"),
    pytest.param([("President", None, "FR"), ("President", None, "FR")], id="title-alone"),
]  # fmt: skip


@pytest.mark.parametrize("specs", DIFFERENT_PEOPLE)
def test_different_people_stay_apart(specs: list[tuple[str | None, ...]]) -> None:
    """Near-identical names that belong to different people are not merged."""
    index = index_of(*specs)
    assert sorted(map(sorted, groups(index))) == [[f"doc{n}"] for n in range(len(specs))]


def test_bare_family_name_stays_apart_when_two_full_names_share_it() -> None:
    """A bare "Park" joins nobody when two people called Park are indexed."""
    index = index_of(
        ("Park Ji-won", "foreign minister", "KR"), ("Park Min-soo", "police chief", "KR"), ("Park", None, "KR")
    )
    assert sorted(map(sorted, groups(index))) == [["doc0"], ["doc1"], ["doc2"]]


def test_bare_family_name_needs_agreeing_evidence() -> None:
    """The only full-name "Okafor" does not absorb a bare "Okafor" from another country."""
    index = index_of(("Ngozi Okafor", "finance minister", "NG"), ("Okafor", None, "GH"), ("Okafor", None, "NG"))
    assert sorted(map(sorted, groups(index))) == [["doc0", "doc2"], ["doc1"]]


def test_person_without_role_compatible_with_two_namesakes_joins_neither() -> None:
    """A mention that fits a father and his son equally well is left on its own."""
    index = index_of(
        ("Rashid Okonkwo", "retired general", "NG"), ("Rashid Okonkwo", "senator", "NG"), ("Rashid Okonkwo", None, "NG")
    )
    assert sorted(map(sorted, groups(index))) == [["doc0"], ["doc1"], ["doc2"]]


def test_acronym_stays_apart_when_two_long_forms_fit() -> None:
    """The acronym "UN" joins no one when both "United Nations" and "Union of Nurses" are indexed."""
    org = "organisation"
    index = index_of(("United Nations", None, None, org), ("Union of Nurses", None, "GB", org), ("UN", None, None, org))
    assert sorted(map(sorted, groups(index))) == [["doc0"], ["doc1"], ["doc2"]]


def test_chains_cannot_join_conflicting_names() -> None:
    """A plain "Anthony Fauci" cannot link "Anthony S. Fauci" with "Anthony T. Fauci" into one cluster."""
    index = index_of(("Anthony S. Fauci", None, "US"), ("Anthony T. Fauci", None, "US"), ("Anthony Fauci", None, "US"))
    clusters = groups(index)
    assert {"doc0", "doc1"} not in [c & {"doc0", "doc1"} for c in clusters]
    assert len(clusters) == 3


@pytest.mark.parametrize("name", ["He", "they", "", "   ", "who"])
def test_pronouns_and_empty_names_are_not_indexed(name: str) -> None:
    """Speakers called "He" or nothing at all make no cluster."""
    assert index_of(name).clusters() == []


def test_threshold_trades_merges_for_safety() -> None:
    """Lowering the threshold merges namesakes with different roles; 1.0 keeps only exact forms."""
    namesakes = [("Rashid Okonkwo", "retired general", "NG"), ("Rashid Okonkwo", "senator", "NG")]
    assert len(index_of(*namesakes, threshold=0.85).clusters()) == 1
    assert len(index_of(*namesakes).clusters()) == 2
    variants = [("Vladimir Putin", None, "RU"), ("Wladimir Putin", None, "RU")]
    assert len(index_of(*variants).clusters()) == 1
    assert len(index_of(*variants, threshold=1.0).clusters()) == 2


@pytest.mark.parametrize("threshold", [0.49, 1.01, -1.0])
def test_threshold_out_of_range_is_refused(threshold: float) -> None:
    """A threshold outside 0.5-1.0 raises an error that is also a ValueError."""
    with pytest.raises(SpeakerIndexError, match=r"between 0\.5 and 1\.0") as info:
        SpeakerIndex(threshold=threshold)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, QuoteAttrError)


# -- cluster contents -----------------------------------------------------------------------


def test_cluster_reports_canonical_name_variants_roles_countries_and_quotes() -> None:
    """A cluster names the fullest most frequent form and counts everything it saw."""
    docs = [
        speaker_doc("a", ("Dr. Anthony S. Fauci", "institute director", "US"), ("Ruth Otieno", "minister", "KE")),
        speaker_doc("b", ("Anthony Fauci", "institute director", "US")),
        speaker_doc("c", ("Anthony Fauci", None, "US")),
        speaker_doc("d", ("Fauci", "director", None)),
    ]
    index = SpeakerIndex()
    index.add_many(docs)
    fauci = index.find("Fauci")
    assert fauci is not None
    assert fauci.canonical_name == "Anthony Fauci"
    assert dict(fauci.variants) == {"Anthony Fauci": 2, "Dr. Anthony S. Fauci": 1, "Fauci": 1}
    assert fauci.roles == (("institute director", 2), ("director", 1))
    assert fauci.countries == (("US", 3),)
    assert (fauci.role, fauci.country, fauci.kind.value) == ("institute director", "US", "person")
    assert fauci.documents == ("a", "b", "c", "d")
    assert fauci.n_documents == 4
    by_id = {d.id: d for d in docs}
    assert [by_id[r.doc_id].text_of(r.span) for r in fauci.quotes] == ["the negotiations would continue next week"] * 4
    assert [c.canonical_name for c in index.clusters()] == ["Anthony Fauci", "Ruth Otieno"]


def test_canonical_name_prefers_the_form_with_diacritics_on_a_tie() -> None:
    """Given "José Álvarez" and "Jose Alvarez" once each: the accented form names the cluster."""
    (cluster,) = index_of("Jose Alvarez", "José Álvarez").clusters()
    assert cluster.canonical_name == "José Álvarez"
    assert cluster.id == "jose-alvarez"


def test_cluster_ids_are_unique_slugs() -> None:
    """Namesakes get "-2", "-3" suffixes."""
    index = index_of(("Ahmed Hassan", None, "EG"), ("Ahmed Hassan", None, "SD"), ("Ahmed Hassan", None, "IQ"))
    assert sorted(c.id for c in index.clusters()) == ["ahmed-hassan", "ahmed-hassan-2", "ahmed-hassan-3"]


def test_quote_refs_sort_and_convert_their_kind() -> None:
    """QuoteRef takes a kind string, orders by document then offset, and gives its span."""
    refs = [QuoteRef(doc_id="b", start=0, end=4, kind="direct"), QuoteRef(doc_id="a", start=9, end=12, kind="mixed")]
    assert [r.doc_id for r in sorted(refs)] == ["a", "b"]
    assert refs[1].kind.value == "mixed"
    assert refs[1].span == Span(9, 12)


# -- look-ups ---------------------------------------------------------------------------------


def test_find_accepts_spellings_ids_and_bare_family_names() -> None:
    """Any spelling, a case-folded form, a close variant, the id or a unique family name finds the cluster."""
    index = index_of(("Volodymyr Zelenskyy", "president", "UA"), ("Ruth Otieno", "energy minister", "KE"))
    target = index.find("Volodymyr Zelenskyy")
    assert target is not None
    for query in ("volodymyr zelenskyy", "President Volodymyr Zelensky", "Zelenskiy", target.id):
        assert index.find(query) == target
    assert index.find("Olena Zelenska") is None
    assert index.find("Boris Johnson") is None


def test_find_returns_none_when_ambiguous_and_find_all_lists_the_candidates() -> None:
    """A bare "Park" with two Parks indexed: find gives None, find_all gives both."""
    index = index_of(("Park Ji-won", "foreign minister", "KR"), ("Park Min-soo", "police chief", "KR"))
    assert index.find("Park") is None
    assert {c.canonical_name for c in index.find_all("Park")} == {"Park Ji-won", "Park Min-soo"}
    assert index.find("Park Min-soo") is not None


def test_find_organisation_by_acronym() -> None:
    """The acronym of an indexed long form finds it."""
    index = index_of(("World Health Organization", None, None, "organisation"))
    found = index.find("WHO")
    assert found is not None
    assert found.canonical_name == "World Health Organization"


def test_quotes_of_follows_the_index_as_it_grows() -> None:
    """A cluster object from before new documents still yields the current quotes."""
    index = SpeakerIndex()
    index.add(speaker_doc("a", ("Ruth Otieno", "energy minister", "KE")))
    (before,) = index.clusters()
    index.add(speaker_doc("b", ("Ruth Otieno", None, "KE")))
    assert [r.doc_id for r in index.quotes_of(before)] == ["a", "b"]
    assert [r.doc_id for r in index.quotes_of("Otieno")] == ["a", "b"]
    assert index.quotes_of("Nobody Known") == ()


# -- incremental, order, errors ----------------------------------------------------------------

CORPUS = [
    speaker_doc("d1", ("Mohammed bin Salman", "crown prince", "SA"), ("Park Ji-won", "foreign minister", "KR")),
    speaker_doc("d2", ("Muhammad bin Salman", None, "SA"), ("Park", None, "KR"), "He"),
    speaker_doc("d3", ("Park Min-soo", "police chief", "KR"), ("Kim Jong Un", "leader", "KP")),
    speaker_doc("d4", ("Jong Un Kim", None, "KP"), ("Kim Yo Jong", "department director", "KP")),
    speaker_doc("d5", ("Rashid Okonkwo", "retired general", "NG"), ("Rashid Okonkwo Jr.", "senator", "NG")),
    speaker_doc("d6", ("Rashid Okonkwo", None, "NG"), ("UN", None, None, "organisation")),
    speaker_doc("d7", ("United Nations", None, None, "organisation"), ("Fauci", None, "US")),
    speaker_doc("d8", ("Dr. Anthony S. Fauci", "institute director", "US"), ("José Álvarez", "mayor", "MX")),
    speaker_doc("d9", ("Jose Alvarez", None, None), ("the Russian envoy", None, "RU")),
    speaker_doc("d10", ("Ahmed Hassan", "trade minister", "EG"), ("Ahmed Hassan", None, "SD")),
]


def test_incremental_adds_give_the_same_clusters_as_one_batch() -> None:
    """Adding documents one at a time, clustering in between, ends where one batch does."""
    batch = SpeakerIndex()
    batch.add_many(CORPUS)
    incremental = SpeakerIndex()
    for doc in CORPUS:
        incremental.add(doc)
        incremental.clusters()
    assert incremental.clusters() == batch.clusters()
    assert len(batch) == len(CORPUS)


@given(st.permutations(CORPUS))
def test_clusters_do_not_depend_on_the_order_documents_arrive(order: Sequence[Document]) -> None:
    """Any order of the same documents gives identical clusters, ids included."""
    expected = SpeakerIndex()
    expected.add_many(CORPUS)
    shuffled = SpeakerIndex()
    shuffled.add_many(order)
    assert shuffled.clusters() == expected.clusters()


def test_every_indexed_quote_is_in_exactly_one_cluster() -> None:
    """Clusters partition the quotes of all named speakers."""
    index = SpeakerIndex()
    index.add_many(CORPUS)
    refs = [r for c in index.clusters() for r in c.quotes]
    named = sum(1 for d in CORPUS for q in d.quotes if getattr(d.speaker_of(q), "name", "He") != "He")
    assert len(refs) == len(set(refs)) == named


LEFT = "bdfgbe"  # the two alphabets share no letter, and no transliteration rule maps one to the other
RIGHT = "klmnpuo"


@given(
    st.text(alphabet=LEFT, min_size=4, max_size=9),
    st.text(alphabet=RIGHT, min_size=4, max_size=9),
    st.sampled_from(["Amina", "Tomasz", "Wei", "Lucía"]),
    st.sampled_from([None, "KE"]),
)
def test_names_with_unrelated_family_names_never_merge(
    left: str, right: str, given_name: str, country: str | None
) -> None:
    """Same given name and country, family names with no letter in common: always two clusters."""
    one, other = left.capitalize(), right.capitalize()
    index = index_of(
        (f"{given_name} {one}", None, country), (f"{given_name} {other}", None, country), (other, None, country)
    )
    together = [c for c in index.clusters() if "doc0" in c.documents]
    assert together
    assert together[0].documents == ("doc0",)


def test_a_document_id_can_be_indexed_once() -> None:
    """Re-adding an id raises, and the index is unchanged."""
    index = SpeakerIndex()
    index.add(speaker_doc("a", "Ruth Otieno"))
    before = index.clusters()
    with pytest.raises(SpeakerIndexError, match="already indexed"):
        index.add(speaker_doc("a", "Kofi Mensah"))
    assert index.clusters() == before


def test_a_document_without_id_needs_one_passed() -> None:
    """A document with no id is refused unless doc_id is given."""
    doc = Document(text="Ruth Otieno said so.", speakers=(Speaker(id="s1", name="Ruth Otieno"),))
    index = SpeakerIndex()
    with pytest.raises(SpeakerIndexError, match="no id"):
        index.add(doc)
    index.add(doc, doc_id="manual")
    assert index.clusters()[0].documents == ("manual",)


# -- persistence ----------------------------------------------------------------------------


def test_to_dict_from_dict_round_trip_keeps_clusters_and_threshold() -> None:
    """An index rebuilt from its dict (through JSON) has the same clusters and threshold."""
    index = SpeakerIndex(threshold=0.95)
    index.add_many(CORPUS)
    data = json.loads(json.dumps(index.to_dict()))
    assert data["schema"] == "quoteattr-speakers/1"
    again = SpeakerIndex.from_dict(data)
    assert again.threshold == 0.95
    assert again.clusters() == index.clusters()
    again.add(speaker_doc("later", ("Crown Prince Mohammed bin Salman", None, "SA")))
    assert "later" in again.find("Mohammed bin Salman").documents  # type: ignore[union-attr]


def test_save_and_load(tmp_path: Path) -> None:
    """save writes UTF-8 JSON that load reads back to the same clusters."""
    index = SpeakerIndex()
    index.add_many(CORPUS)
    path = tmp_path / "speakers.json"
    index.save(path)
    assert "José Álvarez" in path.read_text(encoding="utf-8")
    assert SpeakerIndex.load(path).clusters() == index.clusters()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected"),
        ({"schema": "quoteattr-speakers/9"}, "quoteattr-speakers/9"),
        ({"schema": "quoteattr-speakers/1"}, "malformed"),
        ({"schema": "quoteattr-speakers/1", "documents": [{"id": "a", "speakers": [{"name": "X"}]}]}, "document 0"),
        (
            {"schema": "quoteattr-speakers/1", "documents": [{"id": "a", "speakers": []}, {"id": "a", "speakers": []}]},
            "already indexed",
        ),
    ],
)
def test_from_dict_rejects_bad_input(data: object, message: str) -> None:
    """Anything but a well-formed index dict raises SchemaError naming the problem."""
    with pytest.raises(SchemaError, match=message):
        SpeakerIndex.from_dict(data)


def test_load_rejects_a_file_that_is_not_json(tmp_path: Path) -> None:
    """A corrupt file raises SchemaError with the path."""
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"broken\.json"):
        SpeakerIndex.load(path)


# -- the seed articles ------------------------------------------------------------------------


def seed_documents(shared_dir: Path) -> list[Document]:
    """Documents with the gold speakers of the seed articles (name, role, country, quotes)."""
    docs = []
    for line in (shared_dir / "data" / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        first: dict[str, dict[str, str | None]] = {}
        for q in record["quotes"]:
            if q["speaker"]:
                first.setdefault(q["speaker"], q)
        ids = {name: f"s{n}" for n, name in enumerate(sorted(first))}
        speakers = tuple(
            Speaker(
                id=ids[name],
                name=name,
                kind="organisation" if name.isupper() else "unknown",
                role=q["role"],
                country=q["country"],
            )
            for name, q in first.items()
        )
        quotes = tuple(
            Quote(kind=q["kind"], content=Span(q["start"], q["end"]), speaker_id=ids.get(q["speaker"]))
            for q in record["quotes"]
        )
        docs.append(Document(text=record["text"], quotes=quotes, speakers=speakers, id=record["id"]))
    return docs


def test_seed_articles_cluster_like_the_gold(shared_dir: Path) -> None:
    """The same-speaker clusters of the seeds are found and no two gold speakers are merged."""
    index = SpeakerIndex()
    index.add_many(seed_documents(shared_dir))
    expected = json.loads((shared_dir / "data" / "seeds" / "same_speaker.json").read_text(encoding="utf-8"))
    found = [set(dict(c.variants)) for c in index.clusters()]
    for names in expected:
        assert set(names) in found, f"{names} not one cluster"
    gold_speakers = {name for c in index.clusters() for name, _ in c.variants}
    same = [set(names) for names in expected]
    for cluster in found:
        assert len(cluster) == 1 or cluster in same, f"{cluster} merges different gold speakers"
    assert len(gold_speakers) == sum(len(c) for c in found)


# -- the command line -----------------------------------------------------------------------


def run_cli(argv: list[str]) -> int:
    """Parse and run ``quoteattr speakers`` in-process."""
    parser = argparse.ArgumentParser(prog="quoteattr")
    speakers_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["speakers", *argv])
    code: int = args.run(args)
    return code


@pytest.fixture
def saved_corpus(tmp_path: Path) -> Path:
    """CORPUS as quoteattr/1 JSONL, the output of ``quoteattr extract --format json``."""
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(d.to_json() + "\n" for d in CORPUS), encoding="utf-8")
    return path


def test_cli_jsonl_from_saved_documents(saved_corpus: Path, tmp_path: Path) -> None:
    """Saved documents are indexed as they are: one JSON line per speaker."""
    out = tmp_path / "speakers.jsonl"
    assert run_cli([str(saved_corpus), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    index = SpeakerIndex()
    index.add_many(CORPUS)
    assert rows == [c.to_dict() for c in index.clusters()]


def test_cli_csv_and_min_quotes(saved_corpus: Path, tmp_path: Path) -> None:
    """-o FILE.csv writes CSV; --min-quotes drops speakers quoted less often."""
    out = tmp_path / "speakers.csv"
    assert run_cli([str(saved_corpus), "-o", str(out), "--min-quotes", "2"]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    assert all(int(r["quotes"]) >= 2 for r in rows)
    salman = next(r for r in rows if "Salman" in r["name"])
    assert salman["variants"] == "Mohammed bin Salman (1); Muhammad bin Salman (1)"
    assert salman["countries"] == "SA (2)"


def test_cli_table(saved_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The default output on stdout is an aligned table with one row per speaker."""
    assert run_cli([str(saved_corpus)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "variants", "role", "country", "quotes", "docs"]
    fauci = next(line for line in lines if line.startswith("Anthony S. Fauci"))
    assert "Fauci" in fauci
    assert "US" in fauci
    assert fauci.split()[-2:] == ["2", "2"]


def test_cli_reports_bad_lines_and_continues(
    saved_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken lines are named with file:line on stderr, the rest is indexed, exit code 1."""
    bad = tmp_path / "bad.jsonl"
    good = CORPUS[0].to_dict()
    broken = dict(good, id="x", quotes=[dict(good["quotes"][0], content="not what the offsets say")])
    bad.write_text("\n".join([json.dumps(good), "{oops", json.dumps(broken), json.dumps([1])]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli([str(saved_corpus), str(bad), "-o", str(out), "--format", "jsonl"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1: document 'd1' is already indexed" in err
    assert f"{bad}:2: not JSON" in err
    assert f"{bad}:3: quote 0: text" in err
    assert f"{bad}:4: expected a quoteattr/1 document" in err
    assert "4 input(s) failed" in err
    index = SpeakerIndex()
    index.add_many(CORPUS)
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(index.clusters())


def test_cli_extracts_texts_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain text records are run through the extractor first."""
    record = {"id": "t1", "text": '"We will appeal," said Anna Berg, a lawyer for the union.'}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(record) + "\n"))
    assert run_cli(["-", "--format", "jsonl", "--min-quotes", "0"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows
    assert {tuple(r["documents"]) for r in rows} == {("t1",)}


def test_cli_reads_directories_of_texts_and_saved_documents(
    saved_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory stands for its .txt files (ids relative to it) and its JSONL files."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "berg.txt").write_text('"We will appeal," said Anna Berg, a lawyer for the union.', encoding="utf-8")
    assert run_cli([str(tmp_path), "--format", "jsonl"]) == 0
    documents = {d for line in capsys.readouterr().out.splitlines() for d in json.loads(line)["documents"]}
    assert documents == {d.id for d in CORPUS if any(q.speaker_id for q in d.quotes)} | {"notes/berg.txt"}


@pytest.mark.parametrize("argv", [["--threshold", "2"], ["--min-quotes", "-1"], ["--format", "xml"]])
def test_cli_rejects_bad_options(argv: list[str], saved_corpus: Path) -> None:
    """Out-of-range options are usage errors (exit 2), not tracebacks."""
    with pytest.raises(SystemExit) as info:
        run_cli([str(saved_corpus), *argv])
    assert info.value.code == 2
