"""HTML views of extraction results: the article with its quotations highlighted.

:func:`render_html` shows one :class:`~quoteattr.model.Document` the way displaCy shows
entities: each quotation highlighted by kind, its cue underlined, its speaker mention
outlined, and a label naming the speaker, role and country; a side panel lists the
speakers. :func:`render_index` links many such pages and totals their speakers.

Two promises make the pages safe to check an extractor against:

* The ``<article>`` element's ``textContent`` is exactly the document text. Labels live in
  attributes drawn by CSS pseudo-elements, the text sits in a ``white-space: pre-wrap``
  container, and the few characters an HTML parser would change (carriage returns) are
  written as character references.
* The markup is well-formed whatever the spans do. Quotes nest inside quotes, cues sit
  inside or outside them, and spans may cross; :func:`_markup` visits the span boundaries
  in order with a stack of open elements and splits an element where spans cross.

Pages are self-contained (inline CSS and a few lines of optional JavaScript, nothing
fetched) and work with scripting disabled.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import html
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from ._render_assets import CSS, SCRIPT
from .errors import InputTypeError
from .model import Document, Quote, QuoteKind, Speaker

__all__ = ["render_html", "render_index"]

_PARSER_UNSAFE = re.compile("[\r\x00\ud800-\udfff]")
"""Characters an HTML parser would not give back unchanged: it turns CR and CRLF into LF,
drops NUL from text, and a lone surrogate cannot be encoded at all."""

_KIND_ORDER = (QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED)


def _charref(match: re.Match[str]) -> str:
    # CR survives as a character reference; NUL and lone surrogates have no HTML form, so
    # they become U+FFFD, the character the parser would substitute anyway.
    return "&#13;" if match.group() == "\r" else "&#xFFFD;"


def _escape(text: str, *, quote: bool = True) -> str:
    """Escape ``text`` for a quoted attribute value or, with ``quote=False``, for element
    content (where quote marks, the subject matter, can stay as they are)."""
    return _PARSER_UNSAFE.sub(_charref, html.escape(text, quote=quote))


# --- colours -----------------------------------------------------------------------------


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance as WCAG 2 defines it."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


@functools.lru_cache(maxsize=256)
def _speaker_colours(index: int) -> tuple[str, str]:
    """The strong colour and the tint of the ``index``-th speaker of a document.

    Hues step by the golden angle, so speakers listed next to each other differ most. The
    strong colour is the lightest of its hue that white label text reads on at 4.6:1
    (WCAG AA asks 4.5:1); the tint mixes 14 % of it into white, far lighter than the
    4.5:1 that dark body text needs.
    """
    hue = (0.58 + index * 0.381966) % 1.0
    lightness = 0.56
    rgb = colorsys.hls_to_rgb(hue, lightness, 0.72)
    while 1.05 / (_luminance(rgb) + 0.05) < 4.6:  # ends: black is at 21:1
        lightness -= 0.01
        rgb = colorsys.hls_to_rgb(hue, lightness, 0.72)
    r, g, b = rgb
    return _hex(rgb), _hex((0.86 + 0.14 * r, 0.86 + 0.14 * g, 0.86 + 0.14 * b))


# --- markup ------------------------------------------------------------------------------


@attrs.frozen
class _Layer:
    """One element to lay over the text: ``tag`` around ``[start, end)``.

    ``first`` holds the attributes of the element's first fragment (label, id, focus);
    ``rest`` those of fragments reopened after a crossing span split it.
    """

    start: int
    end: int
    rank: int
    tag: str
    first: str
    rest: str


def _markup(text: str, layers: Sequence[_Layer]) -> str:
    """Interleave the escaped text with the layers' tags so that the tags always nest.

    At each boundary, in text order: close every layer that ends there, and with it any
    layer opened later that is still open (a crossing span); then open, outermost first
    (longest, then lowest rank), the layers starting there together with the crossing
    layers, which reopen as continuation fragments. An empty layer opens and closes in
    place. Cost: O(n log n) in the number of layers, plus the splits.
    """
    starting: dict[int, list[int]] = {}
    for i, layer in enumerate(layers):
        starting.setdefault(layer.start, []).append(i)
    ends = [layer.end for layer in layers]
    order = [(-layer.end, layer.rank) for layer in layers]  # outermost first
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    for bound in sorted(set(starting) | set(ends)):
        out.append(_escape(text[pos:bound], quote=False))
        pos = bound
        reopen: list[int] = []
        lowest = next((k for k, i in enumerate(stack) if ends[i] == bound), None)
        if lowest is not None:
            for i in reversed(stack[lowest:]):
                out.append(f"</{layers[i].tag}>")
                if ends[i] != bound:
                    reopen.append(i)
            del stack[lowest:]
        opening = reopen + starting.get(bound, [])
        if len(opening) > 1:
            opening.sort(key=order.__getitem__)
        for i in opening:
            layer = layers[i]
            out.append(f"<{layer.tag}{layer.rest if i in reopen else layer.first}>")
            if ends[i] == bound:
                out.append(f"</{layer.tag}>")
            else:
                stack.append(i)
    out.append(_escape(text[pos:], quote=False))
    return "".join(out)


@attrs.frozen
class _Voice:
    """How a speaker shows on the page: colour class, filter key, label and description.

    The unattributed "speaker" (key None) has one too, so that every quotation has a voice.
    """

    cls: str
    key: str
    label: str
    """Speaker, role and country, escaped for an attribute."""
    who: str
    """Speaker with role and country in brackets, plain text."""

    @classmethod
    def of(cls, n: int, speaker: Speaker) -> _Voice:
        extra = ", ".join(part for part in (speaker.role, speaker.country) if part)
        label = " · ".join(part for part in (speaker.name, speaker.role, speaker.country) if part)
        return cls(f"qa-s{n}", f"s{n}", _escape(label), f"{speaker.name} ({extra})" if extra else speaker.name)


_UNATTRIBUTED = _Voice("qa-unattributed", "none", "unattributed", "unattributed")


@attrs.frozen
class _Page:
    """What the parts of one document page share: the id prefix and the speakers' voices."""

    document: Document
    prefix: str
    voices: dict[str | None, _Voice]

    @classmethod
    def of(cls, document: Document) -> _Page:
        # A prefix that is the same for the same document and differs between documents
        # keeps ids unique when a notebook shows several fragments, and output stable.
        digest = hashlib.blake2b(repr(document).encode("utf-8", "surrogatepass"), digest_size=4)
        voices: dict[str | None, _Voice] = {s.id: _Voice.of(n, s) for n, s in enumerate(document.speakers)}
        voices[None] = _UNATTRIBUTED
        return cls(document, f"qa-{digest.hexdigest()}", voices)

    def describe(self, quote: Quote) -> tuple[str, str]:
        """The quotation's full description (title and screen readers) and its short form
        (the tooltip shown on keyboard focus), plain text."""
        facts = f"confidence {quote.confidence:.2f} · rule {quote.rule or '(none)'}"
        who = self.voices[quote.speaker_id].who
        return f"{quote.kind.value} quotation — {who}\n{facts}", f"{quote.kind.value} · {facts}"


def _layers(page: _Page) -> list[_Layer]:
    """The elements to lay over the text: each quotation, cue and speaker mention."""
    prefix, quotes = page.prefix, page.document.quotes
    layers: list[_Layer] = []
    seen: set[tuple[str, int, int]] = set()  # a cue or mention shared by split quotes shows once
    for i, quote in enumerate(quotes):
        voice = page.voices[quote.speaker_id]
        kind = quote.kind.value
        title, info = page.describe(quote)
        title = _escape(title)
        classes = f"qa-q qa-{kind} {voice.cls}"
        first = (
            f' id="{prefix}-q{i}" class="{classes}" data-q="{i}" data-s="{voice.key}" data-label="{voice.label}"'
            f' data-info="{_escape(info)}" title="{title}" tabindex="0" aria-describedby="{prefix}-d{i}"'
            f' aria-roledescription="{kind} quotation"'
        )
        rest = f' class="{classes} qa-cont" data-q="{i}" data-s="{voice.key}" title="{title}"'
        layers.append(_Layer(quote.content.start, quote.content.end, i, "mark", first, rest))
        for name, span, rank in (("qa-cue", quote.cue, 1), ("qa-who", quote.speaker_mention, 2)):
            if span is None or (name, span.start, span.end) in seen:
                continue
            seen.add((name, span.start, span.end))
            tag_attrs = f' class="{name} {voice.cls}" data-q="{i}"'
            layers.append(_Layer(span.start, span.end, rank * len(quotes) + i, "span", tag_attrs, tag_attrs))
    return layers


def _summary(document: Document) -> str:
    kinds = Counter(q.kind for q in document.quotes)
    total = len(document.quotes)
    parts = [f"{total} quotation{'' if total == 1 else 's'}"]
    if total:
        parts[0] += " (" + ", ".join(f"{kinds[k]} {k.value}" for k in _KIND_ORDER) + ")"
    speakers = len(document.speakers)
    parts.append(f"{speakers} speaker{'' if speakers == 1 else 's'}")
    unattributed = sum(1 for q in document.quotes if q.speaker_id is None)
    if unattributed:
        parts.append(f"{unattributed} unattributed")
    return " · ".join(parts)


_LEGEND = (
    '<ul class="qa-legend" aria-label="Legend">'
    '<li><span class="qa-key qa-direct">direct</span></li>'
    '<li><span class="qa-key qa-indirect">indirect</span></li>'
    '<li><span class="qa-key qa-mixed">mixed</span></li>'
    '<li><span class="qa-cue">cue</span></li>'
    '<li><span class="qa-who">speaker mention</span></li>'
    "</ul>"
)


def _speaker_row(key: str, swatch: str, name: str, role: str | None, country: str | None, count: int) -> str:
    return (
        f'<tr><td><button type="button" data-s="{key}"><span class="qa-swatch {swatch}"></span>'
        f"{_escape(name)}</button></td><td>{_escape(role or '')}</td><td>{_escape(country or '')}</td>"
        f'<td class="qa-n">{count}</td></tr>'
    )


def _side(page: _Page, heading: str) -> str:
    document, prefix = page.document, page.prefix
    counts = Counter(q.speaker_id for q in document.quotes)
    order = {s.id: n for n, s in enumerate(document.speakers)}
    rows = []
    for s in sorted(document.speakers, key=lambda s: (-counts[s.id], order[s.id])):
        voice = page.voices[s.id]
        rows.append(_speaker_row(voice.key, voice.cls, s.name, s.role, s.country, counts[s.id]))
    if counts[None]:
        rows.append(_speaker_row("none", "qa-unattributed", "unattributed", None, None, counts[None]))
    parts = [
        f'<aside class="qa-side" aria-labelledby="{prefix}-sp">',
        f'<{heading} class="qa-side-title" id="{prefix}-sp">Speakers</{heading}>',
    ]
    if rows:
        parts.append(
            '<p class="qa-hint">Select a speaker to highlight their quotations; select again '
            "or press Escape to clear.</p>"
        )
        parts.append(
            '<table><thead><tr><th scope="col">Name</th><th scope="col">Role</th>'
            '<th scope="col">Country</th><th scope="col" class="qa-n">Quotes</th></tr></thead>'
            "<tbody>"
        )
        parts.extend(rows)
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No quotations found.</p>")
    parts.append("</aside>")
    return "\n".join(parts)


def _speaker_css(document: Document) -> str:
    return "".join(
        ".quoteattr .qa-s{}{{--c:{};--t:{}}}\n".format(n, *_speaker_colours(n)) for n in range(len(document.speakers))
    )


def _wrap(body: str, css: str, title: str | None, full_page: bool, prefix: str) -> str:
    if not full_page:
        return f'<div class="quoteattr" id="{prefix}">\n<style>\n{css}</style>\n{body}\n</div>'
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n<meta name="generator" content="quoteattr">\n'
        f"<title>{_escape(title or 'quoteattr')}</title>\n<style>\n{css}</style>\n</head>\n"
        f'<body class="quoteattr" id="{prefix}">\n{body}\n</body>\n</html>\n'
    )


def render_html(document: Document, *, title: str | None = None, full_page: bool = True) -> str:
    """The document as HTML, with every quotation highlighted and labelled by its speaker.

    Direct, indirect and mixed quotations differ in underline style and background, so the
    kind shows without relying on colour; each speaker has a colour of their own. Hover or
    keyboard focus on a quotation shows its confidence and rule. The ``<article>``
    element's text content is exactly ``document.text``, so what you see is what the
    offsets index.

    Args:
        document: the extraction result to show.
        title: heading and page title; defaults to the document id. A fragment shows no
            heading unless one is given.
        full_page: a standalone ``<!DOCTYPE html>`` page (True), or a ``<div>`` fragment
            with scoped CSS for notebooks and other pages (False, used by
            ``Document._repr_html_``).

    Returns:
        Self-contained HTML: inline CSS, a few lines of optional JavaScript, no external
        resources.

    Raises:
        InputTypeError: ``document`` is not a :class:`~quoteattr.model.Document` (for
            example the raw text; run :func:`quoteattr.extract` on it first).
    """
    if not isinstance(document, Document):
        raise InputTypeError(
            f"render_html needs a quoteattr Document, got {type(document).__name__}; "
            "pass the result of quoteattr.extract(text)"
        )
    page = _Page.of(document)
    heading = title if title is not None else document.id if full_page else None
    head = ['<header class="qa-head">']
    if heading is not None:
        tag = "h1" if full_page else "p"
        head.append(f'<{tag} class="qa-title">{_escape(heading)}</{tag}>')
    head += [f'<p class="qa-summary">{_escape(_summary(document))}</p>', _LEGEND, "</header>"]
    descriptions = "".join(
        f'<span id="{page.prefix}-d{i}">{_escape(page.describe(q)[0], quote=False)}</span>'
        for i, q in enumerate(document.quotes)
    )
    body = "\n".join(
        [
            *head,
            '<div class="qa-layout">',
            f'<article class="qa-text" aria-label="Article text">{_markup(document.text, _layers(page))}</article>',
            _side(page, "h2" if full_page else "p"),
            "</div>",
            f"<div hidden>{descriptions}</div>",
            f"<script>\n{SCRIPT}</script>",
        ]
    )
    return _wrap(body, CSS + _speaker_css(document), heading, full_page, page.prefix)


def _speaker_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def render_index(entries: Sequence[tuple[str, Document, str]]) -> str:
    """An index page linking document pages, with quote counts and a speaker table.

    Speakers are merged across documents by canonical name (case and spacing ignored);
    when documents disagree on a speaker's role or country, every value is shown.

    Args:
        entries: ``(id, document, link)`` per document, in display order; ``link`` is the
            page's URL relative to the index (already URL-quoted).

    Returns:
        A standalone, self-contained HTML page.

    Raises:
        InputTypeError: an entry's document is not a :class:`~quoteattr.model.Document`.
    """
    doc_rows: list[str] = []
    names: dict[str, str] = {}
    roles: dict[str, dict[str, None]] = {}  # dicts as ordered sets: first-seen order
    countries: dict[str, dict[str, None]] = {}
    quotes: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for doc_id, document, link in entries:
        if not isinstance(document, Document):
            raise InputTypeError(
                f"index entry {doc_id!r}: expected a quoteattr Document, got {type(document).__name__}"
            )
        kinds = Counter(q.kind for q in document.quotes)
        counts = Counter(q.speaker_id for q in document.quotes)
        doc_rows.append(
            f'<tr><td><a href="{_escape(link)}">{_escape(doc_id)}</a></td>'
            f'<td class="qa-n">{len(document.quotes)}</td>'
            + "".join(f'<td class="qa-n">{kinds[k]}</td>' for k in _KIND_ORDER)
            + f'<td class="qa-n">{len(document.speakers)}</td><td class="qa-n">{counts[None]}</td></tr>'
        )
        for speaker in document.speakers:
            key = _speaker_key(speaker.name)
            names.setdefault(key, speaker.name)
            if speaker.role:
                roles.setdefault(key, {})[speaker.role] = None
            if speaker.country:
                countries.setdefault(key, {})[speaker.country] = None
            quotes[key] += counts[speaker.id]
            documents[key] += 1
    speaker_rows = [
        f"<tr><td>{_escape(names[key])}</td><td>{_escape(' / '.join(roles.get(key, ())))}</td>"
        f"<td>{_escape(' / '.join(countries.get(key, ())))}</td>"
        f'<td class="qa-n">{quotes[key]}</td><td class="qa-n">{documents[key]}</td></tr>'
        for key in sorted(names, key=lambda k: (-quotes[k], -documents[k], names[k].casefold()))
    ]
    total = sum(quotes.values())
    summary = f"{len(entries)} documents · {total} attributed quotations · {len(names)} speakers"
    num = '<th scope="col" class="qa-n">'
    body = "\n".join(
        [
            '<main class="qa-index">',
            '<header class="qa-head"><h1 class="qa-title">Quotations by document</h1>'
            f'<p class="qa-summary">{summary}</p></header>',
            '<table><caption>Documents</caption><thead><tr><th scope="col">Document</th>'
            f"{num}Quotes</th>{num}Direct</th>{num}Indirect</th>{num}Mixed</th>{num}Speakers</th>"
            f"{num}Unattributed</th></tr></thead><tbody>",
            *doc_rows,
            "</tbody></table>",
            '<table><caption>Speakers across documents</caption><thead><tr><th scope="col">Name</th>'
            f'<th scope="col">Role</th><th scope="col">Country</th>{num}Quotes</th>{num}Documents</th>'
            "</tr></thead><tbody>",
            *speaker_rows,
            "</tbody></table>",
            "</main>",
        ]
    )
    return _wrap(body, CSS, "quoteattr index", True, "qa-index")
