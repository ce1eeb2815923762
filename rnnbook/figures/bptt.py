"""Chapter 9: which steps a loss reaches under truncated BPTT in chunks of k steps (steps numbered from 1),
and a grid of labelled cells (accuracies, sliding windows, a text coloured character by character)."""
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import Normalize

from rnnbook.figures._draw import arrow, box, canvas, new_axes, outline
from rnnbook.figures.style import PALETTE, ROLE


def gradient_reach(k, loss_step, delay=None, losses=None, num_steps=12, ax=None):
    """The steps the loss at `loss_step` sends gradient to, cut every k; delay: the input it needs back then;
    losses: (k, delay) -> the loss trained."""
    reached, width = range((loss_step - 1) // k * k + 1, loss_step + 1), num_steps + 0.6  # its chunk up to it
    ax = canvas(ax, xlim=(-0.2, width), ylim=(-1.45, 3.05), figsize=(9, 3.3))
    xs = 0.7 + np.arange(num_steps)  # the centre of step t + 1
    for start in range(1, num_steps + 1, 2 * k):  # shade every other chunk
        ax.axvspan(xs[start - 1] - 0.5, xs[min(start + k - 1, num_steps) - 1] + 0.5, ymin=0.08, ymax=0.85,
                   color=PALETTE["grey"], alpha=0.12, linewidth=0)
    for cut in range(k, num_steps, k):  # the state is detached between h_cut and h_cut+1
        ax.plot([xs[cut - 1] + 0.5] * 2, [-0.95, 2.3], color="black", linestyle="--", linewidth=1)
    needed = None if delay is None or loss_step - delay < 1 else loss_step - delay
    orange, red, grey = PALETTE["orange"], ROLE["gradient"], PALETTE["grey"]
    for t, x in enumerate(xs, start=1):
        box(ax, (x - 0.3, 0.65), 0.6, 0.6, f"h{t}", color=orange, fill=0.75 * (t in reached), fontsize=9)
        color = (PALETTE["green"] if t in reached else grey) if t == needed else "black"
        ax.text(x, -0.35, f"x{t}", ha="center", va="center", fontsize=9, color=color,
                fontweight="bold" if t == needed else "normal")
        arrow(ax, (x, -0.15), (x, 0.6), color=grey, width=0.8)
        if t < num_steps:
            arrow(ax, (x + 0.3, 1.05), (x + 0.7, 1.05), width=1.0)
        if t > reached.start and t in reached:
            arrow(ax, (x - 0.3, 0.85), (x - 0.7, 0.85), color=red, width=1.8)
    loss_x = xs[loss_step - 1]
    box(ax, (loss_x - 0.35, 1.75), 0.7, 0.45, f"L{loss_step}", color=red, fill=0.3, fontsize=9)
    arrow(ax, (loss_x, 1.3), (loss_x, 1.72), width=1.0)
    arrow(ax, (loss_x + 0.12, 1.72), (loss_x + 0.12, 1.3), color=red, width=1.8)
    first, last = reached.start, reached.stop - 1
    span = f"step {first}" if first == last else f"steps {first} to {last}"
    ax.text(width / 2, 2.85, f"k = {k}: the loss at step {loss_step} sends gradient to {span}", ha="center",
            va="center", fontsize=10)
    if needed is not None:
        inside = needed in reached
        ax.annotate("", (xs[needed - 1], -0.55), (loss_x, -0.55), arrowprops={
            "arrowstyle": "-|>", "color": PALETTE["green" if inside else "grey"],
            "connectionstyle": "arc3,rad=-0.25", "linewidth": 1.2})
        verdict = "the gradient links them" if inside else "a cut lies between: no gradient links them"
        note = f"it needs x{needed} (delay {delay}), {verdict}"
        if losses and (k, delay) in losses:
            note += f"; trained with k = {k}, delay {delay}: loss {losses[(k, delay)]:.3f}"
        ax.text(width / 2, -1.3, note, ha="center", va="center", fontsize=9)
    return ax


def cell_grid(values, labels, rows=(), columns=(), outlined=(), cmap="Blues", limits=(0, 1), ax=None,
              figsize=(6, 2.6), fontsize=9):
    """Cells coloured by `values` (R, C) on the scale `limits` (NaN: blank), cell (i, j) labelled labels[i][j];
    or `labels` one text laid out line by line, one value per character. outlined: (i, j) cells framed."""
    if isinstance(labels, str):  # a text: one row per line, "\n" drawn as a return sign at the line's end
        lines = [line + "\u21b5" for line in labels.split("\n")]
        lines[-1], values = lines[-1][:-1], np.asarray(values, dtype=float)
        width = max(map(len, lines))
        ends = np.cumsum([0] + [len(line) for line in lines])
        labels = [list(line.ljust(width)) for line in lines]
        values = np.array([np.pad(values[a:b], (0, width - b + a), constant_values=np.nan)
                           for a, b in zip(ends, ends[1:])])  # (lines, width)
    values, norm, colours = np.asarray(values, dtype=float), Normalize(*limits), colormaps[cmap]
    ax = new_axes(ax, figsize=figsize)
    ax.imshow(np.ma.masked_invalid(values), cmap=colours, norm=norm, aspect="auto")
    rgb = np.where(np.isfinite(values)[..., None], colours(norm(values))[..., :3], 1.0)  # NaN: white
    for (i, j), dark in np.ndenumerate(rgb @ [0.3, 0.59, 0.11] < 0.5):
        if labels[i][j].strip():  # a space is drawn as nothing, without a text
            ax.text(j, i, labels[i][j], ha="center", va="center", fontsize=fontsize,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    for i, j in outlined:
        outline(ax, i, j, size=0.9, width=1.5)
    return ax
