"""The 4-actor analysis fixture (tests/data/analysis_four.trig, see its header).

US, SYR, HTS, ISIS and seven events. The partner graph is the 4-cycle
US-SYR-ISIS-HTS-US plus the chord US-ISIS.
"""

from __future__ import annotations

from rdflib import Dataset

from tests.conftest import DATA

FOUR = DATA / "analysis_four.trig"
KGNS = "https://w3id.org/kg-news/ontology#"
GRAPHS = "https://w3id.org/kg-news/graph/"


def four_dataset() -> Dataset:
    """A fresh in-memory dataset holding the fixture."""
    ds = Dataset()
    ds.parse(FOUR, format="trig")
    return ds
