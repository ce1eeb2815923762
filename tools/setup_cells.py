"""Write the setup cell (the first code cell) of every notebook from `repository: url:` in _config.yml.

    python tools/setup_cells.py                 # rewrite the setup cell of every notebook (make setup-cells)
    python tools/setup_cells.py --check         # exit 1 and name the notebooks whose setup cell differs
    python tools/setup_cells.py notebooks/08_*.ipynb   # only these notebooks

The repository's address lives in one place, _config.yml. The setup cell it generates:
- inside the repository (or the student edition, or Binder, which clones it) does nothing but put `..` on
  `sys.path` when `rnnbook` is not installed;
- elsewhere (Colab) clones the repository named in _config.yml, for the `rnnbook` package and its results/,
  and installs myst-nb from PyPI;
- shows the figures as PNG at twice the resolution (JupyterLab and the book alike);
- while _config.yml still holds the placeholder address (a namespace the authors do not own), installs and
  clones nothing and stops with a message that names the line to change.
Only the first code cell's source is rewritten; every other byte of the notebook is kept.
"""
import argparse
import json
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PLACEHOLDER = "https://github.com/rnnbook/rnnbook"
MYST_NB = "myst-nb==1.4.0"  # the version jupyter-book==1.0.4.post1 installs (requirements.txt)

TEMPLATE = '''\
# Setup, generated from _config.yml by `make setup-cells` (tools/setup_cells.py): edit those, not this.
# In the book's repository (and on Binder) it only puts `..` on the path when `rnnbook` is not installed.
# Elsewhere (Colab) it clones REPOSITORY for the `rnnbook` package and installs myst-nb from PyPI.
import importlib.util, pathlib, subprocess, sys
REPOSITORY, BRANCH = {repository}, "{branch}"{comment}
if importlib.util.find_spec("rnnbook") is None:
    if pathlib.Path("../rnnbook/__init__.py").exists():
        sys.path.insert(0, "..")
    elif REPOSITORY is None:
        raise RuntimeError(
            "This notebook needs the rnnbook package, and this copy of the book does not say where "
            "to get it: `repository: url:` in the book's _config.yml is still the placeholder "
            "address, which the authors do not own, so nothing is installed from it. "
            "Whoever hosts the book: set `repository: url:` in _config.yml to your fork's address, "
            "run `make setup-cells` and push. Or clone the book's repository and open this notebook "
            "from its notebooks/ folder.")
    else:
        if not pathlib.Path("rnnbook-repo").exists():
            subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", BRANCH, REPOSITORY,
                            "rnnbook-repo"], check=True)
        sys.path.insert(0, "rnnbook-repo")
if importlib.util.find_spec("myst_nb") is None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "{myst_nb}"], check=True)
from IPython import get_ipython
if get_ipython() is not None:  # figures as PNG at twice the resolution: sharp text at the page's width
    get_ipython().run_line_magic("config", "InlineBackend.figure_formats = ['retina']")'''


def repository(config_path=REPO / "_config.yml"):
    """(url, branch) of `repository:` in _config.yml."""
    config = yaml.safe_load(Path(config_path).read_text(encoding="utf-8"))
    section = config.get("repository") or {}
    return str(section.get("url", PLACEHOLDER)).strip().rstrip("/"), str(section.get("branch", "main"))


def setup_cell_source(url, branch="main"):
    """The setup cell's source for a repository `url` (None when `url` is the placeholder)."""
    if url.rstrip("/").removesuffix(".git") == PLACEHOLDER:
        values = dict(repository="None", comment="  # `repository: url:` in _config.yml is a placeholder")
    else:
        values = dict(repository=json.dumps(url), comment="  # `repository: url:` in _config.yml")
    return TEMPLATE.format(branch=branch, myst_nb=MYST_NB, **values)


def first_code_cell(notebook):
    return next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")


def as_lines(source):
    """A cell source as nbformat's list of lines (each line but the last keeps its newline)."""
    return source.splitlines(keepends=True)


def current_source(path):
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    source = first_code_cell(notebook)["source"]
    return source if isinstance(source, str) else "".join(source)


def write_setup_cell(path, source):
    """Replace the source of the first code cell of the notebook at `path` with `source`."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    first_code_cell(notebook)["source"] = as_lines(source)
    with path.open("w", encoding="utf-8") as file:
        json.dump(notebook, file, indent=1, ensure_ascii=False)
        file.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--check", action="store_true", help="only report the notebooks that differ")
    args = parser.parse_args(argv)
    source = setup_cell_source(*repository())
    paths = args.notebooks or sorted((REPO / "notebooks").glob("*.ipynb"))
    stale = [path for path in paths if current_source(path) != source]
    if args.check:
        for path in stale:
            print(f"{path}: setup cell differs from _config.yml's; run `make setup-cells`")
        return 1 if stale else 0
    for path in stale:
        write_setup_cell(path, source)
        print(f"rewrote the setup cell of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
