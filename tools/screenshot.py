"""Take ``docs/screenshot.png``: one article rendered by ``quoteattr.render`` in Chromium.

Regenerate after changing the page's look or the engine::

    apt-get install -y chromium          # Debian; any Chromium or Chrome on PATH will do
    python tools/screenshot.py ../shared/data/seeds/001_76f38a21051ace86.txt

A ``.txt`` input is extracted with the built-in engine; a ``.json`` input is a saved
quoteattr/1 document and is shown as saved. The page is painted by headless Chromium
at 1200 px wide (the width the README shows it at) and 1500 px high, enough for all three
kinds of quotation in the seed article.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import quoteattr
from quoteattr.model import Document
from quoteattr.render import render_html

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 400_000
"""A README image heavier than this slows every visit to the repository page."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help=".txt article to extract, or a saved quoteattr/1 .json")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--height", type=int, default=1500, help="window height in pixels (default 1500)")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("google-chrome")
    if browser is None:
        print("screenshot: no chromium on PATH (Debian: apt-get install -y chromium)", file=sys.stderr)
        return 1
    raw = args.input.read_text(encoding="utf-8")
    is_saved = args.input.suffix == ".json"
    document = Document.from_json(raw) if is_saved else quoteattr.extract(raw, id=args.input.stem)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(render_html(document), encoding="utf-8")
        subprocess.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size=1200,{args.height}", f"--screenshot={args.output.resolve()}", page.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    size = args.output.stat().st_size
    print(f"{args.output}: {len(document.quotes)} quotations, {size:,} bytes")
    if size > MAX_BYTES:
        print(f"screenshot: larger than {MAX_BYTES:,} bytes; lower --height", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
