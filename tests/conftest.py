"""Shared fixtures: the repository root, a throw-away copy of the project, and `make` run as a user would.

`project_copy` builds a project tree in a temporary folder (Makefile, pins, notebooks and seeds
copied with their times; the environment linked), so a test can run `make report` with the
default `CORPUS=seeds OUT=outputs` — the same relative paths, hence the same bytes, as the
committed `outputs/` — without touching the checkout. `seeds_run` is that run, done once, with
the network blocked.
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsbrief.outputs import TIMINGS, without_timings  # noqa: F401  (shared by the tests)

ROOT = Path(__file__).resolve().parent.parent
SUPPORT = Path(__file__).resolve().parent / "support"
STEPS = ["01-corpus-stats", "02-near-duplicates", "03-figure-claims", "04-brief"]
# Proxies that lead nowhere (TEST-NET-1 is never routed), for every library that honours them.
UNROUTABLE = "http://192.0.2.1:9"


def make_env(**extra: str) -> dict[str, str]:
    """The caller's environment without an enclosing make's job server, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    env.update(extra)
    return env


def blocked_network_env(log: Path) -> dict[str, str]:
    """An environment with no usable network: unroutable proxies, offline hubs, and the socket guard
    of tests/support/sitecustomize.py (refused attempts are written to ``log``)."""
    proxies = {name: UNROUTABLE for name in ("http_proxy", "https_proxy", "all_proxy",
                                            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")}
    env = make_env(**proxies, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NEWSBRIEF_NETLOG=str(log),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(SUPPORT), os.environ.get("PYTHONPATH")])))
    for name in ("no_proxy", "NO_PROXY"):
        env.pop(name, None)
    return env


def run_make(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """`make ARGS` in ``cwd`` (the repository root unless given)."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, env=env or make_env(),
                          capture_output=True, text=True, timeout=timeout)


def ran(result: subprocess.CompletedProcess) -> list[str]:
    """The steps a `make report` ran, in order."""
    return [line.split()[2] for line in result.stdout.splitlines() if line.startswith("newsbrief: running ")]


def project_copy(dest: Path, copy_lib: bool = False) -> Path:
    """A project tree at ``dest`` sharing the checkout's environment (see the module docstring).

    ``lib/`` is linked unless ``copy_lib``: a test that edits or touches library files needs its
    own copy (the code that runs is still the checkout's, installed in editable mode).
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("notebooks", "seeds"):
        shutil.copytree(ROOT / name, dest / name)
    if copy_lib:
        shutil.copytree(ROOT / "lib", dest / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    else:
        (dest / "lib").symlink_to(ROOT / "lib")
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


@dataclass
class Run:
    root: Path
    out: Path
    result: subprocess.CompletedProcess
    netlog: Path


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory) -> Run:
    """`make report` on the seeds, from nothing, in a project copy, with the network blocked."""
    base = tmp_path_factory.mktemp("seeds-run")
    tree = project_copy(base / "project")
    netlog = base / "network.log"
    result = run_make("report", cwd=tree, env=blocked_network_env(netlog))
    assert result.returncode == 0, result.stdout + result.stderr
    return Run(root=tree, out=tree / "outputs", result=result, netlog=netlog)


@pytest.fixture(scope="session")
def seeds_out(seeds_run) -> Path:
    return seeds_run.out


def finished_copy(run: Run, dest: Path, copy_lib: bool = False) -> Path:
    """A copy of ``run``'s project tree, outputs, stamps and cache included, times kept: `make report`
    in it has nothing to do until the test changes something."""
    shutil.copytree(run.root, dest, symlinks=True)
    if copy_lib:
        (dest / "lib").unlink()
        shutil.copytree(ROOT / "lib", dest / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest


def published_bytes(out: Path) -> dict[str, bytes]:
    """Every result file of a run (not cache, stamps, staging), by path relative to ``out``."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0] in {"cache", ".steps", ".staging"}
            and not p.name.startswith(".")}



DAMAGES = ("flip", "truncate", "empty", "random")


def damage(path, how: str, flip=None) -> bytes:
    """Damage a cache file as a disk or a careless hand would, and return the bytes written.

    ``flip``: ``bytearray -> None`` changing the bytes in place (default: one byte in the middle
    inverted); ``truncate`` keeps the first third; ``random`` is seeded noise of the same length.
    """
    import numpy as np

    data = bytearray(path.read_bytes())
    if how == "flip":
        if flip is None:
            data[len(data) // 2] ^= 0xFF
        else:
            flip(data)
    elif how == "truncate":
        data = data[: len(data) // 3]
    elif how == "empty":
        data = bytearray()
    else:
        data = bytearray(np.random.default_rng(0).integers(0, 256, len(data), dtype=np.uint8).tobytes())
    path.write_bytes(bytes(data))
    return bytes(data)
