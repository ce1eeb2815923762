"""Chapter 1: the voting network (votes W (V, I) as in `torch.nn.Linear`, tally W @ x), its votes as a
table, dinners on a calendar, and the two trained dinner networks voting on one night (the widget)."""
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm, to_rgba
from matplotlib.patches import Circle, Rectangle

from rnnbook.data import DAYS, DINNERS, calendar_feature_names, next_dinner
from rnnbook.figures._draw import canvas, new_axes, outline, table, tint
from rnnbook.figures.style import CYCLE, PALETTE

_VOTE_COLORS = LinearSegmentedColormap.from_list("votes", [PALETTE["purple"], "#ffffff", PALETTE["blue"]])
_GREY = PALETTE["grey"]


def voting_network(input_names, output_names, weights=None, inputs=None, truth=None, title=None, ax=None):
    """Inputs on the left, outcomes on the right, an edge per vote of `weights` (V, I) (width: its size; blue
    for, purple against: the active inputs are orange); tonight's `inputs` (I,) with their tally as bars; `truth` ticked."""
    n_in, n_out, height = len(input_names), len(output_names), max(5.8, 0.34 * len(input_names))
    spacing, radius = height / n_in, min(0.3, 0.4 * height / n_in)
    ax = canvas(ax, xlim=(-0.6, 10.4), ylim=(0, height + 0.6), figsize=(6.7, 6.7 * (height + 0.6) / 11))
    sources = np.column_stack([np.full(n_in, 2.3), height + 0.2 - spacing * (np.arange(n_in) + 0.5)])
    targets = np.column_stack([[5.4] * n_out, height / 2 + 1.9 - 3.4 / n_out * (np.arange(n_out) + 0.5)])
    active = np.ones(n_in, bool) if inputs is None else np.asarray(inputs) != 0  # (I,)
    votes = np.zeros(n_in * n_out) if weights is None else np.asarray(weights).T.ravel()  # (I * V,)
    alphas = np.where(np.repeat(active, n_out), 0.6 if weights is None else 0.85, 0.08)
    signs = ["grey"] * len(votes) if weights is None else ["blue" if v >= 0 else "purple" for v in votes]
    colors = [to_rgba(PALETTE[sign], a) for sign, a in zip(signs, alphas)]
    widths = 1.0 if weights is None else 0.3 + 4.0 * np.abs(votes) / max(float(np.abs(votes).max()), 1e-12)
    segments = [(source, target) for source in sources for target in targets]
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, zorder=1))
    fills = np.zeros(n_in) if inputs is None else np.minimum(np.abs(inputs), 1.0)
    ax.add_collection(PatchCollection([Circle(xy, radius) for xy in sources], edgecolors="black", zorder=3,
                                      facecolors=[tint(PALETTE["orange"], f) for f in fills], linewidths=1.2))
    for (x, y), name, on in zip(sources, input_names, active):
        ax.text(x - radius - 0.12, y, name, ha="right", va="center", fontsize=10,
                color="black" if on else _GREY)
    tally = None if weights is None or inputs is None else np.asarray(weights) @ inputs  # (V,)
    winner = None if tally is None else int(np.argmax(tally))
    for k, ((x, y), name) in enumerate(zip(targets, output_names)):
        ax.add_patch(Circle((x, y), 0.3, facecolor=tint(PALETTE["green"], 0.9 if k == winner else 0),
                            edgecolor="black", linewidth=1.2, zorder=3))
        ax.text(x + 0.45, y, name, va="center", fontsize=11, fontweight="bold" if k == winner else "normal")
        if truth == name:
            ax.text(x + 0.45, y - 0.36, "\u2713 cooked", va="center", fontsize=10, color=PALETTE["green"],
                    fontweight="bold")
    if tally is not None:
        _tally_bars(ax, targets[:, 1], tally, winner)
    for x, text in ((sources[0, 0], "inputs"), (targets[0, 0], "outcomes")):
        ax.text(x, height + 0.45, text, ha="center", fontsize=10, color=_GREY)
    ax.set_title(title or "", fontsize=11)
    return ax


def _tally_bars(ax, ys, tally, winner, zero=8.4):
    """Bars of the tally beside the outcomes, each with its number; the winner's green."""
    scale = 1.1 / max(float(np.abs(tally).max()), 1e-12)
    ax.plot([zero, zero], [ys[-1] - 0.4, ys[0] + 0.4], color="black", linewidth=0.8)
    ax.text(zero, ys[0] + 0.6, "tally", ha="center", fontsize=10, color=_GREY)
    for k, (y, value) in enumerate(zip(ys, tally)):
        ax.add_patch(Rectangle((zero, y - 0.17), value * scale, 0.34, edgecolor="black", linewidth=0.6,
                               facecolor=PALETTE["green"] if k == winner else _GREY, zorder=2))
        ax.text(zero + (0.1 if value < 0 else -0.1), y, f"{value:+.2f}", ha="left" if value < 0 else "right",
                va="center", fontsize=10, fontweight="bold" if k == winner else "normal")
    ax.text(zero, ys[-1] - 0.75, "the biggest tally wins (green)", ha="center", fontsize=10, color=_GREY)


def vote_heatmap(weights, input_names, output_names, ax=None, colorbar=True, bound=None):
    """The votes W (V, I) as a table, a row per input, a column per outcome, each row's largest outlined;
    bound: the largest vote the colours show (panels to compare share one), else the largest here."""
    votes, ax = np.asarray(weights).T, new_axes(ax, figsize=(4.6, 3.4))  # votes (I, V)
    bound = bound or max(float(np.abs(votes).max()), 1e-12)
    table(ax, votes, input_names, output_names, _VOTE_COLORS, TwoSlopeNorm(0.0, -bound, bound), fmt="{:+.1f}",
          white_above=0.6 * bound)
    for i, row in enumerate(votes):
        outline(ax, i, int(np.argmax(row)))
    ax.set(xlabel="votes for", ylabel="input")
    if colorbar:
        ax.figure.colorbar(ax.images[0], ax=ax, shrink=0.8, label="vote (weight)")
    return ax


def dinner_calendar(dinners, weekday, ax=None):
    """The dinners of consecutive nights, a week per row; weekday: the first night's day (0 = Monday)."""
    cells = int(np.ravel(weekday)[0]) + np.arange(len(dinners))  # counted from the first Monday
    n_weeks = int(cells[-1] // 7 + 1)
    ax = new_axes(ax, figsize=(6.5, 0.6 * n_weeks + 0.9))
    for dish, cell in zip(dinners, cells):
        row, column = divmod(int(cell), 7)
        ax.add_patch(Rectangle((column, row), 0.94, 0.9, fc=CYCLE[DINNERS.index(dish)], alpha=0.75, lw=0))
        ax.text(column + 0.47, row + 0.45, dish, ha="center", va="center", fontsize=11)
    ax.set(xlim=(-0.06, 7), ylim=(n_weeks, -0.1))
    ax.set_xticks(np.arange(7) + 0.47, [day[:3] for day in DAYS])
    ax.set_yticks(np.arange(n_weeks) + 0.45, [f"week {w + 1}" for w in range(n_weeks)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=11)
    ax.spines[:].set_visible(False)
    return ax


def dinner_votes(calendar_weights, yesterday_weights, net="yesterday", yesterday="pizza", weekday="Monday",
                 month="January", late_meeting=False, truth=None, ax=None):
    """Chapter 1's "yesterday" (votes (3, 3)) or "calendar" (votes (3, 20)) network voting on one night."""
    if net == "yesterday":
        inputs, title = np.isin(DINNERS, [yesterday]) * 1.0, f"yesterday net: yesterday was {yesterday}"
        return voting_network([f"yesterday: {dish}" for dish in DINNERS], DINNERS, yesterday_weights, inputs,
                              truth or next_dinner(yesterday), title, ax)
    names = calendar_feature_names()
    inputs = np.isin(names, [weekday, month] + ["late meeting"] * late_meeting) * 1.0  # (20,)
    return voting_network(names, DINNERS, calendar_weights, inputs, truth, f"calendar net: a {weekday} in "
                          f"{month}, {'a' if late_meeting else 'no'} late meeting", ax)
