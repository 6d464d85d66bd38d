"""Files in and out: the folder walk, decoding, checks before writing, atomic writes.

Reading: :class:`FileWalk` visits each real folder and file once (by device and
inode) without recursion and refuses FIFOs and devices; :func:`decode` turns bytes
into text or says where they are not.

Writing:
Every command that writes a file calls :func:`check_writable` before doing any work
and writes through :func:`write_atomic`, so an existing file is never replaced
without ``--force``, ``--force`` replaces regular files only (never a device, a FIFO
or the target of a symlink), and a failed write (a full disk, too) leaves nothing
behind. The path ``-`` means standard output.

The temporary file sits beside the target, named ``.NAME.PID.XXXX.tmp``; a process
killed before it could remove its temporary leaves it behind, and the next write to
the same target removes every temporary whose process is gone.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.types import KGError

#: The output path that means standard output (``-o -``).
STDOUT = "-"

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_stdout(path: str | Path) -> bool:
    """Whether an output path is ``-`` (standard output; ``./-`` is a file)."""
    return str(path) == STDOUT


def _special(path: Path) -> str | None:
    """What a path is when it exists and is not a regular file or a directory."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    return next((name for test, name in _KINDS if test(mode)), None)


def check_writable(path: str | Path, *, force: bool) -> Path:
    """Refuse a directory, a special file, or an existing file without ``force``.

    ``-`` (standard output) is always writable.

    Raises:
        KGError: when the path is a directory, a symbolic link, a FIFO, a device
            or a socket, or an existing file and ``force`` is false.

    Examples:
        >>> check_writable("/", force=True)
        Traceback (most recent call last):
        ...
        kg.types.KGError: / is a directory; give a file name
    """
    if str(path) != STDOUT and Path(path) == Path(STDOUT):
        path = Path.cwd() / STDOUT  # "./-" is a file named "-"
    path = Path(path)
    if is_stdout(path):
        return path
    kind = _special(path)
    if kind:
        raise KGError(
            f"{path} is {kind}; kg writes regular files only (use -o - for "
            "standard output)"
        )
    if path.is_dir():
        raise KGError(f"{path} is a directory; give a file name")
    if path.exists() and not force:
        raise KGError(f"{path} exists; pass --force to overwrite it")
    return path


def write_atomic(
    path: str | Path, write: Callable[[Path], object], *, force: bool
) -> Path:
    """Write a file through a temporary file and a rename: all or nothing.

    ``write`` receives the temporary path and fills it. The file gets the usual
    permissions (``0666`` less the umask), never replaces a directory or a special
    file, and never overwrites an existing file unless ``force``. For ``-`` the
    temporary file is copied to standard output, then removed.

    Raises:
        KGError: when the file exists (without ``force``), is a directory or a
            special file, or cannot be written (full disk, no permission).
    """
    path = check_writable(path, force=force)
    if is_stdout(path):
        return _write_stdout(write)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        fd, tmp = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
        )
    except OSError as e:
        raise _write_error(path, e) from None
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private (0600)
        check_writable(path, force=force)  # still not a special file
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(path, e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _write_stdout(write: Callable[[Path], object]) -> Path:
    """Fill a private temporary file, then copy it to standard output."""
    fd, tmp = tempfile.mkstemp(prefix="kg-", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        sys.stdout.flush()
        with open(tmp, "rb") as src:
            shutil.copyfileobj(src, sys.stdout.buffer, 1 << 20)
        sys.stdout.buffer.flush()
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise _write_error(Path(STDOUT), e) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Path(STDOUT)


def _write_error(path: Path, e: OSError) -> KGError:
    where = "standard output" if is_stdout(path) else str(path)
    reason = e.strerror or str(e) or type(e).__name__
    return KGError(f"cannot write {where}: {reason}; nothing was written")


def remove_stale_temporaries(path: str | Path) -> list[Path]:
    """Remove the temporaries of ``path`` left behind by processes that are gone.

    Returns:
        The files removed.
    """
    path = Path(path)
    removed = []
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with the glob wildcards ``*?[`` escaped."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def write_text_atomic(path: str | Path, text: str, *, force: bool) -> Path:
    """Write ``text`` (UTF-8) atomically; see :func:`write_atomic`."""
    return write_atomic(
        path, lambda p: p.write_text(text, encoding="utf-8"), force=force
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------ reading
def decode(data: bytes, encoding: str, where: str, offset: int = 0) -> str:
    """Decode bytes, refusing binary data (NUL bytes) and undecodable bytes.

    Raises:
        KGError: naming ``where`` and the offset of the bad byte.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise KGError(f"{where}: binary file (NUL byte at offset {offset + nul})")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise KGError(
            f"{where}: not {encoding} text (byte 0x{data[e.start]:02x} at offset "
            f"{offset + e.start}); convert it or pass the right encoding"
        ) from None
    except LookupError:
        raise KGError(f"unknown encoding {encoding!r}") from None
    return text


def check_encoding(encoding: str) -> str:
    """The encoding's canonical name.

    Raises:
        KGError: for an encoding Python does not know.

    Examples:
        >>> check_encoding("Latin-1")
        'iso8859-1'
    """
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError, ValueError):
        raise KGError(
            f"unknown encoding {encoding!r}; give one Python knows "
            "(utf-8, latin-1, cp1252, utf-16, ...)"
        ) from None


def _kind(mode: int) -> str:
    """What a non-regular file is, for the error message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


class FileWalk:
    """Files and folders read in one run, each real one visited once.

    Folders and files are known by (device, inode), so a symlink to ``.``, a
    branching symlink loop or a file named twice is read once. Folders are walked
    with an explicit stack (1,000 nested folders need no recursion). FIFOs,
    devices and sockets are refused: reading one would block or never end.

    Args:
        on_error: Called as ``on_error(where, message)`` for what cannot be read;
            without it, a :class:`KGError` is raised.
    """

    def __init__(self, on_error: Callable[[str, str], None] | None = None) -> None:
        self.seen: set[tuple[int, int]] = set()
        self.on_error = on_error

    def first_visit(self, st: os.stat_result) -> bool:
        """Whether the file or folder is seen for the first time (and mark it)."""
        key = (st.st_dev, st.st_ino)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def fail(self, where: str | Path, error: str) -> None:
        """Raise the error, or hand it to ``on_error`` and go on."""
        if self.on_error is None:
            raise KGError(error)
        self.on_error(str(where), error)

    def file(self, path: Path, st: os.stat_result) -> Path | None:
        """The path when it is a regular file seen for the first time."""
        if not stat.S_ISREG(st.st_mode):
            self.fail(
                path,
                f"{path}: {_kind(st.st_mode)}, not a regular file; kg reads "
                "regular files only (save the stream to a file first)",
            )
            return None
        return path if self.first_visit(st) else None

    def _entries(self, folder: Path) -> list[Path]:
        """The visible entries of a folder, sorted by name and reversed (a stack)."""
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it if not e.name.startswith("."))
        except OSError as e:
            self.fail(folder, f"{folder}: cannot read folder ({e.strerror or e})")
            return []
        return [folder / n for n in reversed(names)]

    def folder(self, top: Path, keep: Callable[[Path], bool]) -> Iterator[Path]:
        """The files under a folder that ``keep`` wants, depth first, sorted."""
        stack = [self._entries(top)]
        while stack:
            if not stack[-1]:
                stack.pop()
                continue
            path = stack[-1].pop()
            try:
                st = path.stat()
            except OSError as e:  # a dangling symlink, a vanished file
                if keep(path):
                    self.fail(path, f"{path}: cannot read ({e.strerror or e})")
                continue
            if stat.S_ISDIR(st.st_mode):
                if self.first_visit(st):
                    stack.append(self._entries(path))
            elif keep(path):
                found = self.file(path, st)
                if found is not None:
                    yield found
