"""Running the installed command line the way a user does, on a fixed day and without colours."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENV = {**os.environ, "PROCSPEC_TODAY": "2026-11-25", "NO_COLOR": "1", "COLUMNS": "250"}


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV if env is None else env,
        check=False,
    )
