"""Aligned text tables: a header and rows of strings in, one string out.

The one table renderer of kg: ``kg query`` (SPARQL rows) and ``kg analyze`` (score
rows) both print through :func:`format_table` (or :func:`stream_table`, for rows
that arrive one at a time). Callers turn their values into strings first; this
module only lays them out. Cells are made safe for a terminal on the way
(:func:`terminal_safe`): article text may hold escape sequences.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice

# ESC [ ... final (CSI), ESC ] ... BEL or ESC \ (OSC), ESC P/X/^/_ ... ST, ESC x;
# the 8-bit CSI; then every other C0/C1 control character and DEL.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[\t\n\r]")


def terminal_safe(text: str) -> str:
    """``text`` without terminal control: escape sequences (colours, clear
    screen, window titles), BEL and every other control character are removed,
    tabs and line breaks become spaces.

    Examples:
        >>> terminal_safe("a\\x1b[2Jb\\x1b]0;pwned\\x07c\\x07\\nd")
        'abc d'
    """
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _SPACES.sub(" ", _ESCAPES.sub("", text)))


def truncate(text: str, width: int | None) -> str:
    """Cut ``text`` to ``width`` characters, ending it with ``...`` when cut.

    Examples:
        >>> truncate("abcdefgh", 6), truncate("abc", 6), truncate("abc", None)
        ('abc...', 'abc', 'abc')
    """
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 3, 0)] + "..."


def fit(cell: str, width: int | None) -> str:
    """A cell as a table shows it: terminal-safe, cut to ``width``.

    Examples:
        >>> fit("a\\x1b[2Jb", 80), fit("abcdefgh", 6)
        ('ab', 'abc...')
    """
    return truncate(terminal_safe(cell), width)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word, in the plural unless ``n`` is one.

    Examples:
        >>> plural(1, "article"), plural(2, "article"), plural(0, "triad")
        ('1 article', '2 articles', '0 triads')
        >>> plural(3, "entity", "entities")
        '3 entities'
    """
    return f"{n} {word if n == 1 else many or word + 's'}"


def format_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[int] = (),
    max_width: int | None = None,
) -> str:
    """Lay out a header and rows as aligned columns, two spaces apart.

    A line of dashes separates the header from the rows; trailing spaces are
    stripped and the text has no final newline.

    Args:
        header: Column names.
        rows: One sequence of cell strings per row, as long as the header.
        right: Indexes of the columns aligned to the right (numbers).
        max_width: Cut longer cells to this width (see :func:`truncate`).

    Returns:
        The table as text.

    Examples:
        >>> print(format_table(["id", "n"], [["US", "1"], ["HTS", "22"]], right={1}))
        id    n
        ---  --
        US    1
        HTS  22
    """
    rows = list(rows)
    return "\n".join(
        stream_table(header, rows, right=right, max_width=max_width, sample=len(rows))
    )


def stream_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[int] = (),
    max_width: int | None = None,
    sample: int = 1000,
    fitted: bool = False,
) -> Iterator[str]:
    """The lines of :func:`format_table`, for rows that arrive one at a time.

    The column widths are those of the first ``sample`` rows, so only they are
    held in memory; a longer cell further down widens its line, not the column.
    ``fitted``: the cells are already :func:`fit` to ``max_width``.

    Examples:
        >>> list(stream_table(["id"], iter([["US"], ["HTS"]]), sample=1))
        ['id', '--', 'US', 'HTS']
    """
    it: Iterator[Sequence[str]] = iter(rows)
    if not fitted:
        it = ([fit(c, max_width) for c in row] for row in it)
    cut = list(islice(it, max(sample, 0)))
    head = [terminal_safe(h) for h in header]
    widths = [len(h) for h in head]
    for row in cut:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    # one format of the padded columns: a call per line, not one per cell
    layout = "  ".join(
        f"{{:{'>' if i in right else '<'}{w}}}" for i, w in enumerate(widths)
    )

    def line(values: Sequence[str]) -> str:
        if len(values) != len(widths):
            raise ValueError(f"a row of {len(values)} cells for {len(widths)} columns")
        return layout.format(*values).rstrip()

    yield line(head)
    yield line(["-" * w for w in widths])
    for row in cut:
        yield line(row)
    yield from map(line, it)


__all__ = ["fit", "format_table", "plural", "stream_table", "terminal_safe", "truncate"]
