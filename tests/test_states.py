"""Relations over time: states, their ending relations, and the state at a date.

The same answers by the three faces: the Python API (kg.states_as_of), the named
query (state-as-of) and the command line (kg query --as-of). The spell rules are
checked on invented events; the sample's US-HTS designation on data/articles.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

import kg
from kg.analysis.states import check_states, states_as_of
from kg.cli import main
from kg.query import run_query
from kg.rdf.graph import build
from kg.rdf.ontology import KG, load_ontology
from kg.rdf.store import open_store
from kg.types import Article, Assertion, KGError, Mention
from kg.vocab import load_vocabulary, parse_vocabulary, state_relations
from tests.conftest import ROOT


# ----------------------------------------------------------------- vocabulary
def test_states_and_their_ending_relations():
    states = state_relations()
    assert states["designates"] == ("revokesDesignationOf",)
    assert states["sanctions"] == ("liftsSanctionsOn",)
    assert states["occupies"] == ("withdrawsFrom",)
    assert states["recognises"] == ("withdrawsRecognitionOf",)
    assert states["alliesWith"] == ("breaksAllianceWith",)
    assert states["seversRelationsWith"] == ("restoresRelationsWith",)
    # events are no states
    assert "meetsWith" not in states and "revokesDesignationOf" not in states
    vocab = load_vocabulary()
    assert vocab["designates"].state and not vocab["attacks"].state


def test_an_unknown_ending_relation_is_an_error():
    entry = {"cameo": "163", "plover": "SANCTION", "label": "x", "definition": "."}
    with pytest.raises(KGError, match="ended by unknown relation"):
        parse_vocabulary({"relations": {"bans": {**entry, "endedBy": ["unbans"]}}})
    ok = parse_vocabulary(
        {"relations": {"bans": {**entry, "endedBy": ["unbans"]}, "unbans": entry}}
    )
    assert ok["bans"].ended_by == ("unbans",) and not ok["unbans"].state


def test_ontology_marks_the_states_as_the_vocabulary_does():
    onto = load_ontology()
    ns = str(KG._NS)
    marked = {str(p)[len(ns) :] for p in onto.subjects(RDF.type, KG.StateRelation)}
    assert marked == set(state_relations())
    for name, endings in state_relations().items():
        ended = {str(o)[len(ns) :] for o in onto.objects(KG[name], KG.endedBy)}
        assert ended == set(endings)


# ------------------------------------------------------------- invented events
RUR = Mention("RUR", "Ruritania", 0, 9, label="Ruritania", cls="State", country="RUR")
BLK = Mention("BLK", "the Black Hand", 20, 34, label="Black Hand", cls="ArmedGroup")
GRN = Mention("GRN", "Grand Fenwick", 40, 53, label="Grand Fenwick", cls="State")


def _event(art: str, n: int, s: Mention, rel: str, t: Mention, date: str, **kw):
    return Assertion(art, s, t, rel, n, n * 10, n * 10 + 9, f"{s.text} {rel} {t.text}.",
                     date=date, **kw)  # fmt: skip


def invented() -> list[tuple[Article, list[Assertion]]]:
    """Ruritania designates the Black Hand, revokes, designates again; same-day
    start and end for Grand Fenwick's sanctions; a negated and a planned ending."""
    a = Article("inv-1", "Ruritania lists the Black Hand.", date="2020-03-01")
    b = Article("inv-2", "Ruritania delists the Black Hand.", date="2022-05-01")
    c = Article("inv-3", "Ruritania lists the Black Hand again.", date="2023-02-01")
    d = Article("inv-4", "Grand Fenwick and Ruritania.", date="2021-01-10")
    return [
        (a, [_event("inv-1", 0, RUR, "designates", BLK, "2020-03-01")]),
        (b, [_event("inv-2", 0, RUR, "revokesDesignationOf", BLK, "2022-05-01"),
             _event("inv-2", 1, RUR, "designates", BLK, "2020-03-01")]),
        (c, [_event("inv-3", 0, RUR, "designates", BLK, "2023-02-01"),
             _event("inv-3", 1, RUR, "revokesDesignationOf", BLK, "2023-06-01",
                    negated=True),
             _event("inv-3", 2, RUR, "revokesDesignationOf", BLK, "2023-07-01",
                    modality="planned")]),
        (d, [_event("inv-4", 0, GRN, "sanctions", RUR, "2021-01-10"),
             _event("inv-4", 1, GRN, "liftsSanctionsOn", RUR, "2021-01-10"),
             _event("inv-4", 2, RUR, "liftsSanctionsOn", GRN, "2021-01-05"),
             _event("inv-4", 3, GRN, "recognises", BLK, "2021-01-10")]),
    ]  # fmt: skip


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ds(request, tmp_path_factory):
    loc = "memory" if request.param == "memory" else tmp_path_factory.mktemp("st") / "s"
    dataset = build(invented(), dataset=open_store(loc), registry={})
    yield dataset
    dataset.close()


def state(ds, date: str, source: str, relation: str, target: str) -> dict | None:
    rows = [r for r in states_as_of(ds, date, source=source, target=target)
            if r["relation"] == relation]  # fmt: skip
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def test_a_state_starts_with_its_event(ds):
    s = state(ds, "2021-06-01", "RUR", "designates", "BLK")
    assert s["status"] == "active" and s["since"] == "2020-03-01"
    assert s["event_relation"] == "designates" and s["article"] == "inv-1"
    assert s["evidence"] == "Ruritania designates the Black Hand."
    assert s["until"] is None


def test_nothing_before_the_first_event(ds):
    assert state(ds, "2020-02-29", "RUR", "designates", "BLK") is None
    assert state(ds, "2020-03-01", "RUR", "designates", "BLK")["status"] == "active"


def test_an_ending_event_ends_the_state(ds):
    s = state(ds, "2022-06-01", "RUR", "designates", "BLK")
    assert s["status"] == "ended" and s["until"] == "2022-05-01"
    assert s["event_relation"] == "revokesDesignationOf" and s["article"] == "inv-2"
    # the start before it, though an article of the ending restates it
    assert s["since"] == "2020-03-01"
    # the day before the revocation, still active
    assert state(ds, "2022-04-30", "RUR", "designates", "BLK")["status"] == "active"


def test_a_new_start_opens_a_new_spell(ds):
    s = state(ds, "2024-01-01", "RUR", "designates", "BLK")
    assert s["status"] == "active" and s["since"] == "2023-02-01"
    assert s["article"] == "inv-3"


def test_negated_and_planned_endings_do_not_end(ds):
    # inv-3 has a negated (2023-06-01) and a planned (2023-07-01) revocation
    assert state(ds, "2023-08-01", "RUR", "designates", "BLK")["status"] == "active"


def test_same_day_start_and_end_leave_it_ended(ds):
    s = state(ds, "2021-02-01", "GRN", "sanctions", "RUR")
    assert s["status"] == "ended" and s["until"] == "2021-01-10"
    assert s["since"] == "2021-01-10"


def test_an_ending_without_a_known_start(ds):
    s = state(ds, "2021-02-01", "RUR", "sanctions", "GRN")
    assert s["status"] == "ended" and s["since"] is None
    assert s["until"] == "2021-01-05"


def test_a_state_without_an_ending_event_stays(ds):
    s = state(ds, "2030-01-01", "GRN", "recognises", "BLK")
    assert s["status"] == "active" and s["since"] == "2021-01-10"


def test_parameters_narrow_and_names_resolve(ds):
    everything = states_as_of(ds, "2024-01-01")
    assert {(r["source"], r["relation"], r["target"]) for r in everything} == {
        ("RUR", "designates", "BLK"),
        ("GRN", "sanctions", "RUR"),
        ("RUR", "sanctions", "GRN"),
        ("GRN", "recognises", "BLK"),
    }
    rows = states_as_of(ds, "2024-01-01", source="ruritania", relation="designates")
    assert [(r["source"], r["target"]) for r in rows] == [("RUR", "BLK")]
    with pytest.raises(KGError, match="no actor 'Atlantis'"):
        states_as_of(ds, "2024-01-01", source="Atlantis")


def test_a_bad_date_is_an_error(ds):
    with pytest.raises(KGError, match="bad date '2024-02-30'"):
        states_as_of(ds, "2024-02-30")
    assert states_as_of(ds, "2024-02-29")


def test_the_sparql_query_answers_the_same(ds):
    rows = run_query(ds, "state-as-of", params={"date": "2022-06-01", "source": "RUR"})
    got = {(str(r.relation).rsplit("#")[-1], str(r.status), str(r.until))
           for r in rows}  # fmt: skip
    assert ("designates", "ended", "2022-05-01") in got
    rows = run_query(ds, "state-as-of", params={"date": "2021-06-01", "source": "RUR"})
    got = {(str(r.relation).rsplit("#")[-1], str(r.status)) for r in rows}
    assert ("designates", "active") in got


def test_the_date_parameter_is_required(ds):
    with pytest.raises(KGError, match="needs the parameter date"):
        run_query(ds, "state-as-of")


def test_a_graph_without_the_ontology_says_so(ds):
    bare = Graph()
    bare.add((KG.designates, RDF.type, KG.Event))  # anything but the ontology
    with pytest.raises(KGError, match="--include-ontology"):
        states_as_of(bare, "2024-01-01")
    check_states(ds)  # the store keeps its copy of the ontology


# ------------------------------------------------------------------ the sample
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    store = tmp_path_factory.mktemp("sample") / "store"
    assert main(["-q", "build", str(ROOT / "data" / "articles"), "--store",
                 str(store)]) == 0  # fmt: skip
    return store


def cli_states(capsys, store, date: str) -> list[dict]:
    code = main(["query", "--store", str(store), "--as-of", date, "--format", "json",
                 "--param", "source=Washington", "--param", "target=HTS"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    return [{k: v["value"] for k, v in r.items()} for r in rows]


def test_sample_cli_us_designates_hts_then_not(sample, capsys):
    before = cli_states(capsys, sample, "2025-06-01")
    assert [(r["relation"].rsplit("#")[-1], r["status"]) for r in before] == [
        ("designates", "active")
    ]
    after = cli_states(capsys, sample, "2025-08-01")
    got = [(r["relation"].rsplit("#")[-1], r["status"], r["until"]) for r in after]
    assert got == [("designates", "ended", "2025-07-07")]
    assert after[0]["article"].endswith("/syria-11")
    assert after[0]["eventRelation"].endswith("#revokesDesignationOf")


def test_sample_api_us_designates_hts_then_not(sample):
    ds = open_store(sample, read_only=True)
    try:
        (before,) = kg.states_as_of(ds, "2025-06-01", source="US", target="HTS")
        (after,) = kg.states_as_of(ds, "2025-08-01", source="US", target="HTS")
    finally:
        ds.close()
    assert before["status"] == "active" and before["relation"] == "designates"
    assert "designation of HTS" in before["evidence"]
    assert after["status"] == "ended" and after["article"] == "syria-11"


def test_sample_sparql_us_designates_hts_then_not(sample):
    ds = open_store(sample, read_only=True)
    try:
        params = {"source": "US", "target": "HTS", "relation": "designates"}
        rows = {d: [str(r.status) for r in run_query(
            ds, "state-as-of", params={**params, "date": d})]
            for d in ("2024-11-01", "2025-06-01", "2025-08-01")}  # fmt: skip
    finally:
        ds.close()
    assert rows == {"2024-11-01": [], "2025-06-01": ["active"], "2025-08-01": ["ended"]}


def test_sample_us_sanctions_on_syria_end_with_the_executive_order(sample):
    # syria-11: "Trump signed an executive order ... ending the US sanctions
    # programme on Syria" lifts them (issue 9, section 5)
    ds = open_store(sample, read_only=True)
    try:
        (after,) = kg.states_as_of(
            ds, "2025-08-01", source="US", target="SYR", relation="sanctions"
        )
    finally:
        ds.close()
    assert after["status"] == "ended" and after["article"] == "syria-11"


def test_cli_as_of_errors_are_one_line(sample, capsys, tmp_path):
    code = main(["query", "--store", str(sample), "--as-of", "someday"])
    err = capsys.readouterr().err
    assert code == 1 and err.strip().splitlines()[-1].startswith("kg: error: bad date")
    ttl = tmp_path / "g.ttl"
    assert main(["-q", "export", "--store", str(sample), "-o", str(ttl)]) == 0
    capsys.readouterr()
    code = main(["query", "--store", str(ttl), "--as-of", "2025-06-01"])
    out, err = capsys.readouterr()
    assert code == 1 and "--include-ontology" in err and out == ""
    # the positive twin: exported with the ontology, the file answers
    ttl2 = tmp_path / "g2.trig"
    assert main(["-q", "export", "--store", str(sample), "-o", str(ttl2),
                 "--include-ontology"]) == 0  # fmt: skip
    capsys.readouterr()
    code = main(["query", "--store", str(ttl2), "--as-of", "2025-06-01"])
    out, err = capsys.readouterr()
    assert code == 0 and "kg:designates" in out and "actor:HTS" in out
