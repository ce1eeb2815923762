"""Chapter 6: the LSTM cell, a trained LSTM's gates over a sentence, and one step of it gate by gate (also the
widget's picture); names as in `rnnbook.numpy_rnn.LSTM.trace`. Diagrams: gates purple, states blue, inputs
orange, outputs green; maps: gates 0 white to 1 purple, states -1 vermillion, 0 white, +1 blue."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Ellipse, Rectangle

from rnnbook.figures._draw import arrow, box, canvas, cell_inputs, operator, wire
from rnnbook.figures.style import PALETTE, ROLE

_GATE = LinearSegmentedColormap.from_list("gate", ["#ffffff", ROLE["gate"]])
_SIGNED = LinearSegmentedColormap.from_list("signed", [PALETTE["vermillion"], "#ffffff", ROLE["state"]])
_NAMES = {"forget": "forget gate $f_t$", "input": "input gate $i_t$", "candidate": r"candidate $\tilde c_t$",
          "cell": "cell state $c_t$", "output": "output gate $o_t$", "hidden": "hidden state $h_t$"}
_GATES = ("forget", "input", "output")


def lstm_cell(ax=None):
    """The LSTM cell: the cell state runs along the top like a conveyor belt; the gates and the candidate read
    h_{t-1} and x_t, and each is named by its job in the chapter's story."""
    ax, belt, bus = canvas(ax, xlim=(0, 13), ylim=(0, 6.8), figsize=(6.7, 3.5)), 5.9, 1.2
    wire(ax, [(0.2, belt), (12.8, belt)], ROLE["state"], width=3)
    ax.text(0.2, belt + 0.2, "$c_{t-1}$", fontsize=13)
    ax.text(12.8, belt + 0.2, "$c_t$", fontsize=13, ha="right")
    ax.text(8.7, belt + 0.3, "cell state: the conveyor belt", fontsize=10, style="italic", ha="center")
    for xy, op in (((3.0, belt), "multiply"), ((6.2, belt), "add"), ((6.2, 4.4), "multiply"),
                   ((10.6, 2.85), "multiply")):
        operator(ax, xy, op)
    cell_inputs(ax, bus, 1.6, 9.0)
    for x, (name, squash, job) in zip((3.0, 5.2, 7.2, 9.0), (
            ("f_t", r"\sigma", "keep"), ("i_t", r"\sigma", "let in"), (r"\tilde c_t", r"\tanh", "propose"),
            ("o_t", r"\sigma", "release"))):
        wire(ax, [(x, bus), (x, 2.4)])
        box(ax, (x - 0.75, 2.4), 1.5, 0.95, f"${squash}\\ {name}$\n{job}", fontsize=10,
            color=ROLE["output"] if squash == r"\tanh" else ROLE["gate"], fill=0.3)
    for points, color in (([(3.0, 3.35), (3.0, belt - 0.28)], ROLE["gate"]),
                          ([(5.2, 3.35), (5.2, 4.4), (5.92, 4.4)], ROLE["gate"]),
                          ([(7.2, 3.35), (7.2, 4.4), (6.48, 4.4)], ROLE["output"]),
                          ([(6.2, 4.68), (6.2, belt - 0.28)], "black"),
                          ([(9.7, 2.85), (10.32, 2.85)], ROLE["gate"]),
                          ([(10.6, belt), (10.6, 4.65)], ROLE["state"]),
                          ([(10.6, 4.15), (10.6, 3.13)], ROLE["state"]),
                          ([(10.88, 2.85), (12.8, 2.85)], ROLE["output"])):
        wire(ax, points, color, width=2.5 if color == ROLE["output"] and points[0][0] > 10 else 1.5)
    ax.add_patch(Ellipse((10.6, 4.4), 1.1, 0.5, facecolor="white", edgecolor="black", linewidth=1.2,
                         zorder=3))
    ax.text(10.6, 4.4, "tanh", ha="center", va="center", fontsize=10, zorder=4)
    ax.text(12.8, 3.05, "$h_t$", fontsize=13, ha="right")
    return ax


def trace_heatmaps(trace, words):
    """The six quantities of `trace` (each (T, H)) over a sentence, a column per word and a row per unit: the
    gates on the left on one colour scale, the candidate and the states on the right on another."""
    fig, axes = plt.subplots(3, 2, figsize=(6.6, 7.4), sharex=True, sharey=True, layout="constrained",
                             facecolor="white")
    T, H = np.shape(trace["forget"])
    for column, names in enumerate((_GATES, ("candidate", "cell", "hidden"))):
        for ax, name in zip(axes[:, column], names):
            image = ax.imshow(np.transpose(trace[name]), cmap=_SIGNED if column else _GATE, vmin=-column,
                              vmax=1.0, aspect="auto", interpolation="nearest")
            ax.set_title(_NAMES[name], fontsize=11)
        fig.colorbar(image, ax=axes[:, column], location="bottom", shrink=0.9,
                     label="value: -1 to +1" if column else "opening: 0 shut, 1 open")
    axes[0, 0].set_xticks(range(T), words, rotation=90)
    axes[0, 0].set_yticks([0, H - 1], ["unit 1", f"unit {H}"])
    for ax in axes.flat:
        ax.tick_params(length=0, labelsize=10)
    return fig


def lstm_step(trace, words, probs, vocab, position, ax=None):
    """The LSTM at word `position` of a sentence (boxed), gate by gate in the order of the step: a row of
    squares (one per unit) per quantity of `trace` (T, H each), and the prediction `probs[position]` over
    `vocab` for the next word as bars; what `position` does not change has gid "frame" (the widget keeps
    it)."""
    (T, H), ax = np.shape(trace["forget"]), canvas(ax, xlim=(0, 16), ylim=(0, 6.3), figsize=(6.7, 2.7))
    for t, word in enumerate(words):
        ax.text(0.2 + 15.6 / T * (t + 0.5), 5.85, word, ha="center", va="center", fontsize=11,
                color="black" if t <= position else PALETTE["grey"], fontweight="bold" if t == position
                else "normal", bbox={"boxstyle": "round,pad=0.2", "facecolor": PALETTE["yellow"]}
                if t == position else None)
    previous = trace["cell"][position - 1] if position else np.zeros(H)
    rows = [("old cell $c_{t-1}$", previous), *((_NAMES[name], trace[name][position]) for name in (
        "forget", "input", "candidate", "cell", "output", "hidden"))]
    size, squares, colors = min(0.45, 7.4 / H), [], []
    for row, (label, values) in enumerate(rows):
        y = 4.85 - 0.6 * row
        ax.text(3.6, y, label.replace("cell state", "new cell"), ha="right", va="center", fontsize=10,
                gid="frame")
        colors += list(_GATE(np.clip(values, 0, 1)) if label.split()[0] in _GATES
                       else _SIGNED((np.clip(values, -1, 1) + 1) / 2))
        squares += [Rectangle((3.8 + u * size, y - size / 2), size * 0.9, size * 0.9) for u in range(H)]
    ax.add_collection(PatchCollection(squares, facecolors=colors, edgecolors=PALETTE["grey"], linewidths=0.5))
    ax.text(0.2, 0.3, "gates: white 0 (shut) to purple 1 (open);  others: vermillion -1, white 0, blue +1",
            fontsize=10, color="#444444", gid="frame")
    ax.text(11.7, 4.85, "next word", fontsize=10, va="center", gid="frame")
    for k, (item, p) in enumerate(zip(vocab, probs[position])):
        y = 4.25 - 0.6 * k
        ax.add_patch(Rectangle((13.0, y - 0.22), 2.0, 0.44, facecolor="#eeeeee", gid="frame"))
        ax.add_patch(Rectangle((13.0, y - 0.22), 2.0 * p, 0.44, facecolor=ROLE["output"]))
        ax.text(12.9, y, item, ha="right", va="center", fontsize=10, gid="frame")
        ax.text(15.05, y, f"{p:.2f}", va="center", fontsize=10)
    return ax
