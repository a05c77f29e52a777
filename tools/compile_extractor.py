"""Compile the article extractor's modules to C extensions with mypyc.

The extractor (``tracker/extraction``) is plain, fully annotated Python; mypyc turns each of its
modules into a C extension that CPython imports in place of the ``.py`` file, about 1.4x faster
on the same articles (``bench/``, workload W7) with byte-identical output
(``tests/extraction/test_compiled.py``). ``__init__.py`` stays Python: it is the package's
door, and it checks at import that the extensions were built from the sources beside them.

    python tools/compile_extractor.py          # build in place (make does this before run/test/bench)
    python tools/compile_extractor.py --clean  # remove the extensions: the pure-Python extractor runs

Without a C compiler the build fails; the script then removes any extension it left and exits 0,
so the pure-Python extractor runs (slower, same output). The stamp it writes records which
sources it was run on, so make does not try again until they change.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / ".build"
GROUP = "tracker.extraction._native"  # the shared runtime library lands in the package, not at the root


def _buildinfo() -> ModuleType:
    """tracker/extraction/buildinfo.py, loaded alone: importing the package would import the
    extensions this script is about to replace."""
    spec = importlib.util.spec_from_file_location("_extractor_buildinfo", ROOT / "tracker/extraction/buildinfo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


info = _buildinfo()


def extensions() -> list[Path]:
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    return sorted(info.PACKAGE.glob(f"*{suffix}"))


def clean() -> None:
    for path in extensions():
        path.unlink()
    info.STAMP.unlink(missing_ok=True)
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import Distribution

    os.chdir(ROOT)  # mypy names the modules by their paths from the project root
    modules = [str(p.relative_to(ROOT)) for p in info.sources()]
    ext_modules = mypycify(
        ["--ignore-missing-imports", *modules],
        opt_level="3",
        group_name=GROUP,
        target_dir=str(BUILD / "c"),
    )
    dist = Distribution({"name": "summit-tracker-extractor", "ext_modules": ext_modules})
    command = dist.get_command_obj("build_ext")
    command.inplace = True
    command.build_temp = str(BUILD / "temp")
    command.build_lib = str(BUILD / "lib")  # inplace copies from here into the package
    command.parallel = os.cpu_count() or 1
    dist.run_command("build_ext")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled extensions")
    args = parser.parse_args(argv)
    clean()
    if args.clean:
        print("extractor: pure Python (compiled extensions removed)")
        return 0
    try:
        build()
    except (Exception, SystemExit) as exc:  # no compiler, no headers, a mypyc error: pure Python still works
        clean()
        print(f"warning: the extractor could not be compiled ({exc}); it runs as pure Python", file=sys.stderr)
        info.STAMP.write_text("python " + info.source_digest() + "\n")
        return 0
    info.STAMP.write_text("mypyc " + info.source_digest() + "\n")
    print(f"extractor: compiled {len(extensions())} extensions with mypyc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
