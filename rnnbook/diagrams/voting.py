"""Chapter 1's schematics: the voting network (inputs, weighted votes, the tally), its votes as a heat map,
a few weeks of dinners laid out on a calendar, and the two dinner networks ready for a widget.

A voting network with I inputs and V outcomes has a weight matrix W of shape (V, I), like `torch.nn.Linear`:
W[k, i] is the vote that input i casts for outcome k, and the tally of an input vector x (I,) is W @ x (V,).
"""
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm, to_rgb, to_rgba
from matplotlib.patches import Circle, Rectangle

from rnnbook.data.dinner import DAYS, DINNERS, MONTHS, calendar_feature_names, next_dinner
from rnnbook.diagrams.shapes import canvas, node, weight_color
from rnnbook.plots import CYCLE, PALETTE, new_axes
from rnnbook.diagrams import _checks as checks

NETS = ("yesterday", "calendar")  # the two dinner networks of chapter 1
_VOTE_COLORS = LinearSegmentedColormap.from_list("votes", [PALETTE["vermillion"], "#ffffff", PALETTE["blue"]])


def _column(x, count, top, bottom):
    """Evenly spaced positions (count, 2) at abscissa x, between `top` and `bottom`, and their spacing."""
    spacing = (top - bottom) / max(count, 1)
    ys = top - spacing * (np.arange(count) + 0.5)
    return np.column_stack([np.full(count, x), ys]), spacing


def voting_network(input_names, output_names, weights=None, inputs=None, truth=None, title=None, ax=None):
    """Draw a voting network: inputs on the left, outcomes on the right, one weighted edge per vote.

    Parameters
    ----------
    input_names, output_names
        I strings and V strings.
    weights
        None (the wiring only, every edge alike) or a real array (V, I); ``W[k, i]`` is input i's vote for
        outcome k, drawn as an edge whose width grows with ``abs(W[k, i])``, blue for a vote for,
        vermillion against.
    inputs
        None or a real array (I,), tonight's input vector x. Inputs that are 0 are drawn faint with faint
        edges; with weights given, the tally ``W @ x`` is drawn as bars next to the outcomes and the winner
        marked.
    truth
        None or one of output_names, marked with a tick (what really happened).
    """
    input_names = checks.names(input_names, "input_names")
    output_names = checks.names(output_names, "output_names")
    n_in, n_out = len(input_names), len(output_names)
    if weights is not None:
        weights = checks.real_array(weights, "weights", (n_out, n_in))  # (V, I)
    if inputs is not None:
        inputs = checks.real_array(inputs, "inputs", (n_in,))  # (I,)
    if truth is not None and truth not in output_names:
        raise ValueError(f"truth must be None or one of {list(output_names)}; got {truth!r}")

    ax = canvas(ax, xlim=(0, 10.4), ylim=(0, 6.4), figsize=(7.5, 4.6))
    sources, spacing = _column(2.3, n_in, 6.0, 0.2)
    targets, _ = _column(5.4, n_out, 4.8, 1.4)
    radius = min(0.3, 0.4 * spacing)
    fontsize = 10 if spacing >= 0.5 else 8 if spacing >= 0.35 else 7
    active = np.ones(n_in, bool) if inputs is None else inputs != 0  # (I,)

    _edges(ax, sources, targets, weights, active)
    fills = np.zeros(n_in) if inputs is None else np.minimum(np.abs(inputs), 1.0)  # (I,)
    orange = np.array(to_rgb(PALETTE["orange"]))
    faces = [1.0 + fill * (orange - 1.0) for fill in fills]  # white blended towards orange
    ax.add_collection(PatchCollection([Circle(xy, radius) for xy in sources], facecolors=faces,
                                      edgecolors="black", linewidths=1.2, zorder=3))
    for i, name in enumerate(input_names):
        ax.text(sources[i][0] - radius - 0.12, sources[i][1], name, ha="right", va="center",
                fontsize=fontsize, color="black" if active[i] else PALETTE["grey"])

    tally = None if weights is None or inputs is None else weights @ inputs  # (V,)
    winner = None if tally is None else int(np.argmax(tally))
    for k, name in enumerate(output_names):
        won = k == winner
        node(ax, targets[k], radius=0.3, color=PALETTE["green"], fill=0.9 if won else 0.0)
        ax.text(targets[k][0] + 0.45, targets[k][1], name, ha="left", va="center", fontsize=11,
                fontweight="bold" if won else "normal")
        if truth == name:
            ax.text(targets[k][0] + 0.45, targets[k][1] - 0.36, "\u2713 cooked", ha="left", va="center",
                    fontsize=8, color=PALETTE["green"], fontweight="bold")
    if tally is not None:
        _tally_bars(ax, targets, tally, winner)
    ax.text(sources[0][0], 6.25, "inputs", ha="center", fontsize=10, color=PALETTE["grey"])
    ax.text(targets[0][0], 6.25, "outcomes", ha="center", fontsize=10, color=PALETTE["grey"])
    if title:
        ax.set_title(title, fontsize=11)
    return ax


def _edges(ax, sources, targets, weights, active):
    """Every input-outcome edge, in one LineCollection (fast to redraw): width |vote|, colour its sign."""
    n_in, n_out = len(sources), len(targets)
    segments = [(sources[i], targets[k]) for i in range(n_in) for k in range(n_out)]
    votes = np.zeros(n_in * n_out) if weights is None else weights.T.ravel()  # (I * V,) in the order above
    largest = max(float(np.abs(votes).max()), 1e-12)
    widths = np.ones_like(votes) if weights is None else 0.3 + 4.0 * np.abs(votes) / largest
    strong = 0.85 if weights is not None else 0.6
    alphas = np.where(np.repeat(active, n_out), strong, 0.08)  # (I * V,)
    colors = [to_rgba(PALETTE["grey"] if weights is None else weight_color(vote), alpha)
              for vote, alpha in zip(votes, alphas)]
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, zorder=1))


def _tally_bars(ax, targets, tally, winner):
    """Bars of the tally next to the outcome names, zero at x = 8.4, with the number and the winner marked."""
    zero, half_width = 8.4, 1.1
    scale = half_width / max(float(np.abs(tally).max()), 1e-12)
    ax.plot([zero, zero], [targets[-1][1] - 0.4, targets[0][1] + 0.4], color="black", linewidth=0.8)
    ax.text(zero, targets[0][1] + 0.6, "tally", ha="center", fontsize=10, color=PALETTE["grey"])
    for k, value in enumerate(tally):
        y = targets[k][1]
        color = PALETTE["green"] if k == winner else PALETTE["grey"]
        ax.add_patch(Rectangle((zero, y - 0.17), value * scale, 0.34, facecolor=color, edgecolor="black",
                               linewidth=0.6, zorder=2))
        ax.text(zero + (0.1 if value < 0 else -0.1), y, f"{value:+.2f}", ha="left" if value < 0 else "right",
                va="center", fontsize=9, fontweight="bold" if k == winner else "normal")
    ax.text(zero, targets[-1][1] - 0.75, "the biggest tally wins (green)", ha="center", fontsize=8,
            color=PALETTE["grey"])


def vote_heatmap(weights, input_names, output_names, ax=None, colorbar=True):
    """The votes as a table of colours: one row per input, one column per outcome, each cell its vote.

    Parameters
    ----------
    weights
        A real array (V, I), drawn transposed (row i holds input i's votes for the V outcomes), blue for a
        vote for, vermillion against; the largest vote of each row is outlined.
    input_names, output_names
        I strings (rows) and V strings (columns).
    """
    input_names = checks.names(input_names, "input_names")
    output_names = checks.names(output_names, "output_names")
    weights = checks.real_array(weights, "weights", (len(output_names), len(input_names)))  # (V, I)
    votes = weights.T  # (I, V): row = input, column = outcome
    ax = new_axes(ax, figsize=(4.6, 3.4))
    ax.figure.set_facecolor("white")
    bound = max(float(np.abs(votes).max()), 1e-12)
    image = ax.imshow(votes, cmap=_VOTE_COLORS, norm=TwoSlopeNorm(0.0, -bound, bound))
    for i in range(votes.shape[0]):
        for k in range(votes.shape[1]):
            ax.text(k, i, f"{votes[i, k]:+.2f}", ha="center", va="center", fontsize=10,
                    color="white" if abs(votes[i, k]) > 0.6 * bound else "black")
        best = int(np.argmax(votes[i]))
        ax.add_patch(Rectangle((best - 0.47, i - 0.47), 0.94, 0.94, fill=False, edgecolor="black",
                               linewidth=2.2))
    ax.set_xticks(range(len(output_names)), output_names)
    ax.set_yticks(range(len(input_names)), input_names)
    ax.set_xlabel("votes for")
    ax.set_ylabel("input")
    ax.tick_params(length=0)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label="vote (weight)")
    return ax


def dinner_calendar(dinners, weekday, ax=None):
    """Dinners on a calendar: one row per week (Monday first), one coloured, labelled cell per night.

    dinners: a list of N dish names from DINNERS; weekday: an int array (N,) of 0 = Monday ... 6 = Sunday for
        consecutive days (as in a DinnerHistory).
    """
    if isinstance(dinners, str) or not hasattr(dinners, "__len__") or not dinners:
        raise TypeError(f"dinners must be a non-empty list of dish names; got {dinners!r}")
    unknown = [dish for dish in dinners if dish not in DINNERS]
    if unknown:
        raise ValueError(f"dinners must hold only {list(DINNERS)}; got {unknown[0]!r}")
    weekday = np.asarray(weekday)
    if weekday.shape != (len(dinners),) or weekday.dtype.kind not in "iu":
        raise ValueError(f"weekday must be an int array of shape ({len(dinners)},) (one per dinner); "
                         f"got shape {weekday.shape}, dtype {weekday.dtype}")
    if np.any((weekday < 0) | (weekday > 6)) or np.any(np.diff(weekday) % 7 != 1):
        raise ValueError("weekday must hold consecutive days, each in 0 (Monday) .. 6 (Sunday)")
    cells = weekday[0] + np.arange(len(dinners))  # (N,) position counted from the first Monday
    n_weeks = int(cells[-1] // 7 + 1)
    ax = new_axes(ax, figsize=(7, 0.55 * n_weeks + 0.9))
    ax.figure.set_facecolor("white")
    colors = dict(zip(DINNERS, CYCLE))
    for dish, cell in zip(dinners, cells):
        row, column = divmod(int(cell), 7)
        ax.add_patch(Rectangle((column, row), 0.94, 0.9, facecolor=colors[dish], alpha=0.75,
                               edgecolor="none"))
        ax.text(column + 0.47, row + 0.45, dish, ha="center", va="center", fontsize=10)
    ax.set_xlim(-0.06, 7)
    ax.set_ylim(n_weeks, -0.1)
    ax.set_xticks(np.arange(7) + 0.47, [day[:3] for day in DAYS])
    ax.set_yticks(np.arange(n_weeks) + 0.45, [f"week {w + 1}" for w in range(n_weeks)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    return ax


def dinner_weights(calendar_weights, yesterday_weights):
    """The two dinner networks' weights as float64 arrays, checked: calendar (3, 20) and yesterday (3, 3)."""
    n_dishes, n_calendar = len(DINNERS), len(calendar_feature_names())
    return (checks.real_array(calendar_weights, "calendar_weights", (n_dishes, n_calendar)),
            checks.real_array(yesterday_weights, "yesterday_weights", (n_dishes, n_dishes)))


def dinner_votes(calendar_weights, yesterday_weights, net="yesterday", yesterday="pizza", weekday="Monday",
                 month="January", late_meeting=False, truth=None, ax=None):
    """Draw one of chapter 1's two trained dinner networks voting on one night (what the widget shows).

    Parameters
    ----------
    calendar_weights
        A real array (3, 20), the calendar net's votes (inputs: ``calendar_feature_names()``).
    yesterday_weights
        A real array (3, 3), the yesterday net's votes (inputs: yesterday's dish, one-hot).
    net
        "yesterday" or "calendar", the network to draw; the other network's inputs are ignored.
    yesterday, weekday, month, late_meeting
        A dish of DINNERS, a name of DAYS, a name of MONTHS, a bool.
    truth
        The dish really cooked (marked with a tick), or None; for the yesterday net None means the
        flatmate's rule, ``next_dinner(yesterday)``.
    """
    calendar_weights, yesterday_weights = dinner_weights(calendar_weights, yesterday_weights)
    if net not in NETS:
        raise ValueError(f"net must be one of {list(NETS)}; got {net!r}")
    for name, value, choices in (("yesterday", yesterday, DINNERS), ("weekday", weekday, DAYS),
                                 ("month", month, MONTHS)):
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    if not isinstance(late_meeting, (bool, np.bool_)):
        raise TypeError(f"late_meeting must be a bool; got {late_meeting!r}")
    if truth is not None and truth not in DINNERS:
        raise ValueError(f"truth must be None or one of {list(DINNERS)}; got {truth!r}")
    if net == "yesterday":
        inputs = (np.array(DINNERS) == yesterday).astype(float)  # (3,) one-hot
        names = tuple(f"yesterday: {dish}" for dish in DINNERS)
        title = f"yesterday net: yesterday was {yesterday}"
        return voting_network(names, DINNERS, yesterday_weights, inputs, truth or next_dinner(yesterday),
                              title, ax)
    names = calendar_feature_names()
    inputs = np.zeros(len(names))  # (20,)
    inputs[[names.index(weekday), names.index(month)]] = 1.0
    inputs[-1] = float(late_meeting)
    meeting = "late meeting" if late_meeting else "no late meeting"
    title = f"calendar net: a {weekday} in {month}, {meeting}"
    return voting_network(names, DINNERS, calendar_weights, inputs, truth, title, ax)
