"""kg.files: the one overwrite check and the atomic writers."""

from __future__ import annotations

import pytest

from kg.files import check_writable, write_atomic, write_text_atomic
from kg.types import KGError


def test_existing_files_need_force(tmp_path):
    path = tmp_path / "out.txt"
    assert check_writable(path, force=False) == path  # a new file is fine
    path.write_text("keep")
    with pytest.raises(KGError, match="exists; pass --force to overwrite it"):
        check_writable(path, force=False)
    assert check_writable(path, force=True) == path
    with pytest.raises(KGError, match="is a directory"):
        check_writable(tmp_path, force=True)


def test_write_text_atomic_replaces_only_with_force(tmp_path):
    path = tmp_path / "sub" / "out.txt"
    write_text_atomic(path, "one", force=False)
    with pytest.raises(KGError, match="exists"):
        write_text_atomic(path, "two", force=False)
    write_text_atomic(path, "two", force=True)
    assert path.read_text(encoding="utf-8") == "two"


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def fail(tmp):
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "out.txt", fail, force=False)
    assert list(tmp_path.iterdir()) == []
