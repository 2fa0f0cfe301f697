"""The seed articles and the development passages, scored by the project's own scorer.

The seeds are the articles the project was specified from: a smoke test that must stay
essentially perfect. The development passages guard against regressions in each
construction. Both run the command line a user would, and the shared scorer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.cli import main


def _score(shared: Path, gold: Path, tmp_path: Path) -> dict[str, object]:
    pred = tmp_path / "pred.jsonl"
    assert main(["extract", str(gold), "--format", "jsonl", "-o", str(pred)]) == 0
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def test_seed_articles(shared_dir: Path, tmp_path: Path) -> None:
    """Seeds: quote F1 and speaker accuracy >= 0.95, role and country >= 0.9."""
    r = _score(shared_dir, shared_dir / "data" / "seeds" / "gold.jsonl", tmp_path)
    assert r["quotes"]["f1"] >= 0.95  # type: ignore[index]
    assert r["speaker_accuracy"] >= 0.95  # type: ignore[operator]
    assert r["role_accuracy"] >= 0.9  # type: ignore[operator]
    assert r["country_accuracy"] >= 0.9  # type: ignore[operator]


def test_development_constructions(shared_dir: Path, tmp_path: Path) -> None:
    """Development passages: no construction may quietly stop working."""
    gold = shared_dir / "data" / "dev" / "constructions-dev.jsonl"
    if not gold.exists():
        pytest.skip("development set not present")
    r = _score(shared_dir, gold, tmp_path)
    assert r["quotes"]["f1"] >= 0.97  # type: ignore[index]
    assert r["attribution"]["f1"] >= 0.95  # type: ignore[index]
    assert r["role_accuracy"] >= 0.85  # type: ignore[operator]
    assert r["country_accuracy"] >= 0.85  # type: ignore[operator]
