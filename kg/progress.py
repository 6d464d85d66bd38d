"""Progress of long loops: a bar on a terminal, a plain line now and then otherwise.

:func:`progress` wraps an iterable. On a terminal (stderr is a TTY) it shows a
tqdm bar with rate and ETA; otherwise (logs, CI, pipes) it logs a line every
``every`` items and one at the end. Nothing is shown when the ``kg`` logger is
quieter than INFO (``kg -q``). :func:`stage` logs how long a step took.
:class:`Progress` is the one mechanism behind both: it also counts the articles
of a job (``kg build``, ``kg extract``) that are done in pieces (skipped,
extracted here or on a cluster) and prints its plain lines every
:data:`PROGRESS_EVERY` articles.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, TextIO, TypeVar

log = logging.getLogger("kg")

T = TypeVar("T")

#: Articles between two progress lines when standard error is not a terminal.
PROGRESS_EVERY = 100


def _shown() -> bool:
    """Whether the ``kg`` logger shows INFO lines (``kg -q`` hides them)."""
    return log.isEnabledFor(logging.INFO)


def progress(
    iterable: Iterable[T],
    *,
    total: int | None,
    desc: str,
    unit: str = "item",
    every: int | None = None,
) -> Iterator[T]:
    """Yield the items of ``iterable`` while showing how far the loop is.

    A :class:`Progress` whose plain lines go to the ``kg`` logger.

    Args:
        iterable: The items.
        total: Their number, when known (for the bar and the time left).
        desc: What is being done (``export``).
        unit: What an item is (``graph``, ``article``).
        every: A plain line every this many items (default: a tenth of
            ``total``, at least 1,000).

    Examples:
        >>> list(progress(range(3), total=3, desc="count"))
        [0, 1, 2]
    """
    step = every or max((total or 0) // 10, 1000)
    with Progress(
        total, desc=desc, unit=unit, quiet=not _shown(), every=step, emit=log.info
    ) as bar:
        for item in iterable:
            yield item
            bar.update()


@contextmanager
def stage(what: str) -> Iterator[None]:
    """Log ``what … done in N s`` around a step (at INFO: ``kg -q`` hides it).

    Examples:
        >>> with stage("nothing"):
        ...     pass
    """
    start = time.perf_counter()
    yield
    if _shown():
        log.info("%s in %.1f s", what, time.perf_counter() - start)


class Progress:
    """Progress of a long job on standard error.

    On a terminal: a tqdm bar with the rate and the time left. Otherwise (a log
    file, CI): one plain line every ``every`` items with the count, the rate
    and the time left, and one at the end. Nothing when ``quiet``.

    Args:
        total: Items expected (None: unknown).
        desc: What is being done (``build``, ``extract``).
        unit: What an item is.
        quiet: Show nothing.
        every: Items between two plain lines.
        stream: Where to write (default standard error).
        emit: Where the plain lines go (default: printed to ``stream``).
    """

    def __init__(
        self,
        total: int | None,
        *,
        desc: str,
        unit: str = "article",
        quiet: bool = False,
        every: int = PROGRESS_EVERY,
        stream: TextIO | None = None,
        emit: Callable[[str], None] | None = None,
    ) -> None:
        self.total, self.desc, self.unit = total, desc, unit
        self.every, self.quiet = max(1, every), quiet
        self.stream = stream or sys.stderr
        self.emit = emit or self._print
        self.done = 0
        self.start = time.monotonic()
        self.bar: Any = None
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=unit, file=self.stream)

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def update(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        before, self.done = self.done, self.done + n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and self.done // self.every > before // self.every:
            self.emit(self.line())

    def line(self) -> str:
        """The plain progress line: count, rate and time left.

        Examples:
            >>> p = Progress(300, desc="build", quiet=True)
            >>> p.done, p.start = 100, p.start - 10
            >>> p.line()
            'build: 100/300 articles (10.0/s, 0:00:20 left)'
        """
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        of = f"/{self.total:,}" if self.total is not None else ""
        head = f"{self.desc}: {self.done:,}{of} {self.unit}s ({rate:.1f}/s"
        if self.total is None:
            return head + ")"
        left = (self.total - self.done) / rate if rate else 0.0
        return f"{head}, {timedelta(seconds=round(left))} left)"

    def close(self) -> None:
        """End the bar (or write the last plain line)."""
        if self.bar is not None:
            self.bar.close()
        elif not self.quiet and self.done % self.every:
            self.emit(self.line())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["PROGRESS_EVERY", "Progress", "progress", "stage"]
