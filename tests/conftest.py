"""Shared fixtures: the repository root and a helper that runs the Makefile as a user would."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_make(*args: str) -> subprocess.CompletedProcess:
    """`make ARGS` at the repository root, outside any enclosing make's job server."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
