"""The packaged lexicon files: format, allowed values, uniqueness and real entries."""

from __future__ import annotations

from importlib import resources

import pytest

HEADERS = {
    "countries.tsv": ["form", "iso2", "type", "flags"],
    "country_names.tsv": ["iso2", "name"],
    "speech_verbs.tsv": ["lemma", "frame", "forms"],
    "attribution_nouns.tsv": ["lemma", "forms"],
    "roles.tsv": ["head", "gender", "kind", "plural"],
    "organisations.tsv": ["word", "kind"],
    "honorifics.tsv": ["form", "gender"],
    "given_names.tsv": ["name", "gender"],
}


def _lines(name: str) -> list[str]:
    return resources.files("quoteattr").joinpath("data", name).read_text(encoding="utf-8").splitlines()


def _header(name: str) -> list[str]:
    return next(line for line in _lines(name) if not line.startswith("#")).split("\t")


def _rows(name: str) -> list[list[str]]:
    """Data rows, comment lines and the header skipped."""
    body = [line for line in _lines(name) if not line.startswith("#")]
    return [line.split("\t") for line in body[1:]]


def _column(name: str, column: str) -> list[str]:
    index = HEADERS[name].index(column)
    return [row[index] for row in _rows(name)]


def _forms(name: str) -> dict[str, list[str]]:
    """Lemma → its comma-separated forms."""
    return {row[0]: row[-1].split(",") for row in _rows(name)}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_starts_with_source_and_licence_comments(name: str) -> None:
    """Every file states its source and licence in leading # comments."""
    lines = _lines(name)
    assert lines[0].startswith("#")
    comments = "\n".join(line for line in lines if line.startswith("#"))
    assert "SOURCE" in comments
    assert "LICENCE" in comments


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_column_counts(name: str) -> None:
    """The header names the columns the loader expects; every row has that many cells."""
    assert _header(name) == HEADERS[name]
    rows = _rows(name)
    assert rows
    for row in rows:
        assert len(row) == len(HEADERS[name]), row


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_blank_rows_or_stray_whitespace(name: str) -> None:
    """No blank rows, and no cell with leading or trailing spaces."""
    body = [line for line in _lines(name) if not line.startswith("#")]
    for line in body:
        assert line.strip(), "blank row"
        for cell in line.split("\t"):
            assert cell == cell.strip(), line


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_duplicate_keys(name: str) -> None:
    """The first column is a key: no value appears twice."""
    keys = [row[0] for row in _rows(name)]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates


@pytest.mark.parametrize(
    ("name", "column", "allowed"),
    [
        ("countries.tsv", "type", {"name", "alias", "demonym", "capital", "institution"}),
        ("speech_verbs.tsv", "frame", {"say", "think", "tell", "ask", "label", "urge", "manner"}),
        ("roles.tsv", "gender", {"m", "f", "-"}),
        ("roles.tsv", "kind", {"title", "occupation"}),
        ("organisations.tsv", "kind", {"head", "noun"}),
        ("honorifics.tsv", "gender", {"m", "f", "-"}),
        ("given_names.tsv", "gender", {"m", "f"}),
    ],
)
def test_enumerated_columns(name: str, column: str, allowed: set[str]) -> None:
    """Enumerated columns hold only their documented values."""
    assert set(_column(name, column)) <= allowed


def test_country_flags_are_known() -> None:
    """Country flags are a comma-separated subset of the two documented flags."""
    for flags in _column("countries.tsv", "flags"):
        assert set(filter(None, flags.split(","))) <= {"ambiguous-name", "also-subnational"}


def test_country_codes_are_named() -> None:
    """Every code in countries.tsv has a canonical name, and every named code has forms."""
    names = dict(_rows("country_names.tsv"))
    codes = set(_column("countries.tsv", "iso2"))
    assert codes == set(names)
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert len(codes) >= 249


def test_each_country_form_maps_to_one_code() -> None:
    """A surface form evokes exactly one country; ambiguous forms are left out."""
    forms = _column("countries.tsv", "form")
    assert len(forms) == len(set(forms))
    for ambiguous in ("Korean", "Congolese", "Congo", "Dominican", "Guinean", "Male", "Jerusalem"):
        assert ambiguous not in forms


@pytest.mark.parametrize(
    ("form", "code", "kind"),
    [
        ("South Korean", "KR", "demonym"),
        ("North Korea", "KP", "name"),
        ("Kyiv", "UA", "capital"),
        ("Kiev", "UA", "capital"),
        ("Kremlin", "RU", "institution"),
        ("White House", "US", "institution"),
        ("Downing Street", "GB", "institution"),
        ("U.S.", "US", "alias"),
        ("UK", "GB", "alias"),
        ("Britain", "GB", "alias"),
        ("Ivory Coast", "CI", "name"),
        ("Côte d'Ivoire", "CI", "name"),
        ("Türkiye", "TR", "name"),
        ("Turkey", "TR", "name"),
        ("Czechia", "CZ", "name"),
        ("Burma", "MM", "name"),
        ("DRC", "CD", "alias"),
        ("Holland", "NL", "alias"),
        ("Kazakhstani", "KZ", "demonym"),
        ("Ecuadorean", "EC", "demonym"),
        ("Ecuadorian", "EC", "demonym"),
        ("Filipino", "PH", "demonym"),
        ("Germans", "DE", "demonym"),
        ("New Delhi", "IN", "capital"),
        ("Kosovo", "XK", "name"),
        ("Palestinian", "PS", "demonym"),
    ],
)
def test_country_spot_checks(form: str, code: str, kind: str) -> None:
    """Well-known forms map to the right code and type."""
    rows = {row[0]: row for row in _rows("countries.tsv")}
    assert rows[form][1:3] == [code, kind]


@pytest.mark.parametrize(("form", "flag"), [("Jordan", "ambiguous-name"), ("Georgia", "also-subnational")])
def test_country_flag_spot_checks(form: str, flag: str) -> None:
    """Forms that are also names or US states carry their flag."""
    rows = {row[0]: row for row in _rows("countries.tsv")}
    assert flag in rows[form][3].split(",")


@pytest.mark.parametrize(
    ("code", "name"),
    [("US", "United States"), ("GB", "United Kingdom"), ("KR", "South Korea"), ("RU", "Russia"),
     ("CI", "Ivory Coast"), ("CD", "Democratic Republic of the Congo"), ("XK", "Kosovo")],
)  # fmt: skip
def test_canonical_country_names(code: str, name: str) -> None:
    """Each code has the short name news uses."""
    assert dict(_rows("country_names.tsv"))[code] == name


def test_verb_forms_are_unique_and_lowercase() -> None:
    """A verb form belongs to one lemma only, and forms are lower-case."""
    all_forms = [f for forms in _forms("speech_verbs.tsv").values() for f in forms]
    assert len(all_forms) == len(set(all_forms))
    assert all(f == f.lower() and f for f in all_forms)


@pytest.mark.parametrize(
    ("lemma", "frame", "forms"),
    [
        ("say", "say", {"say", "says", "said", "saying"}),
        ("tell", "tell", {"told", "telling"}),
        ("ask", "ask", {"asked"}),
        ("emphasize", "say", {"emphasised", "emphasized"}),
        ("signal", "say", {"signalled", "signaled"}),
        ("point out", "say", {"pointed out"}),
        ("believe", "think", {"believes"}),
        ("urge", "urge", {"urged"}),
        ("describe", "label", {"described"}),
        ("warn", "say", {"warned"}),
    ],
)
def test_speech_verb_spot_checks(lemma: str, frame: str, forms: set[str]) -> None:
    """Core reporting verbs carry their frame and inflections."""
    rows = {row[0]: row for row in _rows("speech_verbs.tsv")}
    assert rows[lemma][1] == frame
    assert forms <= set(rows[lemma][2].split(","))


def test_attribution_noun_spot_checks() -> None:
    """Attribution nouns list their plurals and spelling variants."""
    forms = _forms("attribution_nouns.tsv")
    assert {"statement", "statements"} <= set(forms["statement"])
    assert "acknowledgments" in forms["acknowledgement"]


@pytest.mark.parametrize(
    ("head", "gender", "kind", "plural"),
    [
        ("spokeswoman", "f", "title", "spokeswomen"),
        ("spokesman", "m", "title", "spokesmen"),
        ("spokesperson", "-", "title", "spokespeople"),
        ("prime minister", "-", "title", "prime ministers"),
        ("attorney general", "-", "title", "attorneys general"),
        ("secretary-general", "-", "title", "secretaries-general"),
        ("glaciologist", "-", "title", "glaciologists"),
        ("queen", "f", "title", "queens"),
        ("farmer", "-", "occupation", "farmers"),
        ("actress", "f", "occupation", "actresses"),
    ],
)
def test_role_spot_checks(head: str, gender: str, kind: str, plural: str) -> None:
    """Role heads carry gender, kind and plural."""
    rows = {row[0]: row for row in _rows("roles.tsv")}
    assert rows[head][1:] == [gender, kind, plural]


def test_roles_are_many_and_lowercase() -> None:
    """There are 300+ role heads, all lower-case, and no plural is also a singular head."""
    heads = _column("roles.tsv", "head")
    assert len(heads) >= 300
    assert all(h == h.lower() for h in heads)
    assert not set(filter(None, _column("roles.tsv", "plural"))) & set(heads)


def test_organisation_words() -> None:
    """Heads are capitalised or abbreviations; nouns are lower-case; 150+ rows."""
    rows = _rows("organisations.tsv")
    assert len(rows) >= 150
    heads = {w for w, kind in rows if kind == "head"}
    nouns = {w for w, kind in rows if kind == "noun"}
    assert {"Ministry", "Inc.", "GmbH", "University"} <= heads
    assert {"ministry", "regulator", "company"} <= nouns
    assert all(w == w.lower() for w in nouns)
    assert all(not w[0].islower() or w == "plc" for w in heads)


@pytest.mark.parametrize(
    ("form", "gender"), [("Mr", "m"), ("Mrs.", "f"), ("Ms", "f"), ("Dr", "-"), ("Sheikh", "m")]
)
def test_honorific_spot_checks(form: str, gender: str) -> None:
    """Honorifics carry the gender they mark."""
    assert dict(_rows("honorifics.tsv"))[form] == gender


def test_given_names() -> None:
    """Given names are title-case with clear gender, and the file stays small."""
    names = dict(_rows("given_names.tsv"))
    assert names["Mary"] == "f"
    assert names["John"] == "m"
    assert names["Fatima"] == "f"
    assert "Jordan" not in names  # used for both genders
    size = len(resources.files("quoteattr").joinpath("data", "given_names.tsv").read_bytes())
    assert size < 300_000
