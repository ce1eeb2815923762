"""The PDF of `make pdf` (_build/latex/rnnbook.pdf): every chapter, numbered figures, resolved references, the
bibliography, and the animations as still frames. Run by `make test-pdf` (which builds the PDF first; it needs
TeX Live), not by `make test`."""
import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import NOTEBOOKS, REPO

PDF = REPO / "_build" / "latex" / "rnnbook.pdf"

pytestmark = [pytest.mark.slow, pytest.mark.pdf]


def chapter_titles():
    """The first heading of every notebook and book page in _toc.yml."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    titles = []
    for name in (chapter["file"] for part in toc["parts"] for chapter in part["chapters"]):
        if name.startswith("notebooks/"):
            cells = json.loads((REPO / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
            text = "".join(next(cell for cell in cells if cell["cell_type"] == "markdown")["source"])
        else:
            text = (REPO / f"{name}.md").read_text(encoding="utf-8")
        titles.append(re.sub(r"[`*]", "", re.search(r"^# (.+)$", text, re.M).group(1)).strip())
    return titles


@pytest.fixture(scope="module")
def pdf_text():
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    if not PDF.is_file():
        pytest.fail(f"no {PDF}: run `make pdf` first (or `make test-pdf`, which does)")
    text = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], check=True, capture_output=True,
                          text=True).stdout
    # Lines are joined so that a title broken over two lines is still found.
    return text, re.sub(r"\s+", " ", text)


def test_page_count_is_plausible():
    info = subprocess.run(["pdfinfo", str(PDF)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 150 <= pages <= 600, f"{PDF.name} has {pages} pages; expected 150 to 600 for nine chapters"


def test_every_chapter_numbered_figures_resolved_references_and_the_bibliography(pdf_text):
    text, flat = pdf_text
    missing = [title for title in chapter_titles() if title not in flat]
    assert not missing, f"chapter titles missing from the PDF: {missing}"
    unresolved = [line.strip() for line in text.splitlines() if "??" in line]
    assert not unresolved, "unresolved references (??) in the PDF:\n" + "\n".join(unresolved[:10])
    assert re.search(r"Fig(ure|\.) 1\.1\b", flat), "no numbered figure 1.1"
    assert re.search(r"Fig(ure|\.) 9\.\d", flat), "no numbered figure in chapter 9"
    assert "Hochreiter" in flat and "Bibliography" in flat


def test_animations_are_still_frames_with_a_note(pdf_text):
    _, flat = pdf_text
    assert "IPython.core.display" not in flat, "an animation printed as its Python repr"
    cells = [cell for path in NOTEBOOKS for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    shown = sum("animation.show(" in "".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    notes = flat.count("printed here is its last frame")
    assert notes == shown, f"{notes} animation notes in the PDF for {shown} animations"
