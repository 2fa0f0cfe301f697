"""Reported speech read off a dependency parse: who said what, by Universal Dependencies rule.

Runs on an :class:`~quoteattr.backends.base.Analysis` with ``parsed=True`` (the stanza
backend) and knows nothing of stanza: it reads heads and relations of
:class:`~quoteattr.backends.base.Token` only. Each rule below states the configuration it
reads. Where the built-in rules guess a clause boundary from words (the content runs to
the end of the sentence), the parse gives it exactly: the content is the subtree of the
reported clause, so "She said the plan was sound, and the council approved it" stops
before "and", and "The minister's warning that prices would rise worried investors"
stops before "worried".

Spans follow the data conventions: content without a leading "that" and without edge
punctuation (closing quote marks are kept, as in mixed quotes); a clause split by its
attribution ("The savings, it added, would go to schools") gives one attribution per
piece. Content never includes the cue or the speaker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from .backends.base import Analysis, Sentence
from .model import Span

__all__ = ["ParseAttribution", "dependency_attributions"]

COMPLEMENTS = {
    "say": ("ccomp",),
    "tell": ("ccomp",),
    "ask": ("ccomp",),
    "urge": ("ccomp", "xcomp"),
    "label": ("xcomp",),
}
"""Per frame, the relations that attach the reported clause to the cue verb."""

PARATAXIS_FRAMES = frozenset({"say", "tell", "ask"})
"""Frames whose cue can follow its report: "…, he said", "…, she told reporters"."""

NEGATIONS = frozenset({"not", "never", "n't"})
MODALS = frozenset({"might", "may", "could", "would", "should", "must", "can", "will", "shall"})
SHARED_SUBJECT_RELATIONS = frozenset({"advcl", "xcomp", "conj"})
"""A cue attached by one of these without a subject of its own shares its governor's."""

OPENING_MARKS = frozenset("\"'“‘«‹([")
CLOSING_MARKS = frozenset("\"'”’»›)]")


@attrs.frozen(kw_only=True)
class ParseAttribution:
    """One report found in the parse; spans index the document text."""

    cue: Span
    speaker: Span | None
    """The speaker mention with its appositions and titles; None when the cue has no subject."""
    content: Span
    rule: str
    """``parse-<frame>-<relation>`` (``parse-say-ccomp``), ``parse-according-to`` or ``parse-noun-acl``."""


@attrs.frozen
class _Tree:
    """One sentence's tokens with their children, read by index within the sentence."""

    text: str
    sentence: Sentence
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, text: str, sentence: Sentence) -> _Tree:
        kids: list[list[int]] = [[] for _ in sentence.tokens]
        for i, token in enumerate(sentence.tokens):
            if token.head is not None:
                kids[token.head].append(i)
        return cls(text, sentence, tuple(map(tuple, kids)))

    def rel(self, i: int) -> str:
        return self.sentence.tokens[i].deprel or ""

    def word(self, i: int) -> str:
        """Lower-cased lemma (the form when there is none): "n't" → "not", "said" → "say"."""
        token = self.sentence.tokens[i]
        return (token.lemma or self.text[token.start : token.end]).lower()

    def form(self, i: int) -> str:
        token = self.sentence.tokens[i]
        return self.text[token.start : token.end]

    def child(self, i: int, *relations: str) -> int | None:
        return next((k for k in self.children[i] if self.rel(k) in relations), None)

    def subtree(self, i: int) -> set[int]:
        found, todo = set(), [i]
        while todo:
            k = todo.pop()
            if k not in found:  # a malformed parse may have a cycle
                found.add(k)
                todo.extend(self.children[k])
        return found

    def span(self, first: int, last: int) -> Span:
        return Span(self.sentence.tokens[first].start, self.sentence.tokens[last].end)

    def is_punct(self, i: int) -> bool:
        return self.rel(i) == "punct" or self.sentence.tokens[i].upos == "PUNCT"


def _runs(indices: set[int]) -> Iterator[list[int]]:
    """Maximal runs of consecutive token indices."""
    run: list[int] = []
    for i in sorted(indices):
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _trim(tree: _Tree, run: list[int], keep_marks: bool) -> Span | None:
    """The span of a run of tokens without edge punctuation (keeping, when asked, quote
    marks that open or close it) and without a leading complementiser "that"."""
    lo, hi = 0, len(run)
    while lo < hi and (
        (tree.is_punct(run[lo]) and not (keep_marks and tree.form(run[lo]) in OPENING_MARKS))
        or (tree.rel(run[lo]) == "mark" and tree.word(run[lo]) == "that")
    ):
        lo += 1
    while hi > lo and tree.is_punct(run[hi - 1]) and not (keep_marks and tree.form(run[hi - 1]) in CLOSING_MARKS):
        hi -= 1
    return tree.span(run[lo], run[hi - 1]) if lo < hi else None


def _content_spans(tree: _Tree, indices: set[int]) -> list[Span]:
    """Each contiguous piece of the content, trimmed (quote marks kept, as in mixed quotes)."""
    return [span for run in _runs(indices) if (span := _trim(tree, run, keep_marks=True)) is not None]


def _mention(tree: _Tree, head: int) -> Span | None:
    """The speaker phrase headed by ``head``: its subtree with titles, compounds, modifiers
    and appositions ("Tomás Ibarra, Chile's foreign minister"), but without relative and
    participial clauses ("…, who tracks shipments"), its own case marker ("according to",
    "'s", "by") and edge punctuation."""
    keep = tree.subtree(head)
    for k in tree.children[head]:
        if tree.rel(k) in ("acl", "acl:relcl", "case"):
            keep -= tree.subtree(k)
    run = next(r for r in _runs(keep) if head in r)
    return _trim(tree, run, keep_marks=False)


def _is_hedged(tree: _Tree, cue: int) -> bool:
    """A cue that reports nothing: negated ("did not say", "never said", "didn't say"),
    modal or hypothetical ("might argue", "will say"), infinitival ("declined to say") or
    passive ("were told that": the subject is the addressee, the speaker is unknown)."""
    for k in tree.children[cue]:
        rel, word = tree.rel(k), tree.word(k)
        if (rel == "advmod" and word in NEGATIONS) or (rel == "aux" and word in MODALS):
            return True
        if (rel == "mark" and word == "to") or rel in ("nsubj:pass", "aux:pass"):
            return True
    return False


def _subject(tree: _Tree, cue: int) -> tuple[int | None, bool]:
    """The speaker head of a cue verb and whether it was borrowed from the governing verb.

    The speaker is the cue's nominal subject. A participle or coordinated cue without one
    ("The airline cut its forecast, saying that …", "The bank raised rates and said …")
    reports the subject of the verb it hangs on.
    """
    subject = tree.child(cue, "nsubj")
    if subject is not None:
        return subject, False
    governor = tree.sentence.tokens[cue].head
    if governor is not None and tree.rel(cue) in SHARED_SUBJECT_RELATIONS:
        shared = tree.child(governor, "nsubj")
        return shared, shared is not None
    return None, False


def _phrasal(tree: _Tree, verb: int, cue_lemmas: Mapping[str, str]) -> tuple[str, int] | None:
    """A phrasal cue ("pointed out that …"): the verb's ``compound:prt`` particle right
    after it, when verb + particle is a cue lemma ("point out"). Gives the frame and the
    particle's index."""
    particle = tree.child(verb, "compound:prt")
    if particle != verb + 1:
        return None
    frame = cue_lemmas.get(f"{tree.word(verb)} {tree.word(particle)}")
    return None if frame is None else (frame, particle)


def _verb_reports(tree: _Tree, cue: int, frame: str, cue_end: int) -> list[ParseAttribution]:
    """Reports of a speech verb, from its complement clause or from the clause it follows.

    - "X said (that) P": P is the cue's clausal complement (``ccomp``; ``xcomp`` for the
      urge and label frames: "urged members to reject the offer", "called it a 'gift'").
    - "P, X said": the cue is a ``parataxis`` dependent of P's head, and the content is
      that head's clause minus the attribution (the cue and its dependents).
    """
    subject, shared = _subject(tree, cue)
    complement = tree.child(cue, *COMPLEMENTS[frame])
    governor = tree.sentence.tokens[cue].head
    if complement is not None:
        content, rule = tree.subtree(complement), f"parse-{frame}-{tree.rel(complement)}"
    elif frame in PARATAXIS_FRAMES and tree.rel(cue) == "parataxis" and governor is not None:
        content, rule = tree.subtree(governor) - tree.subtree(cue), f"parse-{frame}-parataxis"
    else:
        return []
    if shared:
        rule += "-shared-subject"
    speaker = None
    if subject is not None:
        speaker = _mention(tree, subject)
        content -= tree.subtree(subject)  # only a malformed (cyclic) parse puts it there
    content.discard(cue)  # likewise
    return [
        ParseAttribution(cue=tree.span(cue, cue_end), speaker=speaker, content=span, rule=rule)
        for span in _content_spans(tree, content)
    ]


def _according_to(tree: _Tree, source: int) -> list[ParseAttribution]:
    """Reports introduced by "according to": "According to X, P" and "P, according to X".

    X carries the two-word case marker "according" + ``fixed`` "to"; X is the speaker and
    the content is the clause X modifies, minus the "according to X" phrase.
    """
    marker = next(
        (
            k
            for k in tree.children[source]
            if tree.rel(k) == "case"
            and tree.form(k).lower() == "according"
            and any(tree.rel(f) == "fixed" and tree.form(f).lower() == "to" for f in tree.children[k])
        ),
        None,
    )
    clause = tree.sentence.tokens[source].head
    if marker is None or clause is None:
        return []
    to = max(tree.subtree(marker))
    cue = tree.span(marker, to)
    speaker = _mention(tree, source)
    content = tree.subtree(clause) - tree.subtree(source)
    return [
        ParseAttribution(cue=cue, speaker=speaker, content=span, rule="parse-according-to")
        for span in _content_spans(tree, content)
    ]


def _noun_complement(tree: _Tree, noun: int) -> list[ParseAttribution]:
    """Reports in a noun's content clause: "X's warning that P", "a claim by X that P".

    An attribution noun with a content clause: ``acl`` introduced by "that" (a relative
    clause is ``acl:relcl`` and is not a report). The speaker is the possessor
    (``nmod:poss``) or a "by"/"from" ``nmod``.
    """
    clause = next(
        (
            k
            for k in tree.children[noun]
            if tree.rel(k) == "acl" and any(tree.rel(m) == "mark" and tree.word(m) == "that" for m in tree.children[k])
        ),
        None,
    )
    if clause is None:
        return []
    source = tree.child(noun, "nmod:poss")
    if source is None:
        source = next(
            (
                k
                for k in tree.children[noun]
                if tree.rel(k) == "nmod" and any(tree.word(c) in ("by", "from") for c in tree.children[k])
            ),
            None,
        )
    content = tree.subtree(clause) - {noun}  # the noun is outside unless the parse has a cycle
    speaker = None
    if source is not None:
        speaker = _mention(tree, source)
        content -= tree.subtree(source)
    return [
        ParseAttribution(cue=tree.span(noun, noun), speaker=speaker, content=span, rule="parse-noun-acl")
        for span in _content_spans(tree, content)
    ]


def dependency_attributions(text: str, analysis: Analysis, cue_lemmas: Mapping[str, str]) -> list[ParseAttribution]:
    """Every report the parse shows, in text order of cue.

    Args:
        text: the document the analysis was made from.
        analysis: a parsed analysis (``analysis.parsed`` is true).
        cue_lemmas: lower-cased lemma → frame (``say``, ``tell``, ``ask``, ``urge``,
            ``label``, ``think``) for speech verbs, phrasal ones as "verb particle"
            ("point out"), and → ``say`` for attribution nouns ("warning", "claim").
            ``think`` verbs report beliefs, not speech, and are skipped. "according to"
            needs no entry.

    Raises:
        ValueError: the analysis carries no parse.
    """
    if not analysis.parsed:
        raise ValueError("dependency_attributions needs a parsed analysis (analysis.parsed is False)")
    found: list[ParseAttribution] = []
    for sentence in analysis.sentences:
        tree = _Tree.of(text, sentence)
        for i, token in enumerate(sentence.tokens):
            frame, cue_end = _phrasal(tree, i, cue_lemmas) or (cue_lemmas.get(tree.word(i), ""), i)
            if frame in COMPLEMENTS and token.upos == "VERB" and not _is_hedged(tree, i):
                found.extend(_verb_reports(tree, i, frame, cue_end))
            elif frame in COMPLEMENTS and token.upos == "NOUN":
                found.extend(_noun_complement(tree, i))
            found.extend(_according_to(tree, i))
    return found
