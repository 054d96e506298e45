"""Atomic replacement: a failed write leaves the previous file untouched."""

import os
import stat

import pytest

from newsbrief.files import replacing


def test_success_replaces_the_file_with_normal_permissions(tmp_path):
    target = tmp_path / "sub" / "brief.html"
    with replacing(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["brief.html"]


def test_failure_keeps_the_previous_file(tmp_path):
    target = tmp_path / "brief.html"
    target.write_text("previous")
    with pytest.raises(RuntimeError):
        with replacing(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]
