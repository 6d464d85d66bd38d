"""kg.rdf.events: derived edges and events (vs mentions), kept up to date by builds."""

from __future__ import annotations

import pytest
from rdf_helpers import derived_quads, each_store  # noqa: F401 (fixture "store")

from kg.analysis import actor_graph
from kg.analysis.edges import read_edges
from kg.rdf import derived, events
from kg.rdf.graph import BatchWriter, build
from kg.rdf.nquads import article_quads
from kg.rdf.store import select
from kg.types import Article, Assertion, Mention

ZLF = Mention("ZLF", "the Zemblan Front", 0, 17, label="Zemblan Front",
              cls="ArmedGroup")  # fmt: skip
BRV = Mention("BRV", "Borovia", 30, 37, label="Borovia", cls="State")
OTH = Mention("OTH", "Othmark", 30, 37, label="Othmark", cls="State")


def _article(aid: str, day: str, *, negated: bool = False, target: Mention = BRV,
             publisher: str = "Daily Zembla", sentence: int = 0):  # fmt: skip
    text = f"The Zemblan Front attacked {target.label} near the border."
    a = Assertion(aid, ZLF, target, "attacks", sentence, 0, len(text), text,
                  negated=negated, date=day)  # fmt: skip
    return Article(aid, text, date=day, source=publisher), [a]


def _news_events(ds) -> list[tuple[str, int, int, int]]:
    """(polarity, mentions, articles, sources) of every kg:NewsEvent, by SPARQL."""
    text = """
    PREFIX kg: <https://w3id.org/kg-news/ontology#>
    SELECT ?pol (COUNT(?m) AS ?n) ?a ?s WHERE { GRAPH ?g {
      ?e a kg:NewsEvent ; kg:polarity ?pol ; kg:mention ?m ;
         kg:articleCount ?a ; kg:sourceCount ?s } }
    GROUP BY ?e ?pol ?a ?s ORDER BY ?pol DESC(?n)"""
    _, rows = select(ds, text)
    return [(p, int(n), int(a), int(s)) for p, n, a, s in rows]


def test_three_articles_reporting_one_event_give_one_event_with_three_mentions(store):
    arts = [
        _article("z1", "2025-03-04", publisher="Daily Zembla"),
        _article("z2", "2025-03-04", publisher="Borovian Times"),
        _article("z3", "2025-03-05", publisher="Daily Zembla"),
    ]
    build(arts, dataset=store, registry={})
    assert _news_events(store) == [("positive", 3, 3, 2)]
    (edge,) = read_edges(store)
    assert (edge["mentions"], edge["event_count"], edge["articles"]) == (3, 1, 3)
    assert edge["sources"] == 2


def test_events_outside_the_window_or_of_another_polarity_stay_apart(store):
    arts = [
        _article("z1", "2025-03-04"),
        _article("z2", "2025-03-05"),  # within one day of the first: same event
        _article("z3", "2025-03-06"),  # two days after the first: a new event
        _article("z4", "2025-03-04", negated=True),  # denied: another event
    ]
    build(arts, dataset=store, registry={})
    assert _news_events(store) == [
        ("negative", 1, 1, 1), ("positive", 2, 2, 1), ("positive", 1, 1, 1),
    ]  # fmt: skip
    (edge,) = read_edges(store)
    assert (edge["mentions"], edge["event_count"]) == (4, 3)


def test_the_window_is_configurable_and_a_new_window_recounts(store):
    arts = [_article("z1", "2025-03-04"), _article("z2", "2025-03-05")]
    build(arts, dataset=store, registry={}, event_window=0)
    assert [e["event_count"] for e in read_edges(store)] == [2]
    assert derived.event_window(store) == 0
    build([], dataset=store, registry={}, event_window=3)  # nothing new: recount
    assert [e["event_count"] for e in read_edges(store)] == [1]
    with pytest.raises(Exception, match="bad event window -1"):
        derived.refresh(store, window=-1)


def test_a_build_recomputes_only_what_it_touched_and_equals_a_full_recount(store):
    first = [_article("z1", "2025-03-04"), _article("z2", "2025-03-04", target=OTH),
             _article("z3", "2025-04-01", target=OTH)]  # fmt: skip
    build(first, dataset=store, registry={})
    untouched = {q for q in derived_quads(store) if "OTH" not in str(q)}
    # z2 replaced (now denied), z4 added: only the ZLF -> BRV dyad and the
    # relation summary change
    second = [_article("z2", "2025-03-04", negated=True), _article("z4", "2025-03-05")]
    build(second, dataset=store, registry={})
    incremental = derived_quads(store)
    assert derived.is_fresh(store)
    derived.refresh(store)  # everything again
    assert derived_quads(store) == incremental
    assert len(incremental - untouched) > 0  # the comparison is not vacuous
    edges = {(e["target"], e["mentions"], e["negated"]) for e in read_edges(store)}
    assert edges == {("BRV", 3, 1), ("OTH", 1, 0)}


def test_edge_node_is_the_node_the_build_wrote(store):
    from kg.rdf.ontology import actor_iri, relation_iri

    arts = [_article("z1", "2025-03-04"), _article("z2", "2025-03-04", target=OTH),
            _article("z3", "2025-04-01", negated=True)]  # fmt: skip
    build(arts, dataset=store, registry={})
    record = "<https://w3id.org/kg-news/ontology#edgeRecord>"
    _, rows = select(store, f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x {record} ?r }} }}")
    written = {r[0] for r in rows}
    # from the ids the readers give, as kg.analysis.mentions.mention_iris does
    wanted = {events.edge_node(str(actor_iri(e["source"])),
                               str(relation_iri(e["relation"])),
                               str(actor_iri(e["target"])))
              for e in read_edges(store)}  # fmt: skip
    assert written and wanted == written
    us, syr, opposes = (
        str(actor_iri("US")),
        str(actor_iri("SYR")),
        str(relation_iri("opposes")),
    )
    assert events.edge_node(syr, opposes, us) != events.edge_node(us, opposes, syr)


def test_a_killed_build_leaves_the_derived_data_stale_and_the_next_build_heals(store):
    build([_article("z1", "2025-03-04")], dataset=store, registry={})
    writer = BatchWriter(store)  # a build that writes a batch, then dies
    art, asserted = _article("z2", "2025-03-04", target=OTH)
    writer.write([article_quads(art, asserted)], {"z2": art})
    assert not derived.is_fresh(store)
    # readers group the mentions themselves: the new article counts already
    lean = actor_graph(store, events=False)
    assert sorted(lean.edges(keys=True)) == [("ZLF", "BRV", "attacks"),
                                             ("ZLF", "OTH", "attacks")]  # fmt: skip
    assert sorted(actor_graph(store).edges(keys=True)) == sorted(lean.edges(keys=True))
    build([], dataset=store, registry={})  # the next build recounts everything
    assert derived.is_fresh(store)
    assert {e["target"] for e in read_edges(store)} == {"BRV", "OTH"}


def test_named_queries_count_events_and_mentions(store):
    from kg.query import run_query

    arts = [_article("z1", "2025-03-04"), _article("z2", "2025-03-04"),
            _article("z3", "2025-05-01", target=OTH)]  # fmt: skip
    build(arts, dataset=store, registry={})
    rows = [dict(r.asdict()) for r in run_query(store, "edges")]
    got = {(str(r["target"]).rsplit("/", 1)[-1], int(r["mentions"]), int(r["events"]))
           for r in rows}  # fmt: skip
    assert got == {("BRV", 2, 1), ("OTH", 1, 1)}
    top = [dict(r.asdict()) for r in run_query(store, "top-relations")]
    assert [(int(r["mentions"]), int(r["events"]), int(r["articles"]),
             int(r["pairs"])) for r in top] == [(3, 2, 3, 2)]  # fmt: skip
    actors = {str(r["actor"]).rsplit("/", 1)[-1]: (int(r["mentions"]), int(r["events"]),
              int(r["articles"])) for r in run_query(store, "actors")}  # fmt: skip
    assert actors == {"ZLF": (3, 2, 3), "BRV": (2, 1, 2), "OTH": (1, 1, 1)}


def test_the_derived_nodes_satisfy_the_shapes_and_a_broken_one_does_not():
    from rdflib import URIRef

    from kg.rdf.namespaces import KG
    from kg.rdf.ontology import validate

    arts = [_article("z1", "2025-03-04"), _article("z2", "2025-03-04", negated=True)]
    ds = build(arts, registry={})
    conforms, report = validate(ds)
    assert conforms, report
    text = f"SELECT ?g ?e WHERE {{ GRAPH ?g {{ ?e a <{KG.NewsEvent}> }} }}"
    _, rows = select(ds, text)
    g, e = next(iter(rows))
    ds.graph(URIRef(g)).remove((URIRef(e), KG.mention, None))
    conforms, report = validate(ds)
    assert not conforms and "an event needs at least one kg:mention" in report


@pytest.mark.parametrize("name", ["edges", "conflict"])
def test_listings_break_ties_by_source_relation_and_target(store, name):
    from kg.query import run_query

    # equal counts everywhere; BRV's IRI is a prefix of BRVX's, so a key that
    # joined the IRIs with a character above the space would sort them apart
    brvx = Mention("BRVX", "Brovixa", 30, 37, label="Brovixa", cls="State")
    arts = [_article(f"z{i}", "2025-03-04", target=t)
            for i, t in enumerate((OTH, brvx, BRV))]  # fmt: skip
    build(arts, dataset=store, registry={})
    rows = [dict(r.asdict()) for r in run_query(store, name)]
    targets = [str(r["target"]).rsplit("/", 1)[-1] for r in rows]
    assert targets == ["BRV", "BRVX", "OTH"]
    assert [int(r["mentions"]) for r in rows] == [1, 1, 1]
