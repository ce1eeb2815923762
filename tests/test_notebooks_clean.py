"""Notebooks are committed clean (no outputs, counts, widget state); the toc lists exactly them, in order."""
import json
import re

import nbformat
import pytest
import yaml

from conftest import IDS, NOTEBOOKS, REPO

NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")


def toc_files(node):
    """Every `file` entry of a jb-book toc (root, parts, chapters, sections), in reading order."""
    if not isinstance(node, dict):
        return []
    files = [str(node[key]) for key in ("root", "file") if key in node]
    for key in ("parts", "chapters", "sections"):
        for child in node.get(key, []):
            files += toc_files(child)
    return files


def test_toc_lists_exactly_the_notebooks_in_order():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    listed = [path.removesuffix(".ipynb") for path in toc_files(toc) if path.startswith("notebooks/")]
    existing = [f"notebooks/{path.stem}" for path in NOTEBOOKS]
    missing_files = [path for path in listed if path not in existing]
    assert not missing_files, f"_toc.yml lists notebooks that do not exist: {missing_files}"
    not_listed = [path for path in existing if path not in listed]
    assert not not_listed, f"notebooks missing from _toc.yml: {not_listed}"
    assert listed == existing, f"_toc.yml must list the notebooks in file-name order {existing}; got {listed}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
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
        "Settings > Save Widget State Automatically)")
    code_cells = [(i, cell) for i, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"]
    dirty = [f"cell {i} has outputs" for i, cell in code_cells if cell.get("outputs")]
    dirty += [f"cell {i} has execution_count {cell['execution_count']}"
              for i, cell in code_cells if cell.get("execution_count") is not None]
    assert not dirty, f"{path.name} must be committed without outputs: " + "; ".join(dirty)
    assert code_cells, f"{path.name} has no code cell"
    tags = code_cells[0][1].get("metadata", {}).get("tags", [])
    assert "remove-cell" in tags, (
        f"{path.name}: the first code cell must be the setup cell, tagged remove-cell; its tags are {tags}")
