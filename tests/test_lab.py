"""Slow: each chapter in JupyterLab (one server, copies of the notebooks) and headless Chromium, run as a learner
runs it (Run All). It fails on an error, a widget not shown as live controls, a role or directive that
jupyterlab-myst cannot render, an {eval} left unevaluated, a solution left visible, or an animation whose image
is empty. The Run All times (command to idle kernel) are printed and written to _build/lab_times.txt."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import IDS, NOTEBOOKS, REPO, chromium_context

pytestmark = pytest.mark.slow
TIMES = {}  # notebook -> seconds of Run All
# window.rnn.check(path, folds) opens a notebook, runs it, lists what is wrong and closes it (kernel shut down).
LAB_HELPERS = """() => {
  const until = async (test, seconds, what) => {
    for (const end = Date.now() + 1000 * seconds; !test(); await new Promise((done) => setTimeout(done, 100)))
      if (Date.now() > end) throw new Error(`${what} after ${seconds} s`);
  };
  const hidden = (cell) => getComputedStyle(cell.node).display === "none";
  const nodes = (cell, type, found = []) => {  // nodes of jupyterlab-myst's syntax tree of a markdown cell
    const walk = (node) => { if (node.type === type) found.push(node); (node.children || []).forEach(walk); };
    if (cell.mystModel?.mdast) walk(cell.mystModel.mdast);
    return found;
  };
  // jupyterlab-myst shows an {eval} as its code until the kernel's value arrives
  const unevaluated = (cell) => nodes(cell, "inlineExpression").filter((node) =>
    [...cell.node.querySelectorAll(".myst code")].some((code) => code.textContent === node.value));
  const inspect = async (cells, folds, problems) => {
    const say = (i, text) => problems.push(`cell ${i}: ${text.slice(0, 300)}`);
    let widgets = 0, animations = 0;
    for (const [i, cell] of cells.entries()) {
      const node = cell.node, outputs = cell.model.outputs?.toJSON() || [];
      if (node.textContent.includes("Error displaying widget")) say(i, "Error displaying widget");
      if (!(cell.model.getMetadata("tags") || []).includes("raises-exception")) {  // else it shows an error
        outputs.filter((out) => out.output_type === "error").forEach((out) => say(i, `${out.ename}: ${out.evalue}`));
        for (const out of node.querySelectorAll('.jp-OutputArea [data-mime-type="application/vnd.jupyter.stderr"]'))
          if (out.textContent.includes("Traceback")) say(i, `a traceback: ${out.textContent}`);
      }
      const views = outputs.filter((out) => out.data?.["application/vnd.jupyter.widget-view+json"]).length;
      const live = node.querySelectorAll(".jp-OutputArea-output > .jupyter-widgets").length;
      if (live < views) say(i, `${views - live} of ${views} widgets not shown as live controls`);
      widgets += live;
      for (const img of node.querySelectorAll(".animation img")) {  // rnnbook.figures.animation.show
        animations++; img.scrollIntoView();
        await new Promise(requestAnimationFrame);
        const box = hidden(cell) ? {width: img.naturalWidth, height: img.naturalHeight} : img.getBoundingClientRect();
        if (!box.width || !box.height) say(i, `an animation's image is ${box.width}x${box.height}`);
      }
      const shown = cell.model.type === "markdown" && node.querySelector(".myst");
      if (cell.model.type === "markdown" && !shown) say(i, "markdown not rendered");
      if (!shown) continue;
      const raw = shown.textContent.match(/\\{(eval|glue|numref|ref|doc|term|footcite|cite)\\b[^}]*\\}/);
      if (raw) say(i, `raw role ${raw[0]}`);
      if (/Unknown (Directive|Role)/.test(shown.textContent)) say(i, "a red Unknown Directive/Role box");
      for (const el of shown.querySelectorAll('[title$="Not Found"], a.hover-link[href="#"]'))
        say(i, `unresolved reference or term "${el.textContent}" (${el.title || "term"})`);
      nodes(cell, "mystRole").forEach((role) => say(i, `{${role.name}}\\`${role.value}\\` shown as plain text`));
      unevaluated(cell).forEach((expression) => say(i, `{eval}\\`${expression.value}\\` not evaluated`));
      for (const error of shown.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
        say(i, `an {eval} failed: ${error.textContent}`);
    }
    for (const [start, end] of folds) {  // a collapsed "Solution" heading, then the solution's cells
      const button = cells[start].node.querySelector(".jp-showHiddenCellsButton")?.textContent;
      if (button !== `${end - start} cells hidden`) say(start, `the solution fold shows "${button}"`);
      for (let k = start; k <= end + 1 && k < cells.length; k++)  // the heading, hidden cells, the next heading
        if (hidden(cells[k]) !== (k > start && k <= end)) say(k, `${k > start && k <= end ? "shown" : "hidden"}`);
    }
    return {widgets, animations};
  };
  window.rnn = {check: async (path, folds) => {
    const panel = await jupyterapp.commands.execute("docmanager:open", {path, factory: "Notebook"});
    const idle = () => panel.sessionContext.session?.kernel?.status === "idle";
    try {
      await Promise.all([panel.context.ready, panel.sessionContext.ready]);
      const cells = panel.content.widgets, problems = [];
      const markdown = cells.filter((cell) => cell.model.type === "markdown");
      // Run All right after opening would leave {eval}s unevaluated: jupyterlab-myst reads each cell's syntax
      // tree, which it builds only once the notebook's markdown has rendered (about 5 s for chapter 1)
      await until(() => idle() && markdown.every((cell) => cell.mystModel?.mdast), 120, "not rendered");
      let ran = false; const start = performance.now();
      jupyterapp.commands.execute("notebook:run-all-cells").finally(() => { ran = true; });
      await until(() => ran && idle(), 300, "Run All not finished");
      const seconds = (performance.now() - start) / 1000;
      await until(() => markdown.every((cell) => !unevaluated(cell).length), 15, "").catch(() => {});  // named below
      return {seconds, problems, ...await inspect(cells, folds, problems)};
    } finally {
      await panel.sessionContext.shutdown();
      panel.context.model.dirty = false;  // closes without asking to save
      panel.dispose();
    }
  }};
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium):
    """`jupyter lab` on 127.0.0.1 (a free port, a token) over copies of the notebooks, autosave off, open in
    Chromium; yields the page and the copies' folder. Afterwards prints the Run All times and writes them down."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    settings = root / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"autosave": false}', encoding="utf-8")
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"), "JUPYTER_RUNTIME_DIR": str(root),
           "JUPYTERLAB_WORKSPACES_DIR": str(root)}
    env.pop("MPLBACKEND", None)  # the kernels draw with the inline backend
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", "--port=0",
               f"--ServerApp.root_dir={root}", "--expose-app-in-browser", "--LabApp.extension_manager=readonly"]
    with (root / "lab.log").open("w") as log:
        server = subprocess.Popen(command + ["--allow-root"] * (os.getuid() == 0), stdout=log, stderr=log, env=env)
    try:
        for _ in range(240):  # its address and token are in jpserver-<pid>.json once it listens
            if server.poll() is not None or list(root.glob("jpserver-*.json")):
                break
            time.sleep(0.5)
        assert server.poll() is None, f"jupyter lab stopped:\n{(root / 'lab.log').read_text(encoding='utf-8')}"
        info = json.loads(next(root.glob("jpserver-*.json")).read_text(encoding="utf-8"))
        with chromium_context(chromium) as context:
            page = context.new_page()
            page.goto(f"{info['url']}lab?token={info['token']}&reset", timeout=120_000)
            page.wait_for_function("() => window.jupyterapp?.restored", timeout=120_000)
            page.evaluate("() => jupyterapp.restored.then(() => true)")
            page.evaluate(LAB_HELPERS)
            yield page, root / "notebooks"
    finally:
        server.terminate()
        server.wait(timeout=60)
    lines = [f"{name}  {seconds:5.1f} s" for name, seconds in TIMES.items()]
    lines.append(f"(wall clock; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end)")
    print("\nRun All in JupyterLab:\n" + "\n".join(lines))
    (REPO / "_build").mkdir(exist_ok=True)
    (REPO / "_build" / "lab_times.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_chapter_runs_in_jupyterlab(lab, path):
    page, notebooks = lab
    cells = json.loads((notebooks / path.name).read_text(encoding="utf-8"))["cells"]
    # (heading, end) pairs: a solution's collapsed fold heading and the {solution-end} cell that ends it
    folds = [(i, next(k for k in range(i, len(cells)) if "{solution-end}" in "".join(cells[k]["source"])))
             for i, cell in enumerate(cells) if cell["metadata"].get("jp-MarkdownHeadingCollapsed")
             and "solution-fold" in cell["metadata"].get("tags", [])]
    found = page.evaluate("args => rnn.check(...args)", [f"notebooks/{path.name}", folds])
    TIMES[path.name] = found["seconds"]
    print(f"{path.name}: Run All {found['seconds']:.1f} s, {found['widgets']} live widgets, "
          f"{found['animations']} animations")
    assert not found["problems"], f"{path.name} in JupyterLab:\n" + "\n".join(found["problems"])
