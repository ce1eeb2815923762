"""Shared fixtures and paths: the notebooks, the book built once per run (strict, like `make book`), Chromium.
Every test that uses `built_book` is marked `slow`, so `pytest -m "not slow"` is the quick unit run."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw without a screen

import matplotlib.pyplot as plt  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
IDS = [path.name for path in NOTEBOOKS]
# tools/ on sys.path: the tests measure pages with the benchmark's helpers (bench.py) and check its scripts.
sys.path.insert(0, str(REPO / "tools"))
from bench import html_pages  # noqa: E402
# --all re-reads every page, so warnings of unchanged pages are raised again; every notebook runs again.
BUILD_COMMAND = ["build", ".", "-W", "-n", "--keep-going", "--all"]
COLOURS = re.compile(r"\x1b\[[0-9;]*m")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING_CHROMIUM = ("Chromium not found: install Debian's chromium (apt-get install chromium) to run the "
                    "browser tests")


@pytest.fixture(autouse=True)
def close_figures():
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

    def require_html(self):
        """Fail the test unless the build wrote html pages."""
        if not self.html.is_dir() or not html_pages(self.html):
            pytest.fail(f"the build produced no pages in {self.html}:\n{self.tail()}")


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


def clear_errors_test(table):
    """The test of an ERRORS table of (call, error, match): each call() raises `error` matching `match`."""
    @pytest.mark.parametrize("call, error, match", table, ids=[row[2][:40] for row in table])
    def test(call, error, match):
        with pytest.raises(error, match=match):
            call()
    return test


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per session (strict: warnings are errors) and return a `BuiltBook`. _build/html is
    removed first, so that no page left over from an earlier build (Sphinx never deletes the page of a removed
    document) is checked; the build executes every notebook as it renders it (inline)."""
    shutil.rmtree(REPO / "_build" / "html", ignore_errors=True)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    # Kernels keep their inline backend: under MPLBACKEND=Agg figures come out empty, their labels undefined.
    env.pop("MPLBACKEND", None)
    result = subprocess.run(jupyter_book_command() + BUILD_COMMAND, check=False, cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return BuiltBook(result.returncode, result.stdout, REPO / "_build" / "html")


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable; skips the test without it, except on CI (CI=true), where it fails."""
    path = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")  # Debian's
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_CHROMIUM + " (or the playwright package); CI=true, so this is a failure")
        pytest.skip(MISSING_CHROMIUM)
    return path


@contextmanager
def chromium_context(path):
    """A headless Chromium (Playwright) with a throwaway profile, 1280 x 800, no service workers."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="rnnbook-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=path, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800}, service_workers="block")
        try:
            yield context
        finally:
            context.close()
