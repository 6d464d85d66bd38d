"""The ontology (kg.ttl), the closed KG namespace, SHACL shapes and validate()."""

from __future__ import annotations

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.query import run_query
from kg.rdf.graph import article_graph, build
from kg.rdf.ontology import (
    KG,
    actor_iri,
    bind,
    class_iri,
    load_ontology,
    ontology_dir,
    validate,
)
from kg.types import KGError
from kg.vocab import QUAD_NAMES
from tests.conftest import ROOT
from tests.data.graph_sample import SEED, SEED_ASSERTIONS, results

NS = str(KG._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_ontology_file_is_the_repository_one():
    assert ontology_dir() == (ROOT / "kg/resources/ontology").resolve()
    assert (ROOT / "ontology").resolve() == ontology_dir()


def test_kg_ttl_agrees_with_relations_yaml(onto):
    data = yaml.safe_load((ROOT / "kg/resources/relations.yaml").read_text("utf-8"))
    names = set(data["relations"])
    parents = [KG[q] for q in QUAD_NAMES.values()] + [KG[n] for n in names]
    declared = {
        str(p)[len(NS) :]
        for p in onto.subjects(RDFS.subPropertyOf, None)
        if str(p).startswith(NS) and onto.value(p, RDFS.subPropertyOf) in parents
    }
    assert declared == names
    from kg.vocab import load_vocabulary

    for name, rel in load_vocabulary().items():
        p = KG[name]
        assert (p, RDF.type, OWL.ObjectProperty) in onto
        assert str(onto.value(p, RDFS.label)) == rel.label
        assert str(onto.value(p, SKOS.definition)) == rel.definition
        assert str(onto.value(p, KG.cameoCode)) == rel.cameo
        assert str(onto.value(p, KG.ploverCategory) or "") == rel.plover
        assert onto.value(p, KG.quadClass).toPython() == rel.quad_class
        parent = onto.value(p, RDFS.subPropertyOf)
        # a narrower relation sits under its broad one, which sits under the quad
        quad = KG[QUAD_NAMES[rel.quad_class]]
        assert parent == (KG[rel.broader] if rel.broader else quad)
        assert (p, RDF.type, OWL.SymmetricProperty) in onto if rel.symmetric else True


def test_quad_class_properties_are_under_related_to(onto):
    for q in QUAD_NAMES.values():
        assert (KG[q], RDFS.subPropertyOf, KG.relatedTo) in onto


def test_every_kg_term_is_declared(onto):
    terms = [name for name in KG.__annotations__]
    assert len(terms) > 80
    missing = [t for t in terms if (KG[t], RDF.type, None) not in onto]
    assert missing == []
    for t in terms:
        assert str(onto.value(KG[t], RDFS.label) or "").strip(), t
        assert str(onto.value(KG[t], SKOS.definition) or "").strip(), t


def test_kg_namespace_is_closed():
    with pytest.raises(AttributeError):
        KG.sharesIntelligence  # noqa: B018


def test_every_emitted_term_is_declared(onto):
    ds = build(results(), registry={})
    used = set()
    for _s, p, o, _g in ds.quads((None, None, None, None)):
        if str(p).startswith(NS):
            used.add(p)
        if p == RDF.type and str(o).startswith(NS):
            used.add(o)
        if p == KG.relation:
            used.add(o)
    assert KG.Event in used and KG.sharesIntelligenceWith in used
    undeclared = sorted(t for t in used if (t, RDF.type, None) not in onto)
    assert undeclared == []


def test_every_actor_class_is_declared(onto):
    for cls in (
        "State",
        "Government",
        "Military",
        "Agency",
        "ArmedGroup",
        "Party",
        "InternationalOrganisation",
        "Media",
        "Person",
        "Place",
        "Organisation",
        "Group",
    ):
        assert (class_iri(cls), RDFS.subClassOf, KG.Actor) in onto
    with pytest.raises(KGError, match="unknown actor class 'Rebel'"):
        class_iri("Rebel")


def test_sample_graph_conforms():
    conforms, report = validate(build(results(), registry={}))
    assert conforms, report
    assert report.startswith("Conforms")


def test_event_without_source_does_not_conform():
    g = article_graph(SEED, SEED_ASSERTIONS, registry={})
    event = next(g.subjects(KG.relation, KG.designates))
    g.remove((event, KG.source, None))
    conforms, report = validate(g)
    assert not conforms
    assert "kg:source" in report and "exactly one kg:source" in report


@pytest.mark.parametrize(
    "prop, value, words",
    [
        (KG.modality, Literal("rumoured"), "kg:modality must be one of"),
        (KG.quadClass, Literal(7), "quadClass must be an integer from 1 to 4"),
        (KG.confidence, Literal("high"), "kg:confidence"),
    ],
)
def test_bad_event_values_are_reported(prop, value, words):
    g = article_graph(SEED, SEED_ASSERTIONS, registry={})
    event = next(g.subjects(KG.relation, KG.designates))
    g.set((event, prop, value))
    conforms, report = validate(g)
    assert not conforms
    assert words in report


def test_article_without_extraction_time_does_not_conform():
    from rdflib.namespace import PROV

    g = article_graph(SEED, SEED_ASSERTIONS, registry={})
    g.remove((None, PROV.generatedAtTime, None))
    conforms, report = validate(g)
    assert not conforms and "prov:generatedAtTime" in report


def test_relation_hierarchy_by_property_path():
    ds = build(results(), registry={})
    rows = run_query(
        ds,
        "SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b . "
        "?p rdfs:subPropertyOf+ kg:materialCooperation }",
    )
    pairs = {(r["a"], r["b"]) for r in rows}
    assert (actor_iri("US"), actor_iri("SYR")) in pairs
    # planned military aid is an event, not a direct triple
    assert (actor_iri("US"), KG.givesMilitaryAidTo, actor_iri("SYR")) not in set(
        (s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))
    )


def test_bind_sets_the_kg_prefixes():
    g = bind(Graph())
    prefixes = dict(g.namespaces())
    for p in (
        "kg",
        "actor",
        "article",
        "event",
        "prov",
        "rdf",
        "rdfs",
        "owl",
        "sh",
        "skos",
        "dcterms",
        "xsd",
        "wd",
    ):
        assert p in prefixes
    assert prefixes["wd"] == URIRef("http://www.wikidata.org/entity/")


def test_real_pipeline_graph_conforms(nlp):
    from kg.articles import load_articles
    from kg.nlp.extract import extract_articles

    articles = list(load_articles([ROOT / "data/articles/seed.txt"]))
    ds = build(extract_articles(articles, nlp))
    conforms, report = validate(ds)
    assert conforms, report
    assert any(True for _ in ds.quads((None, RDF.type, KG.Event, None)))
