"""A shipped migration never changes (docs/schema.md): journals written by earlier versions ran it as it was.

Its code may be rearranged to be read (0001's script is split into named parts); the SQL it runs must stay the
very text that shipped, to the byte.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from medjournal.storage.schema import m0001_initial

# sha256 of the script 0001_initial ran in version 0.1.
SHIPPED_0001 = "14157f2ce8a6fedb62be4b96b17be9cfaa16eef1f1e11c57d4e1dd083f60e82f"


class ScriptRecorder:
    """Stands in for the sqlite-utils Database: keeps each script instead of running it."""

    def __init__(self) -> None:
        self.scripts: list[str] = []

    def executescript(self, sql: str) -> None:
        self.scripts.append(sql)


def test_0001_runs_the_script_it_shipped_with() -> None:
    recorder = ScriptRecorder()
    m0001_initial(cast(Any, recorder))
    assert len(recorder.scripts) == 1  # one script, as it always ran
    assert hashlib.sha256(recorder.scripts[0].encode()).hexdigest() == SHIPPED_0001
    assert recorder.scripts[0].count("CREATE TABLE") == 11
