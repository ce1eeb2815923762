"""Chapter 9: the backward flow of BPTT, the steps a loss reaches in chunks of k, a grid of labelled cells."""
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import Normalize

from rnnbook.figures._draw import arrow, box, canvas, new_axes, outline
from rnnbook.figures.style import PALETTE, ROLE


def gradient_reach(k, loss_step, delay=None, losses=None, num_steps=12, ax=None):
    """The steps the loss at `loss_step` sends gradient to, cut every k; delay: the input it needs back then;
    losses: (k, delay) -> the loss trained."""
    reached, width = range((loss_step - 1) // k * k + 1, loss_step + 1), num_steps + 0.6  # its chunk up to it
    ax = canvas(ax, xlim=(-0.2, width), ylim=(-2.1 if delay else -1.0, 2.4), figsize=(6.7, 2.6))
    xs = 0.7 + np.arange(num_steps)  # the centre of step t + 1
    for start in range(1, num_steps + 1, 2 * k):  # shade every other chunk
        ax.fill_betweenx([-0.75, 2.3], xs[start - 1] - 0.5, xs[min(start + k - 1, num_steps) - 1] + 0.5,
                         color=PALETTE["grey"], alpha=0.12, linewidth=0)
    for cut in range(k, num_steps, k):  # the state is detached between h_cut and h_cut+1
        ax.plot([xs[cut - 1] + 0.5] * 2, [-0.95, 2.3], color="black", linestyle="--", linewidth=1)
    needed = None if delay is None or loss_step - delay < 1 else loss_step - delay
    red, link = ROLE["gradient"], PALETTE["green" if needed in reached else "grey"]  # needed input
    for t, x in enumerate(xs, start=1):
        box(ax, (x - 0.3, 0.65), 0.6, 0.6, f"$h_{{{t}}}$", color=red if t in reached else PALETTE["sky"])
        ax.text(x, -0.35, f"$x_{{{t}}}$", ha="center", va="center", color=link if t == needed else "black")
        arrow(ax, (x, -0.15), (x, 0.6), color=PALETTE["grey"], width=0.8)
        if t < num_steps:
            arrow(ax, (x + 0.3, 1.05), (x + 0.7, 1.05), width=1.0)
        if t > reached.start and t in reached:
            arrow(ax, (x - 0.3, 0.85), (x - 0.7, 0.85), color=red, width=1.8)
    loss_x = xs[loss_step - 1]
    box(ax, (loss_x - 0.35, 1.75), 0.7, 0.45, f"$\\ell_{{{loss_step}}}$", color=red, fill=0.3)
    arrow(ax, (loss_x, 1.3), (loss_x, 1.72), width=1.0)
    arrow(ax, (loss_x + 0.12, 1.72), (loss_x + 0.12, 1.3), color=red, width=1.8)
    span = f"step {loss_step}" if reached.start == loss_step else f"steps {reached.start} to {loss_step}"
    ax.set_title(f"k = {k}: the loss at step {loss_step} sends gradient to {span}", fontsize=10)
    if needed is not None:
        verdict = "the gradient links them" if needed in reached else "a cut lies between them"
        arrow(ax, (loss_x, -0.55), (xs[needed - 1], -0.55), color=link, curve=-0.15)
        note = f"it needs $x_{{{needed}}}$ (delay {delay}): {verdict}"
        if losses and (k, delay) in losses:
            note += f"\ntrained with k = {k}, delay {delay}: loss {losses[(k, delay)]:.3f}"
        ax.text(width / 2, -1.65, note, ha="center", va="center")
    return ax


def backward_flow(num_steps=6, k=None, ax=None):
    """BPTT's backward pass: delta_t = g_t + W_hh^T e_t+1 flows back step by step; in chunks of k, not across
    the cuts."""
    ax = canvas(ax, xlim=(0.6, num_steps * 1.8 + 0.6), ylim=(-0.3, 2.0), figsize=(6.7, 1.7))
    for t, x in enumerate(1.8 * np.arange(1, num_steps + 1), start=1):
        box(ax, (x - 0.3, 0.0), 0.6, 0.6, f"$\\delta_{{{t}}}$", color=ROLE["gradient"], fill=0.3)
        ax.text(x, 1.75, f"$\\ell_{{{t}}}$", ha="center", va="center")
        arrow(ax, (x, 1.5), (x, 0.62), color=ROLE["gradient"])
        if t < num_steps and k and t % k == 0:  # a cut: h_t is carried forward as a constant
            ax.plot([x + 0.9] * 2, [-0.2, 1.6], color="black", linestyle="--", linewidth=1)
            ax.text(x + 0.9, 1.8, "cut", ha="center", va="center")
        elif t < num_steps:
            arrow(ax, (x + 1.5, 0.3), (x + 0.32, 0.3), color=ROLE["gradient"], width=1.8)
            ax.text(x + 0.9, 0.42, f"$W_{{hh}}^\\top e_{{{t + 1}}}$", ha="center", va="bottom")
    ax.set_title("full BPTT" if k is None else f"truncated BPTT, chunks of k = {k}", loc="left", fontsize=10)
    return ax


def cell_grid(values, labels, rows=(), columns=(), outlined=(), cmap="Blues", limits=(0, 1), ax=None,
              figsize=(6, 2.6), fontsize=10, wrap=999):
    """Cells coloured by `values` (R, C) on the scale `limits` (NaN: blank), cell (i, j) labelled labels[i][j]
    or `labels` one text laid out line by line (lines longer than `wrap` broken), one value per character.
    outlined: (i, j) cells framed; cmap: a colour map or its name."""
    if isinstance(labels, str):  # a text: one row per line, "\n" drawn as a return sign at the line's end
        lines = [line + "\u21b5" for line in labels.split("\n")]
        lines[-1], values = lines[-1][:-1], np.asarray(values, dtype=float)
        lines = [line[i:i + wrap] for line in lines for i in range(0, len(line) or 1, wrap)]
        width = max(map(len, lines))
        ends = np.cumsum([0] + [len(line) for line in lines])
        labels = [list(line.ljust(width)) for line in lines]
        values = np.array([np.pad(values[a:b], (0, width - b + a), constant_values=np.nan)
                           for a, b in zip(ends, ends[1:])])  # (lines, width)
    values, norm, colours = np.asarray(values, dtype=float), Normalize(*limits), colormaps.get_cmap(cmap)
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
