"""Test helpers for the stanza backend: load the CoNLL-U fixtures, train tiny models.

No stanza model can be downloaded in CI, so the tests that go through the real
``stanza.Pipeline`` loading path use a tokenizer, tagger and parser trained here, in a few
seconds, on the hand-written fixtures. Their output is poor (a handful of training steps on
a few sentences); the tests check offsets, types and the code path, never parse quality.

Run ``python tests/stanza_tiny.py DIR`` to train the models into DIR and time the tiny
pipeline on a 3 KB article.
"""

from __future__ import annotations

import contextlib
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

FIXTURES = Path(__file__).parent / "fixtures"

# Small enough to train in seconds on one CPU core, large enough to load like a real model.
TINY_DIMS = {
    "hidden_dim": 16,
    "char_hidden_dim": 16,
    "deep_biaff_hidden_dim": 16,
    "word_emb_dim": 16,
    "char_emb_dim": 16,
    "tag_emb_dim": 8,
}

# stanza.Pipeline reads resources.json from its model directory even when every model path
# is given; this is the least it accepts for English (no packages, so nothing to add or fetch).
MINIMAL_RESOURCES = '{"en": {"lang_name": "English", "packages": {}, "tokenize": {}}}\n'

ARTICLE = """\
Coastal towns in the north of the country will receive emergency funds to repair sea walls \
damaged by last month's storms, the interior ministry said on Thursday. The package, worth \
about 40 million dollars, will be paid out in two instalments, according to a statement \
from the ministry.

Deputy Interior Minister Lina Okafor told reporters in the port city of Harwick that the \
first payments would arrive before the end of the month. She said local councils had \
already submitted plans for more than 60 projects, and that engineers would inspect every \
site before work began.

"We cannot wait for the next storm to show us where the weak points are," Okafor said. \
"Every week of delay raises the cost of the repairs."

The opposition criticised the plan, saying that the money was too little and came too late. \
Samuel Brandt, who leads the Green Coast party in parliament, said the government had \
ignored warnings from its own scientists for years. He urged ministers to publish the \
engineering reports that were commissioned after the floods of 2019.

Residents of Harwick described scenes of chaos when the storm surge broke through the \
harbour wall in the early hours of the morning. Fishermen lost boats and equipment, and \
several shops along the waterfront remain closed. The town's mayor, Ada Lindqvist, said \
the repairs would take at least a year, adding that some families might never return.

Insurance companies have estimated the total damage at more than 300 million dollars, the \
highest figure for a single storm in more than two decades. The national weather service \
warned that rising sea levels would make such surges more frequent, and said it would \
publish a new flood map for the northern coast in the spring.

The finance ministry's promise that the funds would not be taken from the health budget \
reassured some lawmakers. Others remained sceptical. A spokesman for the ministry declined \
to say how the payments would be financed, but said more details would follow next week. \
The government has not said whether it will ask the European Union for help, although \
several neighbouring countries made similar requests after storms in 2021.

Local businesses, meanwhile, are counting the cost. The owner of a seafront hotel said \
bookings for the summer had fallen by a third since the storm. "People see the pictures on \
television and they think the whole town is under water," she said. "It is not. We are open, \
and we need visitors more than ever." Tourism officials said they would launch a campaign \
next month to bring visitors back to the coast.

Scientists at the national university said the storm had been made more likely by warmer \
water in the North Sea. Their report, published on Friday, found that sea temperatures in \
October were the highest on record, and warned that the coast should expect at least one \
storm of similar strength every decade. The environment minister, Jonas Varga, called the \
findings "a wake-up call" and promised to present a coastal defence plan by the summer.
"""


def _place(entries: list[dict[str, Any]], text: str, offset: int) -> None:
    """Give each CoNLL-U entry of a sentence its character offsets in the document: tokens
    (and multi-word tokens) are laid over the sentence's ``# text``, the words of a
    multi-word token over its surface form ("didn't" = "did" + "n't")."""
    at, surface_at, mwt_last = 0, 0, 0
    for entry in entries:
        ids = entry["id"] if isinstance(entry["id"], tuple) else (entry["id"],)
        if ids[0] <= mwt_last:
            start = text.index(entry["text"], surface_at)
            surface_at = start + len(entry["text"])
        else:
            start = text.index(entry["text"], at)
            assert not text[at:start].strip(), f"{entry['text']!r} is not next in {text!r}"
            at, surface_at = start + len(entry["text"]), start
            mwt_last = ids[-1] if len(ids) > 1 else 0
        entry["start_char"], entry["end_char"] = offset + start, offset + start + len(entry["text"])


def load_fixture(name: str) -> Any:
    """The fixture ``tests/fixtures/NAME.conllu`` as an annotated ``stanza.Document``.

    stanza's CoNLL-U reader gives the annotation (entities from ``ner=`` BIOES tags in
    MISC); offsets come from each sentence's ``# text``, and the document text is the
    sentences joined by single spaces. Works across the stanza versions quoteattr supports
    (``CoNLL.conll2doc(..., reconstruct_text=True)`` exists only since stanza 1.15).
    """
    import stanza
    from stanza.utils.conll import CoNLL

    sentences, comments = CoNLL.conll2dict(input_file=str(FIXTURES / f"{name}.conllu"))[:2]
    texts: list[str] = []
    offset = 0
    for entries, notes in zip(sentences, comments, strict=True):
        text = next(n.split("=", 1)[1].strip() for n in notes if n.startswith("# text ="))
        _place(entries, text, offset)
        texts.append(text)
        offset += len(text) + 1
    return stanza.Document(sentences, text=" ".join(texts), comments=comments)


@attrs.frozen
class TinyModels:
    """Paths of tiny models trained on the fixtures, ready for ``stanza.Pipeline``."""

    model_dir: Path
    tokenize: Path
    pos: Path
    depparse: Path

    def backend_options(self) -> dict[str, Any]:
        """Keyword arguments for ``StanzaBackend`` that load these models (lemmas = words)."""
        return {
            "lang": "en",
            "processors": "tokenize,pos,lemma,depparse",
            "model_dir": str(self.model_dir),
            "tokenize_model_path": str(self.tokenize),
            "pos_model_path": str(self.pos),
            "depparse_model_path": str(self.depparse),
            "lemma_use_identity": True,
        }


def _write_training_data(workdir: Path) -> tuple[Path, Path, Path, Path]:
    """Raw text, per-character token labels, an (empty) MWT list and CoNLL-U for training.

    Label 1 ends a token, 2 ends a sentence, 0 is anything else; multi-word tokens are
    labelled as plain tokens, so the tokenizer needs no MWT expander.
    """
    texts, labels, conllu = [], [], []
    for path in sorted(FIXTURES.glob("*.conllu")):
        doc = load_fixture(path.stem)
        marks = ["0"] * len(doc.text)
        for sentence in doc.sentences:
            for token in sentence.tokens:
                marks[token.end_char - 1] = "1"
            marks[sentence.tokens[-1].end_char - 1] = "2"
        texts.append(doc.text)
        labels.append("".join(marks))
        conllu.append(path.read_text(encoding="utf-8").strip())
    txt, lab, mwt, conll = (workdir / n for n in ("train.txt", "train.labels", "mwt.json", "train.conllu"))
    txt.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    lab.write_text("\n\n".join(labels) + "\n", encoding="utf-8")
    mwt.write_text("[]\n", encoding="utf-8")
    conll.write_text("\n\n".join(conllu) + "\n\n", encoding="utf-8")
    return txt, lab, mwt, conll


@contextlib.contextmanager
def one_torch_thread() -> Iterator[None]:
    """Run torch on one thread: tiny models gain nothing from more, and on a busy shared
    machine torch's spinning worker threads make them many times slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _cli(**options: object) -> list[str]:
    """Command-line arguments for a stanza training script; ``True`` means a bare flag."""
    args = []
    for key, value in options.items():
        args.append(f"--{key}")
        if value is not True:
            args.append(str(value))
    return args


def train_tiny_models(workdir: Path) -> TinyModels:
    """Train a tokenizer, a POS tagger and a parser on the fixtures, into ``workdir``."""
    from stanza.models import parser, tagger, tokenizer

    txt, lab, mwt, conll = _write_training_data(workdir)
    common = _cli(lang="en", shorthand="en_tiny", save_dir=workdir, cpu=True, mode="train")
    with one_torch_thread(), warnings.catch_warnings():
        # stanza's dev-set scorer opens the gold file without closing it
        warnings.filterwarnings("ignore", category=ResourceWarning)
        tokenizer.main(
            common
            + _cli(txt_file=txt, label_file=lab, dev_txt_file=txt, dev_label_file=lab, mwt_json_file=mwt)
            + _cli(no_use_mwt=True, emb_dim=16, hidden_dim=16, batch_size=16, save_name="tokenize.pt")
            + _cli(steps=40, lr0=0.02, eval_steps=100_000)  # never evaluated: the final model is saved
        )
        tagged = common + _cli(train_file=conll, eval_file=conll, no_pretrain=True, **TINY_DIMS)
        # the tagger must evaluate at least once: stanza 1.15 fails after training otherwise
        tagger.main(
            tagged
            + _cli(composite_deep_biaff_hidden_dim=16, save_name="pos.pt", output_file=workdir / "pos_dev.conllu")
            + _cli(max_steps=30, eval_interval=30, fix_eval_interval=True)
        )
        parser.main(
            tagged
            + _cli(transformed_dim=16, num_layers=1, save_name="depparse.pt")
            + _cli(output_file=workdir / "depparse_dev.conllu")
            + _cli(max_steps=30, eval_interval=30, no_checkpoint=True)
        )
    (workdir / "resources.json").write_text(MINIMAL_RESOURCES, encoding="utf-8")
    return TinyModels(workdir, workdir / "tokenize.pt", workdir / "pos.pt", workdir / "depparse.pt")


def _best_of(runs: int, backend: Any) -> float:
    """Fastest of ``runs`` analyses of :data:`ARTICLE`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        backend.analyse(ARTICLE)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    """Train the tiny models into ``argv[0]`` and time the tiny pipeline on :data:`ARTICLE`."""
    import torch

    from quoteattr.backends.stanza import StanzaBackend

    workdir = Path(argv[0])
    workdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    models = train_tiny_models(workdir)
    trained = time.perf_counter()
    backend = StanzaBackend(**models.backend_options())
    loaded = time.perf_counter()
    backend.analyse(ARTICLE)  # the first call initialises torch kernels
    default = _best_of(5, backend)
    with one_torch_thread():
        single = _best_of(5, backend)
    print(
        f"train {trained - start:.1f} s, load {loaded - trained:.1f} s; analyse {len(ARTICLE)} chars, best of 5: "
        f"{default * 1000:.0f} ms on {torch.get_num_threads()} torch threads, {single * 1000:.0f} ms on one"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
