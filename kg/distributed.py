"""Extraction on a ``dask.distributed`` cluster: partitions out, graphs back.

``kg build --dask SCHEDULER`` and ``kg extract --dask SCHEDULER`` run here. The
driver (this process) reads the input once (so article ids are unique across all
files), leaves out the articles whose input is unchanged (``kg build``), and
splits the rest into partitions: runs of up to ``partition_size`` articles of one
file (records of a JSON Lines file, or consecutive text/HTML files). Each
partition is one task. A worker loads the spaCy pipeline and the actor registry
once (kept for the life of the worker process), runs the pipeline over the
partition and sends back, per article, its named graph as N-Triples terms
(:func:`kg.rdf.nquads.article_quads`) or its ``kg extract`` JSON line. The driver
writes each finished partition at once: into the store as one batch (an embedded
store through Oxigraph's bulk loader, a SPARQL endpoint with one update per
partition), or in input order to the JSON Lines file.

A task that raises is retried (``RETRIES`` times) and then reported with the
partition's file and records; a worker that dies loses only the partitions it
was running, which the scheduler gives to another worker. Finished partitions
are already written, and a rebuild skips them by their input hash.

``SCHEDULER`` is a scheduler address (``tcp://10.0.0.5:8786``; start one with
``dask scheduler`` and workers with ``dask worker ADDRESS --nthreads 1``), or
``local:N`` for a cluster of N worker processes on this machine. The workers need
kg and the model installed, and the ``--actors`` files at the same paths; each
checks that its extraction fingerprint (kg, model, registries) is the driver's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from kg.types import Article, Assertion, KGError

if TYPE_CHECKING:
    from kg.rdf.graph import BatchWriter

log = logging.getLogger("kg")

#: Times a failed partition is tried again before it is reported.
RETRIES = 2
#: Partitions in flight per worker thread (keeps workers busy, memory bounded).
IN_FLIGHT = 2

#: Dask settings of a local cluster (``local:N``): no statistical profiler in the
#: workers (it samples the task thread every 10 ms), calmer event loops and
#: monitors (the scheduler and the nannies run in the driver process), and no
#: ``MALLOC_TRIM_THRESHOLD_`` (Dask's default of 64 KiB turns glibc's adaptive
#: mmap threshold off, so every large spaCy array is mapped and unmapped: about
#: 15% more CPU per article). Workers started by hand take the same with
#: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` and
#: ``DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON__MALLOC_TRIM_THRESHOLD_=None``.
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}

#: The pipeline and registry of this worker process, by (model, actors, patterns).
_STATE: dict[tuple[str | None, tuple[str, ...], tuple[str, ...]], tuple[Any, ...]] = {}


class Options(Protocol):
    """The extraction options of a job (``kg.pipeline`` passes its own)."""

    @property
    def model(self) -> str | None: ...
    @property
    def actors(self) -> Sequence[str | Path]: ...
    @property
    def patterns(self) -> Sequence[str | Path]: ...
    @property
    def batch_size(self) -> int: ...
    @property
    def dask(self) -> str | None: ...
    @property
    def partition_size(self) -> int: ...
    def fingerprint(self) -> str: ...


def event_line(article: Article, assertions: Iterable[Assertion]) -> tuple[str, int]:
    """One line of the ``kg extract`` output (``{"id", "events"}``) and its events."""
    from kg.nlp.extract import event_record

    events = [event_record(a) for a in assertions]
    record = {"id": article.id, "events": events}
    return json.dumps(record, ensure_ascii=False) + "\n", len(events)


@dataclass(frozen=True)
class Partition:
    """A run of articles of one input file: one task on the cluster.

    Attributes:
        index: Position in the input (partitions are numbered from 0).
        source: Where the articles come from, for messages
            (``news.jsonl records 65-128``, ``a.txt … f.txt``).
        articles: The articles.
    """

    index: int
    source: str
    articles: tuple[Article, ...]


def partitions(articles: Iterable[Article], size: int) -> Iterator[Partition]:
    """Split articles into partitions of at most ``size`` articles of one file.

    Examples:
        >>> arts = [Article(f"a{i}", "x", path="n.jsonl") for i in range(5)]
        >>> [p.source for p in partitions(arts, 2)]
        ['n.jsonl records 1-2', 'n.jsonl records 3-4', 'n.jsonl records 5-5']
    """
    size = max(1, size)
    index, first = 0, 1
    run: list[Article] = []
    seen: dict[str, int] = {}  # records read per file
    for article in articles:
        path = article.path or ""
        if run and (len(run) >= size or _file(run[-1]) != _file(article)):
            yield Partition(index, _source(run, first), tuple(run))
            index, run = index + 1, []
        if not run:
            first = seen.get(path, 0) + 1
        seen[path] = seen.get(path, 0) + 1
        run.append(article)
    if run:
        yield Partition(index, _source(run, first), tuple(run))


def _file(article: Article) -> str:
    """The file a partition keeps to: a JSON Lines file, else any text file."""
    path = article.path or ""
    return path if path.endswith(".jsonl") else ""


def _source(run: Sequence[Article], first: int) -> str:
    path = run[0].path or "?"
    if path.endswith(".jsonl"):
        return f"{Path(path).name} records {first}-{first + len(run) - 1}"
    names = [Path(a.path or a.id).name for a in (run[0], run[-1])]
    return names[0] if len(run) == 1 else f"{names[0]} … {names[1]}"


# --------------------------------------------------------------------- worker side
def _worker_state(
    model: str | None, actors: tuple[str, ...], patterns: tuple[str, ...]
) -> tuple[Any, Any, str]:
    """This worker's pipeline, registry and fingerprint (loaded once)."""
    key = (model, actors, patterns)
    if key not in _STATE:
        from kg.fingerprint import extraction_fingerprint
        from kg.nlp.model import load_nlp
        from kg.registry import load_registry

        nlp = load_nlp(model, actors=actors, patterns=patterns)
        fingerprint = extraction_fingerprint(model, actors, patterns)
        _STATE[key] = (nlp, load_registry(actors), fingerprint)
    return _STATE[key]


def extract_partition(
    part: Partition,
    *,
    model: str | None,
    registries: tuple[str, ...],
    batch_size: int,
    fingerprint: str,
    output: str,
    patterns: tuple[str, ...] = (),
) -> list[Any]:
    """Run the pipeline over one partition (on a worker).

    Args:
        part: The partition.
        model: spaCy pipeline name.
        registries: Extra actor registry files (paths on the worker; ``actors``
            is a keyword of ``Client.submit``).
        batch_size: ``nlp.pipe`` batch size.
        fingerprint: The driver's extraction fingerprint; a worker whose own
            differs (another kg, model or registry) refuses the task.
        output: ``"quads"`` (an :class:`~kg.rdf.nquads.ArticleQuads` per
            article) or ``"events"`` (a ``(JSON line, events)`` pair per article).
        patterns: Extra relation pattern files (paths on the worker).

    Raises:
        KGError: when the worker's fingerprint is not the driver's.
    """
    from kg.nlp.extract import extract_articles

    nlp, registry, mine = _worker_state(model, registries, patterns)
    if mine != fingerprint:
        raise KGError(
            "this worker runs another kg, model or actor registry than the driver "
            "(fingerprints differ); install the same versions on every machine"
        )
    results = extract_articles(part.articles, nlp, batch_size=batch_size)
    if output == "events":
        return [event_line(article, assertions) for article, assertions in results]
    from kg.rdf.graph import input_hash
    from kg.rdf.nquads import article_quads

    return [
        article_quads(
            article,
            assertions,
            registry=registry,
            input_hash=input_hash(article, fingerprint),
        )
        for article, assertions in results
    ]


# --------------------------------------------------------------------- driver side
@contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A ``distributed.Client`` of a scheduler address, or of a local cluster.

    Args:
        scheduler: ``local:N`` (a LocalCluster of N single-threaded worker
            processes on 127.0.0.1) or a scheduler address (``tcp://host:8786``).

    Raises:
        KGError: when dask.distributed is not installed, ``local:N`` is malformed
            or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError("--dask needs dask.distributed: pip install 'kg[dask]'") from None
    for name in ("distributed", "tornado"):  # their shutdown chatter
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = None
    try:
        if scheduler.startswith("local:"):
            import warnings

            import dask

            n = _local_workers(scheduler)
            with dask.config.set(LOCAL_CONFIG), warnings.catch_warnings():
                # its HTTP server moves to a free port when 8787 is taken
                warnings.filterwarnings("ignore", "Port .* is already in use")
                cluster = LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address=None,
                    silence_logs=logging.ERROR,
                )  # fmt: skip
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise KGError(f"cannot reach the dask scheduler {scheduler!r}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_workers(scheduler: str) -> int:
    text = scheduler.split(":", 1)[1]
    if not text.isdigit() or int(text) < 1:
        raise KGError(
            f"bad --dask value {scheduler!r}; expected local:N with N >= 1 or a "
            "scheduler address such as tcp://127.0.0.1:8786"
        )
    return int(text)


def run_partitions(
    client: Any,
    parts: Iterable[Partition],
    kwargs: dict[str, Any],
    on_result: Callable[[Partition, list[Any]], None],
) -> list[str]:
    """Run :func:`extract_partition` over the partitions, a few in flight.

    Each finished partition goes to ``on_result`` as soon as it arrives (in any
    order). A partition whose task failed after :data:`RETRIES` retries (or whose
    workers kept dying) is reported, not written.

    Returns:
        One line per failed partition (in input order): its source and the error.
    """
    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    parts = iter(parts)
    running: dict[str, Partition] = {}
    done = as_completed()

    def submit() -> bool:
        part = next(parts, None)
        if part is None:
            return False
        future = client.submit(
            extract_partition, part, **kwargs, retries=RETRIES, pure=False
        )
        running[future.key] = part
        done.add(future)
        return True

    for _ in range(IN_FLIGHT * threads):
        if not submit():
            break
    failures: list[tuple[int, str]] = []
    for future in done:
        part = running.pop(future.key)
        try:
            result = future.result()
        except Exception as exc:  # the worker's error, or KilledWorker
            failures.append((part.index, f"{part.source}: {type(exc).__name__}: {exc}"))
            log.error("partition %s failed: %s", part.source, exc)
        else:
            on_result(part, result)
        future.release()
        submit()
    return [text for _, text in sorted(failures)]


def _kwargs(extraction: Options, fingerprint: str, output: str) -> dict[str, Any]:
    return {
        "model": extraction.model,
        "registries": tuple(str(a) for a in extraction.actors),
        "batch_size": extraction.batch_size,
        "fingerprint": fingerprint,
        "output": output,
        "patterns": tuple(str(p) for p in extraction.patterns),
    }


def _raise_failures(failures: Sequence[str], total: int, kept: str) -> None:
    if failures:
        shown = "; ".join(failures[:3]) + ("; …" if len(failures) > 3 else "")
        raise KGError(
            f"{len(failures)} of {total} partitions failed after {RETRIES} retries "
            f"({kept}): {shown}"
        )


def _run_job(
    articles: Iterable[Article],
    extraction: Options,
    fingerprint: str,
    output: str,
    write: Callable[[Partition, list[Any]], None],
    kept: str,
) -> None:
    """Run every partition on the cluster, ``write`` each result as it comes.

    Raises:
        KGError: when partitions failed (``kept`` says what the job kept).
    """
    if not extraction.dask:
        raise KGError("no Dask scheduler given")
    count = 0

    def counted() -> Iterator[Partition]:
        nonlocal count
        for part in partitions(articles, extraction.partition_size):
            count += 1
            yield part

    with connect(extraction.dask) as client:
        kwargs = _kwargs(extraction, fingerprint, output)
        failures = run_partitions(client, counted(), kwargs, write)
    _raise_failures(failures, count, kept)


def build_distributed(
    articles: Iterable[Article],
    writer: BatchWriter,
    extraction: Options,
    fingerprint: str,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Extract the articles on the cluster and write each partition as a batch.

    Args:
        articles: The articles to extract (the unchanged ones already left out).
        writer: Writes the graphs into the store.
        extraction: The job's extraction options (``dask`` is the scheduler).
        fingerprint: The driver's extraction fingerprint.
        progress: Called with the number of articles of each written partition.

    Raises:
        KGError: when partitions failed (the others are written and kept).
    """

    def write(part: Partition, graphs: list[Any]) -> None:
        writer.write(graphs, {a.id: a for a in part.articles})
        if progress is not None:
            progress(len(graphs))

    _run_job(
        articles,
        extraction,
        fingerprint,
        "quads",
        write,
        "the other partitions are in the store",
    )


def extract_distributed(
    articles: Iterable[Article],
    fh: IO[str],
    extraction: Options,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Extract the articles on the cluster; write their JSON lines in input order.

    Args:
        articles: The articles (read once more by the driver, which checked them).
        fh: Where the JSON lines go.
        extraction: The job's extraction options (``dask`` is the scheduler).
        progress: Called with the number of articles of each written partition.

    Returns:
        The number of events written.

    Raises:
        KGError: when partitions failed (the output file is then not written).
    """
    fingerprint = extraction.fingerprint()
    waiting: dict[int, list[tuple[str, int]]] = {}
    following, events = 0, 0

    def write(part: Partition, lines: list[Any]) -> None:
        nonlocal following, events
        waiting[part.index] = lines
        while following in waiting:
            for line, n in waiting.pop(following):
                fh.write(line)
                events += n
            following += 1
        if progress is not None:
            progress(len(lines))

    _run_job(articles, extraction, fingerprint, "events", write, "nothing was written")
    return events


__all__ = [
    "IN_FLIGHT",
    "RETRIES",
    "Options",
    "Partition",
    "build_distributed",
    "connect",
    "event_line",
    "extract_distributed",
    "extract_partition",
    "partitions",
    "run_partitions",
]
