"""A one-line progress display for long runs: documents, docs/s, MB/s, and ETA when known.

Drawn on a terminal only (a log file or a pipe gets no carriage-return noise), redrawn at
most a few times a second so that it costs nothing next to extraction. The total is
optional on purpose: counting the lines of a 50 GB JSONL first would take as long as a
good part of the job, so without a cheap total the display shows rates and no ETA.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO

CLEAR_LINE = "\r\x1b[K"
"""Carriage return plus ANSI "erase to end of line"."""


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Counts finished documents (and, when drawing, their UTF-8 bytes); draws a status line.

    Args:
        stream: where to draw (standard error in the CLI).
        total: number of documents expected, when it is cheap to know; enables the ETA.
        enabled: draw at all; default: only when ``stream`` is a terminal.
        interval: least number of seconds between redraws.
        clock: monotonic time source (replaceable in tests).
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        total: int | None = None,
        enabled: bool | None = None,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.total = total
        self.enabled = stream.isatty() if enabled is None else enabled
        self._interval = interval
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self.docs = 0
        self.bytes = 0

    def advance(self, text: str = "") -> None:
        """Count one more finished document; ``text`` (when it was read) counts toward MB/s."""
        self.docs += 1
        if not self.enabled:
            return  # sizes are only for display: skip encoding when nobody looks
        self.bytes += len(text.encode("utf-8", "surrogatepass"))
        if (self._drawn_at is None or self._clock() - self._drawn_at >= self._interval):
            self._draw()

    def line(self) -> str:
        """The status text, e.g. ``12,400 docs  310.5 docs/s  1.42 MB/s  62%  ETA 0:00:24``."""
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = self.docs / elapsed
        text = f"{self.docs:,} docs  {rate:,.1f} docs/s  {self.bytes / elapsed / 1e6:,.2f} MB/s"
        if self.total:
            left = max(self.total - self.docs, 0)
            eta = _duration(left / rate) if rate > 0 else "?"
            text += f"  {min(self.docs / self.total, 1.0):.0%}  ETA {eta}"
        return text

    def _draw(self) -> None:
        self._stream.write(CLEAR_LINE + self.line())
        self._stream.flush()
        self._drawn_at = self._clock()

    def note(self, message: str) -> None:
        """Print a whole line (a warning) on the stream without garbling the status line."""
        if self.enabled and self._drawn_at is not None:
            self._stream.write(CLEAR_LINE)
        self._stream.write(message + "\n")
        if self.enabled and self._drawn_at is not None:
            self._draw()

    def close(self) -> None:
        """Draw the final figures and end the line."""
        if self.enabled:
            self._draw()
            self._stream.write("\n")
            self._stream.flush()
