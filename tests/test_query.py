"""kg.query: named queries, parameters as RDF terms, safety, errors and formats."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.query import (
    format_result,
    param_term,
    run_query,
)
from kg.rdf.graph import build
from kg.rdf.ontology import KG, actor_iri
from kg.rdf.store import open_store
from kg.types import KGError
from tests.data.graph_sample import results


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ds(request, tmp_path_factory):
    loc = "memory" if request.param == "memory" else tmp_path_factory.mktemp("q") / "s"
    dataset = build(results(), dataset=open_store(loc), registry={})
    yield dataset
    dataset.close()


def local(term) -> str:
    return str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def test_cooperation_and_conflict(ds):
    coop = {(local(r["source"]), local(r["relation"]), local(r["target"]))
            for r in run_query(ds, "cooperation")}
    assert coop == {("US", "sharesIntelligenceWith", "SYR")}  # negated, planned: no
    conflict = {(local(r["source"]), local(r["relation"]), local(r["target"]))
                for r in run_query(ds, "conflict", params={"actor": "HTS"})}
    assert conflict == {("US", "designates", "HTS"), ("HTS", "opposes", "ISIS"),
                        ("HTS", "fights", "ISIS")}


def test_between_pair_with_evidence(ds):
    rows = list(run_query(ds, "between", params={"a": "SYR", "b": "US"}))
    assert len(rows) == 4
    rels = sorted(local(r["relation"]) for r in rows)
    assert rels == ["givesMilitaryAidTo", "recognises", "sharesIntelligenceWith",
                    "sharesIntelligenceWith"]
    neg = [r for r in rows if local(r["relation"]) == "recognises"][0]
    assert neg["negated"].toPython() is True
    assert "reluctance" in str(neg["evidence"])


def test_timeline_is_ordered(ds):
    dates = [str(r["date"]) for r in run_query(ds, "timeline",
                                                params={"a": "HTS", "b": "ISIS"})]
    assert dates == sorted(dates) and dates[0] == "2025-01-25"


def test_actors_by_class_and_country(ds):
    rows = {local(r["actor"]) for r in run_query(ds, "actors",
                                                 params={"class": "ArmedGroup"})}
    assert rows == {"HTS", "ISIS"}
    rows = {local(r["actor"]) for r in run_query(ds, "actors",
                                                 params={"country": "SYR"})}
    assert rows == {"HTS", "SYR"}


def test_top_relations_counts(ds):
    rows = {local(r["relation"]): (int(r["mentions"]), int(r["articles"]))
            for r in run_query(ds, "top-relations")}
    assert rows["sharesIntelligenceWith"] == (2, 2)
    assert rows["opposes"] == (2, 1)


def test_evidence_for_an_edge(ds):
    rows = list(run_query(ds, "evidence", params={
        "source": "US", "relation": "sharesIntelligenceWith", "target": "SYR"}))
    assert [str(r["date"]) for r in rows] == ["2025-01-11", "2025-02-01"]
    assert str(rows[0]["url"]) == "https://www.middleeastmonitor.com/"


def test_parameters_are_terms_not_text(ds):
    evil = 'US> } } ; DROP ALL ; SELECT * { <x'
    assert list(run_query(ds, "between", params={"a": evil})) == []
    assert list(run_query(ds, "actors", params={"country": 'SYR" || true || "'})) == []


def test_unknown_parameter(ds):
    with pytest.raises(KGError, match="unknown parameter 'acter'"):
        run_query(ds, "cooperation", params={"acter": "US"})


def test_param_terms():
    assert param_term("a", "Côte d'Ivoire") == actor_iri("Côte d'Ivoire")
    assert param_term("x", "<https://example.org/y>") == URIRef("https://example.org/y")
    assert param_term("x", "actor:HTS") == actor_iri("HTS")
    assert param_term("since", "2025-01-01") == Literal("2025-01-01",
                                                        datatype=URIRef(
                                                            "http://www.w3.org/2001/XMLSchema#date"))
    with pytest.raises(KGError, match="bad IRI"):
        param_term("x", "<a b>")
    with pytest.raises(KGError, match="bad date"):
        param_term("since", "yesterday")


def test_read_only_by_default(ds):
    with pytest.raises(KGError, match="read-only"):
        run_query(ds, "DROP ALL")
    with pytest.raises(KGError, match="read-only"):
        run_query(ds, "INSERT DATA { <http://a> <http://b> <http://c> }")


def test_update_when_allowed():
    d = build(results(), registry={})
    run_query(
        d,
        "DELETE { GRAPH ?g { ?s kg:designates ?o } } "
        "WHERE { GRAPH ?g { ?s kg:designates ?o } }",
        allow_update=True,
    )
    assert list(run_query(d, "ASK { ?s kg:designates ?o }"))[0] is False


@pytest.mark.parametrize("q", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x.org/s> { ?s ?q ?r } } }",
])
def test_service_refused(ds, q):
    with pytest.raises(KGError, match="SERVICE makes network calls"):
        run_query(ds, q)


def test_load_refused_even_with_update(ds):
    with pytest.raises(KGError, match="LOAD makes network calls"):
        run_query(ds, "LOAD <http://example.org/x.ttl>", allow_update=True)


def test_syntax_error_has_message_and_position(ds):
    with pytest.raises(KGError) as err:
        run_query(ds, "SELECT ?x WHERE { ?x ?y }")
    msg = str(err.value)
    assert msg.startswith("SPARQL syntax error at line 1, column")
    assert "\n" not in msg


def test_formats(ds):
    res = run_query(ds, "cooperation")
    table = format_result(res, "table", dataset=ds)
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["source", "sourceLabel", "relation"]
    assert "actor:US" in lines[2] and "kg:sharesIntelligenceWith" in lines[2]
    assert lines[-1] == "(1 row)"
    res = run_query(ds, "cooperation")
    csv_text = format_result(res, "csv")
    assert csv_text.splitlines()[1].startswith(str(actor_iri("US")))
    data = json.loads(format_result(run_query(ds, "cooperation"), "json"))
    assert data["head"]["vars"][0] == "source"
    assert data["results"]["bindings"][0]["target"]["value"] == str(actor_iri("SYR"))
    ttl = format_result(run_query(
        ds, "CONSTRUCT { ?a kg:sharesIntelligenceWith ?b } "
            "WHERE { ?a kg:sharesIntelligenceWith ?b }"), "turtle")
    assert "actor:US kg:sharesIntelligenceWith actor:SYR" in ttl
    with pytest.raises(KGError, match="needs a CONSTRUCT"):
        format_result(run_query(ds, "cooperation"), "turtle")
    with pytest.raises(KGError, match="unknown format 'xml'"):
        format_result(run_query(ds, "cooperation"), "xml")


def test_cli_query(tmp_path, capsys):
    store = tmp_path / "s"
    d = build(results(), dataset=open_store(store), registry={})
    d.close()
    assert main(["query", "--store", str(store), "--named", "between",
                 "--param", "a=US", "--param", "b=HTS", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "designates" in out and len(out.splitlines()) == 2
    assert main(["query", "--list"]) == 0
    assert "cooperation" in capsys.readouterr().out
    assert main(["query", "--store", str(store), "DROP ALL"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert main(["query", "--store", str(store), "--named", "top-relations"]) == 0
    assert "fights" in capsys.readouterr().out  # before the graph is dropped
    assert main(["query", "--store", str(store), "--update",
                 "DROP GRAPH <https://w3id.org/kg-news/graph/second>"]) == 0
    assert main(["query", "--store", str(store), "--named", "top-relations"]) == 0
    assert "fights" not in capsys.readouterr().out
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?b WHERE { ?a kg:designates ?b }")
    assert main(["query", "--store", str(store), "-f", str(q), "--param", "a=US"]) == 0
    assert "actor:HTS" in capsys.readouterr().out
    assert KG.designates  # closed namespace term used by the query
