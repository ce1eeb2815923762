"""The benchmark behind `make bench`: measure the book's budgets and print them as a Markdown table.

The budgets (the README reports the measurements): every chapter executes in under 30 s and all of
them in under 4 minutes; a fresh book build in under 8 minutes and a cached rebuild in under 60 s; a page under 3 MB and the whole site under 40 MB; the
numpy LSTM's forward + backward within 2x of torch.nn.LSTM (float32; the float64 ratio, the same arithmetic,
is reported beside it); and one update of each widget under 100 ms.

Run it with the environment's Python from anywhere: `python tools/bench.py [--quick] [--only PARTS]`.
It is a benchmark, not a test: it never fails on a budget, it reports. It is not part of the package.
Parts: notebooks (execution time per chapter), build (fresh and cached book build in a temporary
directory), pages (size of each built page and of the site), lstm (numpy LSTM vs torch.nn.LSTM),
widgets (one update of every widget: the pure function it calls, drawn on an Agg canvas).
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
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
LSTM_RATIO_BUDGET = 2.0
LSTM_SIZES = ((50, 32, 64), (100, 128, 256))  # (T, B, I = H)
LSTM_MIN_SAMPLES = 5  # samples are cheap (about 0.2 s each), so even --quick takes several
PAUSE_S = 0.2  # lets the other library's worker threads stop spinning before a sample starts
WIDGET_BUDGET_S = 0.100
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


def execute_notebook(notebook, timeout=600):
    """Execute `notebook` in a fresh kernel (cwd = its folder), as the book build does; return seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(notebook).parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def bench_notebooks(repeat, rows, notes):
    from nbclient.exceptions import CellControlSignal, DeadKernelError

    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    if not notebooks:
        notes.append("notebooks: no notebooks/*.ipynb yet.")
        return
    # The kernels keep their own (inline) matplotlib backend, as in the book build: with Agg forced,
    # plt.show() would draw nothing and the measured times and pages would leave the figures out.
    times = {notebook: [] for notebook in notebooks}
    for run in range(repeat):
        for notebook in notebooks:
            _log(f"notebooks: run {run + 1}/{repeat} {notebook.name}")
            try:
                times[notebook].append(execute_notebook(notebook))
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
    for steps, batch, size in LSTM_SIZES:
        _log(f"lstm: T={steps} B={batch} I=H={size}")
        named_steps = dict(zip(("numpy", "torch32", "torch64"), lstm_steps(steps, batch, size)))
        calls = {name: calls_per_sample(step) for name, step in named_steps.items()}
        times = {name: [] for name in named_steps}
        for _ in range(max(repeat, LSTM_MIN_SAMPLES)):  # interleaved: a slow moment of the machine hits all
            for name, step in named_steps.items():
                time.sleep(PAUSE_S)
                times[name].append(time_per_call(step, calls[name]))
        ours, theirs, theirs64 = (statistics.median(times[name]) for name in named_steps)
        ratio = ours / theirs
        measure = (f"LSTM forward+backward T={steps} B={batch} I=H={size}: numpy float64 {seconds(ours)}, "
                   f"torch float32 {seconds(theirs)}")
        budget = f"{LSTM_RATIO_BUDGET:.0f}x"
        rows.append((measure, f"{ratio:.1f}x", budget, verdict(ratio, LSTM_RATIO_BUDGET)))
        notes.append(f"lstm T={steps} B={batch} I=H={size}: torch in float64 takes {seconds(theirs64)}, "
                     f"numpy/torch in float64 {ours / theirs64:.1f}x; torch float64/float32 "
                     f"{theirs64 / theirs:.1f}x.")
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


def widget_updates():
    """Name -> (figure size, update): one update of each widget of the book, on its heaviest picture. Each
    update calls the same pure function as the widget (a figure function of `rnnbook.figures`, or the
    helper in `rnnbook.figures.widgets` that recomputes its numbers), with an `ax` to draw on."""
    import numpy as np

    from rnnbook.data import BOOK_WORDS
    from rnnbook.encoding import Vocabulary
    from rnnbook.figures import bptt, lstm, recurrence, sequences, squashing, vectors, voting, widgets
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
    translator = Seq2Seq(len(source_vocab), len(target_vocab), 24, cell="gru", seed=0)  # untrained: as fast
    return {
        "voting_network": ((7.5, 4.6), partial(voting.dinner_votes, calendar, yesterday, net="calendar",
                                               weekday="Tuesday", month="March", late_meeting=True)),
        "one_hot_product": ((7, 4.5), partial(vectors.one_hot_product, item="Wednesday")),
        "days_away": ((9.3, 2.9), partial(widgets._days_away, chapter3_dinner_net, days=14,
                                          vote_strength=10.0)),
        "sentence_sampler": ((6.5, 1.6), partial(recurrence.sample_sentence_card, PredictionRNN(5, seed=0),
                                                 number=7)),
        "squash_point": ((6, 4), partial(squashing.squash_point, x=-1.3, function="logistic")),
        "gradient_norm_curves": ((6.5, 4), partial(widgets._gradient_norms, chapter4_gradient_norms,
                                                   chapter4_per_step_rate, scale=1.5, input_scale=0.01)),
        "faucets": ((6.5, 3.7), partial(widgets._faucets, 0.3, 0.9, 0.5, 0.8)),
        "memory_half_life": ((6.5, 3.4), partial(widgets._fading_pulse, forget=0.97)),
        "lstm_stepper": ((9, 5.1), partial(lstm.lstm_step, trace, words, probs, BOOK_WORDS, position=5)),
        "update_gate": ((6.5, 3.6), partial(widgets._update_mix, np.array([0.8, -0.5, 0.3, -0.9]),
                                                    np.array([-0.6, 0.7, 0.9, 0.2]), z=0.35)),
        "translation_steps": ((9, 3), partial(sequences.decoder_steps, translator, source_vocab, target_vocab,
                                              source="a3b7c1d9e2f4")),
        "truncated_bptt": ((9, 3.3), partial(bptt.gradient_reach, k=4, loss_step=11, delay=5,
                                             losses={(4, 5): 1.0}, num_steps=12)),
        "language_model": ((9, 3.2), partial(widgets._sampled_text, lambda prefix, t, seed: (
            (prefix + "x = 1\n" * 20)[:80], np.linspace(0, 1, 80)), prefix="def ", temperature=1.0, seed=0)),
    }


def draw_once(figsize, update):
    """One widget update without a screen: draw on an Agg canvas and render it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, facecolor="white")
    FigureCanvasAgg(fig)
    update(ax=fig.add_subplot())
    fig.canvas.draw()


def bench_widgets(rows, notes):
    os.environ["MPLBACKEND"] = "Agg"
    try:
        updates = widget_updates()
    except ImportError as error:
        notes.append(f"widgets: skipped, {error}.")
        return
    for name, (figsize, draw) in updates.items():
        update = partial(draw_once, figsize, draw)
        _log(f"widgets: {name}")
        update()  # warm-up: imports, font cache
        times = []
        for _ in range(WIDGET_CALLS):
            start = time.perf_counter()
            update()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
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
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    rows, notes = [], []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rnnbook-bench-html-") as fresh_html:
        html_dir, label = REPO / "_build" / "html", "the existing _build/html"
        if "notebooks" in args.only:
            bench_notebooks(repeat, rows, notes)
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
