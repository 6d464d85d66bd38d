"""Read news articles from .txt, .md, .html and .jsonl files into ``Article`` records.

``load_articles`` streams: a folder is walked lazily, a JSON Lines file is read line
by line (a 10 GB corpus never sits in memory), and every article is yielded as soon
as it is read. Bad input raises ``KGError`` with a one-line message that names the
file (and line) and the problem; nothing is skipped silently.

Formats:

- ``.txt`` / ``.md``: optional YAML front matter between ``---`` lines (``id``,
  ``title``, ``date``, ``url``, ``source``); the first non-empty line of the body is
  the title (a Markdown heading's ``#`` marks are stripped) and a repeated title line
  right after it is dropped. ``Article.text`` is the title, a blank line, then the body.
- ``.html`` / ``.htm``: the headline from ``<h1>`` (else ``og:title``, else
  ``<title>``), the text from the ``<p>`` paragraphs outside ``script``, ``style``,
  ``nav``, ``header``, ``footer``, ``aside``, ``form``; metadata from ``<meta>``
  (``article:published_time``, ``og:url``, ``og:site_name``, ...).
- ``.jsonl``: one object per line with ``id`` and ``text`` and optional ``title``,
  ``date``, ``url``, ``source``. A text that does not start with its title gets the
  title prepended; a text that does is kept exactly as given.

The HTML element sets, the ``<meta>`` keys and the names of documentation files that
a folder walk skips are data: ``kg/resources/articles.yaml``.
"""

from __future__ import annotations

import json
import logging
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from kg.dates import normalise_date
from kg.files import FileWalk, check_encoding, decode
from kg.resources import read_yaml
from kg.types import Article, KGError

log = logging.getLogger("kg")

_RULES = read_yaml("articles.yaml")
_HTML = _RULES["html"]
_DOC_FILES = frozenset(_RULES["doc_files"])

#: File extensions read by ``load_articles`` and the reader used for each.
SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


@dataclass(frozen=True)
class Reject:
    """A record (or file, or folder) that could not be read, and why.

    Attributes:
        where: The file, ``file:line`` or folder.
        error: The one-line message (it names ``where`` too).
        record: The raw JSON Lines record, when the reject is one line of a file.
    """

    where: str
    error: str
    record: str | None = None


#: What ``load_articles`` calls with each bad record when it is asked to go on.
OnError = Callable[[Reject], None]


# --------------------------------------------------------------------------- bytes
def _no_surrogate(value: str, key: str, where: str) -> str:
    """Refuse a lone surrogate (``\\ud800`` in JSON): it is not Unicode text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise KGError(
            f"{where}: {key!r} holds a lone surrogate (U+{ord(value[e.start]):04X} "
            f"at character {e.start}), which is not valid Unicode; fix the record"
        ) from None
    return value


def _read_text(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KGError(f"{path}: cannot read ({e.strerror or e})") from None
    text = decode(data, encoding, str(path))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise KGError(f"{path}: empty file")
    return text


# --------------------------------------------------------------------------- titles
def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _starts_with(text: str, title: str) -> bool:
    """True when the text begins with the title (ignoring case and spacing)."""
    head = " ".join(text[: 2 * len(title) + 16].split()).casefold()
    return head.startswith(" ".join(title.split()).casefold())


def _md_heading(line: str) -> str:
    return re.sub(r"^\s*#+\s*", "", line).rstrip().rstrip("#").rstrip()


def _compose(
    title: str | None, body: str, *, markdown: bool = False
) -> tuple[str | None, str]:
    """Return ``(title, text)`` with the title line once at the top of the text.

    The first non-empty body line is the title line; when it repeats the given
    title (or right after itself) the repetition is dropped.
    """
    lines = body.splitlines()

    def clean(line: str) -> str:
        return _md_heading(line) if markdown else line.strip()

    def skip_blank(i: int) -> int:
        while i < len(lines) and not lines[i].strip():
            i += 1
        return i

    def skip_underline(i: int) -> int:
        # A Markdown setext heading: "Title" then "=====" or "-----".
        if markdown and i < len(lines) and re.fullmatch(r"\s*(=+|-+)\s*", lines[i]):
            return i + 1
        return i

    i = skip_blank(0)
    if i == len(lines):
        return title, title or ""
    first = clean(lines[i])
    if title is None or _same(first, title):
        title = title or first
        i = skip_blank(skip_underline(i + 1))
        if i < len(lines) and _same(clean(lines[i]), title):
            i = skip_blank(skip_underline(i + 1))
    rest = "\n".join(lines[i:]).rstrip()
    return title, f"{title}\n\n{rest}" if rest else title


# --------------------------------------------------------------------------- .txt .md
_FRONT_KEYS = ("id", "title", "date", "url", "source")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``date: 2025-13-45`` stays text, and
    :func:`kg.dates.normalise_date` says what is wrong with it."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in rules if not tag.endswith(":timestamp")]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for n in range(1, len(lines)):
        if lines[n].strip() in ("---", "..."):
            break
    else:
        raise KGError(f"{path}: front matter opened with '---' on line 1 is not closed")
    try:
        meta = yaml.load("\n".join(lines[1:n]), Loader=_FrontMatterLoader) or {}  # noqa: S506
    except (ValueError, RecursionError, OverflowError) as e:
        raise KGError(f"{path}: bad YAML front matter ({_first_line(e)})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = _first_line(e)
        raise KGError(f"{path}{line}: bad YAML front matter ({problem})") from None
    if not isinstance(meta, dict):
        raise KGError(f"{path}: front matter must be a mapping of key: value lines")
    return meta, "\n".join(lines[n + 1 :])


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def _meta_str(meta: dict, key: str, where: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise KGError(f"{where}: {key!r} must be text, not {type(value).__name__}")
    value = _no_surrogate(str(value), key, where).strip()
    return value or None


def _read_plain(path: Path, encoding: str, *, markdown: bool) -> dict:
    text = _read_text(path, encoding).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _front_matter(text, path)
    where = str(path)
    title, text = _compose(_meta_str(meta, "title", where), body, markdown=markdown)
    if not text.strip():
        raise KGError(f"{path}: no article text after the front matter")
    return {
        "id": _meta_str(meta, "id", where),
        "title": title,
        "text": text,
        "date": _date(meta.get("date"), where),
        "url": _meta_str(meta, "url", where),
        "source": _meta_str(meta, "source", where),
    }


def _date(value: object, where: str) -> str | None:
    try:
        return normalise_date(value)
    except KGError as e:
        raise KGError(f"{where}: {e}") from None


# --------------------------------------------------------------------------- .html
class _HTMLArticle(HTMLParser):
    """Collect the headline, paragraphs and metadata of a news page."""

    SKIP = frozenset(_HTML["skip"])
    VOID = frozenset(_HTML["void"])
    META: dict[str, str] = dict(_HTML["meta"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0  # inside an element whose paragraphs are not article text
        self.hard = 0  # ... and not a <header> (where the headline may be)
        self.stack: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_tag: list[str] = []
        self.h1: list[str] = []
        self.paragraphs: list[str] = []
        self.buf: list[str] | None = None
        self.in_title = False
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
        elif tag == "link":
            if "canonical" in a.get("rel", "").lower().split():
                self.meta.setdefault("canonical", a.get("href", "").strip())
        elif tag == "br":
            if self.buf is not None:
                self.buf.append(" ")
        elif tag not in self.VOID:
            self.stack.append(tag)
            self._open(tag)

    def _meta(self, a: dict[str, str]) -> None:
        """Keep the first non-empty value of each metadata field."""
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        field = self.META.get(key)
        if field and a.get("content", "").strip() and field not in self.meta:
            self.meta[field] = a["content"].strip()

    def _open(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip += 1
            self.hard += tag != "header"
        elif tag == "title":
            self.in_title = True
        elif tag == "h1" and not self.hard and not self.h1:
            # the headline often sits in the page <header>
            self.in_h1 = True
        elif tag == "p" and not self.skip:
            self._flush()
            self.buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag not in self.stack:
            return
        while self.stack:  # close unclosed children too
            top = self.stack.pop()
            self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip -= 1
            self.hard -= tag != "header"
        elif tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        elif tag == "p":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_tag.append(data)
        if self.in_h1 and not self.hard:
            self.h1.append(data)
        elif self.buf is not None and not self.skip:
            self.buf.append(data)

    def _flush(self) -> None:
        if self.buf is not None:
            text = " ".join("".join(self.buf).split())
            if text:
                self.paragraphs.append(text)
        self.buf = None

    def close(self) -> None:
        super().close()
        self._flush()


def _read_html(path: Path, encoding: str) -> dict:
    page = _HTMLArticle()
    page.feed(_read_text(path, encoding))
    page.close()
    where = str(path)
    title = (
        " ".join("".join(page.h1).split())
        or page.meta.get("og_title")
        or " ".join("".join(page.title_tag).split())
        or None
    )
    if not page.paragraphs:
        raise KGError(f"{path}: no <p> paragraphs with article text found")
    title, text = _compose(title, "\n\n".join(page.paragraphs))
    return {
        "id": None,
        "title": title,
        "text": text,
        "date": _date(page.meta.get("date"), where),
        "url": page.meta.get("url") or page.meta.get("canonical") or None,
        "source": page.meta.get("source"),
    }


# --------------------------------------------------------------------------- .jsonl
def _read_jsonl(
    path: Path, encoding: str, on_error: OnError | None = None
) -> Iterator[tuple[dict, int]]:
    """The records of a JSON Lines file; a bad line goes to ``on_error`` if given."""
    records = 0
    offset = 0
    try:
        f = path.open("rb")
    except OSError as e:
        raise KGError(f"{path}: cannot read ({e.strerror or e})") from None
    with f:
        for lineno, raw in enumerate(f, start=1):
            where = f"{path}:{lineno}"
            try:
                rec = _jsonl_line(raw, encoding, where, offset, first=lineno == 1)
            except KGError as e:
                if on_error is None:
                    raise
                on_error(Reject(where, str(e), raw.decode(encoding, "replace")))
                rec = None
            offset += len(raw)
            if rec is not None:
                yield rec, lineno
            records += raw.strip() != b""
    if not records:
        raise KGError(f"{path}: empty file (no JSON records)")


def _jsonl_line(
    raw: bytes, encoding: str, where: str, offset: int, *, first: bool
) -> dict | None:
    """One line of a JSON Lines file as a record; None for a blank line."""
    line = decode(raw, encoding, where, offset)
    if first:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise KGError(f"{where}: bad JSON ({e.msg} at column {e.colno})") from None
    except (ValueError, RecursionError) as e:  # 5,000-digit numbers, deep nesting
        raise KGError(f"{where}: bad JSON ({_first_line(e)})") from None
    if not isinstance(obj, dict):
        raise KGError(
            f"{where}: expected a JSON object with 'id' and 'text', "
            f"got {type(obj).__name__}"
        )
    return _jsonl_record(obj, where)


def _jsonl_record(obj: dict, where: str) -> dict:
    rid = obj.get("id")
    if rid is None or isinstance(rid, bool) or not isinstance(rid, str | int):
        raise KGError(f"{where}: missing 'id' (a string or an integer)")
    rid = _no_surrogate(str(rid), "id", where).strip()
    if not rid:
        raise KGError(f"{where}: empty 'id'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise KGError(f"{where}: missing 'text' (a non-empty string) for id {rid!r}")
    _no_surrogate(text, "text", where)
    title = _meta_str(obj, "title", where)
    if title is not None and not _starts_with(text, title):
        text = f"{title}\n\n{text.lstrip()}"
    return {
        "id": rid,
        "title": title,
        "text": text,
        "date": _date(obj.get("date"), where),
        "url": _meta_str(obj, "url", where),
        "source": _meta_str(obj, "source", where),
    }


# --------------------------------------------------------------------------- walking
def article_files(
    paths: Iterable[str | Path], *, on_error: OnError | None = None
) -> Iterator[Path]:
    """Yield the files ``load_articles`` reads, in order.

    Folders are walked recursively in sorted order, keeping files with a known
    extension (``.txt``, ``.md``, ``.html``, ``.htm``, ``.jsonl``) and skipping
    hidden files and ``README``/``LICENSE`` files. A file named explicitly must
    have a known extension. Each real folder and file is read once, however many
    symlinks lead to it; FIFOs, devices and sockets are refused.

    Args:
        paths: Files and folders.
        on_error: Called with each path that cannot be read (instead of raising).

    Raises:
        KGError: for a missing path, an unknown extension, a folder without
            articles, an unreadable folder or a file that is not a regular file
            (without ``on_error``).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    walk = FileWalk(_fail_with(on_error))
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
        except OSError:
            walk.fail(p, f"no such file or folder: {str(p)!r}")
            continue
        if stat.S_ISDIR(st.st_mode):
            if walk.first_visit(st):
                yield from _folder_files(walk, path, str(p))
        elif path.suffix.lower() not in SUFFIXES:
            walk.fail(
                p,
                f"unknown article file type {path.suffix or '(none)'!r} of "
                f"{str(p)!r}; expected one of {sorted(SUFFIXES)}",
            )
        else:
            found = walk.file(path, st)
            if found is not None:
                yield found


def _fail_with(on_error: OnError | None) -> Callable[[str, str], None] | None:
    """The walk's error callback: a :class:`Reject` for ``on_error``, if given."""
    return on_error and (lambda where, error: on_error(Reject(where, error)))


def _wanted(path: Path) -> bool:
    """A folder member read as an article (README, LICENSE... are documentation)."""
    return path.suffix.lower() in SUFFIXES and path.stem.upper() not in _DOC_FILES


def _folder_files(walk: FileWalk, path: Path, name: str) -> Iterator[Path]:
    found = False
    for f in walk.folder(path, _wanted):
        found = True
        yield f
    if not found:
        walk.fail(
            name,
            f"no article files in folder {name!r}; expected "
            f"{', '.join(sorted(SUFFIXES))} files",
        )


def load_articles(
    paths: Iterable[str | Path],
    *,
    encoding: str = "utf-8",
    on_error: OnError | None = None,
) -> Iterator[Article]:
    """Read articles from files and folders, one at a time.

    Args:
        paths: Files (``.txt``, ``.md``, ``.html``, ``.htm``, ``.jsonl``) or
            folders (read recursively in sorted order; other files are skipped,
            as are hidden files and ``README``/``LICENSE`` files).
        encoding: Text encoding of the files.
        on_error: Called with a :class:`Reject` for each record, file or folder
            that cannot be read; reading goes on with the next one. Without it
            the first bad record raises.

    Yields:
        One ``Article`` per text file, per HTML page, per JSON Lines record. The
        id is the record's or front matter's ``id``, else the file stem (made
        unique within the run by a ``-2``, ``-3``... suffix).

    Raises:
        KGError: for a missing path, an unknown extension, an empty, binary or
            undecodable file, bad JSON or a record without ``id``/``text`` (with
            the line number), a bad date, or an id used twice (without
            ``on_error``); for an unknown encoding.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.txt").write_text("Iran condemns Israel\\n\\nTehran said...")
        >>> [(a.id, a.title, a.text) for a in load_articles([d])]
        [('a', 'Iran condemns Israel', 'Iran condemns Israel\\n\\nTehran said...')]
    """
    check_encoding(encoding)
    seen: dict[str, str] = {}
    for path in article_files(paths, on_error=on_error):
        try:
            for rec, lineno in _records(path, encoding, on_error):
                where = f"{path}:{lineno}" if lineno else str(path)
                article = _article(rec, path, where, seen, on_error)
                if article is not None:
                    yield article
        except KGError as e:  # the whole file (a JSON Lines line goes alone)
            if on_error is None:
                raise
            on_error(Reject(str(path), str(e)))


def _article(
    rec: dict, path: Path, where: str, seen: dict[str, str], on_error: OnError | None
) -> Article | None:
    """The record as an Article with a unique id; None when its id was refused."""
    try:
        aid = _article_id(rec["id"], path, where, seen)
    except KGError as e:
        if on_error is None:
            raise
        on_error(Reject(where, str(e), json.dumps(rec, ensure_ascii=False)))
        return None
    seen[aid] = where
    return Article(
        id=aid,
        text=rec["text"],
        title=rec["title"],
        date=rec["date"],
        url=rec["url"],
        source=rec["source"],
        path=str(path),
    )


def _records(
    path: Path, encoding: str, on_error: OnError | None = None
) -> Iterable[tuple[dict, int | None]]:
    """The records of a file, each with its line number (JSON Lines) or None."""
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        return _read_jsonl(path, encoding, on_error)
    if kind == "html":
        return [(_read_html(path, encoding), None)]
    return [(_read_plain(path, encoding, markdown=kind == "markdown"), None)]


def _article_id(aid: str | None, path: Path, where: str, seen: dict[str, str]) -> str:
    """The record's id (refused when seen before), else a unique file stem."""
    if aid is None:
        aid = base = path.stem
        n = 1
        while aid in seen:
            n += 1
            aid = f"{base}-{n}"
        if n > 1:
            log.warning(
                "%s: the id %r is taken by %s; this article is read as %r (give "
                "it an id: in its front matter to choose one)",
                where, base, seen[base], aid,
            )  # fmt: skip
    elif aid in seen:
        raise KGError(
            f"{where}: duplicate article id {aid!r} (first seen in {seen[aid]})"
        )
    return aid
