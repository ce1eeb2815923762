"""Chapter 9's schematics: which steps of the unrolled chain a loss reaches under truncated backpropagation
through time, the sliding windows of Williams and Peng, and the grid of delays learned against k.

Steps are numbered from 1 in the pictures, as in the chapter's equations: the chain holds h1 ... hT (plain
text labels, which draw fast enough for a widget), and truncation in chunks of k steps cuts the gradient
between h(k) and h(k+1), h(2k) and h(2k+1), and so on.
"""
import numpy as np

from rnnbook.diagrams import _checks as checks
from rnnbook.diagrams.shapes import arrow, box, canvas
from rnnbook.plots import PALETTE, new_axes

_MAX_STEPS = 24


def reached_steps(k, loss_step):
    """The steps (1-based) whose hidden state receives gradient from the loss at `loss_step`, chunks of k.

    k: the chunk length (int >= 1); loss_step: the step of the loss (int >= 1). Returns a range: from the
    first step of the loss's chunk up to `loss_step` itself.
    """
    k = checks.count(k, "k", 1, 10**9)
    loss_step = checks.count(loss_step, "loss_step", 1, 10**9)
    first = (loss_step - 1) // k * k + 1
    return range(first, loss_step + 1)


def _check_losses(losses):
    """`losses` as None or a dict (k, delay) -> finite number."""
    if losses is None:
        return None
    if not isinstance(losses, dict):
        raise TypeError(f"losses must be None or a dict mapping (k, delay) to a number; got {type(losses).__name__}")
    for key, value in losses.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise TypeError(f"losses must map (k, delay) pairs to numbers; got the key {key!r}")
        checks.number(value, f"losses[{key!r}]")
    return losses


def gradient_reach(k, loss_step, delay=None, losses=None, num_steps=12, ax=None):
    """The unrolled chain h_1 ... h_T with chunk boundaries every k steps, and the gradient of one loss.

    k: chunk length, 1..num_steps; loss_step: the step t whose loss sends its gradient back, 1..num_steps;
    delay: None, or d >= 1: the loss at step t needs the input of step t - d, marked green when the gradient
    reaches it and grey when a cut stops it; losses: None or a dict mapping (k, delay) to the loss that a
    training with that k and delay reached (shown under the chain); num_steps: T, 2..24.
    """
    num_steps = checks.count(num_steps, "num_steps", 2, _MAX_STEPS)
    k = checks.count(k, "k", 1, num_steps)
    loss_step = checks.count(loss_step, "loss_step", 1, num_steps)
    if delay is not None:
        delay = checks.count(delay, "delay", 1, num_steps - 1)
    losses = _check_losses(losses)
    reached = reached_steps(k, loss_step)
    width = 1.0 * num_steps + 0.6
    ax = canvas(ax, xlim=(-0.2, width), ylim=(-1.45, 3.05), figsize=(9, 3.3))
    xs = 0.7 + np.arange(num_steps)  # centre of step t + 1
    for start in range(1, num_steps + 1, k):  # shade every other chunk
        if (start - 1) // k % 2 == 0:
            stop = min(start + k - 1, num_steps)
            ax.axvspan(xs[start - 1] - 0.5, xs[stop - 1] + 0.5, ymin=0.08, ymax=0.85,
                       color=PALETTE["grey"], alpha=0.12, linewidth=0)
    for cut in range(k, num_steps, k):  # the state is detached between h_cut and h_cut+1
        x = (xs[cut - 1] + xs[cut]) / 2
        ax.plot([x, x], [-0.95, 2.3], color=PALETTE["black"], linestyle="--", linewidth=1)
    needed = None if delay is None or loss_step - delay < 1 else loss_step - delay
    for t, x in enumerate(xs, start=1):
        got = t in reached
        box(ax, (x - 0.3, 0.65), 0.6, 0.6, f"h{t}", color=PALETTE["orange"], fill=0.75 if got else 0.0,
            fontsize=9)
        color = PALETTE["black"]
        if t == needed:
            color = PALETTE["green"] if got else PALETTE["grey"]
        ax.text(x, -0.35, f"x{t}", ha="center", va="center", fontsize=9, color=color,
                fontweight="bold" if t == needed else "normal")
        arrow(ax, (x, -0.15), (x, 0.6), color=PALETTE["grey"], width=0.8)
        if t < num_steps:
            arrow(ax, (x + 0.3, 1.05), (x + 0.7, 1.05), width=1.0)
        if t > reached.start and got:
            arrow(ax, (x - 0.3, 0.85), (x - 0.7, 0.85), color=PALETTE["vermillion"], width=1.8)
    loss_x = xs[loss_step - 1]
    box(ax, (loss_x - 0.35, 1.75), 0.7, 0.45, f"L{loss_step}", color=PALETTE["vermillion"], fill=0.3,
        fontsize=9)
    arrow(ax, (loss_x, 1.3), (loss_x, 1.72), width=1.0)
    arrow(ax, (loss_x + 0.12, 1.72), (loss_x + 0.12, 1.3), color=PALETTE["vermillion"], width=1.8)
    if needed is not None:
        ax.annotate("", (xs[needed - 1], -0.55), (loss_x, -0.55),
                    arrowprops=dict(arrowstyle="-|>", color=PALETTE["green"] if needed in reached
                                    else PALETTE["grey"], connectionstyle="arc3,rad=-0.25", linewidth=1.2))
    first, last = reached.start, reached.stop - 1
    span = f"step {first}" if first == last else f"steps {first} to {last}"
    title = f"k = {k}: the loss at step {loss_step} sends gradient to {span}"
    ax.text(width / 2, 2.85, title, ha="center", va="center", fontsize=10)
    if needed is not None:
        verdict = "inside the chunk: learnable" if needed in reached else "behind a cut: no gradient"
        note = f"it needs x{needed} (delay {delay}), {verdict}"
        if losses is not None and (k, delay) in losses:
            note += f"; trained with k = {k}, delay {delay}: loss {losses[(k, delay)]:.3f}"
        ax.text(width / 2, -1.3, note, ha="center", va="center", fontsize=9)
    return ax


def sliding_windows(num_steps, k1, k2, ax=None):
    """Williams and Peng's truncated BPTT: every k1 steps, backpropagate through the last k2 steps.

    num_steps: T, 2..24; k1: steps between two backward passes, 1..num_steps; k2: steps each backward pass
    covers, k1..num_steps. One row per backward pass: the window it covers shaded, the losses it injects
    (the last k1 steps) marked. k1 = k2 = k is the chunked form.
    """
    num_steps = checks.count(num_steps, "num_steps", 2, _MAX_STEPS)
    k1 = checks.count(k1, "k1", 1, num_steps)
    k2 = checks.count(k2, "k2", k1, num_steps)
    passes = list(range(k1, num_steps + 1, k1))
    rows = len(passes)
    ax = canvas(ax, xlim=(-2.2, num_steps + 0.7), ylim=(-1.1, rows + 0.6), figsize=(8, 0.45 * rows + 1.6))
    for row, end in enumerate(passes):
        y = rows - 1 - row
        ax.text(-0.15, y + 0.4, f"pass at step {end}", ha="right", va="center", fontsize=8)
        for t in range(1, num_steps + 1):
            inside = end - k2 < t <= end
            face = PALETTE["orange"] if inside else "white"
            ax.add_patch(_cell(t, y + 0.1, face, 0.8 if inside else 1.0))
            if end - k1 < t <= end:
                ax.plot(t, y + 0.4, marker="o", markersize=4, color=PALETTE["vermillion"])
    for t in range(1, num_steps + 1):
        ax.text(t, -0.35, str(t), ha="center", va="center", fontsize=8)
    ax.text(num_steps / 2 + 0.5, rows + 0.3, f"k1 = {k1} (how often), k2 = {k2} (how far back)", ha="center",
            va="center", fontsize=10)
    ax.text(num_steps / 2 + 0.5, -0.8, "shaded: the steps a pass reaches; dots: the losses it sends back",
            ha="center", va="center", fontsize=8)
    return ax


def _cell(x, y, face, alpha):
    """A square cell of the sliding-window picture with its lower-left corner at (x - 0.45, y)."""
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.45, y), 0.9, 0.6, facecolor=face, edgecolor=PALETTE["grey"], alpha=alpha,
                     linewidth=0.8)


def learnable_grid(ks, delays, accuracies, chance=None, ax=None):
    """A table of the accuracy reached for each chunk length k (columns) and delay d (rows).

    ks: K ints; delays: D ints; accuracies: (D, K) numbers in [0, 1]; chance: None or the chance accuracy.
    The cells where d < k (the gradient can link the two steps) are outlined.
    """
    ks = [checks.count(k, "ks", 1, 10**6) for k in _as_list(ks, "ks")]
    delays = [checks.count(d, "delays", 1, 10**6) for d in _as_list(delays, "delays")]
    accuracies = checks.real_array(accuracies, "accuracies", (len(delays), len(ks)))
    if np.any(accuracies < 0) or np.any(accuracies > 1):
        raise ValueError(f"accuracies must lie in [0, 1]; got {accuracies}")
    if chance is not None:
        chance = checks.number(chance, "chance", 0.0, 1.0)
    ax = new_axes(ax, figsize=(6, 2.6))
    ax.imshow(accuracies, cmap="Blues", vmin=0, vmax=1.3, aspect="auto")
    for i, d in enumerate(delays):
        for j, k in enumerate(ks):
            ax.text(j, i, f"{accuracies[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if accuracies[i, j] > 0.7 else "black")
            if d < k:
                ax.add_patch(_outline(j, i))
    ax.set_xticks(range(len(ks)), [str(k) for k in ks])
    ax.set_yticks(range(len(delays)), [str(d) for d in delays])
    ax.set_xlabel("chunk length k")
    ax.set_ylabel("delay d")
    title = "accuracy reached (outlined: d < k)"
    if chance is not None:
        title += f"; chance {chance:.0%}"
    ax.set_title(title, fontsize=10)
    return ax


def _outline(j, i):
    """The outline of table cell (row i, column j)."""
    from matplotlib.patches import Rectangle

    return Rectangle((j - 0.46, i - 0.44), 0.92, 0.88, fill=False, edgecolor=PALETTE["black"], linewidth=1.5)


def _as_list(values, name):
    """`values` as a non-empty list."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of ints; got {values!r}")
    return list(values)
