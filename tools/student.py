"""The student edition: the notebooks and the book's HTML without solutions (`make student`).

    python tools/student.py               # both: _build/student/ (to hand out) and the HTML edition
    python tools/student.py --no-html     # only the notebooks folder
    python tools/student.py --out DIR     # the notebooks folder elsewhere

What a notebook loses: every `{solution}` block of a markdown cell, and everything from a `{solution-start}`
to its `{solution-end}` (markdown and code cells; text before the start or after the end in their cells
stays), and the collapsed heading (tagged `solution-fold`) that folds the solution in JupyterLab.
The code cells of a multi-cell solution become one stub cell, tagged `student-answer`, that names the exercise
and says what to write; a test runs every student notebook with exactly those cells skipped.

The folder to hand out, `_build/student/`, holds `notebooks/` (stripped), the `rnnbook` package and `results/`
beside them (the setup cells find `../rnnbook`), `requirements.txt` (Binder's: torch's CPU build, no test
tools) and a README; `_build/rnnbook-student.zip` is the same folder zipped. The HTML edition is the book
built with sphinx-exercise's `hide_solutions: true` (book/_ext/hidden_solutions.py also hides the multi-cell
solutions) into _build/student-html/_build/html.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ANSWER_TAG = "student-answer"
FOLD_TAG = "solution-fold"  # tags the collapsed heading that folds a multi-cell solution in JupyterLab
# The opening line of a MyST directive fence: ```{name} argument  (or :::{name} with colon_fence).
OPENING = re.compile(r"^ {0,3}(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}\s*(?P<argument>.*?)\s*$")

STUDENT_README = """\
rnnbook, student edition
========================

The chapters of rnnbook as notebooks, with the exercises' solutions removed. Where an exercise asks
you to write code, a cell tagged `student-answer` says what to write.

Set-up (Python 3.11):

    python3.11 -m venv .venv
    .venv/bin/pip install -r requirements.txt
    .venv/bin/jupyter lab notebooks

Each notebook's first cell puts the `rnnbook` package of this folder on the path. Keep the folders
together: notebooks/, rnnbook/ and results/.
"""


class StructureError(ValueError):
    """A notebook's solution directives do not nest as sphinx-exercise expects."""


def source_of(cell):
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def closes(line, fence):
    """True when `line` closes a directive opened with `fence`."""
    stripped = line.strip()
    return stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence) and len(line) - len(
        line.lstrip()) <= 3


def directive_end(lines, start):
    """Index of the line that closes the directive opened at `lines[start]`."""
    fence = OPENING.match(lines[start]).group("fence")
    for index in range(start + 1, len(lines)):
        if closes(lines[index], fence):
            return index
    raise StructureError(f"unclosed directive: {lines[start].strip()}")


def exercises(notebook):
    """{label: (title, body)} of every `{exercise}` in the notebook's markdown cells."""
    found = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lines = source_of(cell).splitlines()
        for index, line in enumerate(lines):
            match = OPENING.match(line)
            if not match or match.group("name") not in ("exercise", "exercise-start"):
                continue
            end = directive_end(lines, index)
            body = lines[index + 1:end]
            options = {}
            while body and body[0].startswith(":"):
                key, _, value = body.pop(0)[1:].partition(":")
                options[key.strip()] = value.strip()
            label = options.get("label")
            if label:
                found[label] = (match.group("argument"), "\n".join(body).strip())
    return found


def stub_cell(label, exercise):
    """The code cell that stands for a solution's code: which exercise, and what it asks for."""
    title, body = exercise if exercise else ("", "")
    heading = f'# Exercise "{title}" ({label}): write your answer here.' if title else (
        f"# Exercise {label}: write your answer here.")
    task = textwrap.fill(" ".join(body.split()), width=100, initial_indent="# ", subsequent_indent="# ")
    lines = [heading, "# The exercise asks:", task] if task else [heading]
    return {"cell_type": "code", "execution_count": None, "id": f"answer-{label}"[:64],
            "metadata": {"tags": [ANSWER_TAG]},
            "outputs": [], "source": "\n".join(lines)}


def strip_markdown(text, state):
    """`text` without its solutions; `state["gated"]` holds the label of an open {solution-start}."""
    lines, kept, index = text.splitlines(), [], 0
    while index < len(lines):
        line = lines[index]
        match = OPENING.match(line)
        name = match.group("name") if match else None
        if state["gated"] is not None:
            if name == "solution-end":
                state["gated"] = None
                index = directive_end(lines, index) + 1
            elif name == "solution-start":
                raise StructureError(f"{{solution-start}} inside the solution of {state['gated']}")
            elif match:
                index = directive_end(lines, index) + 1
            else:
                index += 1
            continue
        if name == "solution":
            state["removed"].append(match.group("argument"))
            index = directive_end(lines, index) + 1
        elif name == "solution-start":
            state["gated"] = match.group("argument")
            state["stubbed"] = False
            state["removed"].append(state["gated"])
            index = directive_end(lines, index) + 1
        elif name == "solution-end":
            raise StructureError("{solution-end} without a {solution-start}")
        elif match:  # any other directive: keep it whole (its body may hold fences of its own)
            end = directive_end(lines, index)
            kept += lines[index:end + 1]
            index = end + 1
        else:
            kept.append(line)
            index += 1
    # No run of blank lines where a solution was cut out.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def strip_notebook(notebook):
    """A copy of `notebook` (an nbformat-4 dict) without solutions; also returns the labels removed."""
    known = exercises(notebook)
    state = {"gated": None, "removed": [], "stubbed": False}
    cells = []
    for cell in notebook["cells"]:
        if FOLD_TAG in cell.get("metadata", {}).get("tags", []):
            continue  # the heading that folds a solution in JupyterLab goes with the solution
        if cell["cell_type"] == "markdown":
            text = strip_markdown(source_of(cell), state)
            if text.strip():
                cells.append({**cell, "source": text})
        elif state["gated"] is not None:
            if cell["cell_type"] == "code" and not state["stubbed"]:
                cells.append(stub_cell(state["gated"], known.get(state["gated"])))
                state["stubbed"] = True
        else:
            cells.append(cell)
    if state["gated"] is not None:
        raise StructureError(f"{{solution-start}} {state['gated']} has no {{solution-end}}")
    missing = [label for label in state["removed"] if label not in known]
    if missing:
        raise StructureError(f"solutions to exercises this notebook does not define: {missing}")
    stripped = {**notebook, "cells": cells}
    return stripped, state["removed"]


def as_lines(cell):
    """The cell with nbformat's list-of-lines source (the repository's format)."""
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    return {**cell, "source": source.splitlines(keepends=True)}


def write_notebook(notebook, path):
    notebook = {**notebook, "cells": [as_lines(cell) for cell in notebook["cells"]]}
    with Path(path).open("w", encoding="utf-8") as file:
        json.dump(notebook, file, indent=1, ensure_ascii=False)
        file.write("\n")


def write_handout(out):
    """The folder to hand out: stripped notebooks, the package, results/, requirements and a README."""
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "notebooks").mkdir(parents=True)
    summary = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        stripped, removed = strip_notebook(json.loads(path.read_text(encoding="utf-8")))
        write_notebook(stripped, out / "notebooks" / path.name)
        summary[path.name] = len(removed)
    shutil.copytree(REPO / "rnnbook", out / "rnnbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "results", out / "results")
    # Binder's requirements: the same pins, torch's CPU-only build, no test tools.
    shutil.copy2(REPO / "binder" / "requirements.txt", out / "requirements.txt")
    shutil.copy2(REPO / "LICENSE", out / "LICENSE")
    (out / "README.txt").write_text(STUDENT_README, encoding="utf-8")
    return summary


def student_config(path):
    """Write the book's _config.yml with `hide_solutions: true` to `path`; return `path`."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = config["title"] + " (student edition)"
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {})["hide_solutions"] = True
    # Jupyter Book finds local extensions relative to the configuration file, which lives elsewhere here.
    sphinx["local_extensions"] = {name: str(REPO / folder) for name, folder in sphinx["local_extensions"].items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def build_html(output=REPO / "_build" / "student-html", strict=True):
    """Build the book without solutions into `output`/_build/html (the execution cache is the book's)."""
    config = student_config(Path(output) / "_config.yml")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "--config", str(config),
               "--path-output", str(output)]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    subprocess.run(command, cwd=REPO, env=env, check=True)
    html = Path(output) / "_build" / "html"
    # The page's download button serves _sources/: the student notebooks, not the originals.
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        stripped, _ = strip_notebook(json.loads(path.read_text(encoding="utf-8")))
        write_notebook(stripped, html / "_sources" / "notebooks" / path.name)
    return html


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "student")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML edition")
    args = parser.parse_args(argv)
    summary = write_handout(args.out)
    archive = shutil.make_archive(str(args.out.parent / "rnnbook-student"), "zip", args.out.parent,
                                  args.out.name)
    for name, count in summary.items():
        print(f"{name}: {count} solutions removed")
    print(f"The student edition is in {args.out} (zipped: {archive}).")
    if not args.no_html:
        html = build_html()
        print(f"The HTML edition without solutions is in {html} (open index.html).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
