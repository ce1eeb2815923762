"""Chapter 9: which steps a loss reaches under truncated BPTT in chunks of k steps (steps numbered from 1),
the sliding windows of Williams and Peng, and the accuracy reached for each delay and chunk length."""
import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Rectangle

from rnnbook.figures._draw import arrow, box, canvas, new_axes, outline, table
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
        verdict = "inside the chunk: learnable" if inside else "behind a cut: no gradient"
        note = f"it needs x{needed} (delay {delay}), {verdict}"
        if losses and (k, delay) in losses:
            note += f"; trained with k = {k}, delay {delay}: loss {losses[(k, delay)]:.3f}"
        ax.text(width / 2, -1.3, note, ha="center", va="center", fontsize=9)
    return ax


def sliding_windows(num_steps, k1, k2, ax=None):
    """Williams and Peng's truncated BPTT: every k1 steps, a backward pass through the last k2 steps."""
    passes, orange = list(range(k1, num_steps + 1, k1)), PALETTE["orange"]
    rows = len(passes)
    ax = canvas(ax, xlim=(-2.2, num_steps + 0.7), ylim=(-1.1, rows + 0.6), figsize=(8, 0.45 * rows + 1.6))
    for row, end in enumerate(passes):
        y = rows - 1 - row
        ax.text(-0.15, y + 0.4, f"pass at step {end}", ha="right", va="center", fontsize=8)
        for t in range(1, num_steps + 1):
            inside = end - k2 < t <= end
            ax.add_patch(Rectangle((t - 0.45, y + 0.1), 0.9, 0.6, edgecolor=PALETTE["grey"], linewidth=0.8,
                                   facecolor=orange if inside else "white", alpha=0.8 if inside else 1))
            if end - k1 < t <= end:
                ax.plot(t, y + 0.4, marker="o", markersize=4, color=PALETTE["vermillion"])
    for t in range(1, num_steps + 1):
        ax.text(t, -0.35, str(t), ha="center", va="center", fontsize=8)
    for y, text, size in ((rows + 0.3, f"k1 = {k1} (how often), k2 = {k2} (how far back)", 10),
                          (-0.8, "shaded: the steps a pass reaches; dots: the losses it sends back", 8)):
        ax.text(num_steps / 2 + 0.5, y, text, ha="center", va="center", fontsize=size)
    return ax


def learnable_grid(ks, delays, accuracies, learnable, chance=None, ax=None):
    """The accuracy (D, K) for each delay (rows) and chunk length (columns); cells `learnable` outlined."""
    ax = new_axes(ax, figsize=(6, 2.6))
    table(ax, np.asarray(accuracies), [str(d) for d in delays], [str(k) for k in ks], "Blues",
          Normalize(0, 1.3), fmt="{:.0%}", white_above=0.7, fontsize=9, aspect="auto")
    for i, j in np.argwhere(learnable):
        outline(ax, i, j, size=0.9, width=1.5)
    ax.set(xlabel="chunk length k", ylabel="delay d")
    title = "accuracy reached (outlined: d < k)" + ("" if chance is None else f"; chance {chance:.0%}")
    ax.set_title(title, fontsize=10)
    return ax
