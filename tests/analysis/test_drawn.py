"""kg.analysis.drawn: what a view draws. The samples and days read from the derived
data are those of every mention; the edge cap keeps the strongest relations."""

from __future__ import annotations

import pytest

from kg.analysis import drawn, mentions
from kg.analysis.graph import event_key
from kg.analysis.read import read_events
from kg.rdf.graph import build
from kg.rdf.store import open_store
from kg.types import Article, Assertion, KGError, Mention

ZLF = Mention("ZLF", "the Zemblan Front", 0, 17, label="Zemblan Front",
              cls="ArmedGroup")  # fmt: skip
BRV = Mention("BRV", "Borovia", 30, 37, label="Borovia", cls="State")
TXT = "The Zemblan Front attacked Borovia near the border."

#: (article, mention date, article date, negated) of the nine attacks: two on a
#: day, one negated, one dated by its article only, one undated
ATTACKS = [
    ("a0", "2025-03-04", "2025-03-04", False),
    ("a1", "2025-03-04", "2025-03-04", False),
    ("a2", "2025-03-05", "2025-03-05", True),
    ("a3", "2025-03-09", "2025-03-09", False),
    ("a4", None, "2025-04-01", False),
    ("a5", None, None, False),
    ("a6", "2025-05-01", "2025-05-01", False),
    ("a7", "2025-05-02", "2025-05-02", False),
    ("a8", "2025-06-01", "2025-06-01", True),
]


def _articles():
    arts = []
    for aid, day, adate, neg in ATTACKS:
        a = Assertion(aid, ZLF, BRV, "attacks", 0, 0, len(TXT), TXT, date=day,
                      negated=neg)  # fmt: skip
        arts.append((Article(aid, TXT, date=adate), [a]))
    for i in range(2):  # two mentions of BRV opposes ZLF, one of ZLF meetsWith BRV
        a = Assertion(f"b{i}", BRV, ZLF, "opposes", 0, 0, len(TXT), TXT,
                      date="2025-03-04")  # fmt: skip
        arts.append((Article(f"b{i}", TXT, date="2025-03-04"), [a]))
    a = Assertion("c0", ZLF, BRV, "meetsWith", 0, 0, len(TXT), TXT, date="2025-07-07")
    arts.append((Article("c0", TXT, date="2025-07-07"), [a]))
    return arts


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("drawn") / "store")
    dataset = build(_articles(), dataset=store, registry={})
    yield dataset
    dataset.close()


def _view(ds, **kwargs):
    kwargs.setdefault("max_edges", None)
    return drawn.read_drawn(ds, top=None, by="pagerank", actor=None, depth=2,
                            count="mentions", filters={}, **kwargs).view  # fmt: skip


def _all_events(ds, edge):
    s, t, rel = edge
    return sorted(read_events(ds, edges=[(s, rel, t)]), key=event_key)


ATTACK = ("ZLF", "BRV", "attacks")


def test_the_samples_are_the_first_mentions_and_the_days_count_every_one(ds):
    assert mentions.usable(ds)
    view = drawn.attach_samples(_view(ds), ds, samples=5)
    d = view.edges[ATTACK]
    every = _all_events(ds, ATTACK)
    assert len(every) == d["mentions"] == 9
    assert d["events"] == every[:5]
    assert [e["article"] for e in d["events"]] == ["a0", "a1", "a2", "a3", "a4"]
    assert (
        d["days"]
        == drawn.day_counts(every)
        == {
            "2025-03-04": [2, 0],
            "2025-03-05": [0, 1],
            "2025-03-09": [1, 0],
            "2025-04-01": [1, 0],
            "2025-05-01": [1, 0],
            "2025-05-02": [1, 0],
            "2025-06-01": [0, 1],
        }
    )  # fmt: skip (a4 by its article's date; a5 undated, not counted)
    small = view.edges["BRV", "ZLF", "opposes"]
    assert len(small["events"]) == 2 and small["days"] == {"2025-03-04": [2, 0]}


def test_the_derived_samples_are_what_reading_every_mention_gives(ds, monkeypatch):
    fast = drawn.attach_samples(_view(ds), ds, samples=3)
    read: list[str] = []
    real = drawn.events_of
    monkeypatch.setattr(drawn, "events_of", lambda d, i: real(d, read.extend(i) or i))
    drawn.attach_samples(_view(ds), ds, samples=3)
    # the five samples the derived data keep of the nine attacks, not all nine
    assert len(read) == 5 + 2 + 1
    monkeypatch.setattr(mentions, "usable", lambda _: False)  # read every mention
    slow = drawn.attach_samples(_view(ds), ds, samples=3)
    for edge in fast.edges:
        for key in ("events", "evidence", "days"):
            assert fast.edges[edge][key] == slow.edges[edge][key], (edge, key)
    assert len(fast.edges[ATTACK]["events"]) == 3


def test_the_stored_day_counts_are_those_the_events_give(ds):
    edges = [(s, r, t) for s, t, r in _view(ds).edges(keys=True)]
    stored = mentions.day_counts(ds, edges)
    assert stored[("ZLF", "attacks", "BRV")]["2025-06-01"] == [0, 1]
    # counted from every mention of each edge, read as the slow path reads them
    counted = {(s, r, t): drawn.day_counts(_all_events(ds, (s, t, r)))
               for s, r, t in edges}  # fmt: skip
    assert counted == stored


def test_more_samples_than_the_derived_data_keep_read_every_mention(ds):
    view = drawn.attach_samples(_view(ds), ds, samples=8)
    assert view.edges[ATTACK]["events"] == _all_events(ds, ATTACK)[:8]
    none = drawn.attach_samples(_view(ds), ds, samples=0)
    assert none.edges[ATTACK]["events"] == [] and none.edges[ATTACK]["days"]


def test_a_date_filter_samples_and_counts_the_mentions_in_range(ds):
    filters = {"since": "2025-05-01"}
    view = drawn.read_drawn(ds, top=None, by="pagerank", actor=None, depth=2,
                            count="mentions", max_edges=None,
                            filters=filters).view  # fmt: skip
    d = drawn.attach_samples(view, ds, samples=2).edges[ATTACK]
    assert [e["article"] for e in d["events"]] == ["a6", "a7"]
    assert d["days"] == {"2025-05-01": [1, 0], "2025-05-02": [1, 0],
                         "2025-06-01": [0, 1]}  # fmt: skip
    assert filters == {"since": "2025-05-01"}  # the caller's dict is left alone


@pytest.mark.parametrize("max_edges, kept", [
    (None, {"attacks", "opposes", "meetsWith"}),
    (3, {"attacks", "opposes", "meetsWith"}),
    (2, {"attacks", "opposes"}),
    (1, {"attacks"}),
    (0, set()),
])  # fmt: skip
def test_the_edge_cap_keeps_the_strongest_relations(ds, max_edges, kept):
    got = drawn.read_drawn(
        ds,
        top=None,
        by="pagerank",
        actor=None,
        depth=2,
        count="mentions",
        max_edges=max_edges,
        filters={},
    )
    assert {k for _, _, k in got.view.edges(keys=True)} == kept
    assert set(got.view) == {"ZLF", "BRV"}  # every actor stays
    assert got.relations == 3


def test_the_ego_network_is_capped_the_same_way(ds):
    got = drawn.read_drawn(ds, top=None, by="pagerank", actor="ZLF", depth=1,
                           count="mentions", max_edges=1, filters={})  # fmt: skip
    assert [k for *_, k in got.view.edges(keys=True)] == ["attacks"]
    assert got.relations == 3


def test_bad_caps_are_refused_before_reading(ds):
    with pytest.raises(KGError, match="bad --edges -1"):
        drawn.read_drawn(object(), top=None, by="pagerank", actor=None, depth=2,  # type: ignore[arg-type]
                         count="mentions", max_edges=-1, filters={})  # fmt: skip
    with pytest.raises(KGError, match="bad --top 0"):
        drawn.read_drawn(ds, top=0, by="pagerank", actor=None, depth=2,
                         count="mentions", max_edges=None, filters={})  # fmt: skip
    for actor, depth, message in (
        ("BRV", -1, "bad depth -1"),
        ("NOBODY", 1, "unknown actor 'NOBODY'"),
    ):
        with pytest.raises(KGError, match=message):
            drawn.read_drawn(ds, top=None, by="pagerank", actor=actor, depth=depth,
                             count="mentions", max_edges=1, filters={})  # fmt: skip
    # the twins: a known actor by its label, at depth 0
    got = drawn.read_drawn(ds, top=None, by="pagerank", actor="borovia", depth=0,
                           count="mentions", max_edges=1, filters={})  # fmt: skip
    assert list(got.view) == ["BRV"]


def test_the_cap_texts():
    assert drawn.edge_cap_text(1, 3) == (
        "showing the 1 strongest of 3 relations (kg view --edges N, --all)"
    )
    assert drawn.edge_cap_text(3, 3) == ""


@pytest.mark.parametrize("max_edges", [None, 2, 1])
@pytest.mark.parametrize("actor", [None, "BRV"])
def test_a_store_is_drawn_as_its_actor_graph_is(ds, actor, max_edges):
    """The store's path (collapsed ranking, only drawn edges folded, the ego
    network's reach) gives the view of the whole actor graph."""
    from kg.analysis import actor_graph

    kw = dict(top=None, by="pagerank", actor=actor, depth=1, count="mentions",
              max_edges=max_edges, filters={})  # fmt: skip
    fast = drawn.read_drawn(ds, **kw)
    whole = drawn.read_drawn(actor_graph(ds, events=False), **kw)
    assert list(fast.view.nodes) == list(whole.view.nodes)
    assert sorted(fast.view.edges(keys=True)) == sorted(whole.view.edges(keys=True))
    assert (fast.pool, fast.relations) == (whole.pool, whole.relations) == (2, 3)
    assert fast.pagerank == pytest.approx(whole.pagerank)


def _read_dyads(monkeypatch) -> list[list[tuple[str, str]]]:
    """Record the dyads whose whole edge records the view reads."""
    calls: list[list[tuple[str, str]]] = []
    real = drawn.dyad_edges

    def spy(dataset, dyads):
        calls.append(list(dyads))
        return real(dataset, dyads)

    monkeypatch.setattr(drawn, "dyad_edges", spy)
    return calls


@pytest.mark.parametrize("actor", [None, "ZLF"])
@pytest.mark.parametrize("max_edges, dyads", [
    (1, [("ZLF", "BRV")]),  # attacks: not BRV opposes ZLF, not meetsWith
    (None, [("ZLF", "BRV"), ("BRV", "ZLF")]),
])  # fmt: skip
def test_the_view_ranks_on_lean_records_and_reads_the_drawn_ones_whole(
    ds, monkeypatch, actor, max_edges, dyads
):
    kw = dict(top=None, by="pagerank", actor=actor, depth=1, count="mentions",
              max_edges=max_edges, filters={})  # fmt: skip
    calls = _read_dyads(monkeypatch)
    lean = drawn.read_drawn(ds, **kw)
    assert calls == [dyads]
    monkeypatch.setattr(drawn, "_lean", lambda *_: False)  # every record whole
    whole = drawn.read_drawn(ds, **kw)
    assert calls == [dyads]  # no dyad read on the whole path
    for G in ("G", "view"):
        a, b = getattr(lean, G), getattr(whole, G)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        edges = [list(H.edges(keys=True, data=True)) for H in (a, b)]
        assert edges[0] == edges[1]
        assert a.graph == b.graph
    assert {k for *_, k in lean.view.edges(keys=True)} == (
        {"attacks"} if max_edges == 1 else {"attacks", "opposes", "meetsWith"}
    )
    assert lean.view.edges[ATTACK]["negated"] == 2  # a whole record's count


def test_a_date_filter_reads_every_record_whole_from_the_mentions(ds, monkeypatch):
    calls = _read_dyads(monkeypatch)
    got = drawn.read_drawn(ds, top=None, by="pagerank", actor=None, depth=1,
                           count="mentions", max_edges=1,
                           filters={"since": "2025-05-01"})  # fmt: skip
    assert calls == []
    assert got.view.edges[ATTACK]["mentions"] == 3  # a6, a7, a8 (since May)
    drawn.read_drawn(ds, top=None, by="pagerank", actor=None, depth=1,
                     count="mentions", max_edges=1, filters={})  # fmt: skip
    assert calls == [[("ZLF", "BRV")]]  # the twin: no filter, the lean path
