"""The quickstart notebook: its stored outputs tell the story, and it runs again.

The notebook is kept with its executed outputs (so that it reads as a shared
walkthrough on a rendered page); the fast tests read those outputs, the slow one
re-executes it from top to bottom and checks the fresh outputs the same way.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def outputs(nb, marker: str | None = None) -> list[dict]:
    """The outputs of the code cells (whose source contains ``marker``)."""
    return [o for c in nb.cells if c.cell_type == "code"
            and (marker is None or marker in c.source)
            for o in c.get("outputs", [])]  # fmt: skip


def text_of(outs: list[dict]) -> str:
    parts = []
    for o in outs:
        parts.append(o.get("text", ""))
        data = o.get("data", {})
        parts.append(data.get("text/plain", "") + data.get("text/html", ""))
    return "".join(parts)


def check_story(nb) -> None:
    everything = outputs(nb)
    assert everything, "the notebook holds no outputs"
    assert not [o for o in everything if o.get("output_type") == "error"]
    text = text_of(everything)
    assert "articles;" in text and "triples" in text
    # the seed's story: intelligence shared with Syria, Daesh opposed
    story = text_of(outputs(nb, "kg:sharesIntelligenceWith kg:opposes"))
    assert "kg:sharesIntelligenceWith" in story and "actor:ISIS" in story
    # the state of US-HTS on both dates, by the API and by SPARQL
    asof = text_of(outputs(nb, "kg.states_as_of(dataset, day"))
    assert re.search(r"2025-06-01\s+US\s+designates\s+HTS\s+active", asof)
    assert re.search(r"2025-08-01\s+US\s+designates\s+HTS\s+ended", asof)
    sparql = text_of(outputs(nb, '"state-as-of"'))
    assert "2025-06-01 kg:designates active" in sparql
    assert "2025-08-01 kg:designates ended since 2025-01-25 until 2025-07-07" in sparql
    # the timeline plot is an embedded PNG
    plot = outputs(nb, "cooperation vs conflict by month")
    assert any("image/png" in o.get("data", {}) for o in plot)
    # the evidence table and the sentence on centrality
    assert "article:seed" in text_of(outputs(nb, '"evidence"'))
    assert "highest PageRank" in text_of(outputs(nb, "highest PageRank"))


def check_view(nb) -> None:
    pages = [o["data"]["text/html"] for o in outputs(nb, "srcdoc")
             if "text/html" in o.get("data", {})]  # fmt: skip
    assert len(pages) == 1
    html = pages[0]
    # the page itself is inside the output, escaped into srcdoc ...
    assert html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "new vis.Network" in html and "Content-Security-Policy" in html
    # ... not a path a Jupyter server cannot serve, and nothing from a CDN
    assert not re.search(r'<iframe[^>]*\ssrc="', html)
    assert "/tmp/" not in html and "file://" not in html
    assert "&lt;script" in html
    assert not re.search(r"&lt;script[^&]*src=", html)


def test_stored_outputs_tell_the_story():
    check_story(nbformat.read(NOTEBOOK, as_version=4))


def test_stored_outputs_embed_the_view():
    check_view(nbformat.read(NOTEBOOK, as_version=4))


def test_an_empty_notebook_fails_the_checks():
    # the positive twin of the checks above: they can fail
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    with pytest.raises(AssertionError):
        check_story(nb)
    with pytest.raises(AssertionError):
        check_view(nb)


@pytest.mark.slow
def test_quickstart_notebook_runs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    check_story(nb)
    check_view(nb)
