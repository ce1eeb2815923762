"""Notebooks are committed clean (no outputs, counts, widget state); the toc lists exactly them, in order."""
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")


def toc_files(node):
    """Every `file` entry of a jb-book toc (root, parts, chapters, sections), in reading order."""
    files = []
    if isinstance(node, dict):
        if "root" in node:
            files.append(str(node["root"]))
        if "file" in node:
            files.append(str(node["file"]))
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key, []):
                files += toc_files(child)
    return files


def without_suffix(path):
    return path.removesuffix(".ipynb")


def test_toc_lists_exactly_the_notebooks_in_order():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    listed = [without_suffix(path) for path in toc_files(toc) if path.startswith("notebooks/")]
    existing = [f"notebooks/{path.stem}" for path in NOTEBOOKS]
    missing_files = [path for path in listed if path not in existing]
    assert not missing_files, f"_toc.yml lists notebooks that do not exist: {missing_files}"
    not_listed = [path for path in existing if path not in listed]
    assert not not_listed, f"notebooks missing from _toc.yml: {not_listed}"
    assert listed == existing, f"_toc.yml must list the notebooks in file-name order {existing}; got {listed}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_committed_clean(path):
    assert NAME.match(path.name), f"{path.name}: notebooks are named NN_name.ipynb (lower case)"
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        pytest.fail(f"{path.name} is not valid JSON: {error}")
    assert notebook.get("nbformat") == 4, f"{path.name}: nbformat must be 4; got {notebook.get('nbformat')}"
    nbformat.validate(nbformat.from_dict(notebook))

    assert "widgets" not in notebook.get("metadata", {}), (
        f"{path.name}: metadata.widgets holds saved widget state; delete it (and in JupyterLab untick "
        "Settings > Save Widget State Automatically)"
    )
    dirty = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("outputs"):
            dirty.append(f"cell {index} has outputs")
        if cell.get("execution_count") is not None:
            dirty.append(f"cell {index} has execution_count {cell['execution_count']}")
    assert not dirty, f"{path.name} must be committed without outputs: " + "; ".join(dirty)

    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code_cells, f"{path.name} has no code cell"
    tags = code_cells[0].get("metadata", {}).get("tags", [])
    assert "remove-cell" in tags, (
        f"{path.name}: the first code cell must be the setup cell, tagged remove-cell; its tags are {tags}"
    )
