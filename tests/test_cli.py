"""End to end, as a new user runs it: kg build, query, export, view on data/articles."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from tests.conftest import ROOT

ARTICLES = ROOT / "data" / "articles"
KG = "https://w3id.org/kg-news/ontology#"
ACTOR = "https://w3id.org/kg-news/actor/"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the sample articles once into an on-disk store, with Turtle and HTML."""
    tmp = tmp_path_factory.mktemp("built")
    store, ttl, html = (
        tmp / "store",
        tmp / "out" / "graph.ttl",
        tmp / "out" / "graph.html",
    )
    code = main(
        [
            "-q",
            "build",
            str(ARTICLES),
            "--store",
            str(store),
            "--ttl",
            str(ttl),
            "--html",
            str(html),
            "--summary",
        ]
    )
    assert code == 0
    return store, ttl, html


def ask(capsys, store, query: str) -> list[dict]:
    code, out, err = run(capsys, "query", "--store", store, "--format", "json", query)
    assert code == 0, err
    data = json.loads(out)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


PREFIXES = f"PREFIX kg: <{KG}> PREFIX actor: <{ACTOR}> "


@pytest.mark.parametrize(
    "source, relation, target",
    [
        ("US", "sharesIntelligenceWith", "SYR"),
        ("US", "designates", "HTS"),
        ("US", "opposes", "ISIS"),
        ("HTS", "opposes", "ISIS"),
    ],
)
def test_seed_relations_are_asserted(built, capsys, source, relation, target):
    store, _, _ = built
    rows = ask(
        capsys,
        store,
        PREFIXES
        + f"SELECT ?e ?ev WHERE {{ actor:{source} kg:{relation} actor:{target} . "
        f"?e kg:source actor:{source} ; kg:relation kg:{relation} ; "
        f"kg:target actor:{target} ; kg:negated false ; kg:evidence ?ev }}",
    )
    assert rows, f"no asserted {source} {relation} {target}"


def test_reluctance_to_recognise_is_negated_not_asserted(built, capsys):
    store, _, _ = built
    negated = ask(
        capsys,
        store,
        PREFIXES
        + "SELECT ?e WHERE { ?e kg:source actor:US ; kg:relation kg:recognises ; "
        "kg:target actor:SYR ; kg:negated true }",
    )
    assert negated
    asserted = ask(
        capsys, store, PREFIXES + "SELECT * WHERE { actor:US kg:recognises actor:SYR }"
    )
    assert asserted == []


def test_turtle_export_round_trips(built):
    """graph.ttl is the union of the article graphs and parses back isomorphic."""
    store, ttl, _ = built
    from kg.rdf.ontology import ONTOLOGY_IRI, plain
    from kg.rdf.store import open_store

    ds = open_store(str(store), read_only=True, create=False)
    union = Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g is not None and getattr(g, "identifier", g) != ONTOLOGY_IRI:
            union.add((s, p, plain(o)))  # Oxigraph types plain literals xsd:string
    back = Graph().parse(ttl, format="turtle")
    assert len(back) == len(union) > 0
    assert isomorphic(back, union)


def test_building_twice_gives_the_same_triples(built, tmp_path, capsys):
    store, ttl, _ = built
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    assert run(capsys, "-q", "build", ARTICLES, "--store", copy)[0] == 0
    out1, out2 = tmp_path / "a.nq", tmp_path / "b.nq"
    assert (
        run(capsys, "export", "--store", store, "-o", out1, "--format", "nquads")[0]
        == 0
    )
    assert (
        run(capsys, "export", "--store", copy, "-o", out2, "--format", "nquads")[0] == 0
    )
    a, b = Dataset(), Dataset()
    a.parse(out1, format="nquads")
    b.parse(out2, format="nquads")
    assert len(a) == len(b)
    assert sorted(a.quads()) == sorted(b.quads())


def test_html_view_is_self_contained(built):
    _, _, html = built
    text = html.read_text(encoding="utf-8")
    assert "new vis.Network" in text
    for remote in ('src="http', "src='http", 'href="http', "href='http", "//cdn"):
        assert remote not in text
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrapcdn"):
        assert host not in text


def test_summary_lists_top_edges(capsys):
    code, out, err = run(
        capsys, "-q", "build", ARTICLES / "seed.txt", "--store", "memory", "--summary"
    )
    assert code == 0, err
    assert "actors" in out and "relation events" in out
    assert "sharesIntelligenceWith" in out


def test_extract_writes_the_contract(tmp_path, capsys):
    out = tmp_path / "events.jsonl"
    code, _, err = run(capsys, "-q", "extract", ARTICLES / "seed.txt", "-o", out)
    assert code == 0, err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["seed"]
    events = records[0]["events"]
    assert events
    keys = {
        "source",
        "target",
        "relation",
        "plover",
        "cameo",
        "quad_class",
        "negated",
        "modality",
        "date",
        "sentence",
        "start",
        "end",
        "evidence",
    }
    for e in events:
        assert keys <= set(e)
        for side in ("source", "target"):
            assert {"id", "label", "country", "sector", "code", "text"} <= set(e[side])
    from kg.articles import load_articles

    (article,) = load_articles([ARTICLES / "seed.txt"])
    for e in events:  # offsets point at the evidence sentence in the article text
        assert article.text[e["start"] : e["end"]] == e["evidence"]
        assert e["evidence"] == e["evidence"].strip()


# ------------------------------------------------------------------ bad input
def test_missing_path(tmp_path, capsys):
    code, out, err = run(capsys, "build", tmp_path / "nope.txt", "--store", "memory")
    assert code == 1
    assert err.startswith("kg: error:") and "nope.txt" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02abc"),
        ("latin.txt", b"caf\xe9 au lait"),
    ],
)
def test_bad_article_files_leave_the_store_as_it_was(tmp_path, capsys, name, content):
    store = tmp_path / "store"
    good = tmp_path / "good.txt"
    good.write_text("Iran condemned Israel\n\nIran condemned Israel on Monday.\n")
    assert run(capsys, "-q", "build", good, "--store", store)[0] == 0
    before = tmp_path / "before.nq"
    assert (
        run(capsys, "export", "--store", store, "-o", before, "--format", "nquads")[0]
        == 0
    )
    bad = tmp_path / name
    bad.write_bytes(content)
    other = tmp_path / "other.txt"
    other.write_text("Russia attacked Ukraine\n\nRussia attacked Ukraine.\n")
    code, _, err = run(capsys, "build", other, bad, "--store", store)
    assert code == 1
    assert name in err and len(err.strip().splitlines()) == 1
    after = tmp_path / "after.nq"
    assert (
        run(capsys, "export", "--store", store, "-o", after, "--format", "nquads")[0]
        == 0
    )
    assert sorted(before.read_text().splitlines()) == sorted(
        after.read_text().splitlines()
    )


def test_unknown_export_format(built, tmp_path, capsys):
    store, _, _ = built
    code, _, err = run(
        capsys, "export", "--store", store, "-o", tmp_path / "x.out", "--format", "yaml"
    )
    assert code != 0
    assert "yaml" in err
    assert not (tmp_path / "x.out").exists()


def test_sparql_syntax_error(built, capsys):
    store, _, _ = built
    code, _, err = run(capsys, "query", "--store", store, "SELEC ?x WHERE { ?x ?y ?z }")
    assert code == 1
    assert err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


def test_existing_output_is_not_overwritten(built, tmp_path, capsys):
    store, _, _ = built
    out = tmp_path / "graph.ttl"
    out.write_text("keep me")
    code, _, err = run(capsys, "export", "--store", store, "-o", out)
    assert code == 1 and "--force" in err
    assert out.read_text() == "keep me"
    code, _, err = run(capsys, "view", "--store", store, "-o", out)
    assert code == 1 and out.read_text() == "keep me"


# ------------------------------------------------------------ command-line edges
def test_usage_errors_exit_2_and_user_errors_exit_1(tmp_path, capsys):
    code, out, err = run(capsys, "view", "-o", tmp_path / "v.html", "--no-such-option")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unrecognized arguments: --no-such-option" in err
    code, _, err = run(capsys, "analyze", "--measure", "nonsense")
    assert code == 2 and "invalid choice: 'nonsense'" in err
    # a value the parser accepts but kg cannot use is a user error: status 1
    code, _, err = run(capsys, "query", "--store", tmp_path / "none.ttl", "--list")
    assert code == 0
    code, _, err = run(capsys, "export", "--store", tmp_path / "nowhere", "-o",
                       tmp_path / "x.ttl")  # fmt: skip
    assert code == 1 and err.startswith("kg: error: ") and err.count("\n") == 1


def test_readme_states_the_exit_codes_the_cli_returns():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "1 when kg cannot" in readme and "2 on a usage error" in readme
    import kg.cli

    assert "a usage error exits with status 2" in kg.cli.__doc__


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_and_verbose_before_or_after_the_command(where):
    from kg.cli import build_parser

    parser = build_parser()
    for flag, attr in (("-q", "quiet"), ("--quiet", "quiet"), ("-v", "verbose")):
        argv = ["view", "-o", "x.html"]
        argv = [flag, *argv] if where == "before" else [*argv, flag]
        args = parser.parse_args(argv)
        other = "verbose" if attr == "quiet" else "quiet"
        assert getattr(args, attr) is True and getattr(args, other) is False
    args = parser.parse_args(["view", "-o", "x.html"])
    assert args.quiet is False and args.verbose is False


def test_quiet_after_the_command_silences_the_log(tmp_path):
    import subprocess
    import sys

    store = str(ROOT / "tests" / "data" / "analysis_four.trig")
    out = tmp_path / "v.html"
    kg = [sys.executable, "-m", "kg"]
    view = ["view", "--store", store, "-o", str(out), "--force"]
    loud = subprocess.run([*kg, *view], capture_output=True, text=True, check=True)
    assert "wrote" in loud.stderr and "4 actors, 6 relations" in loud.stderr
    quiet = subprocess.run([*kg, *view, "-q"], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert quiet.stderr == "" and out.exists()


def test_counts_are_pluralised():
    from kg.summary import BuildSummary, format_summary

    counts = {"articles": 1, "actors": 1, "events": 1, "negated": 0}
    one = BuildSummary(articles=1, store="memory", counts=counts)
    assert format_summary(one).startswith(
        "1 article, 1 actor, 1 relation event (0 negated)"
    )
    counts = {"articles": 2, "actors": 3, "events": 0, "negated": 0}
    two = BuildSummary(articles=2, store="memory", counts=counts)
    assert format_summary(two).startswith("2 articles, 3 actors, 0 relation events")


def _links(markdown: str) -> list[str]:
    import re

    return [
        t for t in re.findall(r"\]\(([^)\s]+)\)", markdown)
        if not t.startswith(("http://", "https://", "#", "mailto:"))
    ]  # fmt: skip


@pytest.mark.parametrize("doc", ["README.md", "data/articles/README.md"])
def test_relative_links_point_to_files_that_exist(doc):
    path = ROOT / doc
    links = _links(path.read_text(encoding="utf-8"))
    assert links, f"{doc} has no relative link to check"
    missing = [t for t in links if not (path.parent / t.split("#")[0]).exists()]
    assert missing == []


def _synopsis(readme: str, command: str) -> str:
    """The ```bash block that starts with ``kg COMMAND`` in the README."""
    import re

    for block in re.findall(r"```bash\n(.*?)```", readme, re.S):
        if block.startswith(f"kg {command} "):
            return block
    raise AssertionError(f"no synopsis of kg {command} in the README")


@pytest.mark.parametrize(
    "command", ["build", "query", "analyze", "view", "export", "evaluate"]
)
def test_readme_synopses_list_every_option(command):
    from kg.cli import build_parser

    parser = build_parser()
    sub = next(
        a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"
    ).choices[command]
    options = [
        a.option_strings
        for a in sub._actions
        if a.option_strings and a.dest not in ("help", "quiet", "verbose")
    ]
    synopsis = _synopsis((ROOT / "README.md").read_text(encoding="utf-8"), command)
    assert options, command
    missing = [
        o
        for o in options
        if not any(f"{x} " in synopsis or f"{x}]" in synopsis for x in o)
    ]
    assert missing == []


def test_readme_extract_example_writes_under_out():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = _synopsis(readme, "extract")
    assert "-o out/" in block and "-o events.jsonl" not in block
