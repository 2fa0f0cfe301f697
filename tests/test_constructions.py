"""Example tests: one realistic passage per attribution construction (all text original).

Each row pins what a reader of the passage would write down: the quoted or reported
words, who said them, and that person's role and country as the passage gives them.
"""

from __future__ import annotations

import pytest

import quoteattr


def _rows(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    doc = quoteattr.extract(text)
    rows = []
    for q in doc.quotes:
        s = doc.speaker_of(q)
        rows.append((q.kind.value, doc.text_of(q.content) or "", s.name if s else None,
                     s.role if s else None, s.country if s else None))  # fmt: skip
    return rows


CASES = [
    pytest.param(
        '"The harbour will reopen on Friday," Lena Vogt, the port\'s operations director, said on Tuesday.',
        [("direct", "The harbour will reopen on Friday,", "Lena Vogt", "operations director", None)],
        id="quote-comma-speaker-said",
    ),
    pytest.param(
        "“We expect a record harvest,” said Pedro Alves, president of the Brazilian coffee growers' union.",
        [("direct", "We expect a record harvest,", "Pedro Alves",
          "president of the coffee growers' union", "BR")],
        id="quote-comma-said-speaker",
    ),
    pytest.param(
        'Indian Finance Minister Arun Mehta told parliament on Monday: "The deficit will narrow this year."',
        [("direct", "The deficit will narrow this year.", "Arun Mehta", "Finance Minister", "IN")],
        id="speaker-told-colon-quote",
    ),
    pytest.param(
        'In Accra, Mayor Kofi Boateng said, "Every market will have running water by June."',
        [("direct", "Every market will have running water by June.", "Kofi Boateng", "Mayor", "GH")],
        id="speaker-said-comma-quote",
    ),
    pytest.param(
        '"We will not raise fares," said Ana Ribeiro, the transport secretary, "and we will not cut routes."',
        [("direct", "We will not raise fares,", "Ana Ribeiro", "transport secretary", None),
         ("direct", "and we will not cut routes.", "Ana Ribeiro", "transport secretary", None)],
        id="split-quote-one-speaker",
    ),
    pytest.param(
        "Carlos Mejía, Chile's ambassador to Argentina, said that both countries would reopen the pass.",
        [("indirect", "both countries would reopen the pass", "Carlos Mejía", "ambassador to Argentina", "CL")],
        id="apposition-role-country",
    ),
    pytest.param(
        "Kenya's Health Minister, Amina Odhiambo, stated that the vaccine drive would start in March.",
        [("indirect", "the vaccine drive would start in March", "Amina Odhiambo", "Health Minister", "KE")],
        id="possessive-country-role",
    ),
    pytest.param(
        "German Economy Minister Jonas Keller noted that exports had fallen for a third month.",
        [("indirect", "exports had fallen for a third month", "Jonas Keller", "Economy Minister", "DE")],
        id="title-before-name",
    ),
    pytest.param(
        "Farah Qureshi, a senior analyst at a Karachi bank, said inflation would ease by the summer.",
        [("indirect", "inflation would ease by the summer", "Farah Qureshi", "senior analyst at a Karachi bank",
          None)],
        id="indirect-zero-that",
    ),
    pytest.param(
        "Opposition leader Maria Santos questioned why the budget had not been published.",
        [("indirect", "why the budget had not been published", "Maria Santos", "Opposition leader", None)],
        id="indirect-question",
    ),
    pytest.param(
        "The Swiss central bank cut its main rate on Thursday, saying price pressures had eased.",
        [("indirect", "price pressures had eased", "Swiss central bank", None, "CH")],
        id="participle-cue-organisation",
    ),
    pytest.param(
        "Tomas Berg, the club's chairman, said the stadium would be sold. He added that no jobs would be lost.",
        [("indirect", "the stadium would be sold", "Tomas Berg", "chairman", None),
         ("indirect", "no jobs would be lost", "Tomas Berg", "chairman", None)],
        id="pronoun-he",
    ),
    pytest.param(
        "Unemployment rose to 7 percent in May, according to Labour Minister Olga Petrenko.",
        [("indirect", "Unemployment rose to 7 percent in May", "Olga Petrenko", "Labour Minister", None)],
        id="according-to-after",
    ),
    pytest.param(
        "According to the finance ministry, the deficit narrowed in the first quarter.",
        [("indirect", "the deficit narrowed in the first quarter", "finance ministry", None, None)],
        id="according-to-before-described-ministry",
    ),
    pytest.param(
        "Prime Minister Elena Radu called the proposal a “dangerous gamble” on Monday.",
        [("mixed", "a “dangerous gamble”", "Elena Radu", "Prime Minister", None)],
        id="mixed-called",
    ),
    pytest.param(
        'Union leader Sam Okoro said the offer was "an insult to every nurse" and would be rejected.',
        [("mixed", 'the offer was "an insult to every nurse" and would be rejected', "Sam Okoro", "Union leader",
          None)],
        id="mixed-said",
    ),
    pytest.param(
        "Canada argued that the tariffs broke trade rules. Ottawa said it would appeal.",
        [("indirect", "the tariffs broke trade rules", "Canada", None, "CA"),
         ("indirect", "it would appeal", "Canada", None, "CA")],
        id="country-and-capital-as-speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_construction(text: str, expected: list[tuple[str, str, str | None, str | None, str | None]]) -> None:
    """Each construction yields exactly the quotations a careful reader would list."""
    assert _rows(text) == expected


def test_pronoun_prefers_the_previous_subject() -> None:
    """'she' goes to the subject of the previous sentence, not a person named after her."""
    text = (
        "Union president Grace Mwangi met the company's owner, Peter Kamau, on Monday.\n\n"
        '"He offered us nothing," she told reporters.'
    )
    rows = _rows(text)
    assert rows == [("direct", "He offered us nothing,", "Grace Mwangi", "Union president", None)]


def test_surname_mention_joins_the_full_name() -> None:
    """A later family-name mention is the same speaker as the full name."""
    text = ("Central bank governor Lucia Ferraz said rates would stay on hold. "
            '"We are patient," Ferraz told reporters.')  # fmt: skip
    doc = quoteattr.extract(text)
    assert len(doc.speakers) == 1
    assert [doc.speaker_of(q).name for q in doc.quotes] == ["Lucia Ferraz", "Lucia Ferraz"]  # type: ignore[union-attr]


def test_description_resolves_to_named_minister() -> None:
    """'the minister' is the named minister introduced earlier."""
    text = ("Norwegian Fisheries Minister Ingrid Dahl visited Tromso on Friday. "
            "The minister said the cod quota would be cut by a tenth.")  # fmt: skip
    rows = _rows(text)
    assert rows == [("indirect", "the cod quota would be cut by a tenth", "Ingrid Dahl", "Fisheries Minister", "NO")]


def test_continuation_quote_keeps_the_speaker() -> None:
    """A second quotation right after an attributed one has the same speaker."""
    text = '"The vote was fair," said Judge Ama Owusu. "Nobody has shown us otherwise."'
    rows = _rows(text)
    assert [r[2] for r in rows] == ["Ama Owusu", "Ama Owusu"]


def test_unattributed_sentence_quote_has_no_speaker() -> None:
    """A quoted sentence with no attribution is kept, with no speaker guessed."""
    text = 'The slogan was painted on every wall. "Bread before bullets." It appeared overnight.'
    rows = _rows(text)
    assert rows == []  # three words: a slogan, not an utterance
    text = '"Nobody here will vote for a man who closed our school." The sign hung outside the church.'
    assert _rows(text) == [("direct", "Nobody here will vote for a man who closed our school.", None, None, None)]


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace plan" was never published.',
        'She starred in the film "Night Train" in 2019.',
        'Critics dubbed it the "bridge to nowhere" years ago.',
    ],
)
def test_scare_quotes_and_titles_are_not_quotations(text: str) -> None:
    """Short quoted phrases without a speaker are titles or scare quotes, not quotations."""
    assert _rows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The minister did not say that taxes would rise.",
        "He never said that the plant would close.",
        "Critics might argue that the plan is too slow.",
    ],
)
def test_negated_and_hypothetical_reports_are_skipped(text: str) -> None:
    """Negated or hypothetical speech is not reported as a quotation."""
    assert _rows(text) == []


def test_headline_label() -> None:
    """A headline 'Name: "…"' attributes the quote to the person named below it."""
    text = 'Okafor: "We will win the appeal"\n\nLawyer Chidi Okafor said his client was innocent.'
    rows = _rows(text)
    assert rows[0][:3] == ("direct", "We will win the appeal", "Chidi Okafor")


def test_interview_transcript() -> None:
    """In a Q&A transcript the answers belong to the interviewee."""
    text = (
        "An interview with Irish Energy Minister Siobhan Walsh.\n\n"
        "Q: Will prices fall this winter?\n\n"
        "Walsh: Not by much. Gas is still expensive.\n\n"
        "Q: And next year?\n\n"
        "Walsh: Next year the wind farms come online."
    )
    rows = _rows(text)
    answers = [r for r in rows if r[2] is not None]
    assert [r[1] for r in answers] == ["Not by much. Gas is still expensive.", "Next year the wind farms come online."]
    assert {r[2] for r in answers} == {"Siobhan Walsh"}


def test_organisation_name_with_of_and_description_follow_up() -> None:
    """'Peru's Ministry of Energy and Mines' is one organisation; 'the agency' later refers
    to the last organisation named."""
    text = (
        "Copper output fell 4 percent in May, according to Peru's Ministry of Energy and Mines. "
        "The International Energy Agency released its own figures on Monday. "
        "The agency said demand for copper would keep rising."
    )
    rows = _rows(text)
    assert rows[0][2] == "Ministry of Energy and Mines"
    assert rows[0][4] == "PE"
    assert rows[1][1:3] == ("demand for copper would keep rising", "International Energy Agency")


def test_state_media_is_a_modifier_not_a_verb() -> None:
    """'state' before a noun is a modifier: 'according to the state news agency Prensa Sur'."""
    text = "Twelve people were injured in the blast, according to the state news agency Prensa Sur."
    assert _rows(text) == [("indirect", "Twelve people were injured in the blast", "Prensa Sur", None, None)]
