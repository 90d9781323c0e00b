"""Running a `balmail` command as an installed copy runs: with its modules' bytecode cached.

pip compiles an installed package's modules; a checkout run with PYTHONDONTWRITEBYTECODE=1 (as CI and
sandboxes often set) recompiles every module on every start, which adds ~0.1-0.2 s that no user of an
installed balmail pays. The benchmarks time commands with bytecode cached in a scratch folder (the
checkout is not written to) after one warm-up run, and also report the uncached figure.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def installed_env(cache: Path) -> dict[str, str]:
    """The environment of a command run as an installed copy: bytecode written to and read from `cache`."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def uncached_env(empty: Path) -> dict[str, str]:
    """The environment of a command that compiles every module from source: no bytecode is written, and
    none is read (the cache folder `empty` stays empty)."""
    return dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(empty))


def warm(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    """One run so the bytecode cache is filled before timing."""
    subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
