"""Chapter 4's pictures: a loop with and without squashing, reading the tanh and logistic curves, repeated
squashing, the gap of a long-term dependency, the gradient norm through time, the cliff and the attractor,
and accuracy against the lag of a memory task.

`gradient_norms` measures how the gradient of a vanilla RNN shrinks or grows as it travels back through
time: the recurrent weights are a scaled orthogonal matrix (every singular value equals the scale), so the
measured rate per step can be set beside the scale.
"""
import numbers

import numpy as np

from rnnbook.diagrams.shapes import box, canvas
from rnnbook.numpy_rnn import RNN
from rnnbook.numpy_rnn.base import as_real_array, make_rng
from rnnbook.plots import CYCLE, PALETTE, new_axes
from rnnbook.diagrams import _checks as checks

SQUASHING_FUNCTIONS = ("tanh", "logistic")
_SUPERSCRIPTS = str.maketrans("-0123456789",
                              "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _counts(values, name, low, high):
    """A non-empty sequence of ints in [low, high] (or one int) as a tuple, or a clear error."""
    if isinstance(values, (int, np.integer)) and not isinstance(values, (bool, np.bool_)):
        values = (values,)
    if isinstance(values, str) or not hasattr(values, "__len__") or len(values) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of ints; got {values!r}")
    return tuple(checks.count(v, f"{name}[{i}]", low, high) for i, v in enumerate(values))


def _function(function):
    """The name of a squashing function, checked: "tanh" or "logistic"."""
    if function not in SQUASHING_FUNCTIONS:
        raise ValueError(f"function must be one of {SQUASHING_FUNCTIONS}; got {function!r}")
    return function


def squash(function, z):
    """The squashing function `function` ("tanh" or "logistic") of a real array z (any shape), and its slope.

    Returns (values, slopes), two float64 arrays of z's shape: tanh'(z) = 1 - tanh(z)^2, at most 1;
    logistic'(z) = s (1 - s) with s the logistic of z, at most 1/4.
    """
    function = _function(function)
    z = as_real_array("z", z)
    if function == "tanh":
        values = np.tanh(z)
        return values, 1.0 - values * values
    values = 0.5 * (1.0 + np.tanh(0.5 * z))  # the logistic 1 / (1 + exp(-z)), without overflow
    return values, values * (1.0 - values)


def feedback_loop(days=30, gain=2.0, start=0.01, ax=None):
    """A value fed back into itself with weight `gain` every day, x <- gain x, with and without a tanh.

    days: int in 1..200; gain: number in (0, 10]; start: number in (0, 10]. The y-axis is logarithmic.
    """
    days = checks.count(days, "days", 1, 200)
    gain = checks.number(gain, "gain", 1e-6, 10.0)
    start = checks.number(start, "start", 1e-6, 10.0)
    plain, squashed = [start], [start]
    for _ in range(days):
        plain.append(gain * plain[-1])
        squashed.append(np.tanh(gain * squashed[-1]))
    ax = new_axes(ax, figsize=(6.5, 3.5))
    ax.plot(plain, "o-", color=PALETTE["vermillion"], markersize=3,
            label=f"no squashing: x \u2190 {gain:g} x")
    ax.plot(squashed, "o-", color=PALETTE["blue"], markersize=3,
            label=f"squashed: x \u2190 tanh({gain:g} x)")
    ax.axhline(1.0, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.set(yscale="log", xlabel="day", ylabel="value (log scale)")
    ax.legend(frameon=False, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def squash_point(x=0.5, function="tanh", ax=None):
    """A point on the tanh or logistic curve, read by hand: up from the input x, across to the output; the
    tangent at the point shows the slope (also drawn as a dashed curve). x: a number in [-5, 5]."""
    x = checks.number(x, "x", -5.0, 5.0)
    function = _function(function)
    ax = new_axes(ax, figsize=(6, 4))
    z = np.linspace(-5, 5, 201)
    values, slopes = squash(function, z)
    y, slope = (float(v) for v in squash(function, x))
    low = -1.0 if function == "tanh" else 0.0
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    for level in (low, 1.0):
        ax.axhline(level, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.plot(z, values, color=PALETTE["blue"], linewidth=2, label=function)
    ax.plot(z, slopes, "--", color=PALETTE["orange"], linewidth=1.5, label="its slope")
    ax.plot([x, x], [0, y], ":", color=PALETTE["black"], linewidth=1.2)  # up from the input ...
    ax.plot([0, x], [y, y], ":", color=PALETTE["black"], linewidth=1.2)  # ... across to the output
    run = 0.9
    ax.plot([x - run, x + run], [y - slope * run, y + slope * run], color=PALETTE["vermillion"],
            linewidth=1.5)  # the tangent
    ax.plot([x], [y], "o", color=PALETTE["vermillion"], markersize=7, zorder=5)
    ax.text(0.03, 0.97, f"in {x:+.2f}\nout {y:+.3f}\nslope {slope:.3f}", transform=ax.transAxes,
            va="top", ha="left", fontsize=10, family="monospace",
            bbox={"facecolor": "white", "edgecolor": PALETTE["grey"], "boxstyle": "round"})
    ax.set(xlim=(-5, 5), ylim=(low - 0.15, 1.15), xlabel="input (the total vote)", ylabel="output",
           title=f"{function}: {x:+.2f} in, {y:+.2f} out")
    ax.legend(frameon=False, loc="lower right" if function == "tanh" else "center right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def repeated_squashing(times=(1, 2, 3, 5, 10), function="logistic", ax=None):
    """The curves f(x), f(f(x)), ... of a squashing function applied `times` times, for x in [-10, 10].

    times: an int or a sequence of ints in 1..100; function: "tanh" or "logistic".
    """
    times = _counts(times, "times", 1, 100)
    function = _function(function)
    ax = new_axes(ax, figsize=(6.5, 3.6))
    z = np.linspace(-10, 10, 401)
    for k, color in zip(sorted(times), CYCLE * 15):
        values = z
        for _ in range(k):
            values = squash(function, values)[0]
        ax.plot(z, values, color=color, linewidth=1.8, label=f"{k} time{'s' if k > 1 else ''}")
    ax.set(xlabel="input x", ylabel="output", title=f"{function} applied again and again")
    ax.legend(frameon=False, title="applied", loc="lower right", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def dependency_gap(words, clue, answer, width=None, ax=None):
    """A sentence as a row of word boxes, with an arc from the clue word to the word it decides.

    words: a non-empty list of strings; clue, answer: indices into words with clue < answer; width: None or
    the horizontal extent of the canvas (a number; sentences drawn with the same width share one scale).
    """
    if isinstance(words, str) or not hasattr(words, "__len__") or not words:
        raise TypeError(f"words must be a non-empty list of strings; got {words!r}")
    if not all(isinstance(w, str) for w in words):
        raise TypeError(f"words must hold only strings; got {words!r}")
    clue = checks.count(clue, "clue", 0, len(words) - 1)
    answer = checks.count(answer, "answer", 0, len(words) - 1)
    if clue >= answer:
        raise ValueError(f"clue must come before answer; got clue={clue}, answer={answer}")
    widths = [0.3 + 0.15 * len(w) for w in words]
    starts = np.concatenate([[0.0], np.cumsum(np.add(widths, 0.12))[:-1]])
    total = starts[-1] + widths[-1]
    if width is not None:
        total = checks.number(width, "width", total, 1000.0)
    ax = canvas(ax, xlim=(-0.2, total + 0.2), ylim=(-0.3, 1.75), figsize=(max(4.0, 0.75 * total), 1.7))
    for i, (word, x, w) in enumerate(zip(words, starts, widths)):
        color = PALETTE["orange"] if i == clue else PALETTE["blue"] if i == answer else PALETTE["grey"]
        box(ax, (x, 0.0), w, 0.5, word, color=color, fill=0.45 if i in (clue, answer) else 0.12, fontsize=11)
    a, b = starts[clue] + widths[clue] / 2, starts[answer] + widths[answer] / 2
    t = np.linspace(0, np.pi, 60)
    arc_x, arc_y = (a + b) / 2 - (b - a) / 2 * np.cos(t), 0.58 + 0.75 * np.sin(t)  # (60,) each
    ax.plot(arc_x, arc_y, color=PALETTE["black"], linewidth=1.2)
    ax.annotate("", (b, 0.55), (b, 0.62), arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"]})
    gap = answer - clue - 1
    ax.text((a + b) / 2, 1.38, f"{gap} word{'s' if gap != 1 else ''} in between", ha="center", va="bottom",
            fontsize=9)
    return ax


def scaled_orthogonal(size, scale, seed=0):
    """A (size, size) matrix scale * Q with Q a random orthogonal matrix: every singular value equals scale.

    size: int in 1..1024; scale: number >= 0; seed: an int or a np.random.Generator.
    """
    size = checks.count(size, "size", 1, 1024)
    scale = checks.number(scale, "scale", 0.0, 1e6)
    rng = make_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(size, size)))  # (size, size), q.T @ q = I
    return scale * q


def gradient_norms(scale, steps=40, hidden_size=16, input_scale=0.01, input_size=4, batch_size=8, seed=0):
    """||dL/dh_0|| of a vanilla RNN whose loss L = sum(u * h_T) sits on step T, for T = 1 .. steps.

    W_hh = scaled_orthogonal(hidden_size, scale); W_ih has normal entries times input_scale; biases 0;
    inputs (steps, batch_size, input_size) standard normal; u (batch_size, hidden_size) random with
    ||u|| = 1, so every value is also the ratio ||dL/dh_0|| / ||dL/dh_T||. Returns a float64 array (steps,).
    Everything is drawn from `np.random.default_rng(seed)` in that order (W_hh, W_ih, inputs, u).
    """
    scale = checks.number(scale, "scale", 0.0, 100.0)
    steps = checks.count(steps, "steps", 1, 500)
    hidden_size = checks.count(hidden_size, "hidden_size", 1, 256)
    input_scale = checks.number(input_scale, "input_scale", 0.0, 100.0)
    input_size = checks.count(input_size, "input_size", 1, 256)
    batch_size = checks.count(batch_size, "batch_size", 1, 256)
    rng = make_rng(seed)
    rnn = RNN(input_size, hidden_size)
    rnn.params["weight_hh_l0"] = scaled_orthogonal(hidden_size, scale, rng)  # (H, H)
    rnn.params["weight_ih_l0"] = input_scale * rng.normal(size=(hidden_size, input_size))  # (H, I)
    rnn.params["bias_ih_l0"][:] = 0.0
    rnn.params["bias_hh_l0"][:] = 0.0
    hs, _ = rnn.forward(rng.normal(size=(steps, batch_size, input_size)))  # (T, B, H)
    u = rng.normal(size=(batch_size, hidden_size))
    u /= np.linalg.norm(u)
    norms = np.empty(steps)
    for T in range(1, steps + 1):
        dys = np.zeros_like(hs)  # (T, B, H): the loss reads h_T only
        dys[T - 1] = u
        norms[T - 1] = np.linalg.norm(rnn.backward(dys)["h0"])
    return norms


def per_step_rate(norms):
    """The measured rate per step of a geometric sequence: exp of the least-squares slope of log(norms)
    against the step number. norms: a 1-D array of at least 2 positive numbers (e.g. `gradient_norms`)."""
    norms = np.asarray(norms, dtype=np.float64)
    if norms.ndim != 1 or len(norms) < 2:
        raise ValueError(f"norms must be a 1-D array of at least 2 numbers; got shape {norms.shape}")
    if not np.all(np.isfinite(norms)) or np.any(norms <= 0):
        raise ValueError("norms must hold finite positive numbers")
    slope = np.polyfit(np.arange(1, len(norms) + 1), np.log(norms), 1)[0]
    return float(np.exp(slope))


def gradient_norm_curves(scales=(0.5, 0.9, 1.0, 1.5, 3.0), steps=40, input_scale=0.01, bounds=True, ax=None):
    """||dL/dh_0|| against the number of steps T (log scale) for each scale of W_hh (`gradient_norms`),
    with the bound scale^T dashed when `bounds`; the legend gives each measured rate per step.

    scales: a number or a sequence of numbers in [0.05, 5]; steps: int in 2..200; input_scale: in [0, 10].
    """
    if isinstance(scales, numbers.Real):
        scales = (scales,)
    if isinstance(scales, str) or not hasattr(scales, "__len__") or len(scales) == 0:
        raise TypeError(f"scales must be a number or a non-empty sequence of numbers; got {scales!r}")
    scales = [checks.number(s, "scales", 0.05, 5.0) for s in scales]
    steps = checks.count(steps, "steps", 2, 200)
    input_scale = checks.number(input_scale, "input_scale", 0.0, 10.0)
    ax = new_axes(ax, figsize=(6.5, 4))
    T = np.arange(1, steps + 1)
    for scale, color in zip(scales, CYCLE * 5):
        norms = gradient_norms(scale, steps=steps, input_scale=input_scale)
        rate = per_step_rate(norms)
        ax.plot(T, norms, "o-", color=color, markersize=2.5, linewidth=1.8,
                label=f"scale {scale:g}: measured rate {rate:.3f}")
        if bounds:
            ax.plot(T, scale**T, "--", color=color, linewidth=1, alpha=0.8)
    ax.axhline(1.0, color=PALETTE["grey"], linewidth=0.8)
    ax.set(yscale="log", ylim=(1e-14, 1e14), xlim=(0, steps + 1), xlabel="steps back in time T",
           ylabel="gradient norm ||dL/dh_0||", title="dashed: the bound scale^T" if bounds else None)
    powers = range(-12, 13, 4)  # plain-text tick labels: much faster to draw than mathtext
    ax.set_yticks([10.0**p for p in powers], [_power_of_ten(p) for p in powers])
    ax.minorticks_off()
    ax.legend(frameon=False, fontsize=8.5, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _power_of_ten(exponent):
    """The label "10" followed by the exponent in superscript digits, e.g. 10\u207b\u2074 for -4."""
    return "1" if exponent == 0 else "10" + str(exponent).translate(_SUPERSCRIPTS)


def cliff_and_attractor(w=3.0, b=0.5, steps=(1, 2, 5, 20), ax=None):
    """The 1-D recurrence h <- tanh(w h + b): the state after T steps against the starting state h_0 in
    [-1, 1], one curve per T in `steps`. Flat stretches are attractors, the steep step between them a cliff.

    w, b: numbers in [-10, 10]; steps: an int or a sequence of ints in 1..200.
    """
    w = checks.number(w, "w", -10.0, 10.0)
    b = checks.number(b, "b", -10.0, 10.0)
    steps = _counts(steps, "steps", 1, 200)
    ax = new_axes(ax, figsize=(6, 3.8))
    h0 = np.linspace(-1, 1, 801)
    h, done = h0.copy(), 0
    for T, color in zip(sorted(steps), CYCLE * 40):
        for _ in range(T - done):
            h = np.tanh(w * h + b)
        done = T
        ax.plot(h0, h, color=color, linewidth=1.8, label=f"T = {T}")
    jumps = np.abs(np.diff(h))  # (800,): change of h_T between neighbouring starts, 0.0025 apart
    steep = int(np.argmax(jumps))
    if jumps[steep] > 0.1:  # a slope above 40: a cliff
        ax.annotate("cliff", (h0[steep], 0.0), (h0[steep] + 0.25, -0.3), arrowprops={"arrowstyle": "->"},
                    fontsize=9)
        for part, x in ((h[:steep + 1], h0[:steep + 1]), (h[steep + 1:], h0[steep + 1:])):
            if len(part) > 40 and np.ptp(part) < 0.05:  # flat all the way from the cliff to the edge
                y = part.mean()
                ax.text(x.mean(), y + (0.08 if y < 0 else -0.16), "attractor (flat)", ha="center", fontsize=9)
    ax.set(xlabel="starting state $h_0$", ylabel="state $h_T$ after T steps", ylim=(-1.1, 1.1),
           title=f"h \u2190 tanh({w:g} h + {b:g})")
    ax.legend(frameon=False, loc="upper left", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def lag_accuracy(lags, accuracies, chance, ax=None):
    """Test accuracy against the lag of a memory task: a dot per run, a line through the means, chance dashed.

    lags: a sequence of L ints >= 0; accuracies: an array (L, R), R runs (seeds) per lag, values in [0, 1];
    chance: a number in [0, 1].
    """
    lags = _counts(lags, "lags", 0, 100000)
    accuracies = np.asarray(accuracies, dtype=np.float64)
    if accuracies.ndim != 2 or accuracies.shape[0] != len(lags):
        expected = f"({len(lags)}, R) (one row per lag)"
        raise ValueError(f"accuracies must have shape {expected}; got {accuracies.shape}")
    if not np.all((accuracies >= 0) & (accuracies <= 1)):
        raise ValueError("accuracies must lie in [0, 1]")
    chance = checks.number(chance, "chance", 0.0, 1.0)
    ax = new_axes(ax, figsize=(6, 3.6))
    positions = np.arange(len(lags))
    runs = accuracies.shape[1]
    jitter = np.linspace(-0.12, 0.12, runs) if runs > 1 else np.zeros(1)
    for r in range(runs):
        ax.plot(positions + jitter[r], accuracies[:, r], "o", color=PALETTE["sky"], markersize=5,
                label="one run" if r == 0 else None)
    ax.plot(positions, accuracies.mean(axis=1), "o-", color=PALETTE["blue"], linewidth=2, label="mean")
    ax.axhline(chance, color=PALETTE["black"], linestyle="--", linewidth=1, label="chance")
    ax.set_xticks(positions, [str(lag) for lag in lags])
    ax.set(xlabel="lag (filler steps between the cue and the answer)", ylabel="test accuracy", ylim=(0, 1.05))
    ax.legend(frameon=False, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
