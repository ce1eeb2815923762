"""The benchmark behind `make bench`: measure the book's budgets and print them as a Markdown table.

The budgets (the README reports the measurements): every chapter executes in under 30 s and all of them in
under 4 minutes; a fresh book build in under 8 minutes and a cached rebuild in under 60 s; a page under 3 MB
and the whole site under 40 MB; the numpy LSTM's forward + backward no slower than torch.nn.LSTM in float64
(the same arithmetic) at a large size and within 2x of it at the book's size (the float32 ratio is reported
beside it); one update of each widget under 100 ms; and no figure text under 10 pt as the book shows it.

Run it with the environment's Python from anywhere:
`python tools/bench.py [--quick] [--only PARTS] [--notebooks 01,04]`.
It is a benchmark, not a test: it never fails on a budget, it reports. It is not part of the package.
Parts: notebooks (execution time per chapter, and the smallest text of the figures each renders), build (fresh and cached book build in a temporary
directory), pages (size of each built page and of the site), lstm (numpy LSTM vs torch.nn.LSTM),
widgets (one update of every widget, as a change of one of its controls makes it: its figure redrawn and
rendered to a PNG at twice the resolution shown).
"""
import argparse
import ast
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parents[1]
PARTS = ("notebooks", "build", "pages", "lstm", "widgets")
MB = 1024 * 1024

NOTEBOOK_BUDGET_S = 30.0
ALL_NOTEBOOKS_BUDGET_S = 4 * 60.0
FRESH_BUILD_BUDGET_S = 8 * 60.0
CACHED_BUILD_BUDGET_S = 60.0
PAGE_BUDGET_BYTES = 3 * MB
SITE_BUDGET_BYTES = 40 * MB
# (T, B, I = H) -> the budget of numpy's time over torch's, both in float64 (the same arithmetic): the book's
# size, then a large one.
LSTM_BUDGETS = {(50, 32, 64): 2.0, (100, 128, 256): 1.0}
LSTM_MIN_SAMPLES = 5  # samples are cheap (about 0.2 s each), so even --quick takes several
PAUSE_S = 0.2  # lets the other library's worker threads stop spinning before a sample starts
WIDGET_BUDGET_S = 0.100
TEXT_COLUMN_PX = 672  # the book's text column at a 1280 px window
FIGURE_TEXT_BUDGET_PT = 10.0
WIDGET_CALLS = 5
SKIPPED_DIRS = ("_static", "_sources", "_images", "_downloads")


class _ImageSources(HTMLParser):
    """Collects the `src` of every `<img>` of a page."""

    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.sources.append(src)


def html_pages(html_dir):
    """Paths (relative, sorted) of the book's pages under `html_dir`, without the theme's `_static` files."""
    html_dir = Path(html_dir)
    if not html_dir.is_dir():
        raise ValueError(f"html_dir must be a folder holding the built book; got {str(html_dir)!r}")
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        relative = path.relative_to(html_dir)
        if relative.parts[0] not in SKIPPED_DIRS:
            pages.append(relative)
    return pages


def page_weight(html_dir, page):
    """Bytes of one page: its html (figures and animations are mostly inside) plus the local images shown."""
    html_dir = Path(html_dir)
    path = html_dir / page
    if not path.is_file():
        raise ValueError(f"page must be an html file under {str(html_dir)!r}; got {str(page)!r}")
    parser = _ImageSources()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    images = set()
    for src in parser.sources:
        parsed = urlparse(src)
        if parsed.scheme or parsed.netloc or not parsed.path:
            continue  # data: URIs are inside the html already; other hosts are the browser test's business
        image = (path.parent / unquote(parsed.path)).resolve()
        if image.is_file():
            images.add(image)
    return path.stat().st_size + sum(image.stat().st_size for image in images)


def page_weights(html_dir):
    """Dict page path (str, relative to `html_dir`) -> bytes, for every page of the built book."""
    return {str(page): page_weight(html_dir, page) for page in html_pages(html_dir)}


def folder_size(folder):
    """Total bytes of the files under `folder`."""
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())


def seconds(value):
    """Human-readable duration."""
    if value < 1.0:
        return f"{value * 1000:.1f} ms"
    if value < 120.0:
        return f"{value:.1f} s"
    return f"{value / 60:.1f} min"


def verdict(value, limit):
    return "ok" if value <= limit else "**over**"


def _subprocess_env():
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _log(message):
    print(message, file=sys.stderr, flush=True)


# Run in the kernel before a notebook's cells: every figure it renders to a PNG (an inline image, an
# animation's frame) is recorded with the cell's execution count, the PNG's size, the width it shows at
# (retina: half), the figure's dpi and the smallest font size (points) of the texts drawn (titles, labels,
# tick labels, texts, legends).
FIGURE_TEXT_HOOK = """
import matplotlib.backend_bases, matplotlib.text
_bench_print = matplotlib.backend_bases.FigureCanvasBase.print_figure
_bench_draw, _bench_figures, _bench_sizes = matplotlib.text.Text.draw, [], None
_bench_cell = [0]  # the running cell's count: inline figures are rendered after it, when the count has moved on
get_ipython().events.register("pre_run_cell", lambda info: _bench_cell.__setitem__(0, get_ipython().execution_count))

def _bench_text_draw(self, renderer):
    if _bench_sizes is not None and self.get_visible() and self.get_text().strip():
        _bench_sizes.append(self.get_fontsize())
    return _bench_draw(self, renderer)

def _bench_print_figure(self, filename, *args, **kwargs):
    global _bench_sizes
    _bench_sizes, figure_dpi = [], self.figure.dpi
    try:
        return _bench_print(self, filename, *args, **kwargs)
    finally:
        sizes, _bench_sizes, png = _bench_sizes, None, getattr(filename, "getvalue", bytes)()
        dpi = figure_dpi if kwargs.get("dpi") in (None, "figure") else kwargs["dpi"]
        if png[:4] == b"\\x89PNG" and sizes:
            width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
            _bench_figures.append((_bench_cell[0], width, height, width * figure_dpi / dpi,
                                   figure_dpi, min(sizes)))

matplotlib.backend_bases.FigureCanvasBase.print_figure = _bench_print_figure
matplotlib.text.Text.draw = _bench_text_draw
"""


def execute_notebook(notebook, timeout=600):
    """Execute `notebook` in a fresh kernel (cwd = its folder), as the book build does, with FIGURE_TEXT_HOOK;
    return (seconds, figures): one dict per figure rendered, with its cell's index in the notebook."""
    import json

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    cells = list(nb.cells)
    nb.cells = [nbformat.v4.new_code_cell(FIGURE_TEXT_HOOK), *cells,
                nbformat.v4.new_code_cell("print(repr(_bench_figures))")]
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(notebook).parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    index = {cell.execution_count: i for i, cell in enumerate(cells) if cell.cell_type == "code"}
    records = ast.literal_eval(nb.cells[-1].outputs[0]["text"])
    keys = ("cell", "width", "height", "shown", "dpi", "smallest")
    figures = [dict(zip(keys, (index.get(count), *rest))) for count, *rest in records]
    return elapsed, figures


def displayed_points(figure):
    """The smallest text of a rendered figure as the book shows it, in CSS points: its PNG at its natural
    width (`shown` CSS px), scaled down to fit the text column; a point of the figure is dpi / 72 CSS px."""
    scale = min(1.0, TEXT_COLUMN_PX / figure["shown"])
    return figure["smallest"] * figure["dpi"] / 72 * scale * 72 / 96


def bench_notebooks(repeat, rows, notes, names=None):
    from nbclient.exceptions import CellControlSignal, DeadKernelError

    notebooks = [notebook for notebook in sorted((REPO / "notebooks").glob("*.ipynb"))
                 if not names or any(notebook.name.startswith(name) for name in names)]
    if not notebooks:
        notes.append("notebooks: no notebooks/*.ipynb (or none named by --notebooks).")
        return
    # The kernels keep their own (inline) matplotlib backend, as in the book build: with Agg forced,
    # plt.show() would draw nothing and the measured times and pages would leave the figures out.
    times, figures = {notebook: [] for notebook in notebooks}, {}
    for run in range(repeat):
        for notebook in notebooks:
            _log(f"notebooks: run {run + 1}/{repeat} {notebook.name}")
            try:
                elapsed, figures[notebook] = execute_notebook(notebook)
                times[notebook].append(elapsed)
            except (CellControlSignal, DeadKernelError) as error:  # reported; the other chapters still run
                notes.append(f"notebooks: {notebook.name} failed: {type(error).__name__}: {error}"[:300])
    total = 0.0
    for notebook in notebooks:
        if not times[notebook]:
            budget = seconds(NOTEBOOK_BUDGET_S)
            rows.append((f"execute {notebook.name}", "failed", budget, "**failed**"))
            continue
        median = statistics.median(times[notebook])
        total += median
        budget = NOTEBOOK_BUDGET_S
        rows.append((f"execute {notebook.name}", seconds(median), seconds(budget), verdict(median, budget)))
    rows.append(("execute all notebooks (sum of medians)", seconds(total), seconds(ALL_NOTEBOOKS_BUDGET_S),
                 verdict(total, ALL_NOTEBOOKS_BUDGET_S)))
    figure_text_rows(figures, rows, notes)


def figure_text_rows(figures, rows, notes):
    """Per chapter, its figure with the smallest text as the book shows it; a note of each cell under budget
    (its figure with the smallest text, of how many it rendered: an animation renders one per frame)."""
    budget, smallest = f">= {FIGURE_TEXT_BUDGET_PT:.0f} pt", []
    for notebook, found in figures.items():
        cells = {}
        for figure in sorted(found, key=displayed_points):
            cells.setdefault(figure["cell"], []).append(figure)
        under = [f"cell {cell} ({figure['width']}x{figure['height']} px, shown at "
                 f"{min(figure['shown'], TEXT_COLUMN_PX):.0f} px; {len(cells[cell])} rendered): "
                 f"{displayed_points(figure):.1f} pt" for cell, (figure, *_) in sorted(cells.items())
                 if displayed_points(figure) < FIGURE_TEXT_BUDGET_PT]
        if under:
            notes.append(f"figure text under {FIGURE_TEXT_BUDGET_PT:.0f} pt in {notebook.stem}: "
                         + "; ".join(under))
        if found:
            figure = min(found, key=displayed_points)
            points = displayed_points(figure)
            smallest.append((points, notebook.stem, figure))
            rows.append((f"smallest figure text {notebook.stem} (cell {figure['cell']}, "
                         f"{figure['width']}x{figure['height']} px)", f"{points:.1f} pt", budget,
                         verdict(FIGURE_TEXT_BUDGET_PT, points)))
    if smallest:
        points, stem, figure = min(smallest, key=lambda item: item[0])
        rows.append((f"smallest figure text at column width ({stem}, cell {figure['cell']})",
                     f"{points:.1f} pt", budget, verdict(FIGURE_TEXT_BUDGET_PT, points)))


def run_build(output_dir):
    """`jupyter-book build` of the repository into `output_dir` (cwd there, so the execution cache is too)."""
    script = Path(sys.executable).parent / "jupyter-book"
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from jupyter_book.cli.main import main; main()"]
    command += ["build", str(REPO), "-W", "-n", "--keep-going", "--path-output", str(output_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, check=False, cwd=output_dir, env=_subprocess_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-15:])
        _log(f"build: jupyter-book exited with {result.returncode}:\n{tail}")
    return elapsed, result.returncode


def bench_build(repeat, rows, notes, keep_dir):
    """Fresh builds (new temporary folder each run) and cached rebuilds (the same folder again)."""
    fresh, cached, failures = [], [], 0
    for run in range(repeat):
        output_dir = Path(tempfile.mkdtemp(prefix="rnnbook-bench-build-"))
        try:
            _log(f"build: run {run + 1}/{repeat} fresh build into {output_dir}")
            elapsed, code = run_build(output_dir)
            fresh.append(elapsed)
            failures += code != 0
            _log(f"build: run {run + 1}/{repeat} cached rebuild")
            elapsed, code = run_build(output_dir)
            cached.append(elapsed)
            failures += code != 0
        finally:
            if run == repeat - 1 and keep_dir is not None:
                shutil.copytree(output_dir / "_build" / "html", keep_dir, dirs_exist_ok=True)
            shutil.rmtree(output_dir, ignore_errors=True)
    status = "" if failures == 0 else f" (failed {failures} of {2 * repeat} times)"
    if failures:
        notes.append("build: the strict build (-W -n) failed (its log is above); the times are still shown.")
    for name, times, budget in (("fresh book build", fresh, FRESH_BUILD_BUDGET_S),
                                ("cached rebuild", cached, CACHED_BUILD_BUDGET_S)):
        median = statistics.median(times)
        rows.append((name + status, seconds(median), seconds(budget), verdict(median, budget)))


def bench_pages(html_dir, rows, notes, label, largest=5):
    if not Path(html_dir).is_dir():
        notes.append(f"pages: {html_dir} does not exist; run `make book` first (or add `build` to --only).")
        return
    weights = page_weights(html_dir)
    over = [page for page, size in weights.items() if size > PAGE_BUDGET_BYTES]
    ranked = sorted(weights.items(), key=lambda item: item[1], reverse=True)
    for page, size in ranked[:largest]:
        rows.append((f"page {page}", f"{size / MB:.2f} MB", "3 MB", verdict(size, PAGE_BUDGET_BYTES)))
    rows.append((f"all {len(weights)} pages: pages over 3 MB", str(len(over)), "0", verdict(len(over), 0)))
    site = folder_size(html_dir)
    rows.append(("whole site", f"{site / MB:.1f} MB", "40 MB", verdict(site, SITE_BUDGET_BYTES)))
    notes.append(f"pages: measured in {label}.")


def calls_per_sample(function, seconds_per_sample=0.2):
    """Warm `function` up and return how many calls make a sample last about `seconds_per_sample`."""
    function()
    start = time.perf_counter()
    function()
    once = max(time.perf_counter() - start, 1e-6)
    return max(1, int(seconds_per_sample / once))


def time_per_call(function, calls):
    """Seconds per call of `function`, averaged over `calls` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def lstm_steps(steps, batch, size):
    """Zero-argument callables doing one forward + backward of the same LSTM: numpy (float64), torch in
    float32 (what users run) and torch in float64 (the same arithmetic as numpy's)."""
    import numpy as np
    import torch

    from rnnbook.numpy_rnn import LSTM

    rng = np.random.default_rng(0)
    xs = rng.standard_normal((steps, batch, size))  # (T, B, I)
    dys = rng.standard_normal((steps, batch, size))  # (T, B, H)
    ours = LSTM(size, size, seed=0)

    def numpy_step():
        ours.forward(xs)
        ours.backward(dys)

    def torch_step(dtype):
        torch.manual_seed(0)
        reference = torch.nn.LSTM(size, size).to(dtype)
        xs_torch = torch.tensor(xs, dtype=dtype, requires_grad=True)
        dys_torch = torch.tensor(dys, dtype=dtype)

        def step():
            reference.zero_grad()
            xs_torch.grad = None
            ys, _ = reference(xs_torch)
            ys.backward(dys_torch)

        return step

    return numpy_step, torch_step(torch.float32), torch_step(torch.float64)


def bench_lstm(repeat, rows, notes):
    try:
        import torch

        from rnnbook.numpy_rnn import LSTM  # noqa: F401 (is it written yet?)
    except ImportError as error:
        notes.append(f"lstm: skipped, {error}.")
        return
    # Same number of threads on both sides: numpy's BLAS reads OPENBLAS_NUM_THREADS (the Makefile sets 1).
    blas_threads = os.environ.get("OPENBLAS_NUM_THREADS")
    if blas_threads:
        torch.set_num_threads(int(blas_threads))
    for (steps, batch, size), budget in LSTM_BUDGETS.items():
        _log(f"lstm: T={steps} B={batch} I=H={size}")
        named_steps = dict(zip(("numpy", "torch32", "torch64"), lstm_steps(steps, batch, size)))
        calls = {name: calls_per_sample(step) for name, step in named_steps.items()}
        times = {name: [] for name in named_steps}
        for _ in range(max(repeat, LSTM_MIN_SAMPLES)):  # interleaved: a slow moment of the machine hits all
            for name, step in named_steps.items():
                time.sleep(PAUSE_S)
                times[name].append(time_per_call(step, calls[name]))
        ours, theirs32, theirs = (statistics.median(times[name]) for name in named_steps)
        ratio = ours / theirs
        measure = (f"LSTM forward+backward T={steps} B={batch} I=H={size}: numpy {seconds(ours)}, "
                   f"torch {seconds(theirs)} (both float64)")
        rows.append((measure, f"{ratio:.2f}x", f"{budget:.0f}x", verdict(ratio, budget)))
        notes.append(f"lstm T={steps} B={batch} I=H={size}: torch in float32 takes {seconds(theirs32)}, "
                     f"numpy (float64) / torch float32 {ours / theirs32:.1f}x.")
    numpy_threads = blas_threads or "its BLAS's default number of"
    notes.append(f"lstm: torch uses {torch.get_num_threads()} threads; numpy uses {numpy_threads} threads.")


def chapter4_gradient_norms(scale, input_scale=0.01, seed=0, hidden=16, inputs=4, batch=8, steps=40):
    """Chapter 4's `gradient_norms`, which its widget is given: ||dL/dh_0|| for a loss on step T = 1 .. steps
    of a vanilla RNN whose W_hh is `scale` times a random orthogonal matrix; returns (norms, states)."""
    import numpy as np

    from rnnbook.numpy_rnn import RNN

    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(hidden, hidden)))
    rnn = RNN(inputs, hidden)
    rnn.params["weight_hh_l0"] = scale * q
    rnn.params["weight_ih_l0"] = input_scale * rng.normal(size=(hidden, inputs))
    rnn.params["bias_ih_l0"][:] = rnn.params["bias_hh_l0"][:] = 0.0
    hs, _ = rnn.forward(rng.normal(size=(steps, batch, inputs)))  # (T, B, H)
    u = rng.normal(size=(batch, hidden))
    u /= np.linalg.norm(u)
    norms = []
    for T in range(1, steps + 1):
        dys = np.zeros_like(hs)
        dys[T - 1] = u  # the loss reads h_T only
        norms.append(np.linalg.norm(rnn.backward(dys)["h0"]))
    return np.array(norms), hs


def chapter4_per_step_rate(norms):
    """Chapter 4's `per_step_rate`: exp of the slope of a straight line fitted to log(norms) against T."""
    import numpy as np

    return float(np.exp(np.polyfit(np.arange(1, len(norms) + 1), np.log(norms), 1)[0]))


def chapter3_dinner_net(vote_strength):
    """Chapter 3's `hand_set_dinner_net`: both votes vote_strength times the dinner cycle, no bias."""
    import numpy as np

    from rnnbook.data import DINNERS, next_dinner
    from rnnbook.numpy_rnn import PredictionRNN

    cycle = np.zeros((len(DINNERS), len(DINNERS)))  # (tonight, yesterday)
    for dish in DINNERS:
        cycle[DINNERS.index(next_dinner(dish)), DINNERS.index(dish)] = 1.0
    net = PredictionRNN(vocab_size=len(DINNERS))
    net.params.update(W_x=vote_strength * cycle, W_p=vote_strength * cycle, b=np.zeros(len(DINNERS)))
    return net


def widget_changes():
    """Name -> (widget, changes): each widget of the book, built as its chapter builds it (on stand-ins for
    its trained models), and the changes of its controls, (index of the control in the row, value), that
    lead to its heaviest picture; the last change is the one timed."""
    import numpy as np

    from rnnbook.data import BOOK_WORDS
    from rnnbook.encoding import Vocabulary
    from rnnbook.figures import widgets
    from rnnbook.numpy_rnn import LSTM, PredictionRNN
    from rnnbook.torch_rnn import Seq2Seq

    rng = np.random.default_rng(0)
    calendar = rng.normal(0.0, 0.3, size=(3, 20))  # (3, 20): the calendar net's votes
    yesterday = 4.5 * np.roll(np.eye(3), 1, axis=0) - 1.5  # (3, 3): each dish votes for the next one
    trace = {name: rng.uniform(-1, 1, (7, 16)) for name in LSTM.trace_names}  # the walkthrough's size
    words = [".", "Jane", "saw", "Spot", ".", "Doug", "saw"]
    probs = rng.dirichlet(np.ones(5), 7)  # (T, V)
    SPECIALS = ("<pad>", "<bos>", "<eos>")  # chapter 8: digits and letters -> the digits backwards
    source_vocab = Vocabulary([*SPECIALS, *"0123456789abcde"])
    target_vocab = Vocabulary([*SPECIALS, *"0123456789"])
    translator = Seq2Seq(len(source_vocab), len(target_vocab), 24, cell="gru", seed=0)  # untrained: 16 steps
    losses = {(k, delay): 1.0 for k in (1, 2, 3, 4, 6, 8) for delay in (2, 5)}  # chapter 9's (k, delay) grid

    def sample(prefix, temperature, seed):  # chapter 9's sampler: 80 characters and their probabilities
        return (prefix + "x = 1\n" * 20)[:80], np.linspace(0, 1, 80)

    return {
        "voting_network": (widgets.voting_network(calendar, yesterday),
                           [(0, "calendar"), (3, "March"), (4, True), (2, "Tuesday")]),
        "one_hot_product": (widgets.one_hot_product(), [(0, "Wednesday")]),
        "days_away": (widgets.days_away(chapter3_dinner_net), [(0, 14)]),
        "sentence_sampler": (widgets.sentence_sampler(PredictionRNN(5, seed=0)), [(0, 7)]),
        "squash_point": (widgets.squash_point(), [(1, "logistic"), (0, -1.3)]),
        "gradient_norm_curves": (widgets.gradient_norm_curves(chapter4_gradient_norms,
                                                              chapter4_per_step_rate), [(0, 1.5)]),
        "faucets": (widgets.faucets(), [(0, 0.3), (1, 0.9)]),
        "memory_half_life": (widgets.memory_half_life(), [(0, 0.97)]),
        "lstm_stepper": (widgets.lstm_stepper(trace, words, probs, BOOK_WORDS), [(0, 4), (0, 5)]),
        "update_gate": (widgets.update_gate(np.array([0.8, -0.5, 0.3, -0.9]),
                                            np.array([-0.6, 0.7, 0.9, 0.2])), [(0, 0.35)]),
        "translation_steps": (widgets.translation_steps(translator, source_vocab, target_vocab, pad_to=12),
                              [(0, "a3b7c1d9e2d4")]),
        "truncated_bptt": (widgets.truncated_bptt(losses), [(0, 4), (2, 5), (1, 12), (1, 11)]),
        "language_model": (widgets.language_model(sample), [(2, 1)]),
    }


def bench_widgets(rows, notes):
    try:
        changes = widget_changes()
    except ImportError as error:
        notes.append(f"widgets: skipped, {error}.")
        return
    for name, (widget, values) in changes.items():
        _log(f"widgets: {name}")
        controls = widget.children[0].children  # the row of controls above the picture
        *first, (index, value) = values
        for i, first_value in first:
            controls[i].value = first_value
        control, before = controls[index], controls[index].value
        times = []
        for _ in range(WIDGET_CALLS + 1):  # the first: a warm-up
            control.value = before  # untimed: back, so that the timed assignment is a change
            start = time.perf_counter()
            control.value = value  # the widget redraws its picture and sets its image
            times.append(time.perf_counter() - start)
        median = statistics.median(times[1:])
        rows.append((f"widget update {name}", seconds(median), seconds(WIDGET_BUDGET_S),
                     verdict(median, WIDGET_BUDGET_S)))


def markdown_table(rows):
    """Markdown table of (measure, result, budget, verdict) rows."""
    lines = ["| measure | result | budget | verdict |", "| --- | --- | --- | --- |"]
    lines += [f"| {measure} | {result} | {budget} | {status} |" for measure, result, budget, status in rows]
    return "\n".join(lines)


def parse_only(text):
    parts = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in parts if part not in PARTS]
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"--only takes a comma-separated list of {', '.join(PARTS)}; "
                                         f"got {text!r}")
    return parts


def positive_int(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--repeat must be a positive integer; got {text!r}")
    return int(text)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=positive_int, default=3,
                        help="runs per measure, medians (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run per measure (same as --repeat 1)")
    parser.add_argument("--only", type=parse_only, default=list(PARTS),
                        help=f"comma-separated parts to run, among {','.join(PARTS)} (default: all)")
    parser.add_argument("--notebooks", type=lambda text: [name for name in text.split(",") if name],
                        help="run only these notebooks: comma-separated names or their starts (01,04)")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    rows, notes = [], []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rnnbook-bench-html-") as fresh_html:
        html_dir, label = REPO / "_build" / "html", "the existing _build/html"
        if "notebooks" in args.only:
            bench_notebooks(repeat, rows, notes, args.notebooks)
        if "build" in args.only:
            bench_build(repeat, rows, notes, keep_dir=fresh_html if "pages" in args.only else None)
            html_dir, label = Path(fresh_html), "the fresh build"
        if "pages" in args.only:
            bench_pages(html_dir, rows, notes, label)
    if "lstm" in args.only:
        bench_lstm(repeat, rows, notes)
    if "widgets" in args.only:
        bench_widgets(rows, notes)
    load = max(load_before, os.getloadavg()[0])
    if load > os.cpu_count() - 0.5:
        notes.append(f"the machine was busy (load average up to {load:.1f} on {os.cpu_count()} CPUs): "
                     "the times are noisy, the LSTM's most; measure the README's numbers on an idle machine.")
    print(f"\nrnnbook benchmark: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, medians of {repeat} run(s), load average {load:.1f}, "
          f"{time.strftime('%Y-%m-%d')}\n")
    print(markdown_table(rows))
    if notes:
        print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
