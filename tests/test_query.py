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
    coop = {
        (local(r["source"]), local(r["relation"]), local(r["target"]))
        for r in run_query(ds, "cooperation")
    }
    assert coop == {("US", "sharesIntelligenceWith", "SYR")}  # negated, planned: no
    conflict = {
        (local(r["source"]), local(r["relation"]), local(r["target"]))
        for r in run_query(ds, "conflict", params={"actor": "HTS"})
    }
    assert conflict == {
        ("US", "designates", "HTS"),
        ("HTS", "opposes", "ISIS"),
        ("HTS", "fights", "ISIS"),
    }


def test_between_pair_with_evidence(ds):
    rows = list(run_query(ds, "between", params={"a": "SYR", "b": "US"}))
    assert len(rows) == 4
    rels = sorted(local(r["relation"]) for r in rows)
    assert rels == [
        "givesMilitaryAidTo",
        "recognises",
        "sharesIntelligenceWith",
        "sharesIntelligenceWith",
    ]
    neg = [r for r in rows if local(r["relation"]) == "recognises"][0]
    assert neg["negated"].toPython() is True
    assert "reluctance" in str(neg["evidence"])


def test_timeline_is_ordered(ds):
    dates = [
        str(r["date"])
        for r in run_query(ds, "timeline", params={"a": "HTS", "b": "ISIS"})
    ]
    assert dates == sorted(dates) and dates[0] == "2025-01-25"


def test_actors_by_class_and_country(ds):
    rows = {
        local(r["actor"])
        for r in run_query(ds, "actors", params={"class": "ArmedGroup"})
    }
    assert rows == {"HTS", "ISIS"}
    rows = {
        local(r["actor"]) for r in run_query(ds, "actors", params={"country": "SYR"})
    }
    assert rows == {"HTS", "SYR"}


def test_top_relations_counts(ds):
    rows = {
        local(r["relation"]): (int(r["mentions"]), int(r["articles"]))
        for r in run_query(ds, "top-relations")
    }
    assert rows["sharesIntelligenceWith"] == (2, 2)
    assert rows["opposes"] == (2, 1)


def test_evidence_for_an_edge(ds):
    rows = list(
        run_query(
            ds,
            "evidence",
            params={
                "source": "US",
                "relation": "sharesIntelligenceWith",
                "target": "SYR",
            },
        )
    )
    assert [str(r["date"]) for r in rows] == ["2025-01-11", "2025-02-01"]
    assert str(rows[0]["url"]) == "https://www.middleeastmonitor.com/"


def test_parameters_are_terms_not_text(ds):
    evil = "US> } } ; DROP ALL ; SELECT * { <x"
    before = len(list(run_query(ds, "between", params={"a": "US", "b": "SYR"})))
    # as an actor name it matches no actor: a one-line error, nothing run
    with pytest.raises(KGError, match="no actor 'US> } } ; DROP ALL"):
        run_query(ds, "between", params={"a": evil, "b": "SYR"})
    with pytest.raises(KGError, match="no actor"):
        run_query(ds, "between", params={"a": 'US" || true || "', "b": "SYR"})
    # as an RDF term it is bound, never pasted into the text
    rows = run_query(ds, "between", params={"a": actor_iri(evil), "b": "SYR"})
    assert list(rows) == []
    assert list(run_query(ds, "actors", params={"country": 'SYR" || true || "'})) == []
    after = run_query(ds, "between", params={"a": "US", "b": "SYR"})
    assert before == len(list(after)) > 0  # nothing was dropped


def test_unknown_parameter(ds):
    with pytest.raises(KGError, match="unknown parameter 'acter'"):
        run_query(ds, "cooperation", params={"acter": "US"})


def test_param_terms():
    assert param_term("a", "Côte d'Ivoire") == actor_iri("Côte d'Ivoire")
    assert param_term("x", "<https://example.org/y>") == URIRef("https://example.org/y")
    assert param_term("x", "actor:HTS") == actor_iri("HTS")
    assert param_term("since", "2025-01-01") == Literal(
        "2025-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )
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


@pytest.mark.parametrize(
    "q",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x.org/s> "
        "{ ?s ?q ?r } } }",
    ],
)
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
    ttl = format_result(
        run_query(
            ds,
            "CONSTRUCT { ?a kg:sharesIntelligenceWith ?b } "
            "WHERE { ?a kg:sharesIntelligenceWith ?b }",
        ),
        "turtle",
    )
    assert "actor:US kg:sharesIntelligenceWith actor:SYR" in ttl
    with pytest.raises(KGError, match="needs a CONSTRUCT"):
        format_result(run_query(ds, "cooperation"), "turtle")
    with pytest.raises(KGError, match="unknown format 'xml'"):
        format_result(run_query(ds, "cooperation"), "xml")


def test_cli_query(tmp_path, capsys):
    store = tmp_path / "s"
    d = build(results(), dataset=open_store(store), registry={})
    d.close()
    assert (
        main(
            [
                "query",
                "--store",
                str(store),
                "--named",
                "between",
                "--param",
                "a=US",
                "--param",
                "b=HTS",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "designates" in out and len(out.splitlines()) == 2
    assert main(["query", "--list"]) == 0
    assert "cooperation" in capsys.readouterr().out
    assert main(["query", "--store", str(store), "DROP ALL"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert main(["query", "--store", str(store), "--named", "top-relations"]) == 0
    assert "fights" in capsys.readouterr().out  # before the graph is dropped
    assert (
        main(
            [
                "query",
                "--store",
                str(store),
                "--update",
                "DROP GRAPH <https://w3id.org/kg-news/graph/second>",
            ]
        )
        == 0
    )
    assert main(["query", "--store", str(store), "--named", "top-relations"]) == 0
    assert "fights" not in capsys.readouterr().out
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?b WHERE { ?a kg:designates ?b }")
    assert main(["query", "--store", str(store), "-f", str(q), "--param", "a=US"]) == 0
    assert "actor:HTS" in capsys.readouterr().out
    assert KG.designates  # closed namespace term used by the query


# -------------------------------------------------------------- actor parameters
@pytest.mark.parametrize(
    "value, actor",
    [
        ("US", "US"),  # id
        ("us", "US"),  # id, any case
        ("United States", "US"),  # rdfs:label
        ("syria", "SYR"),  # label, any case
        ("Hay'at Tahrir al-Sham", "HTS"),
        ("hts", "HTS"),
        ("SYRGOV", "SYR"),  # a CAMEO country + sector code (registry)
        ("Daesh", "ISIS"),  # an alias of the registry
        ("Washington", "US"),  # a capital as metonym (registry)
    ],
)
def test_actor_parameters_resolve_names_aliases_and_codes(ds, value, actor):
    from kg.query import actor_param

    assert actor_param(ds, "a", value) == actor_iri(actor)


def test_actor_parameters_use_the_graphs_aliases():
    from rdflib import Dataset, Namespace

    from kg.query import actor_param

    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/kg-news/graph/x"))
    g.add((actor_iri("ZZ_FRONT"), skos.altLabel, Literal("the Zed Front")))
    g.add((actor_iri("ZZ_FRONT"), URIRef(str(KG) + "cameoCode"), Literal("ZZZREB")))
    assert actor_param(ds, "actor", "THE ZED FRONT") == actor_iri("ZZ_FRONT")
    assert actor_param(ds, "actor", "zzzreb") == actor_iri("ZZ_FRONT")
    with pytest.raises(KGError, match="no actor 'Zed Frnt'.*close matches: ZZ_FRONT"):
        actor_param(ds, "actor", "Zed Frnt")


def test_an_alias_of_two_actors_is_refused():
    from rdflib import Dataset, Namespace

    from kg.query import actor_param

    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/kg-news/graph/x"))
    g.add((actor_iri("A1"), skos.altLabel, Literal("the Front")))
    g.add((actor_iri("A2"), skos.altLabel, Literal("The Front")))
    with pytest.raises(KGError, match="alias of several actors: A1, A2"):
        actor_param(ds, "actor", "the front")
    g.add((actor_iri("A2"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
           Literal("The Front")))  # fmt: skip
    assert actor_param(ds, "actor", "the front") == actor_iri("A2")  # a name wins


def test_an_unknown_actor_fails_with_close_matches(ds):
    with pytest.raises(KGError) as err:
        run_query(ds, "between", params={"a": "Sirya", "b": "US"})
    message = str(err.value)
    assert "no actor 'Sirya' (parameter 'a')" in message and "\n" not in message
    assert "close matches: SYR" in message


def test_which_actor_was_used_is_logged(ds, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="kg"):
        rows = list(run_query(ds, "between", params={"a": "washington", "b": "syria"}))
    assert rows
    assert "a=washington: actor US (by alias" in caplog.text
    assert "b=syria: actor SYR (by name, in the graph)" in caplog.text


def test_explicit_terms_are_not_resolved(ds):
    syria = f"<{actor_iri('SYR')}>"
    rows = run_query(ds, "between", params={"a": "actor:US", "b": syria})
    assert len(list(rows)) == 4
    assert list(run_query(ds, "between", params={"a": "actor:us", "b": "SYR"})) == []


def test_a_named_querys_missing_parameter_fails(ds):
    with pytest.raises(KGError, match="named query 'between' needs the parameter b;"):
        run_query(ds, "between", params={"a": "US"})
    with pytest.raises(KGError, match="needs the parameters source, relation, target"):
        run_query(ds, "evidence")
    # optional parameters may be left out
    assert list(run_query(ds, "cooperation"))
    assert list(run_query(ds, "actors"))


def test_cli_says_which_actor_and_fails_on_a_missing_parameter(ds, tmp_path, capsys):
    from rdflib import Dataset

    path = tmp_path / "g.trig"
    copy = Dataset()
    for quad in ds.quads((None, None, None, None)):
        copy.add(quad)
    copy.serialize(path, format="trig")
    store = str(path)
    code = main(["query", "--store", store, "--named", "between",
                 "--param", "a=Washington", "--param", "b=hts"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0 and "actor:US" in out and "actor:HTS" in out
    code = main(["query", "--store", store, "--named", "between", "--param", "a=US"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert (
        err == "kg: error: named query 'between' needs the parameter b; pass "
        "--param b=VALUE\n"
    )
    code = main(["query", "--store", store, "--named", "cooperation",
                 "--param", "actor=Hamas Brigade"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.startswith("kg: error: no actor 'Hamas")
