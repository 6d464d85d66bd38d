"""Progress of long loops: a bar on a terminal, a plain line now and then otherwise.

:func:`progress` wraps an iterable. On a terminal (stderr is a TTY) it shows a
tqdm bar with rate and ETA; otherwise (logs, CI, pipes) it logs a line every
``every`` items and one at the end. Nothing is shown when the ``kg`` logger is
quieter than INFO (``kg -q``). :func:`stage` logs how long a step took.
:class:`Progress` counts the articles of a job (``kg build``, ``kg extract``) that
are done in pieces (skipped, extracted here or on a cluster): a bar on a terminal,
a plain line every :data:`PROGRESS_EVERY` articles otherwise.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, TextIO, TypeVar

log = logging.getLogger("kg")

T = TypeVar("T")


def _shown() -> bool:
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

    Args:
        iterable: The items.
        total: Their number, when known (for the bar and the percentages).
        desc: What is being done (``export``).
        unit: What an item is (``graph``, ``article``).
        every: Log a plain line every this many items (default: a tenth of
            ``total``, at least 1,000).

    Examples:
        >>> list(progress(range(3), total=3, desc="count"))
        [0, 1, 2]
    """
    if not _shown():
        yield from iterable
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr)
        return
    step = every or max((total or 0) // 10, 1000)
    start = time.perf_counter()
    n = 0
    for n, item in enumerate(iterable, 1):
        yield item
        if n % step == 0:
            _line(desc, unit, n, total, start)
    _line(desc, unit, n, total, start)


def _line(desc: str, unit: str, n: int, total: int | None, start: float) -> None:
    elapsed = time.perf_counter() - start
    of = f"/{total:,}" if total else ""
    rate = f", {n / elapsed:,.0f} {unit}s/s" if elapsed > 0 and n else ""
    log.info("%s: %s%s %ss in %.1f s%s", desc, f"{n:,}", of, unit, elapsed, rate)


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


#: Articles between two progress lines when standard error is not a terminal.
PROGRESS_EVERY = 100


class Progress:
    """Progress of a long job on standard error.

    On a terminal: a tqdm bar with the rate and the time left. Otherwise (a log
    file, CI): one plain line every ``every`` articles with the count, the rate
    and the time left. Nothing when ``quiet``.

    Args:
        total: Articles expected.
        desc: What is being done (``build``, ``extract``).
        quiet: Show nothing.
        every: Articles between two plain lines.
        stream: Where to write (default standard error).
    """

    def __init__(
        self,
        total: int,
        *,
        desc: str,
        quiet: bool = False,
        every: int = PROGRESS_EVERY,
        stream: TextIO | None = None,
    ) -> None:
        self.total, self.desc, self.every = total, desc, max(1, every)
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = time.monotonic()
        self.bar: Any = None
        self.quiet = quiet
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="article", file=self.stream)

    def update(self, n: int = 1) -> None:
        """Count ``n`` more articles done."""
        before, self.done = self.done, self.done + n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and self.done // self.every > before // self.every:
            print(self.line(), file=self.stream, flush=True)

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
        left = (self.total - self.done) / rate if rate else 0.0
        eta = str(timedelta(seconds=round(left)))
        return (
            f"{self.desc}: {self.done}/{self.total} articles ({rate:.1f}/s, {eta} left)"
        )

    def close(self) -> None:
        """End the bar (or write the last plain line)."""
        if self.bar is not None:
            self.bar.close()
        elif not self.quiet and self.done % self.every:
            print(self.line(), file=self.stream, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["PROGRESS_EVERY", "Progress", "progress", "stage"]
