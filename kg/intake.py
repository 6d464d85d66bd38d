"""The input of a job: every article read once before any work, bad records listed.

:func:`check_input` reads the articles of a ``kg build`` or ``kg extract`` without
keeping them, so a bad record further down the list cannot leave a half-built
store. With ``on_error="fail"`` (the default) the job stops and the error lists
every bad record, not only the first; with ``"skip"`` each bad record is written
with its reason to a rejects file (JSON Lines) and the job goes on without them.
The :class:`Input` it returns reads the good articles again, one at a time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.types import Article, KGError

log = logging.getLogger("kg")

#: What a job does with a bad input record: stop (listing every one) or skip it.
ON_ERROR = ("fail", "skip")


@dataclass(frozen=True)
class Input:
    """The articles of a job, checked once before any work (:func:`check_input`).

    Attributes:
        paths: Article files and folders.
        encoding: Their text encoding.
        on_error: ``"fail"`` (stop, listing every bad record) or ``"skip"``.
        articles: Good articles found.
        rejected: Bad records (skipped with ``"skip"``).
        rejects: The JSON Lines file listing the bad records, when skipping.
    """

    paths: Sequence[str | Path]
    encoding: str = "utf-8"
    on_error: str = "fail"
    articles: int = 0
    rejected: int = 0
    rejects: str | None = None

    def load(self) -> Iterator[Article]:
        """The good articles, read again (bad records are left out silently:
        :func:`check_input` has listed them)."""
        from kg.articles import load_articles

        skip = (lambda _reject: None) if self.on_error == "skip" else None
        return load_articles(self.paths, encoding=self.encoding, on_error=skip)


def check_input(
    paths: Sequence[str | Path],
    *,
    encoding: str = "utf-8",
    on_error: str = "fail",
    rejects: str | Path | None = None,
    force: bool = False,
) -> Input:
    """Read every article once, without keeping it, and collect the bad records.

    With ``on_error="fail"`` any bad record stops the job before it writes
    anything, and the error lists every bad record, not only the first. With
    ``"skip"`` each bad record is written with its reason to ``rejects`` (JSON
    Lines: ``where``, ``error``, ``record``), and the job goes on without them.

    Raises:
        KGError: for bad records (``fail``), an unknown ``on_error`` or encoding,
            an existing rejects file without ``force``, or no good article.
    """
    from kg.articles import Reject, load_articles
    from kg.files import check_writable

    if on_error not in ON_ERROR:
        raise KGError(f"bad on_error {on_error!r}; expected one of {list(ON_ERROR)}")
    if on_error == "skip":
        rejects = rejects or _default_rejects()
        check_writable(rejects, force=force)
    bad: list[Reject] = []
    paths = list(paths)
    n = sum(1 for _ in load_articles(paths, encoding=encoding, on_error=bad.append))
    if bad and on_error == "fail":
        raise KGError(_bad_records(bad))
    if bad:
        _write_rejects(bad, rejects, force=force)
        log.warning(
            "kg: skipped %d bad record%s; each is listed with its reason in %s",
            len(bad), "s" if len(bad) != 1 else "", rejects,
        )  # fmt: skip
    if n == 0:
        raise KGError(f"no articles found in {', '.join(map(str, paths))}")
    return Input(paths, encoding, on_error, n, len(bad), str(rejects) if bad else None)


def _default_rejects() -> str:
    from datetime import datetime, timezone

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"kg-rejects-{stamp}.jsonl"


def _bad_records(bad: Sequence[Any]) -> str:
    """One bad record's message, or the list of all of them."""
    if len(bad) == 1:
        return str(bad[0].error)
    lines = "\n".join(f"  {r.error}" for r in bad)
    return (
        f"{len(bad)} bad records; nothing was written (pass --on-error skip to "
        f"go on without them):\n{lines}"
    )


def _write_rejects(bad: Sequence[Any], path: Any, *, force: bool) -> None:
    from dataclasses import asdict

    from kg.files import write_atomic

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", errors="backslashreplace") as fh:
            for r in bad:
                fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")

    write_atomic(path, write, force=force)


__all__ = ["ON_ERROR", "Input", "check_input"]
