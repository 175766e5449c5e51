"""Where a generated CI job installs procspec from: `init --install-source`.

The name `procspec` on the public package registry belongs to an unrelated project, and the
project's own distribution (`procspec-kommun`) is not what every municipality installs either. So
`init` never writes a bare package name: it writes the source it is given, pinned (a git URL with a
tag or commit, a wheel or source archive whose file name carries the version, a path inside the
repository, or `procspec-kommun==VERSION`), or, without one, an empty setting that fails the CI job
with an explanation of what to write there.
"""

from __future__ import annotations

import re

from procspec.errors import UsageError
from procspec.messages import say

DISTRIBUTION = "procspec-kommun"
"""The project's distribution name (the command and the import package are `procspec`)."""

SETTING = "PROCSPEC_INSTALL"
"""The CI variable that holds the source in the generated workflow and .gitlab-ci.yml."""

_UNSAFE = re.compile(r"[\s\"'`$\\]|[\x00-\x1f\x7f]")
_GIT_REF = re.compile(r"@[^/@]+$")
_ARCHIVE = (".whl", ".tar.gz", ".zip")
_PINNED_NAME = re.compile(r"procspec[-_]kommun==[0-9][0-9A-Za-z.+!-]*", re.IGNORECASE)


def check_source(source: str) -> str:
    """`source` when it names one fixed version of procspec; a UsageError (exit 2) saying what
    to write otherwise."""
    source = source.strip()
    if not source or _UNSAFE.search(source):
        raise UsageError(say("install.unsafe", source=source, dist=DISTRIBUTION))
    lower = source.lower()
    if lower.startswith("git+"):
        bare = lower.split("#", 1)[0]
        if not _GIT_REF.search(bare.rsplit("/", 1)[-1]):
            example = source.split("#", 1)[0] + "@v0.1.0"
            raise UsageError(say("install.unpinned_git", source=source, example=example))
        return source
    if lower.startswith(("http://", "https://", "file:")):
        if not lower.split("#", 1)[0].endswith(_ARCHIVE):
            raise UsageError(say("install.unpinned_url", source=source))
        return source
    if source.startswith(("./", "../", "/")) or lower.endswith(_ARCHIVE):
        return source  # a path in the repository: pinned by the repository itself
    if _PINNED_NAME.fullmatch(source):
        return source
    raise UsageError(say("install.unpinned_name", source=source, dist=DISTRIBUTION))
