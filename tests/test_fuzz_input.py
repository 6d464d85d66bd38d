"""Property tests (Hypothesis) over what kg reads and writes: nothing but KGError.

The article readers (JSON Lines, text with front matter, HTML), the extractor
(random Unicode, long tokens, deep nesting), ``--param`` values and the export
writers get arbitrary input; a build followed by an export reads back the same
graph. The ``ci`` profile (default) runs a few dozen examples per property; run
``pytest tests/test_fuzz_input.py --hypothesis-profile long`` for 10,000.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.articles import load_articles
from kg.export import load_graph, save_graph
from kg.query import param_term, run_query
from kg.rdf.graph import build
from kg.types import Article, Assertion, KGError, Mention

FIXTURES_OK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture,
                                              HealthCheck.too_slow,
                                              HealthCheck.data_too_large])  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
record_keys = st.sampled_from(["id", "text", "title", "date", "url", "source", "x"])
records = st.dictionaries(record_keys, json_values | st.text(), max_size=7)
dates = st.one_of(
    st.dates().map(str), st.text(max_size=12),
    st.from_regex(r"[+-]?\d{1,5}-\d{1,2}-\d{1,2}", fullmatch=True),
)  # fmt: skip


def read(path: Path, **kwargs) -> list[Article]:
    """All articles of a path; only KGError may escape."""
    try:
        return list(load_articles([path], **kwargs))
    except KGError:
        return []


_SCRATCH: list[Path] = []


def scratch() -> Path:
    """One folder for the whole module (examples overwrite each other's files)."""
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="kg-fuzz-")))
    return _SCRATCH[0]


def teardown_module() -> None:
    import shutil

    for folder in _SCRATCH:
        shutil.rmtree(folder, ignore_errors=True)


def in_file(name: str, data: bytes) -> Path:
    path = scratch() / name
    path.write_bytes(data)
    return path


@given(st.lists(records | json_values, max_size=5), st.binary(max_size=40))
def test_jsonl_reader(lines, junk):
    data = "\n".join(json.dumps(x) for x in lines).encode() + b"\n" + junk
    path = in_file("feed.jsonl", data)
    read(path)
    bad = []
    for article in read(path, on_error=bad.append):  # skipping never raises per record
        assert article.text.strip() and article.id
        article.text.encode("utf-8")  # valid Unicode, no lone surrogate


@given(
    st.dictionaries(st.sampled_from(["id", "title", "date", "url", "source"]),
                    dates | st.text(max_size=20), max_size=5),
    st.text(), st.booleans(),
)  # fmt: skip
def test_text_reader_with_front_matter(meta, body, markdown):
    front = "\n".join(f"{k}: {v}" for k, v in meta.items())
    path = in_file(
        "a.md" if markdown else "a.txt",
        f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"),
    )
    for article in read(path):
        assert article.text.strip()


@given(st.binary(max_size=200), st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl"]))
def test_readers_on_random_bytes(data, name):
    read(in_file(name, data))
    read(in_file(name, data), encoding="latin-1")


tags = st.sampled_from(["p", "div", "h1", "title", "script", "nav", "header", "br",
                        "meta", "span", "style", "footer", "b"])  # fmt: skip


@st.composite
def html_pages(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(tags)
        kind = draw(st.sampled_from(["open", "close", "text", "meta", "entity"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "meta":
            value = draw(dates | st.text(max_size=10)).replace('"', "")
            parts.append(f'<meta property="article:published_time" content="{value}">')
        elif kind == "entity":
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "&amp;",
                            "&#0;",
                            "&#xD800;",
                            "&bogus;",
                            "<!--",
                            "<![CDATA[",
                            "<!x",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(st.text(max_size=20)))
    depth = draw(st.integers(0, 2000))
    return "<div>" * depth + "".join(parts) + "</div>" * depth


@given(html_pages())
def test_html_reader(page):
    for article in read(in_file("a.html", page.encode("utf-8", "surrogatepass"))):
        assert article.text.strip()


# -------------------------------------------------------------------- extractor
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["US", "Iran", "Israel", "condemned", "attacked", "(",
                              ")", "“", "”", '"', ",", ".", "and", "Syria's",
                              "Hay'at Tahrir al-Sham (HTS)", "\n\n", "#Daesh"]),
             max_size=80).map(" ".join),
    st.integers(1, 400).map(lambda n: "(" * n + "Iran condemned Israel" + ")" * n),
    st.integers(1, 5000).map(lambda n: "x" * n + " Iran condemned Israel."),
)  # fmt: skip


@FIXTURES_OK
@given(texts, st.one_of(st.none(), dates))
def test_extractor(nlp, text, date):
    from kg.dates import normalise_date
    from kg.nlp.extract import extract_articles

    try:
        date = normalise_date(date)
    except KGError:
        date = None
    if not text.strip():
        return
    [(_, found)] = list(extract_articles([Article("f", text, date=date)], nlp))
    for a in found:
        assert text[a.start : a.end] == a.evidence
        assert 0 <= a.source.start <= a.source.end <= len(text)


# ----------------------------------------------------------------------- params
@given(
    st.sampled_from(
        ["actor", "a", "relation", "class", "article", "date", "since", "country", "x"]
    ),
    st.text(max_size=30),
)
def test_param_values(name, value):
    with contextlib.suppress(KGError):
        param_term(name, value)


_SAMPLE: list[Dataset] = []


@given(
    st.sampled_from(["between", "actors", "timeline", "evidence"]),
    st.text(max_size=20),
    st.text(max_size=20),
)
def test_named_queries_with_random_params(named, a, b):
    from tests.data.graph_sample import results

    if not _SAMPLE:
        _SAMPLE.append(build(results(), registry={}))
    params = {
        "between": {"a": a, "b": b},
        "timeline": {"a": a, "b": b},
        "actors": {"class": a, "country": b},
        "evidence": {"source": a, "relation": b, "target": a},
    }[named]
    with contextlib.suppress(KGError):
        list(run_query(_SAMPLE[0], named, params=params) or ())


# ------------------------------------------------------------- build and export
labels = st.text(min_size=1, max_size=15).filter(lambda s: s.strip())
ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,6}", fullmatch=True)


@st.composite
def articles(draw):
    out = []
    for n in range(draw(st.integers(1, 3))):
        aid = f"a{n}-{draw(ids)}"
        evidence = draw(st.text(min_size=1, max_size=40))
        assertions = []
        for _ in range(draw(st.integers(0, 3))):
            src, tgt = draw(ids), draw(ids)
            m1 = Mention(src, draw(labels), 0, 1, label=draw(labels), cls="State")
            m2 = Mention(
                tgt,
                draw(labels),
                1,
                2,
                label=draw(labels),
                cls="ArmedGroup",
                country=draw(st.sampled_from([None, "SYR"])),
            )
            assertions.append(Assertion(
                aid, m1, m2, draw(st.sampled_from(["attacks", "opposes", "aids"])),
                0, 0, len(evidence), evidence, negated=draw(st.booleans()),
            ))  # fmt: skip
        title = draw(st.one_of(st.none(), labels))
        date = draw(st.one_of(st.none(), st.dates().map(str)))
        out.append((Article(aid, evidence, title=title, date=date), assertions))
    return out


def _quads(ds: Dataset) -> set:
    from kg.rdf.ontology import ONTOLOGY_IRI, plain

    return {
        (s, p, plain(o), g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in ds.quads((None, None, None, None))
        if g is not None and getattr(g, "identifier", g) != ONTOLOGY_IRI
    }


@given(articles())
def test_build_then_export_round_trips(results):
    from rdflib.compare import isomorphic

    ds = build(results, registry={})
    folder = scratch()
    expected = _quads(ds)
    for fmt, name in (("trig", "g.trig"), ("nquads", "g.nq"), ("json-ld", "g.jsonld")):
        save_graph(ds, folder / name, format=fmt, force=True)
        assert _quads(load_graph(folder / name)) == expected, fmt
    union = {(s, p, o) for s, p, o, _ in expected}
    for fmt, name in (("turtle", "g.ttl"), ("nt", "g.nt")):
        save_graph(ds, folder / name, format=fmt, force=True)
        back = {(s, p, o) for s, p, o, _ in _quads(load_graph(folder / name))}
        from rdflib import Graph

        assert isomorphic(Graph().__iadd__(back), Graph().__iadd__(union)), fmt
    for fmt, name in (
        ("csv", "e.csv"),
        ("events", "e.tsv"),
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
    ):
        save_graph(ds, folder / name, format=fmt, force=True)
