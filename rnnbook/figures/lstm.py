"""Chapter 6: the LSTM cell, a trained LSTM's gates over a sentence, one step of it seen whole (the widget),
and the gradient that reaches a cue against the lag; names as in `rnnbook.numpy_rnn.LSTM.trace`, with the
words of the chapter's story."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle

from rnnbook.figures._draw import arrow, box, canvas, new_axes, operator, tidy
from rnnbook.figures.style import PALETTE

_TRACE_NAMES = ("forget", "input", "candidate", "cell", "output", "hidden")
_STORY_NAMES = {"forget": "forget gate: what to keep", "input": "ignoring gate: what to let in",
               "candidate": "new possibilities", "cell": "memory (cell state)",
               "output": "selection gate: what to release", "hidden": "released (hidden state)"}
_SYMBOLS = {"forget": "$f_t$", "input": "$i_t$", "candidate": r"$\tilde c_t$", "cell": "$c_t$",
           "output": "$o_t$", "hidden": "$h_t$"}
_SIGNED_NAMES = ("candidate", "cell", "hidden")  # values in [-1, 1]; the gates' openings are in [0, 1]
_LAYERS = {"forget": (3.0, r"$\sigma$", PALETTE["vermillion"]), "candidate": (6.2, "tanh", PALETTE["green"]),
           "input": (4.6, r"$\sigma$", PALETTE["orange"]), "output": (8.0, r"$\sigma$", PALETTE["blue"])}
_OPENING = LinearSegmentedColormap.from_list("opening", ["#ffffff", PALETTE["blue"]])
_SIGNED = LinearSegmentedColormap.from_list("signed", [PALETTE["vermillion"], "#ffffff", PALETTE["blue"]])


def lstm_cell(story=True, ax=None):
    """The LSTM cell: the cell state runs along the top like a conveyor belt; the gates and the candidate read
    the input and the last hidden state. story: write the words of the chapter's story under them."""
    ax = canvas(ax, xlim=(0, 13), ylim=(-0.6, 7.2), figsize=(9, 5.4))
    ax.add_patch(FancyBboxPatch((1.0, -0.15), 10.6, 6.65, boxstyle="round,pad=0.02,rounding_size=0.3",
                                facecolor="#f3f3f3", edgecolor="black", linewidth=1.2, zorder=0))
    belt, bus = 5.6, 1.3
    for start, end in ((0.0, 2.72), (3.28, 6.22), (6.78, 13.0)):  # c_{t-1} -> x f -> + i g -> c_t
        arrow(ax, (start, belt), (end, belt), width=2.5)
    for xy, op in (((3.0, belt), "multiply"), ((6.5, belt), "add"), ((5.4, 4.1), "multiply"),
                   ((9.6, 3.0), "multiply")):
        operator(ax, xy, op)
    for x, y, text in ((0.1, belt + 0.3, "$c_{t-1}$"), (12.2, belt + 0.3, "$c_t$"), (12.2, 3.2, "$h_t$"),
                       (0.1, bus + 0.2, "$h_{t-1}$"), (1.75, -0.45, "$x_t$")):
        ax.text(x, y, text, fontsize=12)
    ax.text(4.7, belt + 0.55, "cell state: the conveyor belt", ha="center", fontsize=9, style="italic")
    arrow(ax, (0.0, bus), (8.3, bus), style="-")  # the bus that carries h_{t-1} and x_t to every layer
    arrow(ax, (1.6, -0.6), (1.6, bus), style="-")
    for name, (x, squash, color) in _LAYERS.items():
        arrow(ax, (x, bus), (x, 2.35))
        box(ax, (x - 0.55, 2.35), 1.1, 0.75, f"{squash} {_SYMBOLS[name]}", color=color, fill=0.45,
            fontsize=11)
        if story:
            below = 1.12 if name in ("forget", "candidate") else 0.45  # two rows of labels, so they fit
            ax.text(x, below, _STORY_NAMES[name].replace(": ", ":\n"), ha="center", va="top", fontsize=7.5,
                    color="#a06e00" if name == "input" else color)
    for start, end in (((3.0, 3.1), (3.0, belt - 0.28)), ((4.6, 3.1), (5.2, 3.9)), ((6.2, 3.1), (5.6, 3.9)),
                       ((5.4, 4.38), (6.3, belt - 0.22)), ((9.6, 4.25), (9.6, 3.28)),
                       ((8.0, 3.1), (9.32, 3.0))):
        arrow(ax, start, end)  # f onto the belt, i * g added to it, o * tanh(c_t) out
    arrow(ax, (9.6, belt), (9.6, 4.75), style="-")
    ax.add_patch(Ellipse((9.6, 4.5), 1.0, 0.5, facecolor="white", edgecolor="black", linewidth=1.2, zorder=3))
    ax.text(9.6, 4.5, "tanh", ha="center", va="center", fontsize=9, zorder=4)
    arrow(ax, (9.88, 3.0), (13.0, 3.0), width=2.0)
    if story:
        ax.text(10.6, 4.5, "keeps it\nin range", fontsize=7.5, va="center")
        ax.text(12.3, 2.75, "the prediction\nand the next\nstep's $h_{t-1}$", fontsize=7, va="top",
                ha="center")
    return ax


def trace_heatmaps(trace, words):
    """The six quantities of `trace` (each (T, H)) over a sentence, a panel each: a column per word, a row per
    unit; states -1 vermillion, 0 white, 1 blue; gate openings 0 white, 1 blue."""
    fig, axes = plt.subplots(2, 3, figsize=(10, 5.2), facecolor="white")
    for ax, name in zip(axes.flat, _TRACE_NAMES):
        T, H = np.shape(trace[name])
        cmap, vmin = (_SIGNED, -1.0) if name in _SIGNED_NAMES else (_OPENING, 0.0)
        ax.imshow(np.transpose(trace[name]), cmap=cmap, vmin=vmin, vmax=1.0, aspect="auto",
                  interpolation="nearest")
        ax.set_xticks(range(T), words)
        ax.set_yticks([0, H - 1], ["unit 1", f"unit {H}"])
        ax.tick_params(length=0, labelsize=8)
        ax.set_title(_STORY_NAMES[name], fontsize=9)
    fig.tight_layout()
    return fig


def lstm_step(trace, words, probs, vocab, position, ax=None):
    """The LSTM at word `position` of a sentence (boxed): a row of squares (units) per gate and state of
    `trace` (T, H each), and the prediction `probs[position]` over `vocab` for the next word as bars; what
    `position` does not change has gid "frame" (the widget draws it once)."""
    (T, H), ax = np.shape(trace["forget"]), canvas(ax, xlim=(0, 16), ylim=(0.3, 9.3), figsize=(9, 5.1))
    step = min(1.3, 15.0 / T)
    for t, word in enumerate(words):
        now = t == position
        ax.text(0.5 + step * (t + 0.5), 8.8, word, ha="center", va="center", fontsize=11,
                fontweight="bold" if now else "normal", color="black" if t <= position else PALETTE["grey"],
                bbox={"boxstyle": "round,pad=0.25", "facecolor": PALETTE["yellow"], "edgecolor": "black"}
                if now else None)
    size, squares, colors = min(0.42, 7.0 / H), [], []
    for row, name in enumerate(_TRACE_NAMES):
        y = 7.3 - 1.05 * row
        ax.text(0.2, y + size / 2 + 0.08, _STORY_NAMES[name], fontsize=8, va="bottom", gid="frame")
        ax.text(0.2, y - 0.05, _SYMBOLS[name], fontsize=10, va="center", gid="frame")
        values = trace[name][position]
        colors += list(_SIGNED((np.clip(values, -1, 1) + 1) / 2) if name in _SIGNED_NAMES
                       else _OPENING(np.clip(values, 0, 1)))
        squares += [Rectangle((1.2 + u * size, y - size / 2), size * 0.92, size * 0.92) for u in range(H)]
    ax.add_collection(PatchCollection(squares, facecolors=colors, edgecolors=PALETTE["grey"], linewidths=0.5))
    ax.text(1.2, 0.55, "squares: one per unit; white 0, blue +1, vermillion -1 (gates: white shut, blue "
            "open)", fontsize=7.5, color="#555555", gid="frame")
    left, width = 11.6, 3.6
    ax.text(left, 7.75, "prediction for the next word", fontsize=9, gid="frame")
    for k, (item, p) in enumerate(zip(vocab, probs[position])):
        y = 7.1 - 0.75 * k
        ax.add_patch(Rectangle((left, y - 0.25), width, 0.5, facecolor="#f2f2f2", gid="frame"))
        ax.add_patch(Rectangle((left, y - 0.25), width * p, 0.5, facecolor=PALETTE["sky"]))
        ax.text(left - 0.15, y, item, ha="right", va="center", fontsize=10, gid="frame")
        ax.text(left + width + 0.1, y, f"{p:.2f}", va="center", fontsize=9)
    return ax
