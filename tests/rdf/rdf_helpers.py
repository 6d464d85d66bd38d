"""Helpers of the rdf tests: the ``store`` fixture, the derived quads.

A test module imports :func:`each_store` to use the ``store`` fixture (it is
here, not in a ``tests/rdf/conftest.py``: that module would shadow
``tests/conftest.py`` for the tests that import ``conftest``).
"""

from __future__ import annotations

import pytest

from kg.rdf import derived, events
from kg.rdf.store import open_store, select


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
