"""Tests of kg.nlp.actors.component: the contract, the output, statelessness."""

from __future__ import annotations

import pickle
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import DATA
from spacy.tokens import Doc

from kg.nlp.actors import RULES, SPAN_KEY, ActorResolver, mentions
from kg.types import Mention


def test_mentions_carry_the_contract_fields(nlp):
    text = (
        "Talks stalled.\n\nThe United States has been sharing intelligence "
        "with Syria’s new authorities."
    )
    doc = nlp(text)
    ms = list(mentions(doc))
    assert [m.actor for m in ms] == ["US", "SYR"]
    for m in ms:
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text
        assert m.sentence == 1
    assert (ms[1].label, ms[1].cls, ms[1].country, ms[1].sector, ms[1].code) == (
        "Syria",
        "State",
        "SYR",
        "GOV",
        "SYRGOV",
    )
    assert ms[0].sector is None and ms[0].code == "USA"


def _seed_text() -> str:
    text = (DATA.parent.parent / "data" / "articles" / "seed.txt").read_text()
    return text.split("---", 2)[2]


def test_spans_do_not_overlap(nlp):
    doc = nlp(_seed_text())
    ends = [(s.start, s.end) for s in doc.spans[SPAN_KEY]]
    assert len(ends) > 30 and ends == sorted(ends)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:], strict=False))


def test_seed_article_actors(nlp):
    doc = nlp(_seed_text())
    got = {(s.text, s.id_, s._.kg_mention.code) for s in doc.spans[SPAN_KEY]}
    for want in [
        ("United States", "US", "USA"),
        ("Syria’s new authorities", "SYR", "SYRGOV"),
        ("#Daesh", "ISIS", "IMGMUSISI"),
        ("Washington", "US", "USAGOV"),
        ("American intelligence officials", "US", "USAGOV"),
        ("Hay’at Tahrir al-Sham", "HTS", "SYRREB"),
        ("Syrian security forces", "SYR", "SYRMIL"),
        ("Russians", "RUS", "RUS"),
        ("Iranians", "IRN", "IRN"),
    ]:
        assert want in got, want
    former = [s for s in doc.spans[SPAN_KEY] if s.text == "former rebel group"]
    assert former and former[0].id_ == "HTS"
    we = [s for s in doc.spans[SPAN_KEY] if s.text == "We"]
    assert we and {s.id_ for s in we} == {"US"}


def test_mentions_survive_doc_serialisation(nlp):
    """nlp.pipe(n_process=2) ships docs as bytes: the mentions must come back."""
    off = [p for p in nlp.pipe_names if p == "kg_relations"]
    with nlp.select_pipes(disable=off):
        doc = nlp("Syrian security forces attacked Iraqi rebels.")
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.kg_mention.code) for s in back.spans[SPAN_KEY]] == [
        ("Syrian security forces", "SYRMIL"),
        ("Iraqi rebels", "IRQREB"),
    ]


INTERNATIONAL_NGOS = [
    ("The Red Cross criticised Kenya.", "Red Cross", "ICRC", "IGOIRC"),
    ("Amnesty International accused Peru.", "Amnesty International", "AMNESTY", "IGO"),
    ("Human Rights Watch urged Chad to act.", "Human Rights Watch", "HRW", "IGO"),
    ("Doctors Without Borders left Yemen.", "Doctors Without Borders", "MSF", "IGO"),
]


@pytest.mark.parametrize("text, surface, actor, prefix", INTERNATIONAL_NGOS)
def test_international_ngos_are_coded_igo_with_sector_ngo(
    nlp, text, surface, actor, prefix
):
    """PLOVER codes international NGOs IGO...; the sector still says NGO."""
    doc = nlp(text)
    m = next(s._.kg_mention for s in doc.spans[SPAN_KEY] if s.text == surface)
    assert m.actor == actor and m.code.startswith(prefix)
    assert m.sector == "NGO" and m.country is None


def test_a_leader_mention_is_the_state_with_the_person_kept_apart(nlp):
    doc = nlp.make_doc("Putin met Erdogan.")
    doc = nlp(doc)
    (putin, _) = [s._.kg_mention for s in doc.spans[SPAN_KEY]]
    assert (putin.actor, putin.cls, putin.code) == ("RUS", "State", "RUSGOV")


def test_the_rules_run_in_the_listed_order():
    names = [f"{r.__module__.rsplit('.', 1)[-1]}.{r.__name__}" for r in RULES]
    assert names[0] == "names.apply" and names[-1] == "hashtags.apply"
    assert names.index("expand.apply") < names.index("acronyms.apply")
    assert names.index("coref.descriptions") < names.index("quotes.apply")
    assert names.index("quotes.apply") < names.index("pronouns.apply")


# ------------------------------------------------------------------- statelessness
TEXTS = [
    "Hay'at Tahrir al-Sham took Damascus. The group then formed a government.",
    "“We will not back down”, said Kenya’s foreign minister. “Our patience ends.”",
    "The Free Patriotic Front (FPF) condemned Iran. Later the FPF attacked.",
    "Ethnic Uzbeks clashed with Kyrgyz police. Officials from Kenya arrived.",
    "Putin met Erdogan in Ankara. The Kremlin said its envoys would return.",
    "Syrian security forces attacked Iraqi rebels near Mosul.",
]


def _parsed(nlp) -> list[Doc]:
    """The texts parsed up to NER (with the ruler), without the resolver."""
    off = [p for p in nlp.pipe_names if p in ("kg_actors", "kg_relations")]
    with nlp.select_pipes(disable=off):
        return list(nlp.pipe(TEXTS))


def _resolve(resolver: ActorResolver, doc: Doc) -> list[tuple]:
    doc = resolver(doc.copy())
    return [(s.start, s.end, s.label_, s._.kg_mention) for s in doc.spans[SPAN_KEY]]


def test_the_resolver_keeps_no_state_between_documents(nlp):
    resolver = nlp.get_pipe("kg_actors")
    docs = _parsed(nlp)
    one_at_a_time = [_resolve(resolver, d) for d in docs]
    assert all(one_at_a_time)
    # interleaved: every document several times, in a shuffled order
    order = list(range(len(docs))) * 3
    random.Random(8).shuffle(order)
    for i in order:
        assert _resolve(resolver, docs[i]) == one_at_a_time[i]
    # in parallel threads sharing the one resolver
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda i: (i, _resolve(resolver, docs[i])), order))
    for i, result in got:
        assert result == one_at_a_time[i]


def test_a_pickled_resolver_resolves_the_same(nlp):
    """nlp.pipe(n_process=2) pickles the component (``__reduce__``)."""
    resolver = nlp.get_pipe("kg_actors")
    clone = pickle.loads(pickle.dumps(resolver))
    assert isinstance(clone, ActorResolver) and clone is not resolver
    assert clone.tables.english == resolver.tables.english
    for doc in _parsed(nlp):
        assert _resolve(clone, doc) == _resolve(resolver, doc)
