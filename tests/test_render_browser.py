"""Rendered pages in a real browser: headless Chromium parses, scripts and paints them."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quoteattr.model import Document, Quote, Span, Speaker, SpeakerKind
from quoteattr.render import render_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)  # fmt: skip
WIDTH, HEIGHT = 1200, 900

# Written for this test; CRLF line endings as in a file saved on Windows.
TEXT = "\r\n\r\n".join(
    [
        "City approves riverside cycle network",
        "The city council voted 31-12 on Thursday to build 40 kilometres of protected cycle lanes "
        "along the river, a council spokesperson said.",
        '"Every street we redesign is a street where a child can ride to school," said Deputy Mayor '
        'Keiko Saito, who led the plan. She called the vote "a promise kept".',
        "Shopkeepers on Harbour Road are less sure. According to the traders' association, half of "
        "its members fear losing parking spaces.",
        '"We were told about it last week," said Dimitri Vasquez, who runs a bakery on the road. "Nobody asked us."',
        "Transport researcher Amara Nwosu said similar schemes in other cities had raised footfall.",
        "Work is expected to start in the spring.",
    ]
)


def at(needle: str, context: str | None = None) -> Span:
    start = TEXT.index(needle, TEXT.index(context) if context else 0)
    return Span(start, start + len(needle))


def cycle_lanes() -> Document:
    speakers = (
        Speaker(id="ks", name="Keiko Saito", kind=SpeakerKind.PERSON, role="Deputy Mayor", country="NZ"),
        Speaker(id="ta", name="traders' association", kind=SpeakerKind.ORGANISATION, country="NZ"),
        Speaker(id="dv", name="Dimitri Vasquez", kind=SpeakerKind.PERSON, country="NZ"),
        Speaker(id="an", name="Amara Nwosu", kind=SpeakerKind.PERSON, role="transport researcher", country="NZ"),
    )
    quotes = (
        Quote(
            kind="indirect",
            content=at(
                "The city council voted 31-12 on Thursday to build 40 kilometres of "
                "protected cycle lanes along the river"
            ),
            cue=at("said", "spokesperson said"),
            speaker_mention=at("a council spokesperson"),
            confidence=0.7,
            rule="post-said-indirect",
        ),
        Quote(
            kind="direct",
            content=at("Every street we redesign is a street where a child can ride to school,"),
            cue=at("said", "said Deputy"),
            speaker_mention=at("Deputy Mayor Keiko Saito"),
            speaker_id="ks",
            confidence=0.96,
            rule="post-said",
        ),
        Quote(
            kind="mixed",
            content=at('the vote "a promise kept"'),
            cue=at("called"),
            speaker_mention=at("She"),
            speaker_id="ks",
            confidence=0.8,
            rule="called-fragment",
        ),
        Quote(
            kind="direct",
            content=at("a promise kept"),
            speaker_id="ks",
            confidence=0.6,
            rule="nested-fragment",
        ),
        Quote(
            kind="indirect",
            content=at("half of its members fear losing parking spaces"),
            cue=at("According to"),
            speaker_mention=at("the traders' association"),
            speaker_id="ta",
            confidence=0.85,
            rule="according-to",
        ),
        Quote(
            kind="direct",
            content=at("We were told about it last week,"),
            cue=at("said", "said Dimitri"),
            speaker_mention=at("Dimitri Vasquez"),
            speaker_id="dv",
            confidence=0.95,
            rule="post-said",
        ),
        Quote(
            kind="direct",
            content=at("Nobody asked us."),
            speaker_mention=at("Dimitri Vasquez"),
            speaker_id="dv",
            confidence=0.9,
            rule="continuation",
        ),
        Quote(
            kind="indirect",
            content=at("similar schemes in other cities had raised footfall"),
            cue=at("said", "Nwosu said"),
            speaker_mention=at("Transport researcher Amara Nwosu"),
            speaker_id="an",
            confidence=0.88,
            rule="indirect-zero-that",
        ),
    )
    return Document(text=TEXT, quotes=quotes, speakers=speakers, id="cycle-lanes")


def chromium(tmp_path: Path, *args: str) -> tuple[str, str]:
    """Stdout and stderr of one headless Chromium run (decoded without newline translation,
    so that carriage returns in the DOM survive)."""
    if CHROMIUM is None:
        pytest.skip("no chromium binary on PATH (Debian: apt-get install -y chromium)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", *args],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8", "replace")


class ArticleText(HTMLParser):
    """Collects the text inside <article> and the attributes of <body>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body: dict[str, str | None] = {}
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.body = dict(attrs)
        self.depth += self.depth > 0 or tag == "article"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def page(tmp_path: Path) -> Path:
    path = tmp_path / "cycle lanes.html"
    path.write_text(render_html(cycle_lanes()), encoding="utf-8")
    return path


def test_browser_runs_the_script_and_keeps_the_text(tmp_path: Path) -> None:
    """Chromium's DOM keeps the article text exactly (CRLF included), the script marks the
    page ready, and the page logs nothing to the console."""
    out, err = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", page(tmp_path).as_uri())
    dom = ArticleText()
    dom.feed(out)
    assert "data-ready" in dom.body
    assert "".join(dom.text) == TEXT
    console = [line for line in err.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour, interlace) in ((8, 2, 0), (8, 6, 0)), "unexpected PNG format"
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind_of_filter = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind_of_filter == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind_of_filter == 2:  # Up
            line = bytearray((x + y) & 255 for x, y in zip(line, prev, strict=True))
        elif kind_of_filter in (3, 4):  # Average, Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                if kind_of_filter == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                    continue
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        prev = line
    return width, height, rows


def test_screenshot_shows_highlighted_quotes(tmp_path: Path) -> None:
    """Painted as notebook cells (two fragments on one page), the page is not blank and
    shows every speaker's label colour: one fragment's styles do not undo another's."""
    later = Document(
        text="The mayor said work would start in spring.",
        quotes=(Quote(kind="indirect", content=Span(15, 41), speaker_id="m"),),
        speakers=(Speaker(id="m", name="Ana Lima"),),
    )
    html = render_html(cycle_lanes(), full_page=False) + render_html(later, full_page=False)
    notebook = tmp_path / "notebook.html"
    notebook.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{html}</body></html>')
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", notebook.as_uri())
    width, height, rows = decode_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    pixels = Counter(row[i : i + 3] for row in rows for i in range(0, len(row), 3))
    total = width * height
    mean = sum(sum(rgb) / 3 * k for rgb, k in pixels.items()) / total
    variance = sum((sum(rgb) / 3 - mean) ** 2 * k for rgb, k in pixels.items()) / total
    assert variance > 100, f"screenshot looks blank (grey variance {variance:.1f})"
    colours = re.findall(r"\.qa-s\d+\{--c:#([0-9a-f]{6})", render_html(cycle_lanes()))
    assert len(colours) == len(cycle_lanes().speakers)
    for colour in colours:
        assert pixels[bytes.fromhex(colour)] > 50, f"label colour #{colour} is not on screen"
