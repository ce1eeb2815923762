"""Chapter 3: the recycled prediction, the dinner net unrolled over the nights away, the vanilla RNN
unrolled in time, the shapes of sequence problems, tables of probabilities and sampled sentences."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_rgba
from matplotlib.patches import Circle, FancyArrowPatch

from rnnbook.data import BOOK_WORDS, DINNERS, next_dinner, sentence_mistake
from rnnbook.figures._draw import arrow, box, canvas, new_axes, table
from rnnbook.figures.style import CYCLE, PALETTE, ROLE

_SEQUENCE_SHAPES = {  # kind -> (example, one (has input, has output) pair per time step)
    "one to one": ("image classification", [(1, 1)]),
    "one to many": ("image captioning", [(1, 1), (0, 1), (0, 1)]),
    "many to one": ("sentiment of a review", [(1, 0), (1, 0), (1, 1)]),
    "many to many (delayed)": ("translation", [(1, 0), (1, 0), (1, 0), (0, 1), (0, 1)]),
    "many to many (synced)": ("labelling video frames", [(1, 1), (1, 1), (1, 1), (1, 1)])}
_VERDICTS = {None: "correct", "self": "a name sees itself", "run-on": "run-on", "other": "other mistake"}
_PROBABILITY = LinearSegmentedColormap.from_list("probability", ["#ffffff", PALETTE["blue"]])
_GREY, _RED = PALETTE["grey"], PALETTE["vermillion"]
_CHIPS = [color for color in CYCLE if color != _RED]  # chips are orange too: never beside vermillion


def _chip(ax, x, y, word, items, fontsize=8, alpha=0.35, pad=0.25):
    """A word on a rounded patch of its colour (the book's cycle, no vermillion: pizza blue, sushi orange)."""
    color = _CHIPS[list(items).index(word) % len(_CHIPS)]
    ax.text(x, y, word, ha="center", va="center", fontsize=fontsize, zorder=4, bbox={
        "boxstyle": f"round,pad={pad}", "facecolor": to_rgba(color, alpha), "edgecolor": color})


def recycled_prediction(items=DINNERS, ax=None):
    """The prediction net: yesterday's item and prediction vote for today's, held one step and fed back."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0, 6.3), figsize=(6.7, 4.2))
    V, step = len(items), min(0.6, 2.1 / len(items))
    news, recalled = 5.6 - step * np.arange(V), 2.7 - step * np.arange(V)  # (V,) heights of the nodes
    today = (news[0] + recalled[-1]) / 2 + step * ((V - 1) / 2 - np.arange(V))
    segments = [((2.2, a), (6.6, b)) for a in np.concatenate([news, recalled]) for b in today]
    ax.add_collection(LineCollection(segments, colors=[to_rgba(_GREY, 0.6)], linewidths=0.8, zorder=1))
    for x, ys, title, side in ((2.2, news, "yesterday's dinner", -1), (6.6, today, "today's prediction", 1),
                               (2.2, recalled, "yesterday's prediction", -1)):
        for y, item in zip(ys, items):
            ax.add_patch(Circle((x, y), 0.17, facecolor="white", edgecolor="black", linewidth=1.1, zorder=3))
            ax.text(x + 0.3 * side, y, item, ha="right" if side < 0 else "left", va="center", fontsize=10)
        ax.text(x, ys[0] + 0.45, title, ha="center", va="bottom", fontsize=10, color=_GREY)
    for x, ys, sign in ((7.75, today, 1), (0.85, recalled, -1)):  # brackets: out of today, into yesterday
        ax.plot([x, x + 0.1 * sign, x + 0.1 * sign, x], [ys[0] + 0.3] * 2 + [ys[-1] - 0.3] * 2, color=_RED)
    middle = (recalled[0] + recalled[-1]) / 2
    path = [(7.85, today[V // 2]), (9.3, today[V // 2]), (9.3, 0.35), (0.2, 0.35), (0.2, middle)]
    ax.plot(*zip(*path), color=_RED, linestyle=":", linewidth=2.2)
    arrow(ax, (0.2, middle), (0.73, middle), color=_RED, width=2.2, dashed=True)
    box(ax, (3.6, 0.1), 3.0, 0.5, "hold for one day", color=_RED, fill=0.15, fontsize=10)
    return ax


def days_away(probs, last_dinner="pizza", ax=None):
    """The dinner net unrolled over the nights away after `last_dinner`, a row per night from the top (its
    copies joined by blue arrows); probs (T, 3): its predictions, each ticked when the cook agrees."""
    n, truth, ys = len(probs), last_dinner, -np.arange(len(probs), dtype=float)
    ax = canvas(ax, xlim=(-0.3, 7.6), ylim=(0.5 - n, 1.4), figsize=(4.1, 0.52 * (n + 0.9)))
    ax.scatter(np.full(n, 3.2), ys, s=150, marker="s", fc=to_rgba(_GREY, 0.25), ec="black", zorder=3)
    arrows = [((2.3, 0), (2.9, 0))] + [((3.45, y), (4.1, y)) for y in ys] + [  # news in, predictions out
        ((3.2, y - 0.25), (3.2, y - 0.7)) for y in ys[:-1]]
    ax.add_collection(LineCollection(arrows, colors=["black"] * (n + 1) + [ROLE["state"]] * (n - 1)))
    ends = np.array([end for _, end in arrows])  # arrow heads as one scatter: quick to redraw
    ax.scatter(*ends[: n + 1].T, s=18, marker=">", color="black")
    ax.scatter(*ends[n + 1:].reshape(-1, 2).T, s=18, marker="v", color=ROLE["state"])
    _chip(ax, 1.5, 0, last_dinner, DINNERS, fontsize=10)
    ax.scatter(np.full(n - 1, 1.5), ys[1:], s=90, marker="$?$", color=_GREY)
    for y, p, night in zip(ys, probs, [*range(1, n), "tonight"]):
        truth, dish = next_dinner(truth), DINNERS[int(np.argmax(p))]  # what was cooked, what is predicted
        _chip(ax, 5.1, y, dish, DINNERS, fontsize=10)
        ax.text(6.2, y, f"{p.max():.2f} " + "\u2713\u2717"[truth != dish], va="center", fontsize=10,
                color=PALETTE["green"] if truth == dish else "black")
        ax.text(0.3, y, str(night), ha="right", va="center", fontsize=10, color=_GREY)
    for x, text in ((0.3, "night"), (1.5, "news"), (3.2, "net"), (5.1, "prediction"), (6.6, "p")):
        ax.text(x, 1.0, text, ha="right" if x < 1 else "center", va="center", fontsize=10, color=_GREY)
    ax.set_title(f"{n - 1} night{'s' * (n != 2)} away after {last_dinner}:\ntonight "
                 f"{DINNERS[int(np.argmax(probs[-1]))]}, p = {probs[-1].max():.2f}", fontsize=10)
    return ax


def unrolled_rnn(steps=4, ax=None):
    """The vanilla RNN folded (a loop) and unrolled over `steps` steps, the same weights at every step."""
    ax = canvas(ax, xlim=(-0.2, 4.3 + 1.5 * steps), ylim=(0.1, 4.4), figsize=(2.2 + 1.1 * steps, 3.0))
    loop = PALETTE["blue"]
    for t, x in [("t", 0.8)] + [(t, 3.4 + 1.5 * t) for t in range(1, steps + 1)]:
        box(ax, (x - 0.35, 1.65), 0.7, 0.7, f"$h_{{{t}}}$", fontsize=11)
        for y0, y1, y, label, color, name, weight in ((0.75, 1.63, 0.45, 1.12, ROLE["input"], "x", "ih"),
                                                     (2.37, 3.25, 3.55, 2.88, ROLE["output"], "z", "hy")):
            ax.text(x, y, f"${name}_{{{t}}}$", ha="center", va="center", fontsize=11)
            arrow(ax, (x, y0), (x, y1), color=color, width=1.6)
            ax.text(x + 0.15, label, f"$W_{{{weight}}}$", va="center", fontsize=10, color=color)
        if t != "t":
            arrow(ax, (x - 1.5 + (0.25 if t == 1 else 0.37), 2.0), (x - 0.37, 2.0), color=loop, width=1.6)
            ax.text(x - 0.75, 2.12, "$W_{hh}$", ha="center", va="bottom", fontsize=10, color=loop)
    ax.add_patch(FancyArrowPatch((1.15, 2.25), (1.15, 1.75), arrowstyle="-|>", mutation_scale=11, color=loop,
                                 linewidth=1.6, connectionstyle="arc3,rad=-2.6", zorder=1))  # the loop
    ax.text(1.86, 2.0, "$W_{hh}$", va="center", fontsize=10, color=loop)
    ax.text(2.95, 2.0, "=", ha="center", va="center", fontsize=18)
    ax.text(3.4, 2.0, "$h_0$", ha="center", va="center", fontsize=11)
    for x, text in ((3.4 + 0.75 * (steps + 1), "unrolled: the same weights at every step"), (0.8, "folded")):
        ax.text(x, 4.2, text, ha="center", va="center", fontsize=10, color=_GREY)
    return ax


def sequence_shapes():
    """The five shapes of sequence problems, a panel each (inputs, states, outputs over time), after a key."""
    fig, axes = plt.subplots(2, 3, figsize=(6.7, 4.2), facecolor="white", layout="constrained")
    key = canvas(axes[0, 0], xlim=(0, 5.2), ylim=(0, 3.4))
    for y, role in ((2.4, "output"), (1.4, "state"), (0.4, "input")):
        box(key, (0.4, y), 0.6, 0.6, color=ROLE[role], fill=0.6)
        key.text(1.3, y + 0.3, role, va="center", fontsize=10)
    key.set_title("key: time runs left to right", fontsize=10)
    for (kind, (example, columns)), ax in zip(_SEQUENCE_SHAPES.items(), axes.ravel()[1:]):
        ax, left = canvas(ax, xlim=(0, 5.2), ylim=(0, 3.4)), (5.2 - len(columns)) / 2
        for t, (has_input, has_output) in enumerate(columns):
            x = left + t + 0.5
            box(ax, (x - 0.3, 1.4), 0.6, 0.6, color=ROLE["state"], fill=0.6)
            for present, y, color, start in ((has_input, 0.2, ROLE["input"], 0.82),
                                             (has_output, 2.6, ROLE["output"], 2.02)):
                if present:
                    box(ax, (x - 0.3, y), 0.6, 0.6, color=color, fill=0.6)
                    arrow(ax, (x, start), (x, start + 0.56), width=1.0)
            if t + 1 < len(columns):
                arrow(ax, (x + 0.32, 1.7), (x + 0.68, 1.7), width=1.0)
        ax.set_title(f"{kind}\n{example}", fontsize=10)
    return fig


def prediction_heatmap(probs, row_names, col_names, title=None, ylabel=None, xlabel="predicted next word",
                       ax=None):
    """A table of probabilities (R, C), white to blue: a row per situation, a column per predicted item."""
    ax = new_axes(ax, figsize=(0.8 * len(col_names) + 1.6, 0.5 * len(row_names) + 1.2))
    table(ax, np.asarray(probs), row_names, col_names, _PROBABILITY, Normalize(0.0, 1.0), fontsize=10)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.set_title(title or "", fontsize=10)
    return ax


def sample_sentence_card(net, number, max_len=12, ax=None):
    """Sentence `number` (the seed) sampled from a PredictionRNN, each word's probability, and its verdict."""
    stop = BOOK_WORDS.index(".")
    indices = net.generate(stop, stop, max_len=max_len, rng=number)
    fed = [stop] + indices[:-1]  # the word fed in before each sampled word
    probs = net.forward(np.eye(len(BOOK_WORDS))[fed][:, None, :])[:, 0]  # (T, V): what generate sampled from
    words = [BOOK_WORDS[i] for i in indices]
    ax, spacing = canvas(ax, xlim=(0, 12.4), ylim=(0, 2.0), figsize=(6.5, 1.6)), min(1.0, 12.0 / len(words))
    for i, (word, p) in enumerate(zip(words, probs[np.arange(len(indices)), indices])):
        x = 6.2 + spacing * (i - (len(words) - 1) / 2)
        _chip(ax, x, 1.2, word, BOOK_WORDS, fontsize=10, alpha=0.3, pad=0.3)
        ax.text(x, 0.4, f"{p:.2f}", ha="center", va="center", fontsize=10, color=_GREY)
    verdict = sentence_mistake(words)
    ax.set_title(("\u2713 " if verdict is None else "\u2717 ") + _VERDICTS[verdict], fontsize=10,
                 color=PALETTE["green"] if verdict is None else "black")
    return ax
