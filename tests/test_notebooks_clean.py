"""Notebooks are committed clean (no outputs, counts, widget state); the toc lists exactly them, in order."""
import ast
import builtins
import json
import re

import nbformat
import pytest
import yaml

from conftest import IDS, NOTEBOOKS, REPO


def toc_files(node):
    """Every `file` entry of a jb-book toc (root, parts, chapters, sections), in reading order."""
    if not isinstance(node, dict):
        return []
    files = [str(node[key]) for key in ("root", "file") if key in node]
    return files + [file for key in ("parts", "chapters", "sections") for child in node.get(key, [])
                    for file in toc_files(child)]


def test_toc_lists_exactly_the_notebooks_in_order():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    listed = [path.removesuffix(".ipynb") for path in toc_files(toc) if path.startswith("notebooks/")]
    existing = [f"notebooks/{path.stem}" for path in NOTEBOOKS]
    assert listed == existing, (
        f"_toc.yml must list the notebooks in file-name order {existing}; got {listed} (not existing: "
        f"{sorted(set(listed) - set(existing))}, not listed: {sorted(set(existing) - set(listed))})")


# Roles and directives that JupyterLab (jupyterlab-myst) cannot resolve inside one notebook: it shows a bare
# label, a warning or a red box. The notebooks use markdown links and plain author-year citations instead.
STATIC_ONLY = re.compile(r"\{(glue(:\w+)?|numref|ref|doc|term|footcite|footbibliography|cite(:\w+)?)\}")
EVAL = re.compile(r"\{eval\}`([^`]+)`")


def assigned_names(source):
    """Names bound at the top level of a code cell (assignments, imports, defs, loop targets), but magics."""
    names, source = [], "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!")))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_clean_and_reads_the_same_in_jupyterlab(path):
    assert re.match(r"\d\d_[a-z0-9_]+\.ipynb$", path.name), f"{path.name}: name it NN_name.ipynb (lower case)"
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
    # The book's inline execution runs a remove-cell cell late; hidden cells are remove-input, remove-output.
    assert not [i for i, cell in code_cells[1:] if "remove-cell" in cell["metadata"].get("tags", [])], path.name
    cells = notebook["cells"]  # the prose reads the same in JupyterLab as in the book
    text = ["".join(cell["source"]) for cell in cells]
    markdown = [t for t, cell in zip(text, cells) if cell["cell_type"] == "markdown"]
    static_only = sorted({m.group(0) for t in markdown for m in STATIC_ONLY.finditer(t)})
    assert not static_only, f"{path.name} uses {static_only}, which JupyterLab shows raw"
    # JupyterLab may evaluate a paragraph's {eval} after later cells ran (Run All): a name it reads must be
    # bound once in the notebook, so that the page and JupyterLab print the same number.
    bound = [name for t, cell in zip(text, cells) if cell["cell_type"] == "code"
             for name in assigned_names(t)]
    for expression in (m.group(1) for t in markdown for m in EVAL.finditer(t)):
        for node in ast.walk(ast.parse(expression)):
            if isinstance(node, ast.Name) and not hasattr(builtins, node.id):
                assert bound.count(node.id) == 1, (
                    f"{path.name}: {{eval}}`{expression}` reads {node.id}, bound {bound.count(node.id)} times")
    for i, (t, cell) in enumerate(zip(text, cells)):
        if "{solution-start}" in t:  # folded in JupyterLab under a collapsed heading that the book removes
            fold = cells[i - 1]["metadata"]
            assert fold.get("jp-MarkdownHeadingCollapsed") and "solution-fold" in fold.get("tags", []), (
                f"{path.name}: the solution in cell {i} is not folded in JupyterLab")
        if "{solution-end}" in t and i + 1 < len(cells):  # and the fold ends at the next heading
            assert text[i + 1].lstrip().startswith("#"), f"{path.name}: the solution ending in cell {i} folds on"
    for i, cell in code_cells:  # a caption numbers every figure and animation; alt text says what it shows
        options, animation = cell["metadata"].get("mystnb", {}), "animation.show(" in "".join(cell["source"])
        if "figure" in options or animation:
            alt = re.search(r"alt=", "".join(cell["source"])) if animation else options.get("image", {}).get("alt")
            assert options.get("figure", {}).get("caption") and alt, f"{path.name}: cell {i} needs caption and alt"
