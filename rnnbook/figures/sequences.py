"""Chapter 8: stacked layers, the encoder-decoder, the bidirectional RNN, a trained decoder step by step."""
from rnnbook.figures._draw import arrow, box, canvas, new_axes
from rnnbook.figures.style import PALETTE, ROLE

_STATE = PALETTE["sky"]


def stacked_rnn(layers=2, steps=4, ax=None):
    """Recurrent layers stacked: each layer reads the states of the layer below (layer 1 the inputs)."""
    dx, dy = 1.5, 1.1
    ax = canvas(ax, xlim=(-0.9, steps * dx + 0.2), ylim=(-0.2, (layers + 1) * dy + 0.8),
                figsize=(1.1 + 1.1 * steps, 1.0 + 0.85 * (layers + 1)))
    for t in range(steps):
        x = t * dx + 0.5
        box(ax, (x - 0.4, 0.0), 0.8, 0.5, f"$x_{t + 1}$", color=ROLE["input"])
        for layer in range(1, layers + 2):
            y = layer * dy
            label = f"$h^{{({layer})}}_{t + 1}$" if layers > 1 else f"$h_{t + 1}$"
            box(ax, (x - 0.4, y), 0.8, 0.5, label if layer <= layers else f"$y_{t + 1}$",
                color=_STATE if layer <= layers else ROLE["output"])
            arrow(ax, (x, y - dy + 0.5), (x, y))
            if t + 1 < steps and layer <= layers:
                arrow(ax, (x + 0.4, y + 0.25), (x + dx - 0.4, y + 0.25))
    for layer in range(1, layers + 1):
        ax.text(-0.15, layer * dy + 0.25, f"layer {layer}", ha="right", va="center", fontsize=10)
    return ax


def encoder_decoder(source=("I", "love", "you", "."), target=("je", "t'", "aime", "."), ax=None):
    """The encoder reads the source into one vector; the decoder writes the target from it, word by word."""
    dx, gap = 1.3, 1.5  # gap: room for the vector between the two networks
    width, vector_x = (len(source) + len(target)) * dx + gap, len(source) * dx + gap / 2 - 0.2
    ax = canvas(ax, xlim=(-0.3, width), ylim=(-0.6, 4.1), figsize=(min(0.75 * width + 0.6, 6.7), 3.1))
    columns = [(t * dx + 0.5, word, "enc", ROLE["input"], _STATE) for t, word in enumerate(source)] + [
        (vector_x + gap / 2 + 0.2 + t * dx + 0.3, word, "dec", ROLE["output"], ROLE["output"])
        for t, word in enumerate(["<bos>", *target[:-1]])]
    for x, word, name, edge, color in columns:
        ax.text(x, 0.0, word, ha="center", va="center", fontsize=10,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": edge})
        box(ax, (x - 0.4, 1.2), 0.8, 0.6, name, color=color)
        arrow(ax, (x, 0.25), (x, 1.2))
    for k, ((x, *_), (next_x, *_)) in enumerate(zip(columns, columns[1:])):  # the state, to the right
        if k == len(source) - 1:  # into the vector, and out of it
            arrow(ax, (x + 0.4, 1.5), (vector_x - 0.2, 1.5))
            x = vector_x - 0.2
        arrow(ax, (x + 0.4, 1.5), (next_x - 0.4, 1.5))
    box(ax, (vector_x - 0.2, 1.1), 0.4, 0.8, "", color=PALETTE["purple"], fill=0.6)
    ax.text(vector_x, 2.0, "the input\nas a vector", ha="center", va="bottom")
    for t, (x, *_) in enumerate(columns[len(source):]):
        arrow(ax, (x, 1.8), (x, 2.55))
        ax.text(x, 2.8, target[t], ha="center", va="center", fontsize=10, fontweight="bold")
        if t + 1 < len(target):
            arrow(ax, (x + 0.25, 2.75), (x + dx - 0.2, 0.25), color=PALETTE["grey"], dashed=True, curve=-0.25)
    ax.text(len(source) * dx / 2, 3.7, "encoder: reads", ha="center", color=PALETTE["blue"])
    ax.text(width - len(target) * dx / 2 - 0.2, 3.7, "decoder: writes", ha="center", color=ROLE["output"])
    return ax


def bidirectional_rnn(tokens=("the", "bank", "is", "robbed"), tags=None, ax=None):
    """Two RNNs over the same words, left to right and right to left, joined into a tag at every step."""
    dx, forward, backward = 1.6, PALETTE["blue"], PALETTE["orange"]
    ax = canvas(ax, xlim=(-2.0, len(tokens) * dx), ylim=(-0.5, 4.6), figsize=(1.6 + 1.2 * len(tokens), 3.4))
    for t, word in enumerate(tokens):
        x = t * dx + 0.5
        ax.text(x, 0.0, word, ha="center", va="center", fontsize=10,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "black"})
        box(ax, (x - 0.45, 0.8), 0.9, 0.5, r"$\overrightarrow{h}_{%d}$" % (t + 1), color=forward, fill=0.3)
        box(ax, (x - 0.45, 1.7), 0.9, 0.5, r"$\overleftarrow{h}_{%d}$" % (t + 1), color=backward, fill=0.3)
        box(ax, (x - 0.45, 2.65), 0.9, 0.5, "join", color=PALETTE["purple"], fill=0.3)
        arrow(ax, (x - 0.2, 0.25), (x - 0.2, 0.8))
        arrow(ax, (x + 0.3, 0.25), (x + 0.3, 1.7), color=PALETTE["grey"], curve=-0.15)
        arrow(ax, (x - 0.45, 1.15), (x - 0.3, 2.65), curve=-0.6)
        arrow(ax, (x, 2.2), (x, 2.65))
        arrow(ax, (x, 3.15), (x, 3.6))
        ax.text(x, 3.85, tags[t] if tags else f"$y_{t + 1}$", ha="center", va="center", fontweight="bold")
        if t + 1 < len(tokens):
            arrow(ax, (x + 0.45, 1.05), (x + dx - 0.45, 1.05), color=forward, width=1.6)
            arrow(ax, (x + dx - 0.45, 1.95), (x + 0.45, 1.95), color=backward, width=1.6)
    ax.text(-0.55, 1.05, "left to right", ha="right", va="center", color=forward)
    ax.text(-0.55, 1.95, "right to left", ha="right", va="center", color=backward)
    return ax


def decoder_steps(model, source_vocab, target_vocab, source, top=3, shown=None, pad_to=0, ax=None, right=""):
    """The decoder's steps as columns of the `top` likeliest words; `shown`: the first steps; `pad_to`:
    left-pad; `right`: the right output, written after the one greedy decoding wrote."""
    ax = new_axes(ax, figsize=(6.7, 3))
    ax.axis("off")
    tokens = list(source.lower().replace(" ", "")) if isinstance(source, str) else list(source)
    unknown = [word for word in tokens if word not in source_vocab]
    if not tokens or unknown:
        known = " ".join(word for word in source_vocab.items if not word.startswith("<"))
        problem = f"unknown word {unknown[0]!r}" if unknown else "no words"
        ax.text(0.5, 0.5, f"Cannot translate: {problem}.\nThe encoder knows only: {known}", ha="center",
                va="center", fontsize=12, wrap=True, transform=ax.transAxes)
        return ax
    padded = ["<pad>"] * (pad_to - len(tokens)) + tokens
    steps = model.greedy_steps(source_vocab, target_vocab, padded, top, 16)
    visible, bars = steps[:shown], []  # bars: (height, left, right, colour)
    ax.set(xlim=(0, len(steps)), ylim=(-top + 0.2, 1.5))
    written = " ".join(step["chosen"] for step in visible) + f"   (correct: {right})" * bool(right)
    ax.text(0.0, 1.5, f"{' '.join(tokens)}   \u2192   {written}", va="bottom", fontsize=11)
    for i, step in enumerate(visible):
        ax.text(i + 0.5, 1.05, f"step {i + 1}\nfed {step['fed']}", ha="center", va="center")
        for rank, (word, prob) in enumerate(step["top"]):
            y, color, best = -rank - 0.35, PALETTE["grey" if rank else "blue"], rank == 0
            ax.text(i + 0.04, y + 0.22, f"{word} {prob:.0%}" if prob >= 0.01 else f"{word} <1%", va="center",
                    fontweight="bold" if best else "normal", color=color if best else "black")
            bars.append((y - 0.15, i + 0.06, i + 0.06 + 0.88 * prob, color))
        if i + 1 < len(visible):
            arrow(ax, (i + 0.75, 0.1), (i + 1.2, 0.72), color=PALETTE["blue"], curve=0.3)
    heights, lefts, rights, colors = zip(*bars)
    ax.hlines(heights, lefts, rights, colors=colors, linewidth=6)  # one collection: quick to redraw
    return ax
