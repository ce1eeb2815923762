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
    "many to many (synced)": ("labelling video frames", [(1, 1), (1, 1), (1, 1), (1, 1)]),
}
_VERDICTS = {None: "correct", "self": "a name sees itself", "run-on": "run-on", "other": "other mistake"}
_PROBABILITY = LinearSegmentedColormap.from_list("probability", ["#ffffff", PALETTE["blue"]])
_GREY, _RED = PALETTE["grey"], PALETTE["vermillion"]


def _chip(ax, x, y, word, items, fontsize=8, alpha=0.35, pad=0.25):
    """A word on a rounded patch of its colour (the book's cycle: pizza blue, sushi orange, ...)."""
    color = CYCLE[list(items).index(word) % len(CYCLE)]
    ax.text(x, y, word, ha="center", va="center", fontsize=fontsize, zorder=4, bbox={
        "boxstyle": f"round,pad={pad}", "facecolor": to_rgba(color, alpha), "edgecolor": color})


def recycled_prediction(items=DINNERS, ax=None):
    """The prediction net: yesterday's item and prediction vote for today's, held one step and fed back."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0, 6.3), figsize=(7, 4.4))
    V, step = len(items), min(0.6, 2.1 / len(items))
    news, recalled = 5.6 - step * np.arange(V), 2.7 - step * np.arange(V)  # (V,) heights of the nodes
    today = (news[0] + recalled[-1]) / 2 + step * ((V - 1) / 2 - np.arange(V))
    segments = [((2.2, a), (6.6, b)) for a in np.concatenate([news, recalled]) for b in today]
    ax.add_collection(LineCollection(segments, colors=[to_rgba(_GREY, 0.6)], linewidths=0.8, zorder=1))
    for x, ys, title, side in ((2.2, news, "yesterday's dinner", -1), (6.6, today, "today's prediction", 1),
                               (2.2, recalled, "yesterday's prediction", -1)):
        for y, item in zip(ys, items):
            ax.add_patch(Circle((x, y), 0.17, facecolor="white", edgecolor="black", linewidth=1.1, zorder=3))
            ax.text(x + 0.3 * side, y, item, ha="right" if side < 0 else "left", va="center", fontsize=9)
        ax.text(x, ys[0] + 0.45, title, ha="center", va="bottom", fontsize=9, color=_GREY)
    for x, ys, sign in ((7.75, today, 1), (0.85, recalled, -1)):  # brackets: out of today, into yesterday
        top, bottom = ys[0] + 0.3, ys[-1] - 0.3
        ax.plot([x, x + 0.1 * sign, x + 0.1 * sign, x], [top, top, bottom, bottom], color=_RED, linewidth=1.5)
    middle = (recalled[0] + recalled[-1]) / 2
    path = [(7.85, today[V // 2]), (9.3, today[V // 2]), (9.3, 0.35), (0.2, 0.35), (0.2, middle)]
    ax.plot(*zip(*path), color=_RED, linestyle=":", linewidth=2.2)
    arrow(ax, (0.2, middle), (0.73, middle), color=_RED, width=2.2, dashed=True)
    box(ax, (3.6, 0.1), 3.0, 0.5, "hold for one day", color=_RED, fill=0.15, fontsize=9)
    return ax


def days_away(probs, last_dinner="pizza", ax=None):
    """The dinner net unrolled over the nights away after `last_dinner`; probs (T, 3): its predictions."""
    n, days = len(probs), len(probs) - 1
    predictions, truths = [DINNERS[k] for k in np.argmax(probs, axis=1)], [next_dinner(last_dinner)]
    while len(truths) < n:
        truths.append(next_dinner(truths[-1]))
    slots, xs = max(15, n), np.arange(n) + 0.5  # the centre of each night
    ax = canvas(ax, xlim=(-0.9, slots + 0.1), ylim=(0.3, 4.7), figsize=(max(5.0, 0.58 * slots + 0.6), 2.8))
    ax.scatter(xs, np.full(n, 2.0), s=260, marker="s", facecolor=to_rgba(_GREY, 0.25), edgecolor="black",
               linewidth=1.0, zorder=3)  # one copy of the net per night
    for starts, ends, color, head in (([(xs[0], 1.02)], [(xs[0], 1.7)], "black", "^"),
                                      ([(x, 2.3) for x in xs], [(x, 2.98) for x in xs], "black", "^"),
                                      ([(x + 0.22, 2.0) for x in xs[:-1]], [(x + 0.76, 2.0) for x in xs[:-1]],
                                       _RED, ">")):
        if starts:  # arrows as one collection and one scatter of heads: quick to redraw
            ax.add_collection(LineCollection(list(zip(starts, ends)), colors=color, linewidths=1.2, zorder=2))
            ax.scatter(*np.transpose(ends), s=22, marker=head, color=color, zorder=2)
    if days:
        ax.scatter(xs[1:], np.full(days, 0.75), s=70, marker="$?$", color=_GREY)
    _chip(ax, xs[0], 0.75, last_dinner, DINNERS)
    nights = [*range(1, n), "tonight"]
    for x, dish, p, truth, night in zip(xs, predictions, probs.max(axis=1), truths, nights):
        _chip(ax, x, 3.25, dish, DINNERS)
        ax.text(x, 3.62, f"{p:.2f}\n" + ("\u2713" if truth == dish else "\u2717"), ha="center", va="bottom",
                fontsize=8, color=PALETTE["green"] if truth == dish else _RED, linespacing=1.1)
        ax.text(x, 4.5, str(night), ha="center", va="center", fontsize=8, color=_GREY)
    for y, text, rotation in ((4.5, "night", 0), (0.75, "news", 90), (3.4, "prediction", 90)):
        ax.text(-0.45, y, text, ha="center", va="center", fontsize=8, color=_GREY, rotation=rotation)
    ax.set_title(f"{days} night{'s' if days != 1 else ''} away after a {last_dinner} dinner: tonight's "
                 f"prediction is {predictions[-1]} (p = {probs[-1].max():.2f})", fontsize=10)
    return ax


def unrolled_rnn(steps=4, ax=None):
    """The vanilla RNN folded (a loop) and unrolled over `steps` steps, the same weights at every step."""
    ax = canvas(ax, xlim=(-0.2, 4.3 + 1.5 * steps), ylim=(0.1, 4.4), figsize=(2.2 + 1.1 * steps, 3.0))
    loop = PALETTE["blue"]
    for t, x in [("t", 0.8)] + [(t, 3.4 + 1.5 * t) for t in range(1, steps + 1)]:
        box(ax, (x - 0.35, 1.65), 0.7, 0.7, f"$h_{{{t}}}$", fontsize=11)
        size = 9 if t == "t" else 8
        for y0, y1, y, label, color, name, weight in ((0.75, 1.63, 0.45, 1.12, ROLE["input"], "x", "ih"),
                                                     (2.37, 3.25, 3.55, 2.88, ROLE["output"], "z", "hy")):
            ax.text(x, y, f"${name}_{{{t}}}$", ha="center", va="center", fontsize=11)
            arrow(ax, (x, y0), (x, y1), color=color, width=1.6)
            ax.text(x + 0.15, label, f"$W_{{{weight}}}$", va="center", fontsize=size, color=color)
        if t != "t":
            arrow(ax, (x - 1.5 + (0.25 if t == 1 else 0.37), 2.0), (x - 0.37, 2.0), color=loop, width=1.6)
            ax.text(x - 0.75, 2.12, "$W_{hh}$", ha="center", va="bottom", fontsize=8, color=loop)
    ax.add_patch(FancyArrowPatch((1.15, 2.25), (1.15, 1.75), arrowstyle="-|>", mutation_scale=11, color=loop,
                                 linewidth=1.6, connectionstyle="arc3,rad=-2.6", zorder=1))  # the loop
    ax.text(1.95, 2.0, "$W_{hh}$", va="center", fontsize=9, color=loop)
    ax.text(2.75, 2.0, "=", ha="center", va="center", fontsize=18)
    ax.text(3.4, 2.0, "$h_0$", ha="center", va="center", fontsize=11)
    for x, text in ((3.4 + 0.75 * (steps + 1), "unrolled: one copy per step, the same three weight matrices "
                     "in each"), (0.8, "folded")):
        ax.text(x, 4.2, text, ha="center", va="center", fontsize=8, color=_GREY)
    return ax


def sequence_shapes():
    """The five shapes of sequence problems, a panel each: inputs, states and outputs over time."""
    fig, axes = plt.subplots(1, len(_SEQUENCE_SHAPES), figsize=(13, 2.3), facecolor="white")
    for kind, ax in zip(_SEQUENCE_SHAPES, axes):
        _sequence_shape(kind, ax)
    fig.tight_layout()
    return fig


def _sequence_shape(kind, ax):
    """One shape of sequence problem (a key of _SEQUENCE_SHAPES); the first panel names the three rows."""
    (example, columns), legend = _SEQUENCE_SHAPES[kind], kind == "one to one"
    ax = canvas(ax, xlim=(0, 5.2), ylim=(0, 3.4))
    left = (5.2 - len(columns)) / 2
    for t, (has_input, has_output) in enumerate(columns):
        x = left + t + 0.5
        box(ax, (x - 0.3, 1.4), 0.6, 0.6, fill=0.5)
        for present, y, color, start in ((has_input, 0.2, ROLE["input"], 0.82),
                                         (has_output, 2.6, ROLE["output"], 2.02)):
            if present:
                box(ax, (x - 0.3, y), 0.6, 0.6, color=color, fill=0.6)
                arrow(ax, (x, start), (x, start + 0.56), width=1.0)
        if t + 1 < len(columns):
            arrow(ax, (x + 0.32, 1.7), (x + 0.68, 1.7), width=1.0)
    for y, name in ((0.5, "input"), (1.7, "state"), (2.9, "output")) if legend else ():
        ax.text(left + 0.05, y, name, ha="right", va="center", fontsize=8, color=_GREY)
    ax.set_title(f"{kind}\n{example}", fontsize=9)
    return ax


def prediction_heatmap(probs, row_names, col_names, title=None, ylabel=None, xlabel="predicted next word",
                       ax=None):
    """A table of probabilities (R, C), white to blue: a row per situation, a column per predicted item."""
    ax = new_axes(ax, figsize=(0.8 * len(col_names) + 1.6, 0.5 * len(row_names) + 1.2))
    table(ax, np.asarray(probs), row_names, col_names, _PROBABILITY, Normalize(0.0, 1.0), fontsize=9)
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
    ax = canvas(ax, xlim=(0, 12.4), ylim=(0, 2.0), figsize=(6.5, 1.6))
    spacing = min(1.0, 12.0 / len(words))
    for i, (word, p) in enumerate(zip(words, probs[np.arange(len(indices)), indices])):
        x = 6.2 + spacing * (i - (len(words) - 1) / 2)
        _chip(ax, x, 1.2, word, BOOK_WORDS, fontsize=9, alpha=0.3, pad=0.3)
        ax.text(x, 0.45, f"{p:.2f}", ha="center", va="center", fontsize=7, color=_GREY)
    verdict = sentence_mistake(words)
    ax.set_title(("\u2713 " if verdict is None else "\u2717 ") + _VERDICTS[verdict], fontsize=10,
                 color=PALETTE["green"] if verdict is None else _RED)
    return ax
