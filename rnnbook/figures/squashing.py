"""Chapter 4: a loop with and without squashing, values of a loop over time (a latch, a flip), the tanh and
logistic curves, repeated squashing, the gap of a long-term dependency, gradient norms through time, cliff and
attractor."""
import numpy as np

from rnnbook.figures._draw import box, canvas, new_axes, tidy
from rnnbook.figures.style import CYCLE, PALETTE

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _curve(function, z):
    """tanh or the logistic ("tanh", "logistic") of z, and its slope."""
    if function == "tanh":
        return np.tanh(z), 1.0 - np.tanh(z) ** 2
    values = 0.5 * (1.0 + np.tanh(0.5 * z))  # 1 / (1 + exp(-z)), without overflow
    return values, values * (1.0 - values)


def feedback_loop(plain, squashed, gain=2.0, ax=None):
    """A value fed back into itself every day, x <- gain x (`plain`) and x <- tanh(gain x) (`squashed`),
    on a logarithmic axis."""
    ax = new_axes(ax, figsize=(6.5, 3.5))
    for values, color, label in ((plain, "vermillion", f"no squashing: x ← {gain:g} x"),
                                 (squashed, "blue", f"squashed: x ← tanh({gain:g} x)")):
        ax.plot(values, "o-", color=PALETTE[color], markersize=3, label=label)
    ax.axhline(1.0, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.set(yscale="log", xlabel="day", ylabel="value (log scale)")
    return tidy(ax, legend=True, loc="upper left")


def squash_point(x=0.5, function="tanh", ax=None):
    """A point of the tanh or logistic curve read by hand (up from the input x, across to the output), the
    tangent there, and the curve's slope everywhere (dashed)."""
    ax = new_axes(ax, figsize=(6, 4))
    z = np.linspace(-5, 5, 201)
    values, slopes = _curve(function, z)
    y, slope = _curve(function, x)
    low = -1.0 if function == "tanh" else 0.0
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    for level in (low, 1.0):
        ax.axhline(level, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.plot(z, values, color=PALETTE["blue"], linewidth=2, label=function)
    ax.plot(z, slopes, "--", color=PALETTE["orange"], linewidth=1.5, label="its slope")
    ax.plot([x, x, 0], [0, y, y], ":", color="black", linewidth=1.2)  # up from the input, across to output
    ax.plot([x - 0.9, x + 0.9], [y - 0.9 * slope, y + 0.9 * slope], color=PALETTE["vermillion"],
            linewidth=1.5)  # the tangent
    ax.plot([x], [y], "o", color=PALETTE["vermillion"], markersize=7, zorder=5)
    ax.text(0.03, 0.97, f"in {x:+.2f}\nout {y:+.3f}\nslope {slope:.3f}", transform=ax.transAxes, va="top",
            fontsize=10, family="monospace",
            bbox={"facecolor": "white", "edgecolor": PALETTE["grey"], "boxstyle": "round"})
    ax.set(xlim=(-5, 5), ylim=(low - 0.15, 1.15), xlabel="input (the total vote)", ylabel="output",
           title=f"{function}: {x:+.2f} in, {y:+.2f} out")
    return tidy(ax, legend=True, loc="lower right" if function == "tanh" else "center right")


def repeated_squashing(times=(1, 2, 3, 5, 10), function="logistic", ax=None):
    """The curves f(x), f(f(x)), ... of a squashing function applied `times` times, for x in [-10, 10]."""
    ax = new_axes(ax, figsize=(6.5, 3.6))
    z = np.linspace(-10, 10, 401)
    for k, color in zip(sorted(times), CYCLE * 15):
        values = z
        for _ in range(k):
            values = _curve(function, values)[0]
        ax.plot(z, values, color=color, linewidth=1.8, label=f"{k} time{'s' if k > 1 else ''}")
    ax.set(xlabel="input x", ylabel="output", title=f"{function} applied again and again")
    return tidy(ax, legend=True, title="applied", loc="lower right", fontsize=9)


def dependency_gap(words, clue, answer, width=None, ax=None):
    """A sentence as word boxes, with an arc from the clue word (index `clue`) to the word it decides
    (`answer`). width: the canvas's extent, so that sentences drawn with the same width share one scale."""
    widths = [0.3 + 0.15 * len(w) for w in words]
    starts = np.concatenate([[0.0], np.cumsum(np.add(widths, 0.12))[:-1]])
    total, gap = width or starts[-1] + widths[-1], answer - clue - 1
    ax = canvas(ax, xlim=(-0.2, total + 0.2), ylim=(-0.3, 1.75), figsize=(max(4.0, 0.75 * total), 1.7))
    for i, (word, x, w) in enumerate(zip(words, starts, widths)):
        color = PALETTE["orange"] if i == clue else PALETTE["blue"] if i == answer else PALETTE["grey"]
        box(ax, (x, 0.0), w, 0.5, word, color=color, fill=0.45 if i in (clue, answer) else 0.12, fontsize=11)
    a, b = starts[clue] + widths[clue] / 2, starts[answer] + widths[answer] / 2
    t = np.linspace(0, np.pi, 60)
    ax.plot((a + b) / 2 - (b - a) / 2 * np.cos(t), 0.58 + 0.75 * np.sin(t), color="black", linewidth=1.2)
    ax.annotate("", (b, 0.55), (b, 0.62), arrowprops={"arrowstyle": "-|>", "color": "black"})
    ax.text((a + b) / 2, 1.38, f"{gap} word{'s' if gap != 1 else ''} in between", ha="center", va="bottom",
            fontsize=9)
    return ax


def gradient_norm_curves(norms, rates, bounds=True, ax=None):
    """||dL/dh_0|| against the steps T it travelled back (log scale): norms maps each scale of W_hh to its
    norms (T,), rates to its measured rate per step; bounds: draw each bound scale^T, dashed."""
    ax, steps = new_axes(ax, figsize=(6.5, 4)), len(next(iter(norms.values())))
    T = np.arange(1, steps + 1)
    for (scale, values), color in zip(norms.items(), CYCLE * 5):
        ax.plot(T, values, "o-", color=color, markersize=2.5, linewidth=1.8,
                label=f"scale {scale:g}: measured rate {rates[scale]:.3f}")
        if bounds:
            ax.plot(T, scale**T, "--", color=color, linewidth=1, alpha=0.8)
    ax.axhline(1.0, color=PALETTE["grey"], linewidth=0.8)
    ax.set(yscale="log", ylim=(1e-14, 1e14), xlim=(0, steps + 1), xlabel="steps back in time T",
           ylabel="gradient norm ||dL/dh_0||", title="dashed: the bound scale^T" if bounds else None)
    powers = range(-12, 13, 4)  # plain-text tick labels: faster to draw than mathtext
    ax.set_yticks([10.0**p for p in powers], ["10" + str(p).translate(_SUPERSCRIPTS) if p else "1"
                                              for p in powers])
    ax.minorticks_off()
    return tidy(ax, legend=True, fontsize=8.5, loc="lower left")


def cliff_and_attractor(w=3.0, b=0.5, steps=(1, 2, 5, 20), ax=None):
    """The 1-D recurrence h <- tanh(w h + b): the state after T steps against the start h_0 in [-1, 1], a
    curve per T in `steps`. Flat stretches are attractors; a steep step between them is a cliff."""
    ax, h0, done = new_axes(ax, figsize=(6, 3.8)), np.linspace(-1, 1, 801), 0
    h = h0.copy()
    for T, color in zip(sorted(steps), CYCLE * 40):
        for _ in range(T - done):
            h = np.tanh(w * h + b)
        done = T
        ax.plot(h0, h, color=color, linewidth=1.8, label=f"T = {T}")
    jumps = np.abs(np.diff(h))  # change of h_T between neighbouring starts, 0.0025 apart
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
    return tidy(ax, legend=True, loc="upper left", fontsize=9)
