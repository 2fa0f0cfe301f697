"""The stanza backend: sentences, tokens with dependency parses, and named entities.

It needs ``pip install 'quoteattr[stanza]'`` and stanza's models for the language, which
are downloaded once, on a machine with internet access, with ``stanza.download`` (the
error raised when they are missing gives the exact call). stanza is imported when a
backend is built, never on ``import quoteattr``, and models are never downloaded
implicitly.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ModelsNotFoundError
from .base import Analysis, Entity, Sentence, Token

if TYPE_CHECKING:
    import stanza

__all__ = ["DEFAULT_PROCESSORS", "StanzaBackend", "analysis_from_stanza"]

DEFAULT_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
"""Everything the attribution rules read: tokens, lemmas, dependency parses and entities."""


def _import_stanza() -> Any:
    """The stanza module, or a ModuleNotFoundError that says how to install it."""
    try:
        import stanza
    except ModuleNotFoundError as e:
        missing = e.name or "stanza"
        raise ModuleNotFoundError(
            f"the stanza backend needs the {missing!r} package, which is not installed; "
            "install it with: pip install 'quoteattr[stanza]'",
            name=missing,
        ) from e
    return stanza


def _download_hint(lang: str, processors: str, model_dir: str) -> str:
    call = f"stanza.download({lang!r}, processors={processors!r}, model_dir={model_dir!r})"
    return (
        f'On a machine with internet access, run\n    python -c "import stanza; {call}"\n'
        f"then copy {model_dir} to this machine and point model_dir=... "
        "(or the STANZA_RESOURCES_DIR environment variable) at it."
    )


def _load_pipeline(
    stanza: Any,
    lang: str,
    processors: str,
    download_method: str | None,
    model_dir: str | None,
    use_gpu: bool,
    pipeline_kwargs: dict[str, Any],
) -> Any:
    """Build a ``stanza.Pipeline``; missing models become :class:`ModelsNotFoundError`."""
    if model_dir is not None:
        pipeline_kwargs = {**pipeline_kwargs, "dir": model_dir}
    where = pipeline_kwargs.get("dir") or stanza.resources.common.DEFAULT_MODEL_DIR
    # requests comes with stanza; imported by name so that its type stubs are not needed
    requests = importlib.import_module("requests")
    try:
        return stanza.Pipeline(
            lang=lang,
            processors=processors,
            download_method=download_method,
            use_gpu=use_gpu,
            **pipeline_kwargs,
        )
    except FileNotFoundError as e:
        raise ModelsNotFoundError(
            f"stanza models for lang={lang!r}, processors={processors!r} are not in {where} ({e}). "
            + _download_hint(lang, processors, where)
        ) from e
    except requests.RequestException as e:
        raise ModelsNotFoundError(
            f"stanza models for lang={lang!r}, processors={processors!r} are not in {where} and could not "
            f"be downloaded with download_method={download_method!r} ({type(e).__name__}). "
            + _download_hint(lang, processors, where)
        ) from e


class StanzaBackend:
    """Sentences, parsed tokens and entities from a ``stanza.Pipeline``.

    Args:
        pipeline: a ready ``stanza.Pipeline`` to use as is; when given, the other
            arguments are ignored.
        lang: language of the models to load.
        processors: stanza processors to run; the default gives everything the
            attribution rules read.
        download_method: ``None`` (default) only loads models already on disk; pass
            ``"reuse_resources"`` or ``"download_resources"`` to let stanza fetch them.
        model_dir: where the models are; default ``$STANZA_RESOURCES_DIR``, else stanza's
            own default (``~/stanza_resources``; from stanza 1.15 a per-version cache
            directory such as ``~/.cache/stanza/1.15.0/resources``).
        use_gpu: run on a GPU when there is one.
        **pipeline_kwargs: any other ``stanza.Pipeline`` option (``tokenize_model_path``,
            ``package``, ``lemma_use_identity``, …).

    Raises:
        ModuleNotFoundError: stanza is not installed.
        ModelsNotFoundError: the models are not in ``model_dir`` (the message gives the
            ``stanza.download`` call to run on a connected machine).

    The pipeline is built once. Calls into it are serialised with a lock, because stanza
    does not promise that a pipeline can serve several threads at once.
    """

    name = "stanza"

    def __init__(
        self,
        pipeline: stanza.Pipeline | None = None,
        *,
        lang: str = "en",
        processors: str = DEFAULT_PROCESSORS,
        download_method: str | None = None,
        model_dir: str | os.PathLike[str] | None = None,
        use_gpu: bool = False,
        **pipeline_kwargs: Any,
    ) -> None:
        stanza = _import_stanza()
        if pipeline is None:
            where = None if model_dir is None else os.fspath(model_dir)
            pipeline = _load_pipeline(stanza, lang, processors, download_method, where, use_gpu, pipeline_kwargs)
        self._pipeline = pipeline
        self._document = stanza.Document
        self._lock = threading.Lock()

    @property
    def pipeline(self) -> stanza.Pipeline:
        """The ``stanza.Pipeline`` that does the work."""
        return self._pipeline

    def analyse(self, text: str) -> Analysis:
        """Run the pipeline on one document."""
        with self._lock:
            doc = self._pipeline(text)
        return analysis_from_stanza(doc)

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Run the pipeline on several documents in one batch (much faster than one by one)."""
        if not texts:
            return []
        docs = [self._document([], text=t) for t in texts]
        with self._lock:
            docs = self._pipeline(docs)
        return [analysis_from_stanza(d) for d in docs]


def _token(word: Any) -> Token:
    """A stanza Word as a :class:`Token`; a word of a multi-word token that stanza could
    not place inside its token's text ("del" = "de" + "el") gets the whole token's span."""
    start, end = word.start_char, word.end_char
    if start is None or end is None:
        start, end = word.parent.start_char, word.parent.end_char
    return Token(
        start=start,
        end=end,
        lemma=word.lemma,
        upos=word.upos,
        head=word.head - 1 if word.head else None,  # stanza: 1-based, 0 for the root
        deprel=word.deprel,
    )


def analysis_from_stanza(doc: stanza.Document) -> Analysis:
    """Convert an annotated ``stanza.Document`` into an :class:`Analysis`.

    Tokens are stanza's words (multi-word tokens are split: "didn't" gives "did" and
    "n't"), with ``head`` the 0-based index of the governing word in the sentence (None for
    the root); entities keep stanza's types (PERSON, ORG, GPE, NORP, DATE, …). ``parsed``
    is true when every word has a head and a relation.

    Raises:
        ValueError: the document has no character offsets (e.g. CoNLL-U read without
            ``reconstruct_text=True``).
    """
    sentences = []
    parsed = bool(doc.sentences)
    for sentence in doc.sentences:
        first, last = sentence.tokens[0], sentence.tokens[-1]
        if first.start_char is None or last.end_char is None:
            raise ValueError(
                "the stanza document has no character offsets; run the pipeline on text, or read "
                "CoNLL-U with CoNLL.conll2doc(..., reconstruct_text=True)"
            )
        words = sentence.words
        parsed = parsed and all(w.head is not None and w.deprel is not None for w in words)
        sentences.append(Sentence(start=first.start_char, end=last.end_char, tokens=tuple(map(_token, words))))
    entities = tuple(Entity(start=e.start_char, end=e.end_char, label=e.type) for e in doc.ents)
    return Analysis(sentences=tuple(sentences), entities=entities, parsed=parsed)
