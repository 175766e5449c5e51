"""Build hook: compile each gettext catalogue (`.po`) into the wheel as `.mo` with Babel.

The source tree keeps only the `.po` files (what translators edit). A built wheel carries
`procspec/locale/<lang>/LC_MESSAGES/procspec.mo` beside each of them; a checkout or an editable
install has none and `procspec.messages` compiles the `.po` in memory instead.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "compile-catalogues"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        locale = Path(self.root) / "src" / "procspec" / "locale"
        out = Path(tempfile.mkdtemp(prefix="procspec-mo-"))
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            catalog = read_po(io.BytesIO(po.read_bytes()))
            target = out / po.relative_to(locale).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                write_mo(handle, catalog)
            relative = po.relative_to(locale).with_suffix(".mo").as_posix()
            build_data["force_include"][str(target)] = f"procspec/locale/{relative}"
