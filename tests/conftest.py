"""Shared fixtures: the repository root and the book built once per test run (strict, like `make book`).

Every test that uses `built_book` is marked `slow`, so `pytest -m "not slow"` is the quick unit run.
"""
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw without a screen

import matplotlib.pyplot as plt  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# The book's page-weight helpers live in the benchmark script tools/bench.py; the tests measure with the same code.
sys.path.insert(0, str(REPO / "tools"))
# --all re-reads every page (a fresh Sphinx environment), so warnings of pages unchanged since the last build
# are raised again; executed notebooks still come from the execution cache (_build/.jupyter_cache).
BUILD_COMMAND = ["build", ".", "-W", "-n", "--keep-going", "--all"]
COLOURS = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test opened."""
    yield
    plt.close("all")


@dataclass
class BuiltBook:
    """Outcome of `jupyter-book build . -W -n --keep-going --all` run from the repository root."""

    returncode: int
    output: str  # stdout and stderr, interleaved
    html: Path  # _build/html

    def tail(self, lines=40):
        """The last `lines` lines of the build's output, without terminal colours."""
        return "\n".join(COLOURS.sub("", self.output).splitlines()[-lines:])

    def problems(self):
        """The build's WARNING, ERROR and Traceback lines."""
        lines = COLOURS.sub("", self.output).splitlines()
        return "\n".join(line for line in lines if re.search(r"WARNING:|ERROR:|Error:|Traceback", line))


def jupyter_book_command():
    """The `jupyter-book` of the running Python's environment (not whichever one is first on PATH)."""
    script = Path(sys.executable).parent / "jupyter-book"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per session (strict: warnings are errors) and return a `BuiltBook`.

    `_build/html` is removed first, so that no page left over from an earlier build (Sphinx never deletes
    the page of a removed document) is checked; the execution cache in `_build/.jupyter_cache` is kept.
    """
    shutil.rmtree(REPO / "_build" / "html", ignore_errors=True)
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    # The kernels must keep their inline backend: under MPLBACKEND=Agg `plt.show()` displays nothing, every
    # figure cell comes out empty and each figure's label is undefined.
    env.pop("MPLBACKEND", None)
    result = subprocess.run(
        jupyter_book_command() + BUILD_COMMAND,
        check=False,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return BuiltBook(result.returncode, result.stdout, REPO / "_build" / "html")
