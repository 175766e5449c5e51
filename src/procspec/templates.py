"""Where the Jinja2 templates live, installed or in a checkout.

The wheel carries the top-level `templates/` folder as `procspec/templates` (pyproject's
`force-include`); an editable install runs from the checkout, where it is `<repo root>/templates`.
`init`, `new` and `render` find their templates through `templates_dir()`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The templates folder: `procspec/templates` when installed, else `<checkout>/templates`."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    # src/procspec/templates.py -> <checkout>/templates
    return _PACKAGE.parents[1] / "templates"
