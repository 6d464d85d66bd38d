"""A staged write of many named graphs, in bounded memory.

:class:`Staged` spools the triples of named graphs to temporary N-Quads files
(:data:`PIECE` quads each) and the names of the graphs to drop to another file,
as a caller computes them, chunk by chunk; :meth:`Staged.commit` then drops
those graphs and loads the files one after the other (Oxigraph's bulk loader
reads each from disk; a SPARQL endpoint gets one ``INSERT DATA`` per file;
rdflib's memory store parses them). Nothing reaches the store before the
commit, so a caller that fails or is killed while staging leaves the store as it
was. The commit is not one transaction (Oxigraph's bulk loader never is): a
caller brackets it with a state that says whether the graphs are complete, as
:mod:`kg.rdf.derived` does with its ``stale`` and ``fresh``. The files go to the
temporary directory (``$TMPDIR``, else ``/tmp``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, cast

from rdflib import Dataset, Graph, URIRef

from kg.rdf.nquads import Triple
from kg.rdf.store import bulk_load, store_kind, update
from kg.types import KGError

#: Quads per staged file (one bulk load each: what the loader holds at a time).
PIECE = 100_000
#: Graphs dropped per update.
DROPS = 500


class Staged:
    """Named graphs to write and graphs to drop, spooled to disk until :meth:`commit`.

    Use it as a context manager: the temporary files go when it is left.

    Args:
        dataset: The store the graphs go to.
        piece: Quads per staged file.

    Examples:
        >>> from kg.rdf.store import open_store, select
        >>> ds = open_store("memory")
        >>> with Staged(ds) as stage:
        ...     stage.add("http://x/g", [("<http://x/a>", "<http://x/p>", '"1"')])
        ...     stage.commit()
        >>> list(select(ds, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")[1])
        [('1',)]
    """

    def __init__(self, dataset: Graph, *, piece: int = PIECE) -> None:
        if piece < 1:
            raise KGError(f"bad piece size {piece}; expected 1 or more quads")
        self.dataset = dataset
        self.piece = piece
        self.quads = 0
        self._tmp = tempfile.TemporaryDirectory(prefix="kg-staged-")
        self._dir = Path(self._tmp.name)
        self._pieces: list[Path] = []
        self._out: IO[str] | None = None
        self._in_piece = 0
        self._drops = (self._dir / "drop.txt").open("w", encoding="utf-8")

    def __enter__(self) -> Staged:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Remove the staged files (what was not committed is lost)."""
        for f in (self._out, self._drops):
            if f is not None and not f.closed:
                f.close()
        self._tmp.cleanup()

    def add(self, graph: str, triples: Iterable[Triple]) -> None:
        """Stage the triples (N-Triples terms) of a named graph (its IRI)."""
        name = f"<{graph}>"
        for s, p, o in triples:
            if self._out is None or self._in_piece >= self.piece:
                self._next_piece()
            out = cast(IO[str], self._out)
            out.write(f"{s} {p} {o} {name} .\n")
            self._in_piece += 1
            self.quads += 1

    def _next_piece(self) -> None:
        if self._out is not None:
            self._out.close()
        path = self._dir / f"graphs-{len(self._pieces):06d}.nq"
        self._pieces.append(path)
        self._out = path.open("w", encoding="utf-8")
        self._in_piece = 0

    def drop(self, graphs: Iterable[str]) -> None:
        """Stage the names (IRIs) of graphs to empty before the new ones load."""
        for g in graphs:
            self._drops.write(g + "\n")

    def commit(self) -> None:
        """Drop the staged names, then load the staged graphs.

        Raises:
            KGError: when the store refuses the data.
        """
        for f in (self._out, self._drops):
            if f is not None:
                f.close()
        try:
            for names in _batches(self._dir / "drop.txt", DROPS):
                _drop(self.dataset, names)
            for path in self._pieces:
                _load(self.dataset, path)
        except (OSError, SyntaxError, ValueError) as exc:
            raise KGError(f"cannot write the staged graphs: {exc}") from exc


def _batches(path: Path, size: int) -> Iterator[list[str]]:
    """The lines of a file, ``size`` at a time."""
    batch: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            batch.append(line.rstrip("\n"))
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def _drop(dataset: Graph, names: list[str]) -> None:
    if store_kind(dataset) == "rdflib":  # its DROP would leave an empty graph
        for name in names:
            cast(Dataset, dataset).remove_graph(URIRef(name))
        return
    update(dataset, " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names))


def _load(dataset: Graph, path: Path) -> None:
    if store_kind(dataset) != "sparql":
        bulk_load(cast(Dataset, dataset), path)
        return
    with path.open(encoding="utf-8") as f:  # a quad per line: "s p o <g> ."
        quads = (line.rstrip()[:-1].rstrip().rsplit(" ", 1) for line in f)
        body = "\n".join(f"GRAPH {g} {{ {t} }}" for t, g in quads)
    update(dataset, f"INSERT DATA {{\n{body}\n}}")


__all__ = ["DROPS", "PIECE", "Staged"]
