"""HTML rendering (quoteattr.render) and ``quoteattr show``, checked on parsed HTML."""

from __future__ import annotations

import io
import json
import re
import urllib.parse
import webbrowser
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quoteattr.cli.show as show
from quoteattr.cli import main
from quoteattr.errors import DocumentTooLargeError, InputTypeError
from quoteattr.model import Document, Quote, QuoteKind, Span, Speaker, SpeakerKind
from quoteattr.render import render_html, render_index

# --- a small DOM built with the standard library ------------------------------------------

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert len(found) == 1, f"expected one <{tag} class={cls}>, found {len(found)}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [n for n, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"duplicate attribute in <{tag}>: {names}")
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> while <{self.stack[-1].tag}> is open")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Element:
    """Parse HTML, failing on any tag that is not closed in order, and on duplicate ids."""
    builder = TreeBuilder()
    # Input preprocessing, as in browsers: the HTML standard turns CRLF and CR into LF
    # before tokenising, which the stdlib parser leaves out.
    builder.feed(markup.replace("\r\n", "\n").replace("\r", "\n"))
    builder.close()
    problems = builder.problems + [f"<{e.tag}> never closed" for e in builder.stack[1:]]
    assert not problems, problems
    ids = [e.attrs["id"] for e in builder.root.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    return builder.root


def article_text(root: Element) -> str:
    return root.find("article", "qa-text").text()


def fragments(root: Element, cls: str) -> dict[int, str]:
    """Text of the article's elements with class ``cls``, joined per ``data-q`` in order."""
    joined: dict[int, str] = {}
    for e in root.find("article", "qa-text").find_all(cls=cls):
        q = int(e.attrs["data-q"] or "")
        joined[q] = joined.get(q, "") + e.text()
    return joined


# --- documents written for these tests ------------------------------------------------------

ARTICLE = (
    "Water board backs higher dam\n\n"
    "The regional water board on Tuesday approved a plan to raise the Kestrel Valley dam by four "
    "metres, according to a statement from the board.\n\n"
    '"This is the only way to keep the valley safe through another wet winter," said Ilse Varga, '
    "the board's chief engineer. \"We cannot wait for the next flood.\n\n"
    '"The money is already set aside."\n\n'
    "Farmers' union leader Tomás Okafor said the plan ignored the families whose fields would be "
    'flooded. He called the decision a "quiet land grab" and promised an appeal.\n\n'
    "Critics say the cost will double."
)


def at(text: str, needle: str, context: str | None = None) -> Span:
    """The span of ``needle``, searched for inside the first ``context`` when one is given."""
    start = text.index(context) if context else 0
    start = text.index(needle, start)
    return Span(start, start + len(needle))


Needle = str | tuple[str, str] | None
"""A span given by its text, or by its text and a longer context that locates it."""


def quote(
    text: str, kind: str, content: str, cue: Needle, mention: Needle, who: str | None, conf: float, rule: str
) -> Quote:
    def span(needle: Needle) -> Span | None:
        if needle is None:
            return None
        return at(text, needle) if isinstance(needle, str) else at(text, *needle)

    return Quote(
        kind=QuoteKind(kind),
        content=at(text, content),
        cue=span(cue),
        speaker_mention=span(mention),
        speaker_id=who,
        confidence=conf,
        rule=rule,
    )


def article() -> Document:
    t = ARTICLE
    speakers = (
        Speaker(id="board", name="regional water board", kind=SpeakerKind.ORGANISATION, country="HU"),
        Speaker(id="iv", name="Ilse Varga", kind=SpeakerKind.PERSON, role="chief engineer", country="HU"),
        Speaker(id="to", name="Tomás Okafor", kind="person", role="farmers' union leader", country="HU"),
    )
    quotes = (
        quote(t, "indirect", "The regional water board on Tuesday approved a plan to raise the Kestrel "
              "Valley dam by four metres", "according to", ("the board", "from the board"), "board", 0.74,
              "according-to"),
        quote(t, "direct", "This is the only way to keep the valley safe through another wet winter,",
              ("said", "said Ilse"), "Ilse Varga", "iv", 0.95, "post-said"),
        quote(t, "direct", 'We cannot wait for the next flood.\n\n"The money is already set aside.', None,
              "Ilse Varga", "iv", 0.9, "continuation"),
        quote(t, "indirect", "the plan ignored the families whose fields would be flooded",
              ("said", "Okafor said"), "Tomás Okafor", "to", 0.88, "indirect-zero-that"),
        quote(t, "mixed", 'the decision a "quiet land grab"', "called", ("He", "He called"), "to", 0.81,
              "called-fragment"),
        quote(t, "direct", "quiet land grab", None, None, "to", 0.6, "nested-fragment"),
        quote(t, "indirect", "the cost will double", ("say", "Critics say"), "Critics", None, 0.55,
              "indirect-zero-that"),
    )  # fmt: skip
    return Document(text=t, quotes=quotes, speakers=speakers, id="dam-plan")


def one_quote(
    text: str, quoted: str, name: str = "Noor Haddad", role: str | None = "mayor", country: str | None = "JO"
) -> Document:
    speaker = Speaker(id="s", name=name, role=role, country=country)
    quote = Quote(kind=QuoteKind.DIRECT, content=at(text, quoted), speaker_id="s", rule="post-said")
    return Document(text=text, quotes=(quote,), speakers=(speaker,), id="one")


# --- render_html ------------------------------------------------------------------------------


@pytest.mark.parametrize("full_page", [True, False])
def test_article_text_content_is_the_document_text(full_page: bool) -> None:
    """The <article> holds exactly the document text: labels and tooltips add none."""
    doc = article()
    assert article_text(parse(render_html(doc, full_page=full_page))) == doc.text


def test_every_quote_appears_once_with_its_speaker_label() -> None:
    """Each quote has exactly one labelled, focusable first fragment naming speaker, role, country."""
    doc = article()
    root = parse(render_html(doc))
    labelled = [e for e in root.find_all("mark", "qa-q") if "data-label" in e.attrs]
    assert sorted(int(e.attrs["data-q"] or "") for e in labelled) == list(range(len(doc.quotes)))
    labels = {int(e.attrs["data-q"] or ""): e.attrs["data-label"] for e in labelled}
    assert labels[1] == "Ilse Varga · chief engineer · HU"
    assert labels[0] == "regional water board · HU"
    assert labels[4] == "Tomás Okafor · farmers' union leader · HU"
    assert fragments(root, "qa-q") == {i: doc.text_of(q.content) for i, q in enumerate(doc.quotes)}


def test_kinds_have_distinct_classes_and_line_styles() -> None:
    """Direct, indirect and mixed quotes differ by underline style, not only by colour."""
    html = render_html(article())
    root = parse(html)
    kinds = {
        int(e.attrs["data-q"] or ""): e.classes() & {"qa-direct", "qa-indirect", "qa-mixed"}
        for e in root.find_all("mark", "qa-q")
    }
    assert kinds[0] == {"qa-indirect"}
    assert kinds[1] == {"qa-direct"}
    assert kinds[4] == {"qa-mixed"}
    css = root.find("style").text()
    assert "solid" in re.search(r"\.qa-q,\.quoteattr \.qa-key\{[^}]*\}", css).group()  # type: ignore[union-attr]
    assert "dashed" in re.search(r"\.qa-indirect\{[^}]*\}", css).group()  # type: ignore[union-attr]
    assert "dotted" in re.search(r"\.qa-mixed\{[^}]*\}", css).group()  # type: ignore[union-attr]


def test_cues_and_mentions_are_marked_once() -> None:
    """Cues and speaker mentions are wrapped with their exact text; a mention shared by a
    split quote is wrapped only once."""
    doc = article()
    root = parse(render_html(doc))
    assert fragments(root, "qa-cue") == {0: "according to", 1: "said", 3: "said", 4: "called", 6: "say"}
    assert fragments(root, "qa-who") == {
        0: "the board",
        1: "Ilse Varga",
        3: "Tomás Okafor",
        4: "He",
        6: "Critics",
    }


def test_multi_paragraph_quote_is_one_element_across_the_break() -> None:
    """A quote spanning paragraphs stays one element with the paragraph break inside it."""
    root = parse(render_html(article()))
    (mark,) = [e for e in root.find_all("mark") if e.attrs.get("data-q") == "2"]
    assert 'flood.\n\n"The money' in mark.text()


def test_nested_quote_sits_inside_the_mixed_quote() -> None:
    """The direct fragment of a mixed quote renders as a child element of it."""
    root = parse(render_html(article()))
    (mixed,) = [e for e in root.find_all("mark") if e.attrs.get("data-q") == "4"]
    inner = [e for e in mixed.iter() if e.attrs.get("data-q") == "5"]
    assert [e.text() for e in inner] == ["quiet land grab"]


def test_crossing_spans_split_the_later_element() -> None:
    """Spans that cross are split into fragments; only the first fragment carries the label."""
    text = "Officials said talks would resume soon, the spokeswoman added."
    speaker = Speaker(id="a", name="Lina Moreau")
    quotes = (
        Quote(kind="indirect", content=Span(15, 38), cue=Span(10, 20), speaker_id="a"),
        Quote(kind="indirect", content=Span(28, 61), cue=Span(0, 30), speaker_id="a"),
    )
    doc = Document(text=text, quotes=quotes, speakers=(speaker,))
    root = parse(render_html(doc))
    assert article_text(root) == text
    assert fragments(root, "qa-q") == {0: text[15:38], 1: text[28:61]}
    assert fragments(root, "qa-cue") == {0: text[10:20], 1: text[0:30]}
    marks = root.find_all("mark", "qa-q")
    assert len(marks) > 2
    firsts = [e for e in marks if "data-label" in e.attrs]
    assert len(firsts) == 2
    assert all(e.attrs["tabindex"] == "0" for e in firsts)
    assert all("qa-cont" in e.classes() and "tabindex" not in e.attrs for e in marks if e not in firsts)


def test_empty_span_renders_as_empty_element() -> None:
    """A zero-length quote still appears, once, as an empty labelled element."""
    text = "The minister declined to comment."
    doc = Document(text=text, quotes=(Quote(kind="direct", content=Span(4, 4), rule="empty"),))
    root = parse(render_html(doc))
    assert article_text(root) == text
    (mark,) = root.find_all("mark", "qa-q")
    assert mark.text() == ""
    assert mark.attrs["data-label"] == "unattributed"


TRICKY = [
    pytest.param(
        'Her post read <script>alert("hi")</script>, aides said.', '<script>alert("hi")</script>', id="script"
    ),
    pytest.param("The sign said &amp; meant Tom &amp; Jerry, she said.", "&amp; meant Tom &amp; Jerry", id="amp"),
    pytest.param('He said "we\'re done" & left.', "we're done", id="quote-marks"),
    pytest.param("Fans wrote “ganamos 🎉🇨🇴” all night, police said.", "ganamos 🎉🇨🇴", id="emoji"),
    pytest.param(
        'Opening line.\r\n\r\n"We will rebuild,\r\n\r\nand soon," she said.\r\n',
        "We will rebuild,\r\n\r\nand soon,",
        id="crlf",
    ),
    pytest.param('Lone\rcarriage return, "kept".', "kept", id="lone-cr"),
    pytest.param("\n\nLeading blank lines survive: “yes”.", "yes", id="leading-newlines"),
    pytest.param("Tabs\tand\u00a0no-break spaces \u2028 and \u2029 stay, “quite so”.", "quite so", id="spaces"),
]


@pytest.mark.parametrize(("text", "quoted"), TRICKY)
def test_tricky_text_survives_exactly(text: str, quoted: str) -> None:
    """Markup-like text, entities, quote marks, emoji and CR/CRLF come back unchanged."""
    doc = one_quote(text, quoted)
    root = parse(render_html(doc))
    assert article_text(root) == text
    assert fragments(root, "qa-q") == {0: quoted}


def test_speaker_names_with_markup_characters_are_escaped() -> None:
    """Quote marks, ampersands and angle brackets in names and titles stay text."""
    text = 'The "Iron Lady" of Lagos said: “No.”'
    doc = one_quote(text, "No.", name='Adaeze "Iron Lady" O\'Neil & <Co>', role="chair <interim>")
    root = parse(render_html(doc, title='<script>alert(1)</script> & "report"'))
    assert root.find("title").text() == '<script>alert(1)</script> & "report"'
    assert len(root.find_all("script")) == 1
    assert root.find("mark", "qa-q").attrs["data-label"] == 'Adaeze "Iron Lady" O\'Neil & <Co> · chair <interim> · JO'
    assert article_text(root) == text


def test_nul_and_lone_surrogates_become_replacement_characters() -> None:
    """Characters HTML cannot carry are shown as U+FFFD, which is what a browser would show."""
    text = "a\x00b\ud800c"
    root = parse(render_html(Document(text=text)))
    assert article_text(root) == "a\ufffdb\ufffdc"


def test_unattributed_quote_is_marked() -> None:
    """A quote without speaker gets a visible "unattributed" label and its own class."""
    root = parse(render_html(article()))
    (mark,) = [e for e in root.find_all("mark") if e.attrs.get("data-q") == "6"]
    assert mark.attrs["data-label"] == "unattributed"
    assert "qa-unattributed" in mark.classes()
    assert mark.attrs["data-s"] == "none"


def test_quote_exposes_confidence_and_rule_on_hover_and_focus() -> None:
    """Title, focus tooltip and the aria description all give the confidence and rule."""
    root = parse(render_html(article()))
    by_id = {e.attrs["id"]: e for e in root.iter() if "id" in e.attrs}
    (mark,) = [e for e in root.find_all("mark") if e.attrs.get("data-label") and e.attrs["data-q"] == "3"]
    assert mark.attrs["tabindex"] == "0"
    for described in (
        mark.attrs["title"],
        mark.attrs["data-info"],
        by_id[mark.attrs["aria-describedby"]].text(),
    ):
        assert described is not None
        assert "0.88" in described
        assert "indirect-zero-that" in described


def test_same_speaker_same_colour_class() -> None:
    """All of a speaker's quotes, cues and mentions share one colour class; speakers differ."""
    root = parse(render_html(article()))
    marks = root.find_all("mark", "qa-q")
    by_speaker: dict[str, set[str]] = {}
    for e in marks:
        by_speaker.setdefault(e.attrs["data-s"] or "", set()).update(
            c for c in e.classes() if c.startswith("qa-s") or c == "qa-unattributed"
        )
    assert all(len(classes) == 1 for classes in by_speaker.values())
    assert len({next(iter(c)) for c in by_speaker.values()}) == len(by_speaker) == 4


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_speaker_colours_meet_wcag_aa_and_are_distinct() -> None:
    """Label text (white on the speaker colour) and body text (on the tint) reach 4.5:1."""
    speakers = tuple(Speaker(id=f"p{i}", name=f"Person {i}") for i in range(40))
    root = parse(render_html(Document(text="No quotes today.", speakers=speakers)))
    css = root.find("style").text()
    colours = re.findall(r"\.qa-s(\d+)\{--c:(#[0-9a-f]{6});--t:(#[0-9a-f]{6})\}", css)
    assert [int(n) for n, _, _ in colours] == list(range(40))
    for _, strong, tint in colours:
        assert _contrast(strong, "#ffffff") >= 4.5
        assert _contrast(tint, "#1b1b1b") >= 4.5
    assert len({strong for _, strong, _ in colours[:12]}) == 12
    assert _contrast("#595959", "#ffffff") >= 4.5  # the unattributed grey


def test_side_panel_lists_speakers_with_counts() -> None:
    """The aside lists each speaker with role, country and number of quotes, busiest first."""
    root = parse(render_html(article()))
    rows = root.find("aside").find_all("tr")[1:]
    cells = [[td.text() for td in row.find_all("td")] for row in rows]
    assert cells == [
        ["Tomás Okafor", "farmers' union leader", "HU", "3"],
        ["Ilse Varga", "chief engineer", "HU", "2"],
        ["regional water board", "", "HU", "1"],
        ["unattributed", "", "", "1"],
    ]
    keys = {b.attrs["data-s"] for b in root.find("aside").find_all("button")}
    assert keys == {e.attrs["data-s"] for e in root.find_all("mark", "qa-q")}


def test_document_without_quotes_says_so() -> None:
    """An empty result still shows the text and says no quotation was found."""
    root = parse(render_html(Document(text="Rain is expected on Friday.", id="weather")))
    assert article_text(root) == "Rain is expected on Friday."
    assert "No quotations found." in root.find("aside").text()
    assert root.find("h1").text() == "weather"


def test_fragment_is_scoped_and_self_contained() -> None:
    """full_page=False gives one root <div class="quoteattr"> with scoped CSS, no document shell."""
    html = render_html(article(), full_page=False)
    root = parse(html)
    (top,) = [c for c in root.children if isinstance(c, Element)]
    assert top.tag == "div"
    assert "quoteattr" in top.classes()
    assert not root.find_all("html")
    assert not root.find_all("h1")
    rules = [r.strip() for r in re.findall(r"([^{}]+)\{", top.find("style").text())]
    assert all(sel.strip().startswith((".quoteattr", "body.quoteattr")) for r in rules for sel in r.split(","))


@pytest.mark.parametrize("full_page", [True, False])
def test_page_fetches_nothing(full_page: bool) -> None:
    """No external resources: no src attributes, no links to other sites, no CSS imports."""
    html = render_html(article(), full_page=full_page)
    root = parse(html)
    assert not [e for e in root.iter() if "src" in e.attrs or e.tag in ("link", "img", "iframe")]
    assert "@import" not in html
    assert "url(" not in html
    assert "http" not in html


def test_render_html_rejects_raw_text() -> None:
    """Passing the text instead of a Document is a TypeError that says what to do."""
    with pytest.raises(InputTypeError, match=r"quoteattr\.extract"):
        render_html("Ministers met on Monday.")  # type: ignore[arg-type]


# --- property: any valid span set gives well-formed markup --------------------------------

TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("<>&\"'\r\n “”«»"),
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    ),
    max_size=60,
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(TEXTS)
    spans = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(lambda p: Span(*sorted(p)))
    n_speakers = draw(st.integers(0, 3))
    speakers = tuple(
        Speaker(id=f"id{i}", name=draw(st.text(max_size=8)), role=draw(st.none() | st.text(max_size=5)))
        for i in range(n_speakers)
    )
    quotes = tuple(
        Quote(
            kind=draw(st.sampled_from(QuoteKind)),
            content=draw(spans),
            cue=draw(st.none() | spans),
            speaker_mention=draw(st.none() | spans),
            speaker_id=draw(st.none() | st.sampled_from([s.id for s in speakers])) if speakers else None,
            rule=draw(st.text(max_size=6)),
        )
        for _ in range(draw(st.integers(0, 6)))
    )
    return Document(text=text, quotes=quotes, speakers=speakers)


@given(documents(), st.booleans())
def test_any_span_set_renders_well_formed_with_exact_text(doc: Document, full_page: bool) -> None:
    """For any text and any valid spans, tags nest, the text is exact and each quote shows once."""
    root = parse(render_html(doc, full_page=full_page))
    assert article_text(root) == doc.text
    marks = root.find_all("mark", "qa-q")
    assert sorted(int(e.attrs["data-q"] or "") for e in marks if "data-label" in e.attrs) == list(
        range(len(doc.quotes))
    )
    assert fragments(root, "qa-q") == {i: doc.text_of(q.content) for i, q in enumerate(doc.quotes)}


# --- render_index ---------------------------------------------------------------------------


def second_article() -> Document:
    text = 'Tomás Okafor said the appeal would be filed on Friday. "We have the signatures," he said.'
    speaker = Speaker(id="x", name="Tomás  okafor", role="union leader", country="HU")
    quotes = (
        Quote(kind="indirect", content=at(text, "the appeal would be filed on Friday"), speaker_id="x"),
        Quote(kind="direct", content=at(text, "We have the signatures,"), speaker_id="x"),
        Quote(kind="direct", content=at(text, "We have"), speaker_id=None),
    )
    return Document(text=text, quotes=quotes, speakers=(speaker,), id="appeal")


def test_index_lists_every_document_with_counts() -> None:
    """Every entry is a linked row with its quote counts by kind and unattributed count."""
    html = render_index([("dam-plan", article(), "dam-plan.html"), ("appeal & co", second_article(), "a%20b.html")])
    root = parse(html)
    documents, _ = root.find_all("table")
    rows = [[td.text() for td in tr.find_all("td")] for tr in documents.find_all("tr")[1:]]
    assert rows == [["dam-plan", "7", "3", "3", "1", "3", "1"], ["appeal & co", "3", "2", "1", "0", "1", "1"]]
    assert [a.attrs["href"] for a in documents.find_all("a")] == ["dam-plan.html", "a%20b.html"]


def test_index_merges_speakers_across_documents() -> None:
    """A speaker named alike in two documents is one row, with both roles and summed counts."""
    root = parse(render_index([("d1", article(), "d1.html"), ("d2", second_article(), "d2.html")]))
    _, speakers = root.find_all("table")
    rows = [[td.text() for td in tr.find_all("td")] for tr in speakers.find_all("tr")[1:]]
    assert rows[0] == ["Tomás Okafor", "farmers' union leader / union leader", "HU", "5", "2"]
    assert sorted(r[0] for r in rows) == ["Ilse Varga", "Tomás Okafor", "regional water board"]


# --- the show command -----------------------------------------------------------------------


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand in for the engine (these tests are about the command, not extraction quality):
    the first sentence becomes an unattributed quote; returns the texts extracted."""
    calls: list[str] = []

    class FakeExtractor:
        def __init__(self, backend: str = "builtin") -> None:
            self.backend = backend

        def extract(self, text: str, *, id: str | None = None) -> Document:
            calls.append(text)
            if "TOO LONG" in text:
                raise DocumentTooLargeError("document has too many characters")
            end = text.index(".") if "." in text else len(text)
            return Document(text=text, id=id, quotes=(Quote(kind="indirect", content=Span(0, end), rule="fake"),))

    monkeypatch.setattr(show, "Extractor", FakeExtractor)
    return calls


def page_of(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def test_show_txt_writes_page_named_after_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_extractor: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One .txt gives <name>.html in the current directory, with the extracted quotes."""
    text = "Port workers will strike on Monday. The union confirmed it.\r\n"
    (tmp_path / "strike.txt").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["show", "strike.txt"]) == 0
    root = page_of(tmp_path / "strike.html")
    assert article_text(root) == text
    assert fragments(root, "qa-q") == {0: "Port workers will strike on Monday"}
    assert fake_extractor == [text]
    assert capsys.readouterr().out.strip() == "strike.html"


def test_show_saved_results_without_extracting(tmp_path: Path, fake_extractor: list[str]) -> None:
    """quoteattr/1 JSON documents are rendered as saved, not extracted again."""
    src = tmp_path / "saved.json"
    src.write_text(article().to_json(indent=2), encoding="utf-8")
    out = tmp_path / "pages" / "dam.html"
    assert main(["show", str(src), "-o", str(out)]) == 0
    root = page_of(out)
    assert article_text(root) == ARTICLE
    assert len([e for e in root.find_all("mark") if "data-label" in e.attrs]) == len(article().quotes)
    assert fake_extractor == []


def test_show_several_documents_writes_pages_and_index(
    tmp_path: Path, fake_extractor: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Several documents give one page each plus an index whose links all resolve; bad
    lines are reported with file and line and skipped, and the exit code is 1."""
    src = tmp_path / "mixed.jsonl"
    bad_schema = article().to_dict() | {"quotes": [{"kind": "shouted", "start": 0, "end": 3}]}
    lines = [
        article().to_json(),
        "{not json",
        json.dumps({"id": "note/7", "text": "Talks resumed. Both sides said so."}),
        json.dumps(bad_schema),
        json.dumps({"id": "dam-plan", "text": "Another text with a clashing id."}),
        json.dumps({"id": "big", "text": "TOO LONG."}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    assert main(["show", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{src}:2: not JSON" in err
    assert f"{src}:4: " in err
    assert "shouted" in err
    assert f"{src}:6: document has too many characters; skipped" in err
    index = page_of(out / "index.html")
    links = [a.attrs["href"] or "" for a in index.find_all("a")]
    assert [a.text() for a in index.find_all("a")] == ["dam-plan", "note/7", "dam-plan"]
    pages = [out / urllib.parse.unquote(link) for link in links]
    assert len(set(pages)) == 3
    assert all(p.is_file() for p in pages)
    assert all(p.parent == out for p in pages)
    assert article_text(page_of(pages[1])) == "Talks resumed. Both sides said so."


def test_show_one_page_file_for_several_documents_is_refused(
    tmp_path: Path, fake_extractor: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """-o page.html with several documents is a one-line error, exit 2, nothing written."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Officials met. Nobody spoke.", encoding="utf-8")
    assert main(["show", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "x.html")]) == 2
    assert "give a directory" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_show_directory_input_and_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_extractor: list[str]
) -> None:
    """A directory stands for its input files; - reads saved documents from stdin."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text("Second story. Quiet.", encoding="utf-8")
    (folder / "a.txt").write_text("First story. Loud.", encoding="utf-8")
    (folder / "skip.csv").write_text("id,text", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(second_article().to_json().encode("utf-8"))))
    assert main(["show", str(folder), "-", "-o", str(tmp_path / "out")]) == 0
    index = page_of(tmp_path / "out" / "index.html")
    assert [a.text() for a in index.find_all("a")] == ["a.txt", "b.txt", "appeal"]
    assert fake_extractor == ["First story. Loud.", "Second story. Quiet."]


def test_show_open_launches_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_extractor: list[str]
) -> None:
    """--open hands the written page to the web browser as a file:// URI."""
    opened: list[str] = []

    def fake_open(uri: str) -> bool:
        opened.append(uri)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    (tmp_path / "brief.txt").write_text("The court adjourned. Lawyers left.", encoding="utf-8")
    out = tmp_path / "brief.html"
    assert main(["show", str(tmp_path / "brief.txt"), "-o", str(out), "--open"]) == 0
    assert opened == [out.resolve().as_uri()]


def test_show_without_any_readable_document_fails(
    tmp_path: Path, fake_extractor: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file is reported on one line and nothing is written; exit 1."""
    assert main(["show", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err
    assert "no document to show" in err
    assert "Traceback" not in err
