"""Aligned text tables: a header and rows of strings in, one string out.

The one table renderer of kg: ``kg query`` (SPARQL rows) and ``kg analyze`` (score
rows) both print through :func:`format_table`. Callers turn their values into
strings first; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence


def truncate(text: str, width: int | None) -> str:
    """Cut ``text`` to ``width`` characters, ending it with ``...`` when cut.

    Examples:
        >>> truncate("abcdefgh", 6), truncate("abc", 6), truncate("abc", None)
        ('abc...', 'abc', 'abc')
    """
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 3, 0)] + "..."


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
    cells = [[truncate(c, max_width) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


__all__ = ["format_table", "plural", "truncate"]
