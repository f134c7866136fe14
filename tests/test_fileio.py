"""Atomic writes leave the old file or the whole new one, with ordinary permissions."""

from __future__ import annotations

import stat

import pytest

from planning.fileio import atomic_write, atomic_write_bytes, atomic_write_text


def test_writes_whole_file_with_readable_permissions(tmp_path):
    path = atomic_write_text(tmp_path / "sub" / "a.txt", "héllo")
    assert path.read_text(encoding="utf-8") == "héllo"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["a.txt"]


def test_failed_write_keeps_old_file_and_leaves_no_temporary(tmp_path):
    path = atomic_write_bytes(tmp_path / "b.bin", b"old")

    def broken(tmp):
        tmp.write_bytes(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(path, broken)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["b.bin"]


def test_interrupt_is_treated_like_a_failure(tmp_path):
    def interrupted(tmp):
        tmp.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "c.txt", interrupted)
    assert list(tmp_path.iterdir()) == []
