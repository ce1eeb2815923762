"""Chapter 6's pictures: the LSTM cell with its conveyor belt and three gates, heat maps of a trained
LSTM's gates over a sentence, and one step of that sentence seen whole (every gate, the cell, the prediction).

The gate names follow `rnnbook.numpy_rnn.LSTM.trace`: "input", "forget", "candidate", "output", "cell",
"hidden". `STORY_NAMES` gives the words of the lecture's story for each of them.
"""
import numbers

import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Rectangle

from rnnbook.diagrams import _checks as checks
from rnnbook.diagrams.shapes import arrow, box, canvas
from rnnbook.plots import PALETTE, new_axes

TRACE_NAMES = ("forget", "input", "candidate", "cell", "output", "hidden")
STORY_NAMES = {
    "forget": "forget gate: what to keep",
    "input": "ignoring gate: what to let in",
    "candidate": "new possibilities",
    "cell": "memory (cell state)",
    "output": "selection gate: what to release",
    "hidden": "released (hidden state)",
}
SYMBOLS = {"forget": "$f_t$", "input": "$i_t$", "candidate": r"$\tilde c_t$", "cell": "$c_t$",
           "output": "$o_t$", "hidden": "$h_t$"}
GATE_COLORS = {"forget": PALETTE["vermillion"], "input": PALETTE["orange"], "candidate": PALETTE["green"],
               "output": PALETTE["blue"]}
_OPENING = LinearSegmentedColormap.from_list("opening", ["#ffffff", PALETTE["blue"]])
_SIGNED = LinearSegmentedColormap.from_list("signed", [PALETTE["vermillion"], "#ffffff", PALETTE["blue"]])


def _operation(ax, xy, symbol):
    """A small circle holding + (element-wise sum) or × (element-wise product)."""
    ax.add_patch(Circle(xy, 0.28, facecolor=PALETTE["yellow"], edgecolor="black", linewidth=1.2, zorder=3))
    ax.text(*xy, symbol, ha="center", va="center", fontsize=13, zorder=4)


def _squash(ax, xy, label):
    """A small ellipse holding the name of a squashing function."""
    ax.add_patch(Ellipse(xy, 1.0, 0.5, facecolor="#ffffff", edgecolor="black", linewidth=1.2, zorder=3))
    ax.text(*xy, label, ha="center", va="center", fontsize=9, zorder=4)


def lstm_cell(story=True, ax=None):
    """The LSTM cell: the cell state runs along the top like a conveyor belt; the forget gate, the input
    gate with the candidate and the output gate each read the input and the previous hidden state.

    Parameters
    ----------
    story : bool
        Also write under each layer the words the lecture's story uses for it.
    ax : matplotlib Axes or None
        Where to draw; a new figure when None.
    """
    if not isinstance(story, (bool, np.bool_)):
        raise TypeError(f"story must be True or False; got {story!r}")
    ax = canvas(ax, xlim=(0, 13), ylim=(-0.6, 7.2), figsize=(9, 5.4))
    ax.add_patch(FancyBboxPatch((1.0, -0.15), 10.6, 6.65, boxstyle="round,pad=0.02,rounding_size=0.3",
                                facecolor="#f3f3f3", edgecolor="black", linewidth=1.2, zorder=0))
    belt_y, bus_y = 5.6, 1.3
    # the conveyor belt: c_{t-1} -> x f -> + i*g -> c_t
    arrow(ax, (0.0, belt_y), (2.72, belt_y), width=2.5)
    _operation(ax, (3.0, belt_y), "×")
    arrow(ax, (3.28, belt_y), (6.22, belt_y), width=2.5)
    _operation(ax, (6.5, belt_y), "+")
    arrow(ax, (6.78, belt_y), (13.0, belt_y), width=2.5)
    ax.text(0.1, belt_y + 0.3, "$c_{t-1}$", fontsize=12)
    ax.text(12.2, belt_y + 0.3, "$c_t$", fontsize=12)
    ax.text(4.7, belt_y + 0.55, "cell state: the conveyor belt", ha="center", fontsize=9, style="italic")
    # the bus that carries [h_{t-1}, x_t] to every layer
    arrow(ax, (0.0, bus_y), (8.3, bus_y), style="-")
    ax.text(0.1, bus_y + 0.2, "$h_{t-1}$", fontsize=12)
    arrow(ax, (1.6, -0.6), (1.6, bus_y), style="-")
    ax.text(1.75, -0.45, "$x_t$", fontsize=12)
    layers = {"forget": (3.0, r"$\sigma$"), "input": (4.6, r"$\sigma$"), "candidate": (6.2, "tanh"),
              "output": (8.0, r"$\sigma$")}
    for name, (x, squash) in layers.items():
        arrow(ax, (x, bus_y), (x, 2.35), shrink=0.0)
        box(ax, (x - 0.55, 2.35), 1.1, 0.75, f"{squash} {SYMBOLS[name]}", color=GATE_COLORS[name], fill=0.45,
            fontsize=11)
        if story:
            label = STORY_NAMES[name].replace(": ", ":\n")
            ax.text(x, 1.12 if name in ("forget", "candidate") else 0.45, label, ha="center", va="top",
                    fontsize=7.5, color=GATE_COLORS[name] if name != "input" else "#a06e00")
    arrow(ax, (3.0, 3.1), (3.0, belt_y - 0.28))  # f into the product on the belt
    _operation(ax, (5.4, 4.1), "×")  # i * g
    arrow(ax, (4.6, 3.1), (5.2, 3.9))
    arrow(ax, (6.2, 3.1), (5.6, 3.9))
    arrow(ax, (5.4, 4.38), (6.3, belt_y - 0.22))
    # the output: h_t = o * tanh(c_t)
    arrow(ax, (9.6, belt_y), (9.6, 4.75), style="-")
    _squash(ax, (9.6, 4.5), "tanh")
    arrow(ax, (9.6, 4.25), (9.6, 3.28))
    _operation(ax, (9.6, 3.0), "×")
    arrow(ax, (8.0, 3.1), (9.32, 3.0))
    arrow(ax, (9.88, 3.0), (13.0, 3.0), width=2.0)
    ax.text(12.2, 3.2, "$h_t$", fontsize=12)
    if story:
        ax.text(10.6, 4.5, "keeps it\nin range", fontsize=7.5, va="center")
        ax.text(12.3, 2.75, "the prediction\nand the next\nstep's $h_{t-1}$", fontsize=7, va="top", ha="center")
    return ax


def _trace_dict(trace, name="trace"):
    """Check a trace: a dict holding the six TRACE_NAMES, each a finite (T, H) array of one shape."""
    if not isinstance(trace, dict):
        raise TypeError(f"{name} must be a dict of (T, H) arrays (LSTM.trace with B = 1 squeezed); "
                        f"got {type(trace).__name__}")
    missing = [key for key in TRACE_NAMES if key not in trace]
    if missing:
        raise ValueError(f"{name} must hold the keys {TRACE_NAMES}; missing {missing}")
    first = np.asarray(trace["forget"], dtype=float)
    if first.ndim != 2 or 0 in first.shape:
        raise ValueError(f"{name}['forget'] must have shape (T, H) with T, H >= 1; got {first.shape}")
    return {key: checks.real_array(trace[key], f"{name}[{key!r}]", first.shape) for key in TRACE_NAMES}


def _word_list(words, length, name="words"):
    """`words` as a tuple of `length` strings."""
    words = checks.names(words, name)
    if len(words) != length:
        raise ValueError(f"{name} must hold one word per step ({length}); got {len(words)}")
    return words


def trace_heatmap(values, words, title=None, signed=True, ax=None):
    """One quantity of the LSTM over a sentence, as a heat map with a column per word and a row per unit.

    Parameters
    ----------
    values : array (T, H)
        The quantity at every step, e.g. ``model.trace["cell"][:, 0]``.
    words : list of T strings
        The words read, one per column.
    title : str or None
        The title of the panel.
    signed : bool
        Colour -1 vermillion, 0 white, 1 blue (states); if False, 0 white and 1 blue (gate openings).
    ax : matplotlib Axes or None
        Where to draw; a new figure when None.
    """
    values = np.asarray(values, dtype=float) if not isinstance(values, dict) else values
    if isinstance(values, dict) or values.ndim != 2:
        raise ValueError(f"values must be a (T, H) array; got {getattr(values, 'shape', type(values))}")
    values = checks.real_array(values, "values", values.shape)
    words = _word_list(words, values.shape[0])
    if not isinstance(signed, (bool, np.bool_)):
        raise TypeError(f"signed must be True or False; got {signed!r}")
    T, H = values.shape
    ax = new_axes(ax, figsize=(0.55 * T + 1.5, 0.18 * H + 1.2))
    ax.figure.set_facecolor("white")
    cmap, vmin = (_SIGNED, -1.0) if signed else (_OPENING, 0.0)
    ax.imshow(values.T, cmap=cmap, vmin=vmin, vmax=1.0, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(T), words)
    ax.set_yticks([0, H - 1], ["unit 1", f"unit {H}"])
    ax.tick_params(length=0, labelsize=8)
    if title:
        ax.set_title(title, fontsize=9)
    return ax


def lstm_step(trace, words, probs, vocab, position, ax=None):
    """Everything the LSTM computes at one word of a sentence: the sentence (the word read now boxed), one
    row of squares per gate and state (a square per unit), and the prediction for the next word as bars.

    Parameters
    ----------
    trace : dict of arrays (T, H)
        The keys of ``TRACE_NAMES``: an ``LSTM.trace`` for one sequence (batch axis removed).
    words : list of T strings
        The words read.
    probs : array (T, V)
        The predicted probabilities of the next word after each word.
    vocab : list of V strings
        The names of the predicted words.
    position : int
        The step shown, 0 to T - 1.
    ax : matplotlib Axes or None
        Where to draw; a new figure when None.
    """
    trace = _trace_dict(trace)
    T, H = trace["forget"].shape
    words = _word_list(words, T)
    vocab = checks.names(vocab, "vocab")
    probs = checks.real_array(probs, "probs", (T, len(vocab)))
    if np.any(probs < -1e-9) or np.any(probs > 1 + 1e-9):
        raise ValueError("probs must hold probabilities, numbers in [0, 1]")
    if isinstance(position, (bool, np.bool_)) or not isinstance(position, numbers.Integral):
        raise TypeError(f"position must be an int; got {position!r}")
    position = checks.count(position, "position", 0, T - 1)
    ax = canvas(ax, xlim=(0, 16), ylim=(0.3, 9.3), figsize=(9, 5.1))
    # the sentence, the word read now boxed
    step = min(1.3, 15.0 / T)
    for t, word in enumerate(words):
        x = 0.5 + step * (t + 0.5)
        now = t == position
        ax.text(x, 8.8, word, ha="center", va="center", fontsize=11, fontweight="bold" if now else "normal",
                color="black" if t <= position else PALETTE["grey"],
                bbox=dict(boxstyle="round,pad=0.25", facecolor=PALETTE["yellow"], edgecolor="black")
                if now else None)
    # a row of squares per quantity
    size = min(0.42, 7.0 / H)
    squares, colors = [], []
    for row, name in enumerate(TRACE_NAMES):
        y = 7.3 - 1.05 * row
        ax.text(0.2, y + size / 2 + 0.08, STORY_NAMES[name], fontsize=8, va="bottom")
        ax.text(0.2, y - 0.05, SYMBOLS[name], fontsize=10, va="center")
        signed = name in ("candidate", "cell", "hidden")
        cmap, low = (_SIGNED, -1.0) if signed else (_OPENING, 0.0)
        for unit, value in enumerate(trace[name][position]):
            color = cmap((np.clip(value, low, 1.0) - low) / (1.0 - low))
            squares.append(Rectangle((1.2 + unit * size, y - size / 2), size * 0.92, size * 0.92))
            colors.append(color)
    ax.add_collection(PatchCollection(squares, facecolors=colors, edgecolors=PALETTE["grey"], linewidths=0.5))
    ax.text(1.2, 0.55, "squares: one per unit; white 0, blue +1, vermillion -1 (gates: white shut, blue open)",
            fontsize=7.5, color="#555555")
    # the prediction for the next word
    left, width = 11.6, 3.6
    ax.text(left, 7.75, "prediction for the next word", fontsize=9)
    for k, (item, p) in enumerate(zip(vocab, probs[position])):
        y = 7.1 - 0.75 * k
        ax.add_patch(Rectangle((left, y - 0.25), width, 0.5, facecolor="#f2f2f2", edgecolor="none"))
        ax.add_patch(Rectangle((left, y - 0.25), width * p, 0.5, facecolor=PALETTE["sky"], edgecolor="none"))
        ax.text(left - 0.15, y, item, ha="right", va="center", fontsize=10)
        ax.text(left + width + 0.1, y, f"{p:.2f}", va="center", fontsize=9)
    return ax
