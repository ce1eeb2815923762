"""Chapter 3's schematics: the recycled prediction, the dinner net unrolled over the nights you were away, the
vanilla RNN unrolled in time, the shapes of sequence problems, probability tables and generated sentences.

The dinner net of the chapter is a `PredictionRNN` over the three dishes whose votes are a permutation
matrix: each dish votes for the one the flatmate cooks next, whether it was eaten or only predicted.
"""
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgba
from matplotlib.patches import Circle, FancyArrowPatch

from rnnbook.data.book import BOOK_WORDS, sentence_mistake
from rnnbook.data.dinner import DINNERS, next_dinner
from rnnbook.diagrams.shapes import arrow, box, canvas, weight_color
from rnnbook.numpy_rnn.jordan import PredictionRNN
from rnnbook.plots import CYCLE, PALETTE, new_axes
from rnnbook.diagrams import _checks as checks

SEQUENCE_SHAPES = {  # kind -> (example, one (has input, has output) pair per time step)
    "one to one": ("image classification", [(1, 1)]),
    "one to many": ("image captioning", [(1, 1), (0, 1), (0, 1)]),
    "many to one": ("sentiment of a review", [(1, 0), (1, 0), (1, 1)]),
    "many to many (delayed)": ("translation", [(1, 0), (1, 0), (1, 0), (0, 1), (0, 1)]),
    "many to many (synced)": ("labelling video frames", [(1, 1), (1, 1), (1, 1), (1, 1)]),
}
VERDICTS = {None: "correct", "self": "a name sees itself", "run-on": "run-on", "other": "other mistake"}
_PROBABILITY_COLORS = LinearSegmentedColormap.from_list("probability", ["#ffffff", PALETTE["blue"]])


def _item_colors(items):
    """A colour per item, in the book's cycle (pizza blue, sushi orange, waffles green, like chapter 1)."""
    return {item: CYCLE[i % len(CYCLE)] for i, item in enumerate(items)}


def _group(ax, x, ys, items, title, side):
    """A column of nodes at abscissa x and ordinates ys, each item named on `side` ("left"/"right")."""
    for y, item in zip(ys, items):
        ax.add_patch(_circle((x, y)))
        offset = -0.3 if side == "left" else 0.3
        ax.text(x + offset, y, item, ha="right" if side == "left" else "left", va="center", fontsize=9)
    ax.text(x, ys[0] + 0.45, title, ha="center", va="bottom", fontsize=9, color=PALETTE["grey"])


def _circle(xy):
    """A small white node at `xy`."""
    return Circle(xy, 0.17, facecolor="white", edgecolor="black", linewidth=1.1, zorder=3)


def _wires(ax, sources, targets, weights):
    """All source-target edges; grey when weights is None, else width |w| and blue/vermillion by sign."""
    segments = [((xs, ys), (xt, yt)) for (xs, ys) in sources for (xt, yt) in targets]
    if weights is None:
        colors, widths = [to_rgba(PALETTE["grey"], 0.6)] * len(segments), [0.8] * len(segments)
    else:
        votes = weights.T.ravel()  # (V * V,): source-major, like the segments
        largest = max(float(np.abs(votes).max()), 1e-12)
        colors = [to_rgba(weight_color(v), 0.15 + 0.75 * abs(v) / largest) for v in votes]
        widths = 0.3 + 3.0 * np.abs(votes) / largest
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, zorder=1))


def recycled_prediction(items=DINNERS, W_x=None, W_p=None, labels=None, title=None, ax=None):
    """The prediction net: yesterday's item and yesterday's prediction vote for today's prediction, which a
    one-step delay (the dotted line) holds and feeds back as the next step's "yesterday's prediction".

    items: V names (dishes or words). W_x, W_p: None (the wiring only) or real arrays (V, V) in torch's
    (out, in) layout: W_x[k, i] is the vote of newest item i for item k, W_p[k, i] that of predicted item i.
    labels: None or 4 strings naming the news, the recycled prediction, the new prediction and the delay
    (default: the dinner story's "yesterday's dinner", ..., "hold for one day").
    """
    items = checks.names(items, "items")
    if labels is None:
        labels = ("yesterday's dinner", "yesterday's prediction", "today's prediction", "hold for one day")
    if isinstance(labels, str) or len(labels) != 4 or not all(isinstance(label, str) for label in labels):
        raise TypeError(f"labels must be None or 4 strings (news, recycled, prediction, delay); "
                        f"got {labels!r}")
    V = len(items)
    W_x = None if W_x is None else checks.real_array(W_x, "W_x", (V, V))
    W_p = None if W_p is None else checks.real_array(W_p, "W_p", (V, V))
    ax = canvas(ax, xlim=(0, 10), ylim=(0, 6.3), figsize=(7, 4.4))
    step = min(0.6, 2.1 / V)
    news = [(2.2, 5.6 - step * i) for i in range(V)]  # (V, 2)
    recalled = [(2.2, 2.7 - step * i) for i in range(V)]
    center = (news[0][1] + recalled[-1][1]) / 2
    today = [(6.6, center + step * ((V - 1) / 2 - i)) for i in range(V)]
    _wires(ax, news, today, W_x)
    _wires(ax, recalled, today, W_p)
    _group(ax, 2.2, [y for _, y in news], items, labels[0], "left")
    _group(ax, 2.2, [y for _, y in recalled], items, labels[1], "left")
    _group(ax, 6.6, [y for _, y in today], items, labels[2], "right")
    # the delay: out of today's prediction, down, back to the left and into yesterday's prediction
    right, low, left = 9.3, 0.35, 0.2
    middle = (recalled[0][1] + recalled[-1][1]) / 2
    top, bottom = today[0][1] + 0.3, today[-1][1] - 0.3
    ax.plot([7.75, 7.85, 7.85, 7.75], [top, top, bottom, bottom], color=PALETTE["vermillion"], linewidth=1.5)
    path = [(7.85, today[V // 2][1]), (right, today[V // 2][1]), (right, low), (left, low), (left, middle)]
    ax.plot(*zip(*path), color=PALETTE["vermillion"], linestyle=":", linewidth=2.2)
    top, bottom = recalled[0][1] + 0.3, recalled[-1][1] - 0.3
    ax.plot([0.85, 0.75, 0.75, 0.85], [top, top, bottom, bottom], color=PALETTE["vermillion"], linewidth=1.5)
    arrow(ax, (left, middle), (0.73, middle), color=PALETTE["vermillion"], width=2.2, dashed=True)
    box(ax, (3.6, low - 0.25), 3.0, 0.5, labels[3], color=PALETTE["vermillion"], fill=0.15, fontsize=9)
    if title:
        ax.set_title(title, fontsize=11)
    return ax


def unrolled_predictions(inputs, predictions, items=DINNERS, confidences=None, truths=None, step_labels=None,
                         step_title="step", slots=None, title=None, ax=None):
    """A prediction net unrolled in time: one copy per step, the known inputs feeding in from below (a "?"
    where nothing is known), each copy's prediction above it and passed on to the next copy (red arrows).

    inputs: N items or None (no news that step); predictions: N items, the prediction of each step;
    confidences: None or N numbers in [0, 1] (the probability of each prediction), written under it;
    truths: None or N items, what really happened (a tick or a cross beside each prediction);
    step_labels: None or N strings over the steps (what each prediction is for), headed by step_title;
    slots: None or an int >= N, the number of step widths
    the picture lays out (a fixed scale for an animation whose N changes); items: the V possible items.
    """
    items = checks.names(items, "items")
    if isinstance(inputs, str) or not isinstance(inputs, (list, tuple)) or not inputs:
        raise TypeError(f"inputs must be a non-empty list of items or None; got {inputs!r}")
    n = len(inputs)
    if any(item is not None and item not in items for item in inputs):
        raise ValueError(f"inputs must hold items of {list(items)} or None; got {list(inputs)}")
    for name, values in (("predictions", predictions), ("truths", truths)):
        if values is None and name == "truths":
            continue
        if not isinstance(values, (list, tuple)) or len(values) != n or any(v not in items for v in values):
            raise ValueError(f"{name} must be a list of {n} items of {list(items)} (one per input); "
                             f"got {values!r}")
    if confidences is not None:
        confidences = np.asarray(confidences, dtype=float)
        if confidences.shape != (n,) or np.any((confidences < 0) | (confidences > 1)):
            raise ValueError(f"confidences must be {n} numbers in [0, 1] (one per input); got {confidences}")
    if step_labels is not None and (isinstance(step_labels, str) or len(step_labels) != n):
        raise ValueError(f"step_labels must be a list of {n} strings (one per input); got {step_labels!r}")
    slots = n if slots is None else checks.count(slots, "slots", n, 10_000)
    colors = _item_colors(items)
    ax = canvas(ax, xlim=(-0.9, slots + 0.1), ylim=(0.3, 4.7), figsize=(max(5.0, 0.58 * slots + 0.6), 2.8))
    xs = np.arange(n) + 0.5  # (N,) the centre of each step
    known = np.array([item is not None for item in inputs])  # (N,)
    ax.scatter(xs, np.full(n, 2.0), s=260, marker="s", facecolor=to_rgba(PALETTE["grey"], 0.25),
               edgecolor="black", linewidth=1.0, zorder=3)  # one copy of the net per step
    _fast_arrows(ax, [(x, 1.02) for x in xs[known]], [(x, 1.7) for x in xs[known]], "black", "^")
    _fast_arrows(ax, [(x, 2.3) for x in xs], [(x, 2.98) for x in xs], "black", "^")
    _fast_arrows(ax, [(x + 0.22, 2.0) for x in xs[:-1]], [(x + 0.76, 2.0) for x in xs[:-1]],
                 PALETTE["vermillion"], ">")
    if not known.all():
        ax.scatter(xs[~known], np.full(int((~known).sum()), 0.75), s=70, marker="$?$", color=PALETTE["grey"])
    for t in range(n):
        x = xs[t]
        if inputs[t] is not None:
            _chip(ax, x, 0.75, inputs[t], colors[inputs[t]])
        _chip(ax, x, 3.25, predictions[t], colors[predictions[t]])
        note = "" if confidences is None else f"{confidences[t]:.2f}"
        color = "black"
        if truths is not None:
            right = truths[t] == predictions[t]
            note += ("\n" if note else "") + ("\u2713" if right else "\u2717")
            color = PALETTE["green"] if right else PALETTE["vermillion"]
        if note:
            ax.text(x, 3.62, note, ha="center", va="bottom", fontsize=8, color=color, linespacing=1.1)
        if step_labels is not None:
            ax.text(x, 4.5, step_labels[t], ha="center", va="center", fontsize=8, color=PALETTE["grey"])
    if step_labels is not None:
        ax.text(-0.45, 4.5, str(step_title), ha="center", va="center", fontsize=8, color=PALETTE["grey"])
    ax.text(-0.45, 0.75, "news", ha="center", va="center", fontsize=8, color=PALETTE["grey"], rotation=90)
    ax.text(-0.45, 3.4, "prediction", ha="center", va="center", fontsize=8, color=PALETTE["grey"],
            rotation=90)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def _fast_arrows(ax, starts, ends, color, head):
    """Straight arrows as one LineCollection and one scatter of heads ("^" up, ">" right): quick to redraw."""
    if not starts:
        return
    ax.add_collection(LineCollection(list(zip(starts, ends)), colors=color, linewidths=1.2, zorder=2))
    ax.scatter([x for x, _ in ends], [y for _, y in ends], s=22, marker=head, color=color, zorder=2)


def _chip(ax, x, y, item, color):
    """An item's name on a small rounded patch of its colour."""
    ax.text(x, y, item, ha="center", va="center", fontsize=8, zorder=4,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": to_rgba(color, 0.35), "edgecolor": color})


def hand_set_dinner_net(vote_strength=10.0):
    """A PredictionRNN over DINNERS whose word votes and prediction votes are both vote_strength times the
    cycle's permutation matrix (row = tonight, column = yesterday), with zero bias.

    vote_strength: a number > 0; the bigger it is, the sharper (closer to one-hot) the predictions.
    """
    if isinstance(vote_strength, bool) or not isinstance(vote_strength, (int, float, np.number)):
        raise TypeError(f"vote_strength must be a number; got {vote_strength!r}")
    if not 0 < vote_strength < 1e3:
        raise ValueError(f"vote_strength must be between 0 and 1000 (exclusive); got {vote_strength}")
    cycle = np.zeros((len(DINNERS), len(DINNERS)))  # (3, 3)
    for dish in DINNERS:
        cycle[DINNERS.index(next_dinner(dish)), DINNERS.index(dish)] = 1.0
    net = PredictionRNN(len(DINNERS))
    net.params["W_x"] = vote_strength * cycle
    net.params["W_p"] = vote_strength * cycle
    net.params["b"] = np.zeros(len(DINNERS))
    return net


def days_away(days, vote_strength=10.0, last_dinner="pizza", ax=None):
    """The hand-set dinner net unrolled from the last dinner you saw, through `days` nights away (no news),
    to tonight; each copy shows its predicted dish, its probability and whether the cook agrees.

    days: an int in 0..30; vote_strength: see `hand_set_dinner_net`; last_dinner: one of DINNERS.
    """
    days = checks.count(days, "days", 0, 30)
    if not isinstance(last_dinner, str) or last_dinner not in DINNERS:
        raise ValueError(f"last_dinner must be one of {list(DINNERS)}; got {last_dinner!r}")
    net = hand_set_dinner_net(vote_strength)
    xs = np.zeros((days + 1, 1, len(DINNERS)))  # (T, B=1, 3): only the first night's dinner is known
    xs[0, 0, DINNERS.index(last_dinner)] = 1.0
    probs = net.forward(xs)[:, 0]  # (T, 3)
    predictions = [DINNERS[k] for k in probs.argmax(axis=1)]
    truths = [next_dinner(last_dinner)]
    while len(truths) < days + 1:
        truths.append(next_dinner(truths[-1]))
    labels = [str(t + 1) for t in range(days)] + ["tonight"]
    title = (f"{days} night{'s' if days != 1 else ''} away after a {last_dinner} dinner: "
             f"tonight's prediction is {predictions[-1]} (p = {probs[-1].max():.2f})")
    inputs = [last_dinner] + [None] * days  # news on the first night only
    return unrolled_predictions(inputs, predictions, DINNERS, probs.max(axis=1), truths, labels, "night",
                                slots=max(15, days + 1), title=title, ax=ax)


def unrolled_rnn(steps=4, ax=None):
    """The vanilla RNN folded (a loop) and unrolled over `steps` steps (an int in 1..8): inputs x_t, hidden
    states h_t, outputs y_t, with the same W_ih, W_hh, W_hy at every step."""
    steps = checks.count(steps, "steps", 1, 8)
    colors = {"ih": PALETTE["orange"], "hh": PALETTE["blue"], "hy": PALETTE["green"]}
    ax = canvas(ax, xlim=(-0.2, 4.3 + 1.5 * steps), ylim=(0.1, 4.4), figsize=(2.2 + 1.1 * steps, 3.0))

    def cell(x, t):
        box(ax, (x - 0.35, 1.65), 0.7, 0.7, f"$h_{{{t}}}$", color=PALETTE["sky"], fill=0.35, fontsize=11)
        ax.text(x, 0.45, f"$x_{{{t}}}$", ha="center", va="center", fontsize=11)
        ax.text(x, 3.55, f"$y_{{{t}}}$", ha="center", va="center", fontsize=11)
        arrow(ax, (x, 0.75), (x, 1.63), color=colors["ih"], width=1.6)
        arrow(ax, (x, 2.37), (x, 3.25), color=colors["hy"], width=1.6)

    cell(0.8, "t")
    ax.add_patch(_loop((1.15, 2.25), (1.15, 1.75), colors["hh"]))
    ax.text(1.95, 2.0, "$W_{hh}$", ha="left", va="center", fontsize=9, color=colors["hh"])
    ax.text(0.95, 1.1, "$W_{ih}$", ha="left", va="center", fontsize=9, color=colors["ih"])
    ax.text(0.95, 2.9, "$W_{hy}$", ha="left", va="center", fontsize=9, color=colors["hy"])
    ax.text(2.75, 2.0, "=", ha="center", va="center", fontsize=18)
    ax.text(3.4, 2.0, "$h_0$", ha="center", va="center", fontsize=11)
    for t in range(1, steps + 1):
        x = 3.4 + 1.5 * t
        cell(x, t)
        arrow(ax, (x - 1.5 + (0.25 if t == 1 else 0.37), 2.0), (x - 0.37, 2.0), color=colors["hh"], width=1.6)
        ax.text(x - 0.75, 2.12, "$W_{hh}$", ha="center", va="bottom", fontsize=8, color=colors["hh"])
        ax.text(x + 0.08, 1.15, "$W_{ih}$", ha="left", va="center", fontsize=8, color=colors["ih"])
        ax.text(x + 0.08, 2.85, "$W_{hy}$", ha="left", va="center", fontsize=8, color=colors["hy"])
    ax.text(3.4 + 0.75 * (steps + 1), 4.2,
            "unrolled: one copy per step, the same three weight matrices in each",
            ha="center", va="center", fontsize=8, color=PALETTE["grey"])
    ax.text(0.8, 4.2, "folded", ha="center", va="center", fontsize=8, color=PALETTE["grey"])
    return ax


def _loop(start, end, color):
    """A self-loop arrow bulging to the right of a box, from `start` back to `end`."""
    return FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, color=color, linewidth=1.6,
                           connectionstyle="arc3,rad=-2.6", zorder=1)


def sequence_shape(kind, legend=False, ax=None):
    """One shape of sequence problem (a key of SEQUENCE_SHAPES) as columns of input (orange), hidden (sky)
    and output (green) boxes, titled with the kind and an example task; legend: name the three rows."""
    if kind not in SEQUENCE_SHAPES:
        raise ValueError(f"kind must be one of {list(SEQUENCE_SHAPES)}; got {kind!r}")
    example, columns = SEQUENCE_SHAPES[kind]
    ax = canvas(ax, xlim=(0, 5.2), ylim=(0, 3.4), figsize=(3.0, 2.4))
    left = (5.2 - len(columns)) / 2
    for t, (has_input, has_output) in enumerate(columns):
        x = left + t + 0.5
        box(ax, (x - 0.3, 1.4), 0.6, 0.6, color=PALETTE["sky"], fill=0.5)
        if has_input:
            box(ax, (x - 0.3, 0.2), 0.6, 0.6, color=PALETTE["orange"], fill=0.6)
            arrow(ax, (x, 0.82), (x, 1.38), width=1.0)
        if has_output:
            box(ax, (x - 0.3, 2.6), 0.6, 0.6, color=PALETTE["green"], fill=0.6)
            arrow(ax, (x, 2.02), (x, 2.58), width=1.0)
        if t + 1 < len(columns):
            arrow(ax, (x + 0.32, 1.7), (x + 0.68, 1.7), width=1.0)
    if legend:
        for y, name in ((0.5, "input"), (1.7, "state"), (2.9, "output")):
            ax.text(left + 0.05, y, name, ha="right", va="center", fontsize=8, color=PALETTE["grey"])
    ax.set_title(f"{kind}\n{example}", fontsize=9)
    return ax


def prediction_heatmap(probs, row_names, col_names, title=None, ylabel=None, xlabel="predicted next word",
                       ax=None):
    """A table of probabilities (R, C) in [0, 1], white to blue, each cell written out: row r is one
    situation (row_names[r]), column c the probability given to col_names[c]."""
    row_names, col_names = checks.names(row_names, "row_names"), checks.names(col_names, "col_names")
    probs = checks.real_array(probs, "probs", (len(row_names), len(col_names)))
    if np.any((probs < -1e-9) | (probs > 1 + 1e-9)):
        raise ValueError("probs must hold probabilities, numbers in [0, 1]")
    ax = new_axes(ax, figsize=(0.8 * len(col_names) + 1.6, 0.5 * len(row_names) + 1.2))
    ax.figure.set_facecolor("white")
    ax.imshow(probs, cmap=_PROBABILITY_COLORS, vmin=0.0, vmax=1.0)
    for r in range(probs.shape[0]):
        for c in range(probs.shape[1]):
            ax.text(c, r, f"{probs[r, c]:.2f}", ha="center", va="center", fontsize=9,
                    color="white" if probs[r, c] > 0.6 else "black")
    ax.set_xticks(range(len(col_names)), col_names)
    ax.set_yticks(range(len(row_names)), row_names)
    ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize=10)
    ax.tick_params(length=0)
    return ax


def sentence_card(words, probabilities=None, ax=None):
    """A generated sentence as a row of word boxes (each with the probability it was sampled with, if
    given) and its verdict by the book's grammar (`rnnbook.data.sentence_mistake`) as the title.

    words: a list of 1..16 words of BOOK_WORDS; probabilities: None or one number in [0, 1] per word.
    """
    if isinstance(words, str) or not isinstance(words, (list, tuple)) or not 1 <= len(words) <= 16:
        raise TypeError(f"words must be a list of 1 to 16 words; got {words!r}")
    if any(word not in BOOK_WORDS for word in words):
        raise ValueError(f"words must be words of {list(BOOK_WORDS)}; got {list(words)}")
    if probabilities is not None:
        probabilities = np.asarray(probabilities, dtype=float)
        if probabilities.shape != (len(words),) or np.any((probabilities < 0) | (probabilities > 1)):
            raise ValueError(f"probabilities must be {len(words)} numbers in [0, 1] (one per word); "
                             f"got {probabilities}")
    verdict = sentence_mistake(list(words))
    colors = _item_colors(BOOK_WORDS)
    ax = canvas(ax, xlim=(0, 12.4), ylim=(0, 2.0), figsize=(6.5, 1.6))
    spacing = min(1.0, 12.0 / len(words))
    for i, word in enumerate(words):
        x = 6.2 + spacing * (i - (len(words) - 1) / 2)
        ax.text(x, 1.2, word, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": to_rgba(colors[word], 0.3),
                      "edgecolor": colors[word]})
        if probabilities is not None:
            ax.text(x, 0.45, f"{probabilities[i]:.2f}", ha="center", va="center", fontsize=7,
                    color=PALETTE["grey"])
    good = verdict is None
    ax.set_title(("\u2713 " if good else "\u2717 ") + VERDICTS[verdict], fontsize=10,
                 color=PALETTE["green"] if good else PALETTE["vermillion"])
    return ax


def sample_sentence_card(net, number, max_len=12, ax=None):
    """Sample sentence number `number` (the seed, an int >= 0) from a trained children's-book
    PredictionRNN (vocab_size 5, words BOOK_WORDS), starting after a "." up to the next "." or max_len
    words, and draw it with `sentence_card`, with the probability the net gave each word."""
    if not isinstance(net, PredictionRNN) or net.vocab_size != len(BOOK_WORDS):
        raise TypeError(f"net must be a PredictionRNN with vocab_size {len(BOOK_WORDS)}; got {net!r}")
    number = checks.count(number, "number", 0, 2**31)
    max_len = checks.count(max_len, "max_len", 1, 16)
    stop = BOOK_WORDS.index(".")
    indices = net.generate(stop, stop, max_len=max_len, rng=number)
    fed = [stop] + indices[:-1]  # the word fed in before each sampled word
    xs = np.eye(len(BOOK_WORDS))[fed][:, None, :]  # (T, 1, V)
    probs = net.forward(xs)[:, 0]  # (T, V): the same predictions generate sampled from
    chosen = probs[np.arange(len(indices)), indices]
    return sentence_card([BOOK_WORDS[i] for i in indices], chosen, ax=ax)
