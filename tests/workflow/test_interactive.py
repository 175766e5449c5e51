"""`procspec new` in a real pseudo-terminal: it asks for name, type and parent, as a process leader
who runs it without flags would see it."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..conftest import REPOS

TIMEOUT = 30.0


class Terminal:
    """A child process on a pseudo-terminal: wait for a prompt, then type an answer."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
        self.child = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"waited for {text!r}; the terminal shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                assert chunk, f"the program ended before {text!r}:\n{self.seen}"
                self.seen += chunk.decode("utf-8", "replace")

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode("utf-8"))

    def finish(self) -> int:
        try:
            while True:
                ready, _, _ = select.select([self.master], [], [], TIMEOUT)
                if not ready:
                    break
                chunk = os.read(self.master, 4096)
                if not chunk:
                    break
                self.seen += chunk.decode("utf-8", "replace")
        except OSError:
            pass
        os.close(self.master)
        return self.child.wait(timeout=TIMEOUT)


def test_new_asks_for_name_type_and_parent_in_a_terminal(tmp_path: Path) -> None:
    root = tmp_path / "orebro"
    shutil.copytree(REPOS / "orebro", root)
    term = Terminal([sys.executable, "-m", "procspec", "new"], cwd=root)
    term.expect("Processens namn")
    term.type("Ta fram budgetunderlag")
    term.expect("Processtyp")
    assert "styrprocess" in term.seen and "huvudprocess" in term.seen
    term.type("styrprocess")
    term.expect("Överordnad process")
    term.type("skapa-förutsättningar-för-styrning")
    status = term.finish()
    assert status == 0, term.seen
    written = list(root.rglob("ta-fram-budgetunderlag.yaml"))
    assert len(written) == 1, term.seen
    text = written[0].read_text(encoding="utf-8")
    assert "namn: Ta fram budgetunderlag" in text
    assert "överordnad: skapa-förutsättningar-för-styrning" in text
    assert written[0].parent == (root / "processer")


def test_new_asks_again_for_a_type_the_profile_does_not_have(tmp_path: Path) -> None:
    root = tmp_path / "orebro"
    shutil.copytree(REPOS / "orebro", root)
    term = Terminal([sys.executable, "-m", "procspec", "new", "Tillhandahålla parkering"], root)
    term.expect("Processtyp")
    term.type("medborgarprocess")  # a Botkyrka type; Örebro's profile has huvudprocess
    term.expect("Processtyp")
    term.type("huvudprocess")
    term.expect("Överordnad process")
    term.type("")
    assert term.finish() == 0, term.seen
    written = list(root.rglob("tillhandahålla-parkering.yaml"))
    assert len(written) == 1, term.seen
    assert "typ: huvudprocess" in written[0].read_text(encoding="utf-8")
