"""Chapter 4: loops, squashing curves read by hand, long-term dependencies, gradients through time."""
import numpy as np

from rnnbook.figures._draw import arrow, box, canvas, label_ends, new_axes, reference_line, tidy
from rnnbook.figures.style import CYCLE, PALETTE, ROLE

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _curve(function, z):
    """tanh or the logistic ("tanh", "logistic") of z, and its slope."""
    values = np.tanh(z) if function == "tanh" else 0.5 * (1.0 + np.tanh(0.5 * z))  # logistic: no overflow
    return values, 1.0 - values**2 if function == "tanh" else values * (1.0 - values)


def feedback_loop(plain, squashed, gain=2.0, ax=None):
    """A value fed back into itself every day, x <- gain x (`plain`) and x <- tanh(gain x) (`squashed`)."""
    ax = new_axes(ax, figsize=(5, 3.4))
    reference_line(ax, 1.0)
    ax.plot(plain, "o-", color=PALETTE["vermillion"], markersize=3, zorder=3)
    ax.plot(squashed, "o-", color=PALETTE["blue"], markersize=3, zorder=3)
    ax.set(yscale="log", xlabel="day", ylabel="value (log scale)")
    label_ends(ax, [(len(plain) - 1, plain[-1], f"x ← {gain:g} x", PALETTE["vermillion"]),
                    (len(squashed) - 1, squashed[-1], f"x ← tanh({gain:g} x)", PALETTE["blue"])], logy=True)
    return tidy(ax)


def squash_point(x=0.5, function="tanh", ax=None):
    """A point of tanh or the logistic read by hand, the tangent there, and the slope everywhere (dashed)."""
    ax, z = new_axes(ax, figsize=(6, 3.6)), np.linspace(-5, 5, 201)
    (values, slopes), (y, slope) = _curve(function, z), _curve(function, x)
    for level in {-1.0 if function == "tanh" else 0.0, 0.0, 1.0}:
        reference_line(ax, level)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8, zorder=0)
    ax.plot(z, values, color=PALETTE["blue"], linewidth=2.2)
    ax.plot(z, slopes, "--", color=PALETTE["vermillion"], linewidth=1.5)
    ax.plot([x, x, 0], [0, y, y], ":o", color="black", linewidth=1.5, markevery=[1])  # up, the point, across
    ax.plot([x - 0.6, x + 0.6], [y - 0.6 * slope, y + 0.6 * slope], color=PALETTE["vermillion"], linewidth=2)
    ax.text(4.9, 0.9, function, color=PALETTE["blue"], ha="right", va="top", fontsize=11)
    ax.text(-0.3, slopes.max() + 0.02, "slope", color=PALETTE["vermillion"], ha="right", va="bottom")
    ax.set(xlim=(-5, 5), ylim=(values.min() - 0.12, 1.3), xlabel="input (the total vote)", ylabel="output",
           title=f"{function}({x:+.2f}) = {y:+.3f}\nslope there: {slope:.3f}")
    return tidy(ax)


def repeated_squashing(times=(1, 2, 3, 5, 10), function="logistic", ax=None):
    """The curves f(x), f(f(x)), ... of a squashing function applied `times` times, for x in [-10, 10]."""
    ax, z, ends = new_axes(ax, figsize=(5.5, 3.4)), np.linspace(-10, 10, 401), []
    for k, color in zip(sorted(times), CYCLE * 15):
        values = z
        for _ in range(k):
            values = _curve(function, values)[0]
        ax.plot(z, values, color=color, linewidth=1.8)
        ends.append((z[-1], values[-1], f"{k} time{'s' if k > 1 else ''}", color))
    ax.set(xlabel="input x", ylabel="output", xlim=(-10, 10), title=f"{function} applied again and again")
    label_ends(ax, ends)
    return tidy(ax)


def dependency_gap(words, clue, answer, width=None, ax=None):
    """A sentence as word boxes in rows at most `width` inches wide (default: one row), an arrow from the clue
    word (index `clue`, orange) to the word it decides (`answer`, blue); equal widths share one scale."""
    sizes, places, x, row = [0.14 + 0.085 * len(word) for word in words], [], 0.0, 0  # inches at 10 pt
    for size in sizes:
        row, x = (row + 1, 0.0) if width and x + size > width else (row, x)
        places.append((x, -1.0 * row))
        x += size + 0.08
    (a, ya), (b, yb) = ((places[i][0] + sizes[i] / 2, places[i][1]) for i in (clue, answer))  # centres
    top, width = 0.75 if row else 0.6 + 0.15 * (b - a), width or x
    ax = canvas(ax, xlim=(-0.05, width + 0.05), ylim=(-row - 0.1, top), figsize=(width, row + top))
    ax.set_anchor("W")  # sentences drawn one above the other start at the same left edge
    for i, (word, xy, size) in enumerate(zip(words, places, sizes)):
        color = ROLE["input"] if i == clue else ROLE["state"] if i == answer else PALETTE["grey"]
        box(ax, xy, size, 0.32, word, color=color, fill=0.45 if i in (clue, answer) else 0.12)
    arrow(ax, (a, ya + 0.36) if ya == yb else (a, ya - 0.04), (b, yb + 0.36), curve=-0.3 if ya == yb else 0)
    ax.text((a + b) / 2, top - 0.2 if ya == yb else (ya + yb + 0.32) / 2,
            f"{answer - clue - 1} word{'s' * (answer - clue != 2)} in between", ha="center", va="center",
            bbox={"facecolor": "white", "edgecolor": "none"})
    return ax


def gradient_norm_curves(norms, rates, bounds=True, ax=None):
    """||dL/dh_0|| against the steps T it travelled back (log scale): norms maps each scale of W_hh to its
    norms (T,), rates to its measured rate per step; bounds: draw each bound scale^T, dashed."""
    ax, steps = new_axes(ax, figsize=(5, 4)), len(next(iter(norms.values())))
    T, ends = np.arange(1, steps + 1), []
    reference_line(ax, 1.0)
    for (scale, values), color in zip(norms.items(), CYCLE * 5):
        ax.plot(T, values, "o-", color=color, markersize=2.5, linewidth=1.8, zorder=3)
        if bounds:
            ax.plot(T, scale**T, "--", color=color, linewidth=1, alpha=0.8)
        ends.append((steps, values[-1], f"scale {scale:g}, rate {rates[scale]:.3f}", color))
    ax.set(yscale="log", ylim=(1e-14, 1e14), xlim=(0, steps + 1), xlabel="steps back in time $T$",
           ylabel=r"gradient norm $\|\partial L / \partial h_0\|$",
           title="dashed: the bound $\\mathrm{scale}^T$" if bounds else None)
    powers = range(-12, 13, 4)  # plain-text tick labels: faster to draw than mathtext
    ax.set_yticks([10.0**p for p in powers], ["10" + str(p).translate(_SUPERSCRIPTS) if p else "1"
                                              for p in powers])
    label_ends(ax, ends, logy=True)
    return tidy(ax)


def cliff_and_attractor(w=3.0, b=0.5, steps=(1, 2, 5, 20), ax=None):
    """h <- tanh(w h + b), one unit: the state h_T against the start h_0 in [-1, 1], a curve per T."""
    ax, h0 = new_axes(ax, figsize=(6, 3.6)), np.linspace(-1, 1, 801)
    for T, color in zip(sorted(steps), CYCLE * 40):
        h = h0
        for _ in range(T):
            h = np.tanh(w * h + b)
        ax.plot(h0, h, color=color, linewidth=1.8, label=f"T = {T}")
    steep = int(np.argmax(np.abs(np.diff(h))))  # the largest change of h_T between neighbouring starts
    if abs(h[steep + 1] - h[steep]) > 0.1:  # a slope above 40 (starts 0.0025 apart): a cliff
        ax.annotate("cliff", (h0[steep], 0.0), (h0[steep] + 0.25, -0.3), arrowprops={"arrowstyle": "->"})
        for part, x in ((h[:steep + 1], h0[:steep + 1]), (h[steep + 1:], h0[steep + 1:])):
            if len(part) > 40 and np.ptp(part) < 0.05:  # flat all the way from the cliff to the edge
                ax.text(x.mean(), part.mean() + (0.08 if part.mean() < 0 else -0.18), "attractor (flat)",
                        ha="center")
    ax.set(xlabel="starting state $h_0$", ylabel="state $h_T$ after $T$ steps", ylim=(-1.1, 1.1),
           title=f"h \u2190 tanh({w:g} h + {b:g})")
    return tidy(ax, legend=True, loc="upper left", title="steps $T$")  # the upper left stays empty
