"""Attribution engine (placeholder while the stages are written)."""

from __future__ import annotations

from .backends.base import Analysis
from .model import Document


def attribute(text: str, analysis: Analysis, *, doc_id: str | None = None) -> Document:
    """Find quotations (placeholder: none yet)."""
    del analysis
    return Document(text=text, id=doc_id)
