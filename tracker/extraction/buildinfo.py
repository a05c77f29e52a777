"""Which build of the extractor runs: its Python sources, or C extensions compiled from them.

``tools/compile_extractor.py`` compiles every module of the package but this one and
``__init__`` with mypyc and writes the digest of the sources it compiled to ``compiled.sha256``.
CPython imports an extension in place of the ``.py`` file beside it, so an extension left over
from older sources would shadow an edit without a word; the package checks at import instead.
This module stays Python so that the build script can load it before anything is compiled.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STAMP = PACKAGE / "compiled.sha256"
NOT_COMPILED = frozenset({"__init__.py", "buildinfo.py"})


class StaleBuildWarning(RuntimeWarning):
    """The compiled extractor was built from other sources than the ones beside it."""


def sources() -> list[Path]:
    """The modules that are compiled."""
    return sorted(p for p in PACKAGE.glob("*.py") if p.name not in NOT_COMPILED)


def source_digest() -> str:
    h = hashlib.sha256()
    for path in sources():
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build_state(module_file: str) -> str:
    """``"python"``, ``"mypyc"``, or ``"stale"`` (extensions built from other sources), given
    the ``__file__`` of one compiled module."""
    if module_file.endswith(".py"):
        return "python"
    try:
        built_from = STAMP.read_text().split()[-1]
    except (OSError, IndexError):
        return "stale"
    return "mypyc" if built_from == source_digest() else "stale"


def copy_sources(root: Path) -> None:
    """The package's sources alone, as ``root/tracker/extraction``: on ``sys.path`` there, the import
    system finds no extension, so the pure-Python extractor runs (the test and the benchmark that
    compare the two builds)."""
    package = root / "tracker" / "extraction"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("*.so", STAMP.name, "__pycache__"))
    (package.parent / "__init__.py").write_text("")
