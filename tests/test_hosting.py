"""Hosted notebooks: Binder's own pins; the setup cells generated from _config.yml (tools/setup_cells.py)."""
import importlib.util
import json
import re
import subprocess
import sys
from importlib import metadata

import pytest

import setup_cells  # tools/, on sys.path through conftest.py
from conftest import IDS, NOTEBOOKS, REPO

NOT_ON_BINDER = {"axe-playwright-python", "nbval", "pytest", "playwright"}  # test tools only
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")


def pins(path):
    """{name: version} of the `name==version` lines of a requirements file; other lines are returned apart."""
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    matches = [(line, PIN.match(line)) for line in lines if line]
    found = {match.group(1).lower(): match.group(2) for _, match in matches if match}
    return found, [line for line, match in matches if not match]


def test_binder_pins_agree_with_requirements_and_python_is_3_11():
    main, main_options = pins(REPO / "requirements.txt")
    binder, options = pins(REPO / "binder" / "requirements.txt")
    assert not main_options, f"requirements.txt: lines that are not name==version pins: {main_options}"
    expected = {name: version for name, version in main.items() if name not in NOT_ON_BINDER}
    # torch's CPU-only wheel carries the local version label +cpu: the same release.
    binder_public = {name: version.split("+")[0] for name, version in binder.items()}
    assert binder_public == expected, (
        "binder/requirements.txt must pin what requirements.txt pins (without "
        f"{sorted(NOT_ON_BINDER)}): binder has {binder}, requirements.txt {main}")
    assert binder["torch"].endswith("+cpu"), f"Binder needs torch's CPU build, not {binder['torch']}"
    assert any(re.match(r"--(extra-)?index-url\s+https://download\.pytorch\.org/whl/cpu/?$", line)
               for line in options), f"binder/requirements.txt needs PyTorch's CPU index; options: {options}"
    runtime = (REPO / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == "python-3.11", f"binder/runtime.txt must say python-3.11 (torch's pin); got {runtime!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_cell_is_generated_from_config_and_no_code_installs_from_the_placeholder(path):
    expected = setup_cells.setup_cell_source(*setup_cells.repository())
    assert setup_cells.current_source(path) == expected, (
        f"{path.name}: the setup cell (first code cell) differs from the one generated from _config.yml; "
        f"run `make setup-cells` (or `python tools/setup_cells.py notebooks/{path.name}`)")
    placeholder = setup_cells.PLACEHOLDER.removeprefix("https://")
    for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            assert placeholder not in "".join(cell["source"]), (
                f"{path.name}, cell {index}: code names {placeholder}, a namespace the authors do not own; "
                "installing from it would run a stranger's code")


def run_setup_cell(source, monkeypatch, tmp_path, installed=(), repo_layout=False):
    """Execute a setup cell in `tmp_path` (as notebooks/ of a repository copy when `repo_layout`), with
    only the modules in `installed` importable; returns the commands it ran and sys.path's new entries."""
    (tmp_path / "notebooks").mkdir(parents=True)
    if repo_layout:
        (tmp_path / "rnnbook").mkdir()
        (tmp_path / "rnnbook" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setattr(sys, "path", list(sys.path))
    commands, real_find_spec = [], importlib.util.find_spec
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: commands.append(command))
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: real_find_spec(name) if name in installed else None)
    before = list(sys.path)
    exec(compile(source, "setup cell", "exec"), {})
    return commands, [entry for entry in sys.path if entry not in before]


@pytest.mark.parametrize("url, installed, repo_layout, inserted", [  # runs nothing, prints nothing
    (setup_cells.PLACEHOLDER, {"myst_nb"}, True, [".."]),
    ("https://github.com/someone/rnnbook", {"rnnbook", "myst_nb"}, False, [])],
    ids=["in_the_repository_only_inserts_the_path", "with_rnnbook_installed_does_nothing"])
def test_setup_cell_finding_rnnbook(url, installed, repo_layout, inserted, monkeypatch, tmp_path, capsys):
    source = setup_cells.setup_cell_source(url)
    commands, added = run_setup_cell(source, monkeypatch, tmp_path, installed, repo_layout)
    assert (commands, added, capsys.readouterr()) == ([], inserted, ("", ""))


def test_setup_cell_of_a_fork_clones_it_and_of_the_placeholder_installs_nothing(monkeypatch, tmp_path):
    source = setup_cells.setup_cell_source(setup_cells.PLACEHOLDER)
    with pytest.raises(RuntimeError, match=r"`repository: url:` in _config.yml") as raised:
        run_setup_cell(source, monkeypatch, tmp_path / "placeholder")
    assert "make setup-cells" in str(raised.value)  # it says what to do
    fork = "https://github.com/someone/rnnbook"
    source = setup_cells.setup_cell_source(fork, "course-2027")
    commands, added = run_setup_cell(source, monkeypatch, tmp_path / "fork")
    assert commands[0][:2] == ["git", "clone"] and fork in commands[0] and "course-2027" in commands[0]
    assert commands[1][-1] == setup_cells.MYST_NB and len(commands) == 2 and added == ["rnnbook-repo"]
    assert setup_cells.MYST_NB == f"myst-nb=={metadata.version('myst-nb')}", (
        "tools/setup_cells.py installs another myst-nb than jupyter-book's; update MYST_NB")
