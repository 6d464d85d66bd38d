"""kg.rdf.graph: stable IRIs, one named graph per article, direct triples, re-ingest."""

from __future__ import annotations

from datetime import datetime, timezone

from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.query import run_query
from kg.rdf.graph import article_graph, build, event_iri
from kg.rdf.ontology import KG, WD, actor_iri, article_iri, graph_iri
from kg.types import Actor, Article
from tests.conftest import DATA
from tests.data.graph_sample import (
    SECOND,
    SECOND_ASSERTIONS,
    SEED,
    SEED_ASSERTIONS,
    results,
)

FIXED = datetime(2025, 1, 26, 12, 0, tzinfo=timezone.utc)


def seed_graph(**kw) -> Graph:
    return article_graph(SEED, SEED_ASSERTIONS, registry={}, generated_at=FIXED, **kw)


def test_iris_are_percent_encoded_and_distinct():
    a, b = actor_iri("Côte d'Ivoire"), actor_iri("Cote d Ivoire")
    assert a != b
    assert str(a).endswith("/C%C3%B4te%20d%27Ivoire")
    assert str(b).endswith("/Cote%20d%20Ivoire")
    # canonically equivalent spellings (NFC/NFD) are the same actor
    assert actor_iri("Co\u0302te d'Ivoire") == a
    for odd in ("a/b", "x?y#z", "..", "<bad>", "ü ñ 中"):
        iri = str(actor_iri(odd))
        assert not any(c in iri[len("https://") :] for c in ' <>"{}|\\^`?#'), iri
        assert iri.count("/") == 5  # no extra path segments


def test_direct_triple_only_when_asserted():
    g = seed_graph()
    us, syr, hts, isis = (actor_iri(x) for x in ("US", "SYR", "HTS", "ISIS"))
    assert (us, KG.sharesIntelligenceWith, syr) in g  # reported counts as asserted
    assert (us, KG.designates, hts) in g
    assert (us, KG.opposes, isis) in g
    assert (us, KG.recognises, syr) not in g  # negated
    neg = next(g.subjects(KG.relation, KG.recognises))
    assert g.value(neg, KG.negated) == Literal(True)
    g2 = article_graph(SECOND, SECOND_ASSERTIONS, registry={})
    assert (us, KG.givesMilitaryAidTo, syr) not in g2  # planned
    planned = next(g2.subjects(KG.relation, KG.givesMilitaryAidTo))
    assert str(g2.value(planned, KG.modality)) == "planned"
    assert g2.value(planned, KG.source) == us and g2.value(planned, KG.target) == syr


def test_event_node_carries_provenance():
    g = seed_graph()
    ev = event_iri(SEED_ASSERTIONS[0])
    assert g.value(ev, RDF.type) == KG.Event
    assert g.value(ev, PROV.wasDerivedFrom) == article_iri("seed")
    assert g.value(ev, KG.sentenceIndex).toPython() == 3
    assert g.value(ev, KG.startOffset).toPython() == 280
    assert g.value(ev, KG.endOffset).toPython() == 500
    assert str(g.value(ev, KG.modality)) == "reported"
    assert str(g.value(ev, KG.attribution)) == "the Washington Post"
    assert str(g.value(ev, KG.date)) == "2025-01-11"
    assert str(g.value(ev, KG.sourceCode)) == "USAGOV"
    assert str(g.value(ev, KG.cameoCode)) == "064"
    assert g.value(ev, KG.quadClass).toPython() == 2
    assert float(g.value(ev, KG.confidence)) == 0.8
    assert "sharing intelligence" in str(g.value(ev, KG.evidence))
    art = article_iri("seed")
    assert str(g.value(art, KG.extractorVersion)) == "0.1.0"
    assert g.value(art, PROV.generatedAtTime).toPython() == FIXED
    assert g.identifier == graph_iri("seed")


def test_vocabulary_fills_missing_codes():
    g = seed_graph()
    ev = event_iri(SEED_ASSERTIONS[1])  # designates, no cameo on the assertion
    assert str(g.value(ev, KG.cameoCode)) == "163"
    assert str(g.value(ev, KG.ploverCategory)) == "SANCTION"
    assert g.value(ev, KG.quadClass).toPython() == 4


def test_registry_adds_labels_aliases_and_wikidata():
    reg = {
        "US": Actor(
            "US",
            "United States",
            cls="State",
            country="USA",
            sector="GOV",
            code="USA",
            aliases=("Washington", "America"),
            wikidata="Q30",
        )
    }
    g = article_graph(SEED, SEED_ASSERTIONS, registry=reg)
    us = actor_iri("US")
    assert (us, RDF.type, KG.State) in g
    assert (us, OWL.sameAs, WD.Q30) in g
    assert (us, SKOS.altLabel, Literal("Washington")) in g
    assert g.value(us, RDFS.label) == Literal("United States")
    assert g.value(us, KG.cameoCode) == Literal("USA")


def test_unknown_actor_is_kept_and_flagged():
    g = article_graph(SECOND, SECOND_ASSERTIONS, registry={})
    civ2 = actor_iri("Cote d Ivoire")
    assert (civ2, RDF.type, KG.Organisation) in g
    assert g.value(civ2, KG.known) == Literal(False)


def test_same_input_gives_isomorphic_graph_and_matches_expected():
    g1, g2 = seed_graph(), seed_graph()
    assert isomorphic(g1, g2)
    expected = Graph().parse(DATA / "expected.ttl")
    assert isomorphic(g1, expected)


def test_reingest_same_content_changes_nothing():
    stats: dict = {}
    ds = build(results(), registry={}, stats=stats)
    assert stats["added"] == 2 and stats["events"] == 9
    before = {q for q in ds.quads((None, None, None, None))}
    build(results(), dataset=ds, registry={}, stats=stats)
    assert stats["unchanged"] == 2 and stats["added"] == stats["replaced"] == 0
    after = {q for q in ds.quads((None, None, None, None))}
    assert before == after  # timestamps kept too


def test_reingest_changed_article_replaces_its_graph():
    ds = build(results(), registry={})
    changed = Article(SEED.id, SEED.text + " More.", title=SEED.title, date=SEED.date)
    stats: dict = {}
    build([(changed, SEED_ASSERTIONS[:1])], dataset=ds, registry={}, stats=stats)
    assert stats["replaced"] == 1
    seed = ds.graph(graph_iri("seed"))
    assert len(list(seed.subjects(RDF.type, KG.Event))) == 1
    assert (actor_iri("US"), KG.designates, actor_iri("HTS")) not in seed
    # the other article is untouched
    second = ds.graph(graph_iri("second"))
    assert len(list(second.subjects(RDF.type, KG.Event))) == 4


def test_edge_counts_articles_and_mentions():
    ds = build(results(), registry={})
    rows = {
        (str(r["relation"]).rsplit("#")[1], str(r["target"]).rsplit("/")[-1]): (
            int(r["articles"]),
            int(r["mentions"]),
            int(r["asserted"]),
            int(r["negated"]),
        )
        for r in run_query(ds, "edges", params={"actor": "US"})
    }
    assert rows[("sharesIntelligenceWith", "SYR")] == (2, 2, 2, 0)
    assert rows[("recognises", "SYR")] == (1, 1, 0, 1)
    assert rows[("givesMilitaryAidTo", "SYR")] == (1, 1, 0, 0)


def test_duplicate_assertions_become_one_event():
    g = article_graph(SEED, SEED_ASSERTIONS + SEED_ASSERTIONS[:2], registry={})
    assert len(list(g.subjects(RDF.type, KG.Event))) == len(SEED_ASSERTIONS)


def test_without_a_registry_actors_come_from_their_mentions():
    # None (the default) describes actors by what their mentions carry, like {}
    g = article_graph(SEED, SEED_ASSERTIONS, generated_at=FIXED)
    assert isomorphic(g, seed_graph())
    assert g.value(actor_iri("SYR"), RDFS.label) == Literal("Syria")
