"""Compile the rules engine (`eligibility/rules`) in place to C extensions with mypyc.

`make` runs this before the site, the workers and the tests start: compiled, a draw outcome
takes about half the time, with the same results (the whole suite runs against the compiled
engine). The source stays importable: `make clean-engine` deletes the built files. Because
`eligibility/rules/__init__.py` stays Python and refuses a compiled module older than its
source, an edited rule never runs stale. (A compiled module's `__file__` is not its real path;
the engine's modules do not read theirs.)

    python -m eligibility.compile_engine
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "eligibility" / "rules"
# mypyc's shared runtime library, kept inside the package it serves (as native__mypyc.*.so).
GROUP = "eligibility.rules.native"
SHARED_LIBRARY = GROUP.rsplit(".", 1)[1] + "__mypyc"


def engine_sources() -> list[str]:
    """Every module of the engine but `__init__`, which checks for stale builds."""
    return [
        str(path.relative_to(ROOT))
        for path in sorted(RULES.glob("*.py"))
        if path.stem != "__init__"
    ]


def main() -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    os.chdir(ROOT)
    started = time.time()
    for built in RULES.glob("*.so"):  # a removed module's extension must not stay importable
        stem = built.name.split(".", 1)[0]
        if stem != SHARED_LIBRARY and not (RULES / f"{stem}.py").exists():
            built.unlink()
    setup(
        name="eligibility-rules",
        # No config file: the project's (pyproject.toml) loads the django-stubs plugin, which
        # sets Django up and so imports the engine being built. The engine needs no plugin.
        ext_modules=mypycify(
            ["--config-file=", *engine_sources()], group_name=GROUP, opt_level="3"
        ),
        script_args=["--quiet", "build_ext", "--inplace", "--build-temp", "build/engine"],
    )
    # The extensions are the sources as they were when the build started (setuptools keeps
    # an unchanged extension's old time): date them so, and a source saved during the build
    # still counts as newer for the stale-build check.
    for built in RULES.glob("*.so"):
        os.utime(built, (started, started))


if __name__ == "__main__":
    main()
