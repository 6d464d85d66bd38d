"""Progress of long loops: a bar on a terminal, a plain line now and then otherwise.

:func:`progress` wraps an iterable. On a terminal (stderr is a TTY) it shows a
tqdm bar with rate and ETA; otherwise (logs, CI, pipes) it logs a line every
``every`` items and one at the end. Nothing is shown when the ``kg`` logger is
quieter than INFO (``kg -q``). :func:`stage` logs how long a step took.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

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


__all__ = ["progress", "stage"]
