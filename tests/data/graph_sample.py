"""Synthetic articles and assertions for the graph/store/query/export tests.

Built from kg.types only (no extractor), so the graph tests do not need spaCy.
"""

from __future__ import annotations

from kg.types import Article, Assertion, Mention

US = Mention(
    "US",
    "American intelligence officials",
    300,
    331,
    sentence=3,
    label="United States",
    cls="State",
    country="USA",
    sector="GOV",
    code="USAGOV",
)
SYR = Mention(
    "SYR",
    "Syria’s new authorities",
    360,
    383,
    sentence=3,
    label="Syria",
    cls="State",
    country="SYR",
    sector="GOV",
    code="SYRGOV",
)
HTS = Mention(
    "HTS",
    "HTS",
    420,
    423,
    sentence=4,
    label="Hay'at Tahrir al-Sham",
    cls="ArmedGroup",
    country="SYR",
    sector="REB",
    code="SYRREB",
)
ISIS = Mention(
    "ISIS",
    "#Daesh",
    200,
    206,
    sentence=1,
    label="Islamic State",
    cls="ArmedGroup",
    code="IMGMUSISI",
)
CIV = Mention(
    "Côte d'Ivoire",
    "Côte d'Ivoire",
    0,
    13,
    label="Côte d'Ivoire",
    cls="State",
    country="CIV",
)
CIV2 = Mention(
    "Cote d Ivoire",
    "Cote d Ivoire",
    20,
    33,
    label="Cote d Ivoire",
    cls="Organisation",
    known=False,
)

SEED = Article(
    id="seed",
    text="US shared intelligence with new Syria government\n\nThe United States ...",
    title="US shared intelligence with new Syria government",
    date="2025-01-25",
    url="https://www.middleeastmonitor.com/",
    source="Middle East Monitor",
)
SECOND = Article(
    id="second",
    text="Second article\n\nHTS fights Daesh.",
    title="Second article",
    date="2025-02-01",
)

SEED_ASSERTIONS = [
    Assertion(
        "seed",
        US,
        SYR,
        "sharesIntelligenceWith",
        3,
        280,
        500,
        "The United States has been sharing intelligence with Syria’s new "
        'authorities, "officials" said.\nNew line.',
        modality="reported",
        attribution="the Washington Post",
        date="2025-01-11",
        confidence=0.8,
        trigger="sharing",
        cameo="064",
        plover="COOPERATE",
        quad_class=2,
    ),
    Assertion(
        "seed",
        US,
        HTS,
        "designates",
        4,
        501,
        600,
        "The US designates HTS as a terrorist organisation.",
        confidence=0.9,
        trigger="designates",
    ),
    Assertion(
        "seed",
        US,
        ISIS,
        "opposes",
        1,
        100,
        250,
        "to counter the common threats posed by the terror group #Daesh",
        trigger="counter",
    ),
    Assertion(
        "seed",
        US,
        SYR,
        "recognises",
        1,
        100,
        250,
        "despite Washington’s reluctance to recognise the new leadership",
        negated=True,
        trigger="recognise",
    ),
    Assertion(
        "seed",
        HTS,
        ISIS,
        "opposes",
        5,
        601,
        700,
        "HTS opposes Daesh.",
        modality="asserted",
    ),
]
SECOND_ASSERTIONS = [
    Assertion(
        "second", HTS, ISIS, "fights", 0, 16, 33, "HTS fights Daesh.", date="2025-01-30"
    ),
    Assertion(
        "second",
        US,
        SYR,
        "sharesIntelligenceWith",
        1,
        34,
        60,
        "The US shares intelligence with Syria.",
        modality="asserted",
    ),
    Assertion(
        "second",
        US,
        SYR,
        "givesMilitaryAidTo",
        2,
        61,
        90,
        "The US plans to arm Syria.",
        modality="planned",
    ),
    Assertion("second", CIV, CIV2, "condemns", 3, 91, 120, "Côte d'Ivoire condemns."),
]


def results() -> list[tuple[Article, list[Assertion]]]:
    """The two sample articles with their assertions."""
    return [(SEED, list(SEED_ASSERTIONS)), (SECOND, list(SECOND_ASSERTIONS))]


def synthetic(n: int) -> list[tuple[Article, list[Assertion]]]:
    """``n`` small articles of three events each (for the kill test)."""
    out = []
    for i in range(n):
        aid = f"syn-{i:05d}"
        a = Article(aid, f"Article {i}\n\nA{i} attacks B{i}.", date="2025-03-01")
        src = Mention(f"A{i % 50}", f"A{i}", 0, 3, label=f"Actor {i % 50}", cls="State")
        tgt = Mention(
            f"B{i % 70}", f"B{i}", 12, 15, label=f"Actor B{i % 70}", cls="ArmedGroup"
        )
        out.append(
            (
                a,
                [
                    Assertion(
                        aid, src, tgt, rel, k, k * 10, k * 10 + 9, f"sentence {k}"
                    )
                    for k, rel in enumerate(("attacks", "condemns", "meetsWith"))
                ],
            )
        )
    return out
