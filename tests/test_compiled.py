"""The engine compiled by mypyc (what ``pip install .`` builds, see setup.py) gives exactly
the documents the interpreted engine gives.

The engine is compiled in place in a copy of the package (about a minute), then a fresh
interpreter extracts from the same texts; its output must equal this process's, field for
field. Skipped where mypyc or a C compiler is missing, and where this process runs the
compiled engine already (``.ci/run`` runs the whole suite a second time on the installed
wheel: there every test checks the compiled engine).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

import quoteattr
from quoteattr import _engine

from .conftest import SHARED

REPO = Path(__file__).resolve().parents[1]

TEXTS = [
    "“We will not sign a deal that hurts our farmers,” said Amara Nwosu, Nigeria’s trade minister.\n\n"
    "She added that talks with the European Union would resume in March. “The door is open,” she said.",
    "GENEVA — The World Health Organization warned on Tuesday that measles cases had tripled.\n\n"
    "According to the agency, vaccination rates fell in 40 countries. Its director-general, Dr. Lena Sorensen, "
    "called the trend a “preventable tragedy”.",
    "Brazil’s UN ambassador, Paulo Mendes, told the Security Council: “Sanctions alone will not end this war.”\n"
    "Mendes said his government was ready to host talks. Russia’s envoy countered that the proposal was premature.",
    "Q: Will you run again?\nA: No.\nMayor Ines Duarte: I have said what I had to say.\n"
    "Q: Why now?\nMayor Ines Duarte: Because the city needs new energy.",
    "'I don't know,' the coach said. ‘We’ll see in the ’90s style,’ he joked.\r\nRock ’n’ roll never dies.",
    "« Nous resterons », a déclaré le ministre. He said the plan “won’t work” and called it “a brazen violation",
    "",
    "\x00“\u200b'\"«»‹›„‚「」『』`` ''",
    ("The council said that the budget was balanced, and the mayor agreed. " * 40).strip(),
]


def _texts() -> list[str]:
    texts = list(TEXTS)
    dev = SHARED / "data" / "dev" / "constructions-dev.jsonl"
    if dev.is_file():  # more constructions, when the shared data sits beside the repository
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.fixture(scope="module")
def compiled_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package with the engine compiled in place."""
    if _engine.__file__.endswith((".so", ".pyd")):
        pytest.skip("this run's engine is compiled already: the whole suite checks it")
    pytest.importorskip("mypyc.build", reason="mypyc (from mypy) is needed to compile")
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}) to build the extension with")
    root = tmp_path_factory.mktemp("compiled")
    shutil.copytree(REPO / "quoteattr", root / "quoteattr", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, root / name)
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=root, capture_output=True, text=True,
        env={**os.environ, "QUOTEATTR_COMPILE": "1"}, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    return root


def _extract_compiled(root: Path, texts: list[str]) -> list[dict[str, Any]]:
    program = (
        "import json, sys\n"
        "import quoteattr, quoteattr._engine as engine\n"
        "assert engine.__file__.endswith(('.so', '.pyd')), engine.__file__\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([quoteattr.extract(t).to_dict() for t in texts]))\n"
    )
    run = subprocess.run([sys.executable, "-c", program], cwd=root, input=json.dumps(texts), capture_output=True,
                         text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    result: list[dict[str, Any]] = json.loads(run.stdout)
    return result


def test_compiled_engine_gives_the_same_documents(compiled_package: Path) -> None:
    texts = _texts()
    pure = [json.loads(json.dumps(quoteattr.extract(t).to_dict())) for t in texts]
    compiled = _extract_compiled(compiled_package, texts)
    assert len(compiled) == len(pure)
    for text, want, got in zip(texts, pure, compiled, strict=True):
        assert got == want, text[:80]
    assert sum(len(d["quotes"]) for d in compiled) > len(TEXTS)  # the texts do hold quotations
