"""Chapter 5: element-wise operations, gates (faucets, a logistic layer, soft and hard), a gated memory."""
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon, Rectangle

from rnnbook.figures._draw import arrow, box, canvas, label_ends, new_axes, operator, reference_line, tidy
from rnnbook.figures.style import CYCLE, PALETTE, ROLE


def elementwise(a, b, op="add", ax=None):
    """Two vectors combined element by element, as columns of cells; op: "add" or "multiply"."""
    (a, b), n = (np.asarray(a), np.asarray(b)), len(a)
    ax = canvas(ax, xlim=(-0.4, 6.4), ylim=(-1.1, n + 0.3), figsize=(3.4, 0.5 * n + 1.2))
    result, title = (a + b, "a + b") if op == "add" else (a * b, "a × b")
    for left, values, name in ((0.0, a, "a"), (2.2, b, "b"), (4.4, result, title)):
        for i, value in enumerate(values):
            ax.add_patch(Rectangle((left, n - i - 1), 1.6, 1, facecolor="#fde7c2" if left == 4.4 else "white",
                                   edgecolor="#555555", zorder=2))
            ax.text(left + 0.8, n - i - 0.5, f"{value:g}", ha="center", va="center", fontsize=12, zorder=3)
        ax.text(left + 0.8, -0.55, name, ha="center", va="center", fontsize=11)
    for i in range(n):  # a sign and an "=" per row: each row is computed on its own
        operator(ax, (1.9, n - i - 0.5), op, radius=0.24)
        ax.text(4.1, n - i - 0.5, "=", ha="center", va="center", fontsize=12)
    return ax


def faucets(signal, openings, ax=None):
    """A gate as faucets: `signal` (one number, or one per pipe) times each opening (0 shut, 1 open)."""
    openings, n = np.asarray(openings, dtype=float), len(openings)
    signal = np.broadcast_to(np.asarray(signal, dtype=float), (n,))
    output, scale = signal * openings + 0.0, max(1.0, float(np.abs(signal).max()))  # (N,); no -0
    ax = canvas(ax, xlim=(0, 10), ylim=(0, 1.5 * n + 0.9), figsize=(6.5, 1.0 * n + 0.7))
    for x, title in ((1.1, "signal"), (5.0, "faucet"), (8.9, "output")):
        ax.text(x, 1.5 * n + 0.45, title, ha="center", va="center", fontsize=11, color=PALETTE["grey"])
    walls = []
    for i, y in enumerate(1.5 * np.arange(n, 0, -1) - 0.6):
        walls += [((1.9, y + 0.3), (8.1, y + 0.3)), ((1.9, y - 0.3), (8.1, y - 0.3))]
        for left, value in ((1.9, signal[i]), (5.4, output[i])):
            height = 0.56 * abs(value) / scale
            ax.add_patch(Rectangle((left, y - height / 2), 2.7, height, linewidth=0, zorder=1,
                                   facecolor=PALETTE["sky"] if value >= 0 else PALETTE["vermillion"]))
        shade = (1 - 0.7 * openings[i], 1 - 0.35 * openings[i], 1 - 0.1 * openings[i])  # white to light blue
        ax.add_patch(Polygon([(4.62, y + 0.3), (4.62, y - 0.3), (5.38, y + 0.3), (5.38, y - 0.3)], zorder=3,
                             facecolor=shade, edgecolor="black", linewidth=1.2))  # the valve, a bow tie
        hx, hy = 0.3 * np.cos(np.pi / 2 * (1 - openings[i])), 0.3 * np.sin(np.pi / 2 * (1 - openings[i]))
        ax.plot([5.0, 5.0], [y, y + 0.42], color="black", linewidth=1.5, zorder=3)  # the handle: along the
        ax.plot([5.0 - hx, 5.0 + hx], [y + 0.42 - hy / 2, y + 0.42 + hy / 2], color="black", linewidth=3,
                solid_capstyle="round", zorder=3)  # pipe when open, across it when shut
        ax.text(1.6, y, f"{signal[i]:.2g}", ha="right", va="center", fontsize=12)
        ax.text(8.4, y, f"{output[i]:.2g}", va="center", fontsize=12)
        ax.text(5.0, y - 0.5, f"opening {openings[i]:.2g}", ha="center", va="center")
    ax.add_collection(LineCollection(walls, colors="#555555", linewidths=2, zorder=2))
    return ax


def gate_schematic(ax=None):
    """A gate: a logistic layer turns the context x into openings g, letting g ⊙ s of the signal through."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0.2, 4.3), figsize=(6.5, 2.7))
    operator(ax, (6.0, 3.3), "multiply", radius=0.3)
    arrow(ax, (1.6, 3.3), (5.7, 3.3), width=2, color=PALETTE["sky"])
    arrow(ax, (6.3, 3.3), (8.3, 3.3), width=2, color=PALETTE["sky"])
    ax.text(1.5, 3.3, "signal $s$", ha="right", va="center", fontsize=11)
    ax.text(8.4, 3.3, "$g \\odot s$", va="center", fontsize=11)
    box(ax, (4.6, 0.7), 2.8, 1.0, "logistic layer\n$g = \\sigma(W x + b)$", color=ROLE["gate"])
    arrow(ax, (1.6, 1.2), (4.55, 1.2), width=1.5)
    ax.text(1.5, 1.2, "context $x$", ha="right", va="center", fontsize=11)
    arrow(ax, (6.0, 1.75), (6.0, 3.0), width=1.5, color=ROLE["gate"])
    ax.text(6.15, 2.35, "openings $g$,\nbetween 0 and 1", va="center")
    return ax


def memory_schematic(ax=None):
    """The gated memory c_t = f_t ⊙ c_{t-1} + x_t, held for one step to come back as the old memory."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0.3, 4.6), figsize=(6.5, 2.8))
    for x, op in ((4.0, "multiply"), (6.2, "add")):
        operator(ax, (x, 3.0), op, radius=0.3)
    for start, end in ((1.7, 3.7), (4.3, 5.9), (6.5, 8.2)):
        arrow(ax, (start, 3.0), (end, 3.0), width=2)
    ax.text(1.6, 3.0, "$c_{t-1}$", ha="right", va="center", fontsize=12)
    ax.text(8.3, 3.0, "$c_t$", va="center", fontsize=12)
    for x, color, text in ((4.0, ROLE["gate"], "forget gate $f_t$\n(how much to keep)"),
                           (6.2, ROLE["input"], "new input $x_t$")):
        arrow(ax, (x, 1.2), (x, 2.7), width=1.5, color=color)
        ax.text(x, 0.95, text, ha="center", va="top")
    arrow(ax, (8.6, 3.3), (1.3, 3.3), dashed=True, curve=0.35, color=PALETTE["grey"])
    ax.text(5.0, 3.95, "hold for one step", ha="center", va="center", color="#555555")
    return ax


def soft_and_hard_gate(ax=None):
    """The opening of a soft gate σ(z), its slope (dashed) and a hard gate (a step) against the tally z."""
    ax, z = new_axes(ax, figsize=(6, 3.2)), np.linspace(-6, 6, 241)
    soft = 1 / (1 + np.exp(-z))
    ax.plot(z, soft, color=PALETTE["blue"], linewidth=2.2)
    ax.plot(z, soft * (1 - soft), "--", color=PALETTE["blue"], linewidth=1.5)
    ax.plot([-6, 0, 0, 6], [0, 0, 1, 1], color="black", linewidth=1.5)  # the step, its jump drawn
    for xy, text, color in (((-5.8, 0.93), "hard gate: a step,\nslope 0 (none at z = 0)", "black"),
                            ((1.5, 0.6), "soft gate $\\sigma(z)$", PALETTE["blue"]),
                            ((1.9, 0.3), "its slope $\\sigma(z)(1 - \\sigma(z))$", PALETTE["blue"])):
        ax.text(*xy, text, color=color, va="top")
    ax.set(xlabel="the gate's tally $z = w x + b$", ylabel="opening (and slope)", ylim=(-0.05, 1.08))
    return tidy(ax)


def memory_curves(memories, half_lives, ax=None):
    """Pulses fading; memories: f -> memory at steps 0, 1, ...; half_lives: f -> steps (diamonds)."""
    ax, ends = new_axes(ax, figsize=(4.8, 3.4)), []
    reference_line(ax, 0.5)
    for (forget, memory), color in zip(memories.items(), CYCLE):
        life, steps = half_lives[forget], len(memory) - 1
        ax.plot(np.arange(steps + 1), memory, color=color, linewidth=1.8, marker="o", markersize=2.5)
        ax.plot([life], [0.5], marker="D", color=color, markersize=7, markeredgecolor="black", zorder=4)
        life = "never" if np.isinf(life) else f"{life:.1f} steps"
        ends.append((steps, memory[-1], f"f = {forget:g}: half-life {life}", color))
    ax.set(xlabel="steps after the pulse", ylabel="memory $c_t$", ylim=(0, 1.08), xlim=(0, steps))
    label_ends(ax, ends)
    return tidy(ax)


def memory_half_life(memory, half_life, forget, ax=None):
    """The widget's picture: a pulse fading in a gated memory (`memory` at steps 0, 1, ...), as bars."""
    ax, steps = new_axes(ax, figsize=(6.5, 3.4)), len(memory) - 1
    below = np.flatnonzero(np.asarray(memory) <= 0.5)
    colors = [PALETTE["orange" if below.size and t == below[0] else "blue"] for t in range(steps + 1)]
    reference_line(ax, 0.5)
    ax.vlines(np.arange(steps + 1), 0, memory, colors=colors, linewidth=2)
    ax.axvline(half_life, color=PALETTE["orange"], linestyle=":", linewidth=1.5)  # not drawn when infinite
    text = (f"f = {forget:g}: the memory never fades" if np.isinf(half_life) else
            f"f = {forget:g}, half-life ln 0.5 / ln f = {half_life:.2f} steps"
            + (f"\nfirst at or below 1/2: step {below[0]}" if below.size else ""))
    ax.text(0.98, 0.97, text, transform=ax.transAxes, ha="right", va="top",
            bbox={"facecolor": "white", "edgecolor": "#cccccc", "boxstyle": "round"})
    ax.set(xlabel="steps after the pulse", ylabel="memory $c_t$", ylim=(0, 1.4), xlim=(-0.8, steps + 0.8))
    return tidy(ax)

