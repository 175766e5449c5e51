"""What a command loads: a cache hit written to a pipe imports no model, no rule and no rich, and no
pydantic plugin is looked for or loaded. Each run is a real `python -m procspec` or a script in a
fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ..conftest import copy_example
from .support import ENV, run


def test_a_cache_hit_imports_no_model_rule_or_rich(tmp_path: Path) -> None:
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    first = run("validate", str(root))
    assert first.returncode in (0, 1), first.stderr
    script = textwrap.dedent(
        f"""
        import sys
        from procspec.cli.app import main
        try:
            main(["validate", {str(root)!r}])
        except SystemExit:
            pass
        heavy = ("rich", "procspec.reading.model", "procspec.checking.checker")
        print(*[name for name in heavy if name in sys.modules], sep=",", file=sys.stderr)
        """
    )
    again = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=ENV, check=False
    )
    assert again.stdout == first.stdout
    assert again.stderr.strip().splitlines()[-1:] in ([], [""]), again.stderr


def _plugin(tmp_path: Path) -> tuple[Path, Path]:
    """A pydantic plugin installed on a path of its own, which leaves a mark when it is loaded."""
    site = tmp_path / "site"
    mark = tmp_path / "loaded"
    (site / "markplugin-1.0.dist-info").mkdir(parents=True)
    (site / "markplugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: markplugin\nVersion: 1.0\n"
    )
    (site / "markplugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nmark = markplugin:plugin\n"
    )
    (site / "markplugin.py").write_text(
        f"from pathlib import Path\nPath({str(mark)!r}).write_text('loaded')\nplugin = object()\n"
    )
    return site, mark


def test_no_pydantic_plugin_is_loaded(tmp_path: Path) -> None:
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    site, mark = _plugin(tmp_path)
    path = os.pathsep.join([str(site), *sys.path[1:]])
    env = {**ENV, "PYTHONPATH": path}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    done = subprocess.run(
        [sys.executable, "-m", "procspec", "validate", str(root), "--no-cache"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert not mark.exists()
    # The plugin is found when plugins are asked for: the test can fail.
    env["PYDANTIC_DISABLE_PLUGINS"] = ""
    subprocess.run(
        [sys.executable, "-m", "procspec", "validate", str(root), "--no-cache"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert mark.exists()
