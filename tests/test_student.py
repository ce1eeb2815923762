"""The student edition (tools/student.py, `make student`): no solution left, a stub for every solution's code,
and (slow) every student notebook runs from top to bottom, and the HTML edition shows no solution."""
import json
import re
import time
from collections import Counter
from html import unescape

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell as code, new_markdown_cell as markdown, new_notebook

import student  # tools/, on sys.path through conftest.py
from conftest import IDS, NOTEBOOKS


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(notebook):
    return "\n".join(student.source_of(cell) for cell in notebook["cells"])


def solution_lines(notebook):
    """The lines of every solution of `notebook` (markdown and code), as the original has them."""
    lines, gated = [], False
    for cell in notebook["cells"]:
        source = student.source_of(cell).splitlines()
        if cell["cell_type"] != "markdown":
            lines += source if gated else []
            continue
        index = 0
        while index < len(source):
            name = match.group("name") if (match := student.OPENING.match(source[index])) else None
            if name not in ("solution", "solution-start", "solution-end"):
                lines += source[index:index + 1] if gated else []
                index += 1
                continue
            end = student.directive_end(source, index)
            lines += source[index + 1:end] if name == "solution" else []
            gated, index = name == "solution-start" or (gated and name != "solution-end"), end + 1
    return lines


def distinctive(notebook):
    """The solutions' lines that are long enough to be their own words and are written nowhere else."""
    everywhere = Counter(line.strip() for line in text_of(notebook).splitlines())
    in_solutions = Counter(line.strip() for line in solution_lines(notebook))
    return [line for line, count in in_solutions.items()
            if len(line) >= 30 and not line.startswith(":") and everywhere[line] == count]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_solution_is_left_and_each_solution_with_code_leaves_one_stub(path):
    original = load(path)
    stripped, removed = student.strip_notebook(original)
    text = text_of(stripped)
    assert not re.search(r"\{solution(-start|-end)?\}", text), f"{path.name}: a solution directive is left"
    assert not [c for c in stripped["cells"] if student.FOLD_TAG in c["metadata"].get("tags", [])], path.name
    exercises = student.exercises(original)
    assert set(removed) <= set(exercises) and removed, f"{path.name}: removed {removed}"
    assert student.exercises(stripped) == exercises  # every exercise is still there, label and statement
    kept = {line.strip() for line in text.splitlines()}
    leaked = [line for line in distinctive(original) if line in kept]
    assert not leaked, f"{path.name}: solution text left in the student notebook: {leaked[:3]}"
    stubs = [cell for cell in stripped["cells"] if student.ANSWER_TAG in cell["metadata"].get("tags", [])]
    labels = [re.search(r"\((ch\d+-ex-[a-z0-9-]+)\)", cell["source"]).group(1) for cell in stubs]
    assert len(labels) == len(set(labels)), f"{path.name}: several stubs for one exercise: {labels}"
    for cell in stubs:
        assert cell["cell_type"] == "code" and cell["outputs"] == [] and cell["execution_count"] is None
        assert all(line.startswith("#") for line in cell["source"].splitlines()), "a stub holds comments only"
    nbformat.validate(nbformat.from_dict(stripped))
    kept_code = [cell for cell in stripped["cells"] if cell["cell_type"] == "code" and cell not in stubs]
    original_code = [cell for cell in original["cells"] if cell["cell_type"] == "code"]
    assert all(cell in original_code for cell in kept_code)


def notebook(*cells):
    return new_notebook(cells=list(cells))


EXERCISE = "```{exercise} Add two numbers\n:label: ex-add\n\nWrite `add(a, b)`.\n```\n"


def test_solutions_across_cells_and_in_one_cell_leave_the_text_around_them():
    stripped, removed = student.strip_notebook(notebook(
        markdown(EXERCISE + "\nText before.\n\n```{solution-start} ex-add\n:class: dropdown\n```\nHint."),
        code("def add(a, b):\n    return a + b"), code("assert add(1, 2) == 3"),
        markdown("So it adds.\n\n```{solution-end}\n```\n\nText after."),
        code("print('kept')")))
    sources = [student.source_of(cell) for cell in stripped["cells"]]
    assert removed == ["ex-add"]
    assert sources[0].endswith("Text before.") and "Hint" not in sources[0]
    assert sources[1].startswith('# Exercise "Add two numbers" (ex-add)')
    assert "# Write `add(a, b)`." in sources[1]
    assert sources[2:] == ["Text after.", "print('kept')"]
    stripped, removed = student.strip_notebook(notebook(markdown(  # a solution in one cell, nested fences
        EXERCISE + "\n````{solution} ex-add\n:class: dropdown\n\n```python\nadd = lambda a, b: a + b\n```\n"
        "````\n\n:::{note}\nKept.\n:::\n")))
    assert removed == ["ex-add"]
    assert student.source_of(stripped["cells"][0]) == EXERCISE.strip() + "\n\n:::{note}\nKept.\n:::"


@pytest.mark.parametrize("cells, message", [
    ([markdown(EXERCISE + "```{solution-start} ex-add\n```")], "no {solution-end}"),
    ([markdown("```{solution-end}\n```")], "without a {solution-start}"),
    ([markdown("```{solution} ex-other\nAnswer.\n```")], "does not define"),
    ([markdown("```{solution} ex-add\nAnswer.\n")], "unclosed")])
def test_broken_structure_is_an_error(cells, message):
    with pytest.raises(student.StructureError, match=re.escape(message)):
        student.strip_notebook(notebook(*cells))


def test_handout_folder_is_complete_and_config_hides_solutions(tmp_path):
    out = tmp_path / "student"
    assert sorted(student.write_handout(out)) == IDS
    assert (out / "rnnbook" / "__init__.py").is_file() and list((out / "results").glob("*.csv"))
    assert "torch" in (out / "requirements.txt").read_text(encoding="utf-8")
    assert not list(out.rglob("__pycache__"))
    config = student.student_config(tmp_path / "_config.yml")
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert values["sphinx"]["config"]["hide_solutions"] is True
    assert values["sphinx"]["local_extensions"]["hidden_solutions"] == str(student.REPO / "book" / "_ext")


# --- slow: run the student notebooks, build the HTML edition ---------------------------------------------
@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    out = tmp_path_factory.mktemp("edition") / "student"
    student.write_handout(out)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", IDS)
def test_student_notebook_runs_top_to_bottom(handout, name):
    from nbclient import NotebookClient
    path = handout / "notebooks" / name
    book = nbformat.read(path, as_version=4)
    skipped = [cell for cell in book.cells if student.ANSWER_TAG in cell.metadata.get("tags", [])]
    book.cells = [cell for cell in book.cells if cell not in skipped]
    start = time.perf_counter()
    NotebookClient(book, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    print(f"{name}: ran in {time.perf_counter() - start:.0f} s, {len(skipped)} answer cells skipped")


@pytest.mark.slow
def test_html_edition_has_no_solution():
    html = student.build_html()
    pages = sorted(html.glob("notebooks/*.html"))
    assert len(pages) == len(NOTEBOOKS), f"the student edition has {len(pages)} chapter pages"
    problems = []
    for path, page in zip(NOTEBOOKS, pages):
        text = page.read_text(encoding="utf-8")
        if re.search(r'class="[^"]*\bsolution\b', text):
            problems.append(f"{page.name}: a solution admonition")
        original = load(path)
        problems += [f"{page.name}: exercise {label} missing" for label in student.exercises(original)
                     if f'id="{label}"' not in text]
        # Solution code is shown escaped and highlighted: compare the page's text with the solutions' code.
        plain = unescape(re.sub(r"<[^>]+>", "", text))
        problems += [f"{page.name}: solution text {line[:60]!r}" for line in distinctive(original)
                     if "{" not in line and "$" not in line and "`" not in line and line in plain]
    sources = html / "_sources" / "notebooks"  # what the download button serves
    problems += [f"_sources/notebooks/{path.name}: a solution" for path in NOTEBOOKS
                 if re.search(r"\{solution(-start)?\}", (sources / path.name).read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems[:20])
