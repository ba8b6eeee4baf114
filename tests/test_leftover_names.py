"""Which names in a folder are medjournal's temporary leftovers (storage/output_file.py, ``remove_leftovers``):
the same as the pattern ``.*.mj-*.partial`` (and its ``-journal``, ``-wal``, ``-shm`` side files) always meant,
read from one listing of the folder instead of a glob per pattern."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from medjournal.storage import output_file
from medjournal.storage.output_file import remove_leftovers

TAILS = [".partial" + side for side in ("", "-journal", "-wal", "-shm")]
PIECES = st.sampled_from(
    [".", ".mj-", "mj-", "-", ".partial", "partial", "-wal", "-journal", "-shm", "x", "123"]
)


@given(st.lists(PIECES, max_size=8).map("".join), st.sampled_from(TAILS))
def test_a_name_is_a_leftover_exactly_when_the_pattern_matches_it(name: str, tail: str) -> None:
    expected = fnmatch.fnmatchcase(name, f".*{output_file._MARK}*{tail}")
    assert output_file._leftover_name(name, tail) is expected


def test_only_leftovers_of_ended_processes_are_removed(tmp_path: Path) -> None:
    gone = 2**22 + 12345  # above Linux's largest process id: no such process
    mine = os.getpid()
    names = {
        f".journal.db.mj-{gone}-a.partial": True,
        f".journal.db.mj-{gone}-a.partial-wal": True,
        f".journal.db.mj-{gone}-b.partial-journal": True,
        f".export.mj-{gone}-c.partial": True,
        f".journal.db.mj-{mine}-d.partial": False,  # this process still runs
        f"journal.db.mj-{gone}-e.partial": False,  # no leading dot: not ours
        f".journal.db.mj-{gone}-f.partial.txt": False,
        ".mj-.partial": False,
        "journal.db": False,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    (tmp_path / f".folder.mj-{gone}-g.partial").mkdir()  # a killed export of a folder
    (tmp_path / f".folder.mj-{gone}-g.partial" / "inside.csv").write_text("x")
    removed = remove_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted(
        [n for n, gone_ in names.items() if gone_] + [f".folder.mj-{gone}-g.partial"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, gone_ in names.items() if not gone_)
