"""Helpers of the rdf tests: the ``store`` fixture, the derived quads, a corpus.

A test module imports :func:`each_store` to use the ``store`` fixture (it is
here, not in a ``tests/rdf/conftest.py``: that module would shadow
``tests/conftest.py`` for the tests that import ``conftest``).
"""

from __future__ import annotations

import random

import pytest

from kg.rdf import derived, events
from kg.rdf.store import open_store, select
from kg.types import Article, Assertion, Mention


@pytest.fixture(name="store", params=["memory", "oxigraph"])
def each_store(request, tmp_path):
    """An empty store: rdflib's memory store, then Oxigraph on disk."""
    ds = open_store("memory" if request.param == "memory" else tmp_path / "store")
    yield ds
    ds.close()


def derived_quads(ds, *, state: bool = True) -> set:
    """Every quad of the derived graphs (``state`` False: but the state graph)."""
    but = "" if state else f" && ?g != <{derived.STATE}>"
    text = f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
      FILTER(STRSTARTS(STR(?g), "{events.DERIVED}"){but}) }}"""
    _, rows = select(ds, text)
    return set(rows)


NAMES = ("Zembla", "Borovia", "Othmark", "Quellen", "Varnia", "Lutecia", "Morvania")
RELATIONS = ("attacks", "accuses", "aids", "condemns", "defends")


def _actor(name: str, start: int) -> Mention:
    return Mention(name[:3].upper(), name, start, start + len(name), label=name,
                   cls="State", country=name[:3].upper())  # fmt: skip


def corpus(n: int, *, seed: int = 5, prefix: str = "d") -> list:
    """N invented articles, two to four events each, between seven states."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        aid, day = f"{prefix}{i}", f"2025-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
        assertions, sentences, offset = [], [], 0
        for j in range(rng.randint(2, 4)):
            src, tgt = rng.sample(NAMES, 2)
            rel = rng.choice(RELATIONS)
            text = f"{src} was said to have moved against {tgt} on day {j}."
            assertions.append(Assertion(
                aid, _actor(src, offset), _actor(tgt, offset + text.index(tgt)),
                rel, j, offset, offset + len(text), text,
                negated=rng.random() < 0.15, date=day,
            ))  # fmt: skip
            sentences.append(text)
            offset += len(text) + 1
        paper = f"Paper {rng.randint(1, 4)}"
        out.append((Article(aid, " ".join(sentences), date=day, source=paper),
                    assertions))  # fmt: skip
    return out
