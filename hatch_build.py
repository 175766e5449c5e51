"""Build hook: compile each gettext catalogue (`.po`) to `.mo` with Babel.

The source tree keeps only the `.po` files (what translators edit). A built wheel carries
`procspec/locale/<lang>/LC_MESSAGES/procspec.mo` beside each of them; an editable install writes
them beside the `.po` files in the source tree (they are not committed) and byte-compiles the
package there, as pip does for a wheel. Each is compiled by
`procspec.messages.compile_po`, which records the digest of its `.po`: a `.po` edited after the
install is compiled in memory until the next install (`procspec.messages.load_catalogue`).
"""

from __future__ import annotations

import compileall
import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _messages(root: Path) -> ModuleType:
    """`procspec.messages` from the source tree (it imports only the standard library)."""
    spec = importlib.util.spec_from_file_location(
        "_procspec_messages", root / "src" / "procspec" / "messages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def compile_catalogues(root: Path, out: Path) -> list[Path]:
    """Every catalogue below `root`'s locale folder compiled into `out` (the same layout); the
    `.mo` files written, relative to `out`."""
    locale = root / "src" / "procspec" / "locale"
    compile_po = _messages(root).compile_po
    written = []
    for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(locale).with_suffix(".mo")
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compile_po(po.read_bytes()))
        written.append(relative)
    return written


def byte_compile(root: Path) -> None:
    """The package's modules byte-compiled in the source tree, as pip compiles a wheel's when it
    installs it. Otherwise an editable install compiles each module on every command when
    `PYTHONDONTWRITEBYTECODE` is set (a tenth of a second or more); a module edited later is
    compiled again by Python itself, which checks each file's size and time."""
    compileall.compile_dir(str(root / "src" / "procspec"), quiet=1)


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "compile-catalogues"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":  # the package is the source tree: the catalogues go there
            compile_catalogues(root, root / "src" / "procspec" / "locale")
            byte_compile(root)
            return
        out = Path(tempfile.mkdtemp(prefix="procspec-mo-"))
        for relative in compile_catalogues(root, out):
            build_data["force_include"][str(out / relative)] = (
                f"procspec/locale/{relative.as_posix()}"
            )
