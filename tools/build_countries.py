"""Build ``quoteattr/data/countries.tsv`` and ``quoteattr/data/country_names.tsv``.

The TSV files are the shipped artefacts: run-time code never imports the packages used
here. Regenerate with::

    pip install pycountry country_converter countryinfo
    python tools/build_countries.py

Sources, merged in this order (the first source to give a form for a code wins its type):

* pycountry (ISO 3166-1 codes, names, official and common names; data from Debian's
  iso-codes; LGPL-2.1),
* country_converter (``name_short``, ``name_official`` and ``UNmember`` columns of its
  ``country_data.tsv``, read as a file so that pandas is not needed; GPL-3.0),
* countryinfo (``name``, ``capital`` and ``demonym`` of its per-country JSON files; MIT),
* the hand-written supplements below (aliases, extra demonyms and plurals, alternative
  spellings of capitals, government metonyms), compiled by the quoteattr developers from
  general English news usage.

A form that evokes more than one country is dropped (ambiguity is worse than a gap),
except that a sovereign state wins over dependent territories ("French" is FR, not also
Réunion or Mayotte). The dropped forms are printed on stderr.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "quoteattr" / "data"

TYPES = ("name", "alias", "demonym", "capital", "institution")
"""Order of preference when one form is given several types for the same code."""

# Codes outside ISO 3166-1 proper that news uses: Kosovo's user-assigned code.
EXTRA_CODES = {"XK": "Kosovo"}

# Sovereign states that are not UN members (country_converter's UNmember is empty).
SOVEREIGN_EXTRA = {"VA", "PS", "XK", "TW"}

# Canonical English short names as news uses them, where the sources' short name differs.
CANONICAL = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "BQ": "Caribbean Netherlands",
    "BS": "Bahamas",
    "CC": "Cocos (Keeling) Islands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "GM": "Gambia",
    "HK": "Hong Kong",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "MK": "North Macedonia",
    "MM": "Myanmar",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SJ": "Svalbard and Jan Mayen",
    "ST": "São Tomé and Príncipe",
    "PN": "Pitcairn Islands",
    "WF": "Wallis and Futuna",
    "HM": "Heard Island and McDonald Islands",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "SZ": "Eswatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "VN": "Vietnam",
    "XK": "Kosovo",
}

# Hand-written supplement: names and aliases (type, form, code).
SUPPLEMENT: list[tuple[str, str, str]] = [
    # names: current, former and alternative official/common names
    ("name", "Bosnia-Herzegovina", "BA"),
    ("name", "Burma", "MM"),
    ("name", "Cabo Verde", "CV"),
    ("name", "Cape Verde", "CV"),
    ("name", "Congo-Brazzaville", "CG"),
    ("name", "Congo-Kinshasa", "CD"),
    ("name", "Congo Republic", "CG"),
    ("name", "Czech Republic", "CZ"),
    ("name", "Czechia", "CZ"),
    ("name", "Côte d'Ivoire", "CI"),
    ("name", "Democratic Republic of Congo", "CD"),
    ("name", "Democratic Republic of the Congo", "CD"),
    ("name", "East Timor", "TL"),
    ("name", "England", "GB"),
    ("name", "Eswatini", "SZ"),
    ("name", "Ivory Coast", "CI"),
    ("name", "Kosovo", "XK"),
    ("name", "Macao", "MO"),
    ("name", "Macau", "MO"),
    ("name", "Macedonia", "MK"),
    ("name", "Northern Ireland", "GB"),
    ("name", "Palestine", "PS"),
    ("name", "Republic of Congo", "CG"),
    ("name", "Republic of Kosovo", "XK"),
    ("name", "Republic of the Congo", "CG"),
    ("name", "Scotland", "GB"),
    ("name", "State of Palestine", "PS"),
    ("name", "Swaziland", "SZ"),
    ("name", "Timor-Leste", "TL"),
    ("name", "Turkey", "TR"),
    ("name", "Türkiye", "TR"),
    ("name", "US Virgin Islands", "VI"),
    ("name", "U.S. Virgin Islands", "VI"),
    ("name", "British Virgin Islands", "VG"),
    ("name", "Vatican", "VA"),
    ("name", "Vatican City", "VA"),
    ("name", "Holy See", "VA"),
    ("name", "Vietnam", "VN"),
    ("name", "Wales", "GB"),
    ("name", "Falkland Islands", "FK"),
    ("name", "Falklands", "FK"),
    ("name", "Faroe Islands", "FO"),
    ("name", "Faroes", "FO"),
    ("name", "Saint Martin", "MF"),
    ("name", "Sint Maarten", "SX"),
    ("name", "Caribbean Netherlands", "BQ"),
    ("name", "Bonaire", "BQ"),
    ("name", "Micronesia", "FM"),
    ("name", "Federated States of Micronesia", "FM"),
    ("name", "Saint Helena", "SH"),
    ("name", "Pitcairn Islands", "PN"),
    # aliases: abbreviations and informal names
    ("alias", "America", "US"),
    ("alias", "BiH", "BA"),
    ("alias", "Bosnia", "BA"),
    ("alias", "Britain", "GB"),
    ("alias", "Chinese Taipei", "TW"),
    ("alias", "DPRK", "KP"),
    ("alias", "D.P.R.K.", "KP"),
    ("alias", "DR Congo", "CD"),
    ("alias", "DRC", "CD"),
    ("alias", "D.R.C.", "CD"),
    ("alias", "FYROM", "MK"),
    ("alias", "Gaza", "PS"),
    ("alias", "Gaza Strip", "PS"),
    ("alias", "Great Britain", "GB"),
    ("alias", "Holland", "NL"),
    ("alias", "KSA", "SA"),
    ("alias", "NZ", "NZ"),
    ("alias", "Aotearoa", "NZ"),
    ("alias", "Palestinian territories", "PS"),
    ("alias", "Palestinian Territories", "PS"),
    ("alias", "PRC", "CN"),
    ("alias", "P.R.C.", "CN"),
    ("alias", "ROC", "TW"),
    ("alias", "ROK", "KR"),
    ("alias", "Russian Federation", "RU"),
    ("alias", "UAE", "AE"),
    ("alias", "U.A.E.", "AE"),
    ("alias", "UK", "GB"),
    ("alias", "U.K.", "GB"),
    ("alias", "US", "US"),
    ("alias", "U.S.", "US"),
    ("alias", "USA", "US"),
    ("alias", "U.S.A.", "US"),
    ("alias", "United States of America", "US"),
    ("alias", "West Bank", "PS"),
    ("alias", "Trinidad", "TT"),
    ("alias", "Antigua", "AG"),
    ("alias", "St Kitts", "KN"),
    ("alias", "St. Kitts", "KN"),
    ("alias", "Saint Kitts", "KN"),
    ("alias", "St Vincent", "VC"),
    ("alias", "St. Vincent", "VC"),
    ("alias", "Saint Vincent", "VC"),
    ("alias", "PNG", "PG"),
]

# Demonyms and people forms missing from countryinfo or spelled differently there.
DEMONYMS_EXTRA: dict[str, list[str]] = {
    "AE": ["Emirati", "Emiratis"],
    "AF": ["Afghan", "Afghans"],
    "AR": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
    "AZ": ["Azeri", "Azeris"],
    "BA": ["Bosnian", "Bosnians"],
    "BF": ["Burkinabe", "Burkinabè"],
    "BW": ["Botswanan", "Batswana"],
    "BY": ["Belarusian", "Belarusians"],
    "CH": ["Swiss"],
    "CN": ["Chinese"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "CX": ["Christmas Islander"],
    "CZ": ["Czech", "Czechs"],
    "DJ": ["Djiboutian", "Djiboutians"],
    "DK": ["Dane", "Danes"],
    "EC": ["Ecuadorian", "Ecuadorians", "Ecuadorean", "Ecuadoreans"],
    "ES": ["Spaniard", "Spaniards"],
    "FI": ["Finn", "Finns"],
    "FR": ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "GB": [
        "Briton",
        "Britons",
        "Brit",
        "Brits",
        "English",
        "Scottish",
        "Scot",
        "Scots",
        "Welsh",
        "Northern Irish",
        "Englishman",
        "Englishmen",
        "Englishwoman",
        "Scotsman",
        "Scotswoman",
    ],
    "GI": ["Gibraltarian", "Gibraltarians"],
    "GR": ["Greek", "Greeks"],
    "GW": ["Bissau-Guinean", "Bissau-Guineans"],
    "HK": ["Hong Konger", "Hong Kongers", "Hongkonger", "Hongkongers"],
    "HR": ["Croat", "Croats"],
    "IE": ["Irishman", "Irishmen", "Irishwoman"],
    "IS": ["Icelandic"],
    "KG": ["Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"],
    "KM": ["Comorian", "Comorians"],
    "KZ": ["Kazakh", "Kazakhs"],
    "LS": ["Basotho"],
    "LU": ["Luxembourgish"],
    "MK": ["North Macedonian", "North Macedonians"],
    "MM": ["Myanmar"],
    "MO": ["Macanese"],
    "MV": ["Maldivian", "Maldivians"],
    "NL": ["Dutchman", "Dutchmen", "Dutchwoman"],
    "NP": ["Nepali", "Nepalis"],
    "PH": ["Filipino", "Filipinos", "Filipina", "Filipinas", "Philippine"],
    "PL": ["Pole", "Poles"],
    "RS": ["Serb", "Serbs"],
    "SA": ["Saudi", "Saudis"],
    "SE": ["Swede", "Swedes"],
    "SI": ["Slovenian", "Slovenians"],
    "SK": ["Slovakian", "Slovakians", "Slovaks"],
    "SO": ["Somalian", "Somalians"],
    "SR": ["Surinamese"],
    "SV": ["Salvadorean", "Salvadoreans"],
    "TJ": ["Tajik", "Tajiks", "Tajikistani"],
    "TR": ["Turk", "Turks"],
    "US": ["American", "Americans"],
    "UZ": ["Uzbek", "Uzbeks"],
    "XK": ["Kosovar", "Kosovars", "Kosovan", "Kosovans"],
}

# Sovereign states whose only demonym evokes several countries (Congolese, Dominican,
# Guinean, Micronesian) or which have none in news use (the Vatican's adjective is "Vatican").
NO_DEMONYM = {"CD", "CG", "DM", "DO", "FM", "GN", "VA"}

# Sovereign states without a capital row: city-states whose capital is the country's name
# or "Vatican City" (a name row), and Israel, whose capital Jerusalem is contested and left out.
NO_CAPITAL = {"DJ", "IL", "LU", "MC", "SG", "VA"}

# countryinfo demonyms that are wrong, obsolete or not demonyms: dropped.
BAD_DEMONYMS = {
    "Cape Verdian",
    "Christmas Island",
    "Djibouti",
    "Gibraltar",
    "Kirghiz",
    "Maldivan",
    "Tadzhik",
    "Vaticanian",
    "South Georgia and the South Sandwich Islander",
    "Heard and McDonald Islander",
    "Serbian/Montenegrin",
}

# Demonyms whose people plural is not demonym + "s" (or which are adjectives only).
NO_PLURAL = {
    "Batswana",
    "Basotho",
    "Burkinabe",
    "Burkinabè",
    "I-Kiribati",
    "Icelandic",
    "Kyrgyz",
    "Luxembourgish",
    "Malagasy",
    "Motswana",
    "Mosotho",
    "Ni-Vanuatu",
    "Philippine",
    "Swiss",
    "Greenlandic",
    "Myanmar",
    "Turkmen",
    "Czech",
    "Chinese",
    "Welsh",
    "English",
    "Northern Irish",
}

# Capitals: corrections and additions to countryinfo (official capitals, seats of
# government, current and common alternative spellings).
CAPITALS_EXTRA: dict[str, list[str]] = {
    "BO": ["La Paz"],
    "KZ": ["Astana"],
    "LK": ["Sri Jayawardenepura Kotte"],
    "MM": ["Naypyitaw", "Nay Pyi Taw"],
    "MN": ["Ulan Bator"],
    "MY": ["Putrajaya"],
    "SZ": ["Mbabane"],
    "TD": ["Ndjamena"],
    "UA": ["Kiev"],
    "US": ["Washington", "Washington D.C.", "Washington DC"],
    "XK": ["Pristina", "Prishtina"],
    "YE": ["Sanaa"],
    "ZA": ["Cape Town", "Bloemfontein"],
    "PF": ["Papeete"],
    "GU": ["Hagatna"],
    "CW": ["Willemstad"],
    "IS": ["Reykjavík"],
}

# countryinfo capitals that are not usable as surface forms.
BAD_CAPITALS = {
    "City of Victoria",  # Hong Kong: not how news names it
    "Kralendijk / Oranjestad / The Bottom",
    "Plymouth",  # Montserrat's abandoned capital; the English city dominates
    "The Valley",  # Anguilla: ordinary English words
    "West Island",  # Cocos Islands: ordinary English words
    "Vatican City State",
    "Papeetē",
    "Jerusalem",  # contested (Israel / Palestine): left out on purpose
}

# Well-known metonyms for a government or state institution (only unambiguous ones).
INSTITUTIONS: dict[str, str] = {
    "Aso Rock": "NG",
    "Bankova": "UA",
    "Blue House": "KR",
    "Buckingham Palace": "GB",
    "Bundestag": "DE",
    "Bundeswehr": "DE",
    "Capitol Hill": "US",
    "Casa Rosada": "AR",
    "Cheong Wa Dae": "KR",
    "Chequers": "GB",
    "Dáil": "IE",
    "Downing Street": "GB",
    "Élysée": "FR",
    "Élysée Palace": "FR",
    "Elysee": "FR",
    "Elysee Palace": "FR",
    "Farnesina": "IT",
    "Foggy Bottom": "US",
    "Great Hall of the People": "CN",
    "Holyrood": "GB",
    "Home Office": "GB",
    "Itamaraty": "BR",
    "Kensington Palace": "GB",
    "Knesset": "IL",
    "Kremlin": "RU",
    "La Moncloa": "ES",
    "Moncloa": "ES",
    "La Moneda": "CL",
    "Lok Sabha": "IN",
    "Malacañang": "PH",
    "Malacanang": "PH",
    "Matignon": "FR",
    "Miraflores Palace": "VE",
    "Oireachtas": "IE",
    "Oval Office": "US",
    "Palazzo Chigi": "IT",
    "Pentagon": "US",
    "Planalto": "BR",
    "Quai d'Orsay": "FR",
    "Quirinale": "IT",
    "Rajya Sabha": "IN",
    "Rashtrapati Bhavan": "IN",
    "Riksdag": "SE",
    "Scotland Yard": "GB",
    "Sejm": "PL",
    "Senedd": "GB",
    "South Block": "IN",
    "State Department": "US",
    "State Duma": "RU",
    "Stormont": "GB",
    "Storting": "NO",
    "Union Buildings": "ZA",
    "Verkhovna Rada": "UA",
    "White House": "US",
    "Whitehall": "GB",
    "Westminster": "GB",
    "Zhongnanhai": "CN",
    "Justice Department": "US",
    "Defense Department": "US",
    "Treasury Department": "US",
    "Commerce Department": "US",
    "Homeland Security": "US",
}

# Forms excluded by hand: they evoke several countries or are ordinary words.
EXCLUDE = {
    "Congo",
    "Congolese",
    "Congolese people",
    "Dominican",
    "Dominicans",
    "Guinean",
    "Guineans",
    "Korea",
    "Korean",
    "Koreans",
    "Male",
    "Island",
    "Lao",
    "Thai people",
    "Georgia, Republic of",
    "Samoa, American",
    "Channel Islander",
    "Micronesian",
    "Micronesians",
    "Virgin Islander",
    "Guiana",
}

# Flags: also a common given name/surname, an ordinary word or another well-known place.
AMBIGUOUS = {
    "Chad",
    "Chequers",
    "Diego Garcia",
    "Douglas",
    "English",
    "Finn",
    "George Town",
    "Georgetown",
    "Georgia",
    "Georgian",
    "Georgians",
    "Hamilton",
    "Holland",
    "Jamestown",
    "Jersey",
    "Jordan",
    "Kingston",
    "Moroni",
    "Panama City",
    "Pole",
    "Poles",
    "Saint John's",
    "Saint-Denis",
    "San Jose",
    "San José",
    "Santiago",
    "Sofia",
    "St. George's",
    "St. John's",
    "Saint George's",
    "St George's",
    "St John's",
    "Stanley",
    "Tripoli",
    "Victoria",
    "Wales",
    "Washington",
    "Wellington",
    "Westminster",
    "Trinidad",
    "Antigua",
    "Bonaire",
    "Gaza",
}
# Flags: also a well-known state, province or region of another country (e.g. a US state),
# or a constituent part of the country it maps to.
SUBNATIONAL = {
    "England",
    "English",
    "Englishman",
    "Englishmen",
    "Englishwoman",
    "Georgia",
    "Georgian",
    "Georgians",
    "Macedonia",
    "Macedonian",
    "Macedonians",
    "Northern Ireland",
    "Northern Irish",
    "Scotland",
    "Scottish",
    "Scot",
    "Scots",
    "Scotsman",
    "Scotswoman",
    "Wales",
    "Welsh",
    "Washington",
    "Gaza",
    "Gaza Strip",
    "West Bank",
}

PUNCTUATION_IN_FORMS = frozenset("'’ .-()")
# Endings of demonyms that are adjectives only ("Polish") or have an unchanged or irregular
# people plural ("Chinese", "Swiss", "Frenchman").
IRREGULAR_PLURAL_ENDINGS = (
    "ese", "ss", "sh", "ch", "ic", "y", "ois", "x", "s", "z", "shman", "chman", "sman", "woman", "men",
)  # fmt: skip


def _package_dir(name: str) -> Path:
    """Directory of an installed package, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{name} is not installed: pip install {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def _fold(form: str) -> str:
    """The form without diacritics ("Côte d'Ivoire" → "Cote d'Ivoire")."""
    decomposed = unicodedata.normalize("NFKD", form)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_latin(ch: str) -> bool:
    """A Latin letter or a combining mark."""
    return unicodedata.combining(ch) > 0 or (ch.isalpha() and "LATIN" in unicodedata.name(ch, ""))


def _usable(form: str) -> bool:
    """A plausible English surface form: Latin script, no inverted "X, Y of" order."""
    return (
        len(form) > 1
        and "," not in form
        and " Is." not in form
        and form[0].isalpha()
        and all(ch in PUNCTUATION_IN_FORMS or _is_latin(ch) for ch in form)
    )


def _plural(demonym: str) -> str | None:
    """The people plural of a demonym, or None where it is irregular or an adjective."""
    if demonym in NO_PLURAL or " and " in demonym:
        return None
    if demonym.endswith(IRREGULAR_PLURAL_ENDINGS):
        return None
    return demonym + "s"


def main() -> None:
    """Write the two TSV files."""
    codes: dict[str, str] = {c.alpha_2: c.name for c in pycountry.countries}
    codes.update(EXTRA_CODES)

    cc_dir = _package_dir("country_converter")
    with (cc_dir / "country_data.tsv").open(encoding="utf-8", newline="") as f:
        cc_rows = {r["ISO2"]: r for r in csv.DictReader(f, delimiter="\t") if r["ISO2"]}
    cc_rows = {code: r for code, r in cc_rows.items() if code in codes}
    sovereign = {code for code, r in cc_rows.items() if r["UNmember"].strip()} | SOVEREIGN_EXTRA

    ci_dir = _package_dir("countryinfo")
    ci_records: list[dict[str, object]] = []
    for path in sorted((ci_dir / "data").glob("*.json")):
        with path.open(encoding="utf-8") as f:
            ci_records.append(json.load(f))

    # form -> code -> type
    found: dict[str, dict[str, str]] = {}

    def add(form: str, code: str, kind: str) -> None:
        form = " ".join(form.split())
        if form.startswith(("The ", "the ")):
            form = form[4:]
        if code not in codes or not _usable(form) or form in EXCLUDE:
            return
        variants = {form}
        if form.startswith("Saint "):
            variants |= {"St. " + form[6:], "St " + form[6:]}
        variants |= {_fold(v) for v in variants}
        variants |= {v.replace("'", "’") for v in variants}
        for v in variants:
            if v in EXCLUDE or not _usable(v):
                continue
            by_code = found.setdefault(v, {})
            old = by_code.get(code)
            if old is None or TYPES.index(kind) < TYPES.index(old):
                by_code[code] = kind

    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if isinstance(value, str):
                add(value, c.alpha_2, "name")
    for code, r in cc_rows.items():
        add(r["name_short"], code, "name")
        add(r["name_official"], code, "name")
    for rec in ci_records:
        iso = rec.get("ISO")
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        if not isinstance(code, str):
            continue
        name = rec.get("name")
        if isinstance(name, str):
            add(name, code, "name")
        capital = rec.get("capital")
        if isinstance(capital, str) and capital not in BAD_CAPITALS:
            add(capital, code, "capital")
        demonym = rec.get("demonym")
        if isinstance(demonym, str):
            for d in demonym.split(","):
                d = d.strip()
                if d and d not in BAD_DEMONYMS:
                    add(d, code, "demonym")
                    plural = _plural(d)
                    if plural:
                        add(plural, code, "demonym")
    for kind, form, code in SUPPLEMENT:
        add(form, code, kind)
    for code, forms in DEMONYMS_EXTRA.items():
        for d in forms:
            add(d, code, "demonym")
            plural = _plural(d)
            if plural:
                add(plural, code, "demonym")
    for code, forms in CAPITALS_EXTRA.items():
        for form in forms:
            add(form, code, "capital")
    for form, code in INSTITUTIONS.items():
        add(form, code, "institution")

    rows: list[tuple[str, str, str, str]] = []
    for form, by_code in found.items():
        if len(by_code) > 1:
            winners = [c for c in by_code if c in sovereign]
            if len(winners) != 1:
                print(f"dropped (several countries): {form!r} {sorted(by_code)}", file=sys.stderr)
                continue
            by_code = {winners[0]: by_code[winners[0]]}
        ((code, kind),) = by_code.items()
        base = form.replace("’", "'")
        flags = []
        if base in AMBIGUOUS or _fold(base) in AMBIGUOUS:
            flags.append("ambiguous-name")
        if base in SUBNATIONAL or _fold(base) in SUBNATIONAL:
            flags.append("also-subnational")
        rows.append((form, code, kind, ",".join(flags)))
    rows.sort(key=lambda r: (r[0].casefold(), r[0]))

    missing = sorted(set(codes) - {r[1] for r in rows})
    if missing:
        sys.exit(f"codes without any form: {missing}")
    for kind in ("demonym", "capital"):
        exempt = NO_DEMONYM if kind == "demonym" else NO_CAPITAL
        lacking = sorted(sovereign - exempt - {r[1] for r in rows if r[2] == kind})
        if lacking:
            sys.exit(f"sovereign states without a {kind}: {lacking}")

    versions = (
        f"pycountry {version('pycountry')}, country_converter {version('country_converter')}, "
        f"countryinfo {version('countryinfo')}"
    )
    header = [
        "# Surface forms of countries as written in English news, case-sensitive, each mapping",
        "# to exactly one ISO 3166-1 alpha-2 code (plus XK, the user-assigned code for Kosovo).",
        "# type: name | alias | demonym | capital | institution (a metonym for a government).",
        "# flags: ambiguous-name = also a common given name or surname, an ordinary word or another",
        "#   well-known place; also-subnational = also a well-known state or region (e.g. a US",
        "#   state) or a constituent part of the country.",
        "# Forms that evoke more than one country (Congolese, Korean, Dominican, Jerusalem) are left out.",
        f"# SOURCE: {versions};",
        "#   supplements (aliases, demonyms, capitals, institutions, flags) compiled by the",
        "#   quoteattr developers from general English usage.",
        "# LICENCE of the sources: pycountry LGPL-2.1 (Debian iso-codes), country_converter GPL-3.0,",
        "#   countryinfo MIT; the file holds only facts (names of countries) taken from them.",
        "# GENERATED by tools/build_countries.py: pip install pycountry country_converter countryinfo;",
        "#   python tools/build_countries.py",
        "form\tiso2\ttype\tflags",
    ]
    (DATA / "countries.tsv").write_text(
        "\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8"
    )

    names: dict[str, str] = {}
    for code, iso_name in codes.items():
        if code in CANONICAL:
            names[code] = CANONICAL[code]
            continue
        record = pycountry.countries.get(alpha_2=code)
        common = getattr(record, "common_name", None) if record is not None else None
        short = cc_rows[code]["name_short"] if code in cc_rows else ""
        for candidate in (common, short, iso_name):
            if isinstance(candidate, str) and candidate and "," not in candidate and "." not in candidate:
                names[code] = candidate
                break
        else:
            names[code] = iso_name
    header = [
        "# One canonical English short name per country code, as news uses it.",
        f"# SOURCE: {versions}; canonical overrides compiled by the quoteattr developers",
        "#   from general English news usage.",
        "# LICENCE of the sources: pycountry LGPL-2.1 (Debian iso-codes), country_converter GPL-3.0,",
        "#   countryinfo MIT; the file holds only facts (names of countries) taken from them.",
        "# GENERATED by tools/build_countries.py (see countries.tsv).",
        "iso2\tname",
    ]
    (DATA / "country_names.tsv").write_text(
        "\n".join(header + [f"{code}\t{names[code]}" for code in sorted(names)]) + "\n",
        encoding="utf-8",
    )
    print(f"countries.tsv: {len(rows)} forms; country_names.tsv: {len(names)} codes", file=sys.stderr)


if __name__ == "__main__":
    main()
