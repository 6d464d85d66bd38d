"""Run the kg pipeline over articles: assertions per article, in one or many processes.

``extract_articles`` makes one Doc per article carrying its id and date (so leaders
resolve by the article date and relative dates are normalised against it); with
several processes, forked workers run the whole pipeline and return only the
assertions. ``event_record`` is one event of the ``kg extract`` JSON contract.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import queue
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from kg.types import Article, Assertion, KGError, Mention

#: Longest text given to spaCy as one Doc (in characters). A longer article is
#: read in chunks cut at a blank line, a line break, a sentence end or a space,
#: one chunk at a time, and the events of all chunks are returned with their
#: offsets in the article (spaCy refuses texts over ``nlp.max_length``, and its
#: memory grows with the text in one batch: about 0.5 GB for 50,000 characters).
CHUNK_CHARS = 50_000

#: Where a chunk may end, best first (the cut falls right after the separator).
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", "; ", " ")


def extract_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Article, list[Assertion]]]:
    """Run the pipeline over articles and yield each with its assertions.

    With ``n_process > 1`` (on platforms that fork), batches of articles go to
    worker processes that each run the whole pipeline and send back only the
    assertions: the Docs never cross a process boundary, which is what makes
    ``nlp.pipe(n_process=…)`` costly. Elsewhere ``nlp.pipe(n_process=…)`` is used.
    Tasks are a quarter of a batch, at most four per worker in flight, so
    memory stays bounded.

    Args:
        articles: Articles to process (streamed).
        nlp: A pipeline from :func:`kg.nlp.load_nlp`.
        batch_size: ``nlp.pipe`` batch size (and articles per worker task).
        n_process: Number of processes (``-1``: one per CPU).

    Yields:
        ``(article, assertions)`` in input order.

    Raises:
        KGError: when the pipeline lacks ``kg_relations`` or a worker fails.
    """
    if "kg_relations" not in nlp.pipe_names:
        raise KGError(
            f"the pipeline has no kg_relations component; it has {nlp.pipe_names}"
        )
    if n_process < 0:
        n_process = os.cpu_count() or 1
    if n_process > 1 and "fork" in mp.get_all_start_methods():
        yield from _extract_forked(articles, nlp, batch_size, n_process)
        return
    yield from _assertions(nlp, articles, batch_size, n_process)


def split_text(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut a text into ``(offset, chunk)`` pieces of at most ``size`` characters.

    Each cut falls after the last blank line of the piece, else its last line
    break, sentence end or space (in its second half), else at ``size``.

    Examples:
        >>> split_text("One. Two. Three.", size=10)
        [(0, 'One. Two. '), (10, 'Three.')]
        >>> split_text("short")
        [(0, 'short')]
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next(
            (i + len(sep) for sep in _CUTS if (i := window.rfind(sep, size // 2)) > 0),
            size,
        )
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _chunk_docs(nlp: Language, article: Article) -> Iterator[tuple[Doc, tuple]]:
    """The Docs of an article's chunks, each with ``(article, index, count, offset)``.

    Every Doc carries the article id and date into the pipeline: the actor
    component resolves leaders by the article date, and relative dates are
    normalised against it; both travel with the Doc to worker processes.
    """
    pieces = split_text(article.text, min(CHUNK_CHARS, nlp.max_length))
    for i, (offset, text) in enumerate(pieces):
        doc = nlp.make_doc(text)
        doc._.kg_article_id = article.id
        doc._.kg_article_date = article.date
        yield doc, (article, i, len(pieces), offset)


def _sentences(doc: Doc) -> int:
    try:
        return sum(1 for _ in doc.sents)
    except ValueError:  # a pipeline without sentence boundaries
        return 1


def _shift(a: Assertion, chars: int, sentences: int) -> Assertion:
    """An assertion of a chunk, with offsets and sentence indexes in the article."""
    if not chars and not sentences:
        return a

    def mention(m: Mention) -> Mention:
        return dataclasses.replace(
            m, start=m.start + chars, end=m.end + chars, sentence=m.sentence + sentences
        )

    return dataclasses.replace(
        a,
        source=mention(a.source),
        target=mention(a.target),
        start=a.start + chars,
        end=a.end + chars,
        sentence=a.sentence + sentences,
    )


def _runs(articles: Iterable[Article], size: int) -> Iterator[tuple[list, int]]:
    """Batches of short articles, and each long one alone with batch size 1."""
    batch: list[Article] = []
    for a in articles:
        if len(a.text) > CHUNK_CHARS:
            if batch:
                yield batch, size
                batch = []
            yield [a], 1
            continue
        batch.append(a)
        if len(batch) >= size:
            yield batch, size
            batch = []
    if batch:
        yield batch, size


def _assertions(
    nlp: Language, articles: Iterable[Article], batch_size: int, n_process: int = 1
) -> Iterator[tuple[Article, list[Assertion]]]:
    """Each article with the assertions of all its chunks, in input order.

    In one process a long article's chunks go through the pipeline one at a
    time, so memory stays that of one chunk however long the article.
    """
    if n_process == 1:
        for run, size in _runs(articles, batch_size):
            yield from _pipe(nlp, run, size, 1)
        return
    yield from _pipe(nlp, articles, batch_size, n_process)


def _pipe(
    nlp: Language, articles: Iterable[Article], batch_size: int, n_process: int
) -> Iterator[tuple[Article, list[Assertion]]]:
    pieces = (pair for a in articles for pair in _chunk_docs(nlp, a))
    found: list[Assertion] = []
    sentences = 0
    for doc, (article, index, count, offset) in nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        if index == 0:
            found, sentences = [], 0
        found.extend(_shift(a, offset, sentences) for a in doc._.kg_assertions or [])
        sentences += _sentences(doc)
        if index == count - 1:
            yield article, found


def _extract_worker(nlp: Language, tasks: Any, results: Any, batch_size: int) -> None:
    """Worker loop: ``(index, articles)`` in, ``(index, assertions of each)`` out."""
    while True:
        task = tasks.get()
        if task is None:
            return
        index, batch = task
        try:
            out: Any = [found for _, found in _assertions(nlp, batch, batch_size)]
        except Exception as exc:  # reported to the parent, which raises KGError
            out = f"{type(exc).__name__}: {exc}"
        results.put((index, out))


def _extract_forked(
    articles: Iterable[Article], nlp: Language, batch_size: int, n_process: int
) -> Iterator[tuple[Article, list[Assertion]]]:
    ctx = mp.get_context("fork")
    tasks, results = ctx.Queue(), ctx.Queue()
    workers = [
        ctx.Process(
            target=_extract_worker, args=(nlp, tasks, results, batch_size), daemon=True
        )
        for _ in range(n_process)
    ]
    for w in workers:
        w.start()
    # small tasks keep both workers busy to the end; each runs nlp.pipe with the
    # full batch size over its task
    batches = enumerate(_batches(articles, max(1, batch_size // 4)))
    sent: dict[int, list[Article]] = {}
    done: dict[int, list[list[Assertion]]] = {}
    following, exhausted = 0, False
    try:
        while True:
            while not exhausted and len(sent) < 4 * n_process:
                item = next(batches, None)
                if item is None:
                    exhausted = True
                    break
                sent[item[0]] = item[1]
                tasks.put(item)
            if not sent:
                return
            index, out = _receive(results, workers)
            if isinstance(out, str):
                raise KGError(f"extraction failed in a worker process: {out}")
            done[index] = out
            while following in done:
                batch = sent.pop(following)
                yield from zip(batch, done.pop(following), strict=True)
                following += 1
    finally:
        for _ in workers:
            tasks.put(None)
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.terminate()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _receive(results: Any, workers: list) -> tuple[int, Any]:
    """The next result; a KGError when a worker died without answering."""
    while True:
        try:
            return results.get(timeout=1.0)
        except queue.Empty:
            dead = [w for w in workers if not w.is_alive()]
            if dead:
                raise KGError(
                    f"an extraction worker process died (exit code {dead[0].exitcode})"
                ) from None


def event_record(a: Assertion) -> dict:
    """One event of the ``kg extract`` JSON contract (PRODUCT.md).

    Examples:
        >>> from kg.types import Mention
        >>> m = Mention("US", "Washington", 0, 10, code="USAGOV", country="USA")
        >>> t = Mention("SYR", "Damascus", 20, 28, code="SYRGOV", country="SYR")
        >>> r = event_record(Assertion("a", m, t, "recognises", 0, 0, 30, "...",
        ...     negated=True, cameo="054", plover="SUPPORT", quad_class=1))
        >>> r["source"]["code"], r["relation"], r["negated"]
        ('USAGOV', 'recognises', True)
    """

    def actor(m: Mention) -> dict:
        return {
            "id": m.actor,
            "label": m.label,
            "country": m.country,
            "sector": m.sector,
            "code": m.code,
            "text": m.text,
            "class": m.cls,
        }

    rec = {
        "source": actor(a.source),
        "target": actor(a.target),
        "relation": a.relation,
        "plover": a.plover,
        "cameo": a.cameo,
        "quad_class": a.quad_class,
        "negated": a.negated,
        "modality": a.modality,
        "attribution": a.attribution,
        "date": a.date,
        "sentence": a.sentence,
        "start": a.start,
        "end": a.end,
        "evidence": a.evidence,
        "trigger": a.trigger,
        "confidence": a.confidence,
    }
    if a.extra:
        rec["extra"] = dict(a.extra)
    return rec
