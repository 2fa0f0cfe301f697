"""The stanza backend: converting stanza documents, reporting missing models, running a real pipeline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quoteattr import Extractor
from quoteattr._dependency import dependency_attributions
from quoteattr.backends.base import Analysis, Backend
from quoteattr.errors import ModelsNotFoundError, QuoteAttrError
from tests.stanza_tiny import ARTICLE, FIXTURES, TinyModels, load_fixture, one_torch_thread, train_tiny_models

FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.conllu"))


@pytest.fixture
def stanza() -> Any:
    """The stanza module (the test is skipped without it)."""
    return pytest.importorskip("stanza")


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    """Tokenizer, tagger and parser trained on the fixtures, once per session."""
    pytest.importorskip("stanza")
    return train_tiny_models(tmp_path_factory.mktemp("tiny_stanza"))


@pytest.fixture(scope="session")
def tiny_backend(tiny_models: TinyModels) -> Iterator[Any]:
    """A StanzaBackend that loads the tiny models through ``stanza.Pipeline`` (on one torch thread)."""
    from quoteattr.backends.stanza import StanzaBackend

    with one_torch_thread():
        yield StanzaBackend(**tiny_models.backend_options())


def _check_offsets(text: str, analysis: Analysis) -> None:
    """Sentences and tokens are ordered, non-overlapping, inside the text, trimmed of
    whitespace, and together cover every non-space character; heads stay in the sentence."""
    covered: set[int] = set()
    previous_end = 0
    for sentence in analysis.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
        token_end = sentence.start
        for token in sentence.tokens:
            piece = text[token.start : token.end]
            assert token_end <= token.start < token.end <= sentence.end
            assert piece == piece.strip()
            assert token.head is None or 0 <= token.head < len(sentence.tokens)
            token_end = token.end
            covered.update(range(token.start, token.end))
        assert sum(t.head is None for t in sentence.tokens) == 1
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered


@pytest.mark.stanza
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_words_keep_their_offsets_and_heads(stanza: Any, name: str) -> None:
    """Every stanza word becomes a token with its offsets, lemma, tag, relation and 0-based head."""
    from quoteattr.backends.stanza import analysis_from_stanza

    doc = load_fixture(name)
    analysis = analysis_from_stanza(doc)
    assert analysis.parsed
    assert len(analysis.sentences) == len(doc.sentences)
    for sentence, stanza_sentence in zip(analysis.sentences, doc.sentences, strict=True):
        assert doc.text[sentence.start : sentence.end] == stanza_sentence.text
        for token, word in zip(sentence.tokens, stanza_sentence.words, strict=True):
            assert doc.text[token.start : token.end] == word.text
            assert (token.lemma, token.upos, token.deprel) == (word.lemma, word.upos, word.deprel)
            if token.head is None:
                assert (word.head, word.deprel) == (0, "root")
            else:
                assert stanza_sentence.words[token.head].id == word.head
    _check_offsets(doc.text, analysis)


@pytest.mark.stanza
@pytest.mark.parametrize(
    ("name", "entities"),
    [
        ("apposition", [("Tomás Ibarra", "PERSON"), ("Chile", "GPE")]),
        ("org_speaker", [("Tuesday", "DATE"), ("May", "DATE"), ("4.1 percent", "PERCENT"), ("2021", "DATE")]),
        ("according_to", [("June", "DATE"), ("Ines Varga", "PERSON"), ("Odesa", "GPE")]),
    ],
)
def test_entities_keep_stanza_types(stanza: Any, name: str, entities: list[tuple[str, str]]) -> None:
    """NER spans become entities with document offsets and stanza's labels."""
    from quoteattr.backends.stanza import analysis_from_stanza

    doc = load_fixture(name)
    found = analysis_from_stanza(doc).entities
    assert [(doc.text[e.start : e.end], e.label) for e in found] == entities


@pytest.mark.stanza
def test_multi_word_token_gives_its_words(stanza: Any) -> None:
    """ "didn't" is two tokens, "did" and "n't", each with its own offsets inside the word."""
    from quoteattr.backends.stanza import analysis_from_stanza

    doc = load_fixture("not_reports")
    first = analysis_from_stanza(doc).sentences[0]
    at = doc.text.index("didn't")
    did, nt = first.tokens[2], first.tokens[3]
    assert (did.start, did.end, did.lemma, nt.start, nt.end, nt.lemma) == (at, at + 3, "do", at + 3, at + 6, "not")
    assert did.head == nt.head == 4


@pytest.mark.stanza
def test_document_without_parse_is_not_parsed(stanza: Any) -> None:
    """Tokens without heads (no depparse processor) give parsed=False and head=None."""
    from quoteattr.backends.stanza import analysis_from_stanza

    words = [
        {"id": 1, "text": "Rain", "start_char": 0, "end_char": 4},
        {"id": 2, "text": "fell", "start_char": 5, "end_char": 9},
    ]
    analysis = analysis_from_stanza(stanza.Document([words], text="Rain fell"))
    assert not analysis.parsed
    assert [(t.start, t.end, t.head) for t in analysis.sentences[0].tokens] == [(0, 4, None), (5, 9, None)]


@pytest.mark.stanza
def test_document_without_offsets_is_refused(stanza: Any) -> None:
    """CoNLL-U read without rebuilding the text has no offsets: a ValueError that says how to fix it."""
    from stanza.utils.conll import CoNLL

    from quoteattr.backends.stanza import analysis_from_stanza

    doc = CoNLL.conll2doc(input_file=str(FIXTURES / "apposition.conllu"))
    with pytest.raises(ValueError, match=r"reconstruct_text=True"):
        analysis_from_stanza(doc)


@pytest.mark.stanza
def test_missing_models_name_the_download_call(stanza: Any, tmp_path: Path) -> None:
    """No models in model_dir: ModelsNotFoundError with the exact stanza.download call and the env var."""
    from quoteattr.backends.stanza import StanzaBackend

    with pytest.raises(ModelsNotFoundError) as caught:
        StanzaBackend(model_dir=tmp_path)
    message = str(caught.value)
    call = f"stanza.download('en', processors='tokenize,mwt,pos,lemma,depparse,ner', model_dir='{tmp_path}')"
    assert call in message
    assert "STANZA_RESOURCES_DIR" in message
    assert isinstance(caught.value, FileNotFoundError)
    assert isinstance(caught.value, QuoteAttrError)
    assert isinstance(caught.value.__cause__, FileNotFoundError)


@pytest.mark.stanza
def test_failed_download_names_the_download_call(stanza: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A download that cannot reach the network is a ModelsNotFoundError too, not a requests traceback."""
    import requests

    from quoteattr.backends.stanza import StanzaBackend

    def offline(*args: object, **kwargs: object) -> None:
        raise requests.ConnectionError("Failed to resolve 'raw.githubusercontent.com'")

    monkeypatch.setattr("stanza.pipeline.core.download_resources_json", offline)
    with pytest.raises(ModelsNotFoundError, match=r"download_method='reuse_resources'") as caught:
        StanzaBackend(lang="en", processors="tokenize", download_method="reuse_resources", model_dir=tmp_path)
    assert "stanza.download('en', processors='tokenize'" in str(caught.value)
    assert isinstance(caught.value.__cause__, requests.ConnectionError)


@pytest.mark.stanza
def test_extractor_reports_missing_models(stanza: Any, tmp_path: Path) -> None:
    """Extractor(backend="stanza") passes backend_options through and surfaces the same error."""
    extractor = Extractor(backend="stanza", backend_options={"model_dir": str(tmp_path)})
    with pytest.raises(ModelsNotFoundError, match=r"stanza\.download"):
        extractor.extract("The minister said talks would resume.")


@pytest.fixture
def no_stanza(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import stanza`` fail as if the package were not installed."""
    monkeypatch.setitem(sys.modules, "stanza", None)


@pytest.mark.usefixtures("no_stanza")
def test_missing_stanza_gives_install_hint() -> None:
    """Without stanza, building the backend is a ModuleNotFoundError naming stanza and the extra."""
    from quoteattr.backends.stanza import StanzaBackend

    with pytest.raises(ModuleNotFoundError, match=r"pip install 'quoteattr\[stanza\]'") as caught:
        StanzaBackend()
    assert caught.value.name == "stanza"


def test_import_does_not_load_stanza() -> None:
    """Importing quoteattr and the backend module leaves stanza (and torch) unimported."""
    code = "import sys, quoteattr, quoteattr.backends.stanza; print(sorted({'stanza', 'torch'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.stanza
def test_tiny_pipeline_loads_and_parses(tiny_backend: Any) -> None:
    """A real stanza.Pipeline loaded from model files gives a parsed analysis with exact offsets."""
    assert isinstance(tiny_backend, Backend)
    assert tiny_backend.name == "stanza"
    analysis = tiny_backend.analyse(ARTICLE)
    assert analysis.parsed
    assert len(analysis.sentences) > 1
    _check_offsets(ARTICLE, analysis)
    tokens = [t for s in analysis.sentences for t in s.tokens]
    assert all(t.lemma == ARTICLE[t.start : t.end] for t in tokens)  # identity lemmatizer
    assert all(isinstance(t.upos, str) and isinstance(t.deprel, str) for t in tokens)
    assert analysis.entities == ()  # no NER processor


@pytest.mark.stanza
def test_tiny_pipeline_batch(tiny_backend: Any) -> None:
    """analyse_many returns one analysis per text, each with offsets into its own text."""
    texts = [ARTICLE[:1200], "Talks will resume on Monday, the union said.", ARTICLE[1200:]]
    analyses = tiny_backend.analyse_many(texts)
    assert len(analyses) == len(texts)
    for text, analysis in zip(texts, analyses, strict=True):
        assert analysis.parsed
        _check_offsets(text, analysis)
    assert tiny_backend.analyse_many([]) == []


@pytest.mark.stanza
def test_tiny_pipeline_empty_text(tiny_backend: Any) -> None:
    """An empty document has no sentences and no parse."""
    assert tiny_backend.analyse("") == Analysis(sentences=())


@pytest.mark.stanza
def test_ready_pipeline_is_used_as_is(tiny_backend: Any) -> None:
    """A pipeline passed in is used, not rebuilt."""
    from quoteattr.backends.stanza import StanzaBackend

    backend = StanzaBackend(tiny_backend.pipeline)
    assert backend.pipeline is tiny_backend.pipeline
    assert backend.analyse("Prices rose.").parsed


@pytest.mark.stanza
def test_rules_survive_a_poor_parse(tiny_backend: Any) -> None:
    """The dependency rules run on whatever a (tiny, poor) model parses, keeping their span guarantees."""
    cues = {"say": "say", "tell": "tell", "add": "say", "urge": "urge", "warn": "say", "promise": "say"}
    analysis = tiny_backend.analyse(ARTICLE)
    for found in dependency_attributions(ARTICLE, analysis, cues):
        assert found.content.end <= len(ARTICLE)
        assert not found.content.overlaps(found.cue)
        assert found.speaker is None or not found.content.overlaps(found.speaker)
