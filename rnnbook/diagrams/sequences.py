"""Chapter 8's pictures: stacked recurrent layers, the encoder-decoder, the bidirectional RNN, and a trained
decoder's choices step by step (`decoder_trace` computes them, `decoder_steps` draws them).

`decoder_trace` and `decoder_steps` import torch inside; the rest needs only matplotlib.
"""
import numbers

from rnnbook.diagrams.shapes import arrow, box, canvas
from rnnbook.encoding import Vocabulary
from rnnbook.plots import PALETTE, new_axes

_INPUT, _STATE, _OUTPUT = PALETTE["orange"], PALETTE["sky"], PALETTE["green"]


def _check_count(value, name, low, high):
    """`value` as an int in low..high, or a clear error naming the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int in {low}..{high}; got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be an int in {low}..{high}; got {value}")
    return int(value)


def _check_words(words, name, high=8):
    """`words` as a list of 1..high strings, or a clear error naming the argument."""
    if isinstance(words, str) or not isinstance(words, (list, tuple)):
        raise TypeError(f"{name} must be a list of words such as ['i', 'love', 'you', '.']; got {words!r}")
    if not 1 <= len(words) <= high or not all(isinstance(word, str) for word in words):
        raise ValueError(f"{name} must hold 1..{high} words (strings); got {list(words)!r}")
    return list(words)


def stacked_rnn(layers=2, steps=4, ax=None):
    """Recurrent layers stacked: layer 1 reads the inputs x_t, each higher layer reads the states of the layer
    below, and every layer passes its own state to the right. layers: an int in 1..4; steps: 1..8."""
    layers = _check_count(layers, "layers", 1, 4)
    steps = _check_count(steps, "steps", 1, 8)
    dx, dy = 1.5, 1.1
    ax = canvas(ax, xlim=(-0.9, steps * dx + 0.2), ylim=(-0.2, (layers + 1) * dy + 0.8),
                figsize=(1.1 + 1.1 * steps, 1.0 + 0.85 * (layers + 1)))
    for t in range(steps):
        x = t * dx + 0.5
        box(ax, (x - 0.4, 0.0), 0.8, 0.5, f"$x_{t + 1}$", color=_INPUT)
        for layer in range(1, layers + 1):
            y = layer * dy
            label = f"$h^{{({layer})}}_{t + 1}$" if layers > 1 else f"$h_{t + 1}$"
            box(ax, (x - 0.4, y), 0.8, 0.5, label, color=_STATE)
            arrow(ax, (x, y - dy + 0.5), (x, y))
            if t + 1 < steps:
                arrow(ax, (x + 0.4, y + 0.25), (x + dx - 0.4, y + 0.25))
        top = (layers + 1) * dy
        box(ax, (x - 0.4, top), 0.8, 0.5, f"$y_{t + 1}$", color=_OUTPUT)
        arrow(ax, (x, top - dy + 0.5), (x, top))
    for layer in range(1, layers + 1):
        ax.text(-0.15, layer * dy + 0.25, f"layer {layer}", ha="right", va="center", fontsize=9)
    return ax


def encoder_decoder(source=("I", "love", "you", "."), target=("je", "t'", "aime", "."), ax=None):
    """The encoder (sky) reads the source words into its final state, one vector; the decoder (green) starts
    from that vector and writes the target one word at a time, each word fed back (dashed) as its next input.
    source, target: lists of 1..8 words."""
    source = _check_words(source, "source")
    target = _check_words(target, "target")
    dx = 1.3
    gap = 1.5  # room for the vector between the two networks
    width = (len(source) + len(target)) * dx + gap
    ax = canvas(ax, xlim=(-0.3, width), ylim=(-0.6, 4.1), figsize=(0.75 * width + 0.6, 3.1))
    for t, word in enumerate(source):
        x = t * dx + 0.5
        ax.text(x, 0.0, word, ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor=_INPUT))
        box(ax, (x - 0.4, 1.2), 0.8, 0.6, "enc", color=_STATE)
        arrow(ax, (x, 0.25), (x, 1.2))
        if t + 1 < len(source):
            arrow(ax, (x + 0.4, 1.5), (x + dx - 0.4, 1.5))
    vector_x = len(source) * dx + gap / 2 - 0.2
    box(ax, (vector_x - 0.2, 1.1), 0.4, 0.8, "", color=PALETTE["purple"], fill=0.6)
    ax.text(vector_x, 0.8, "the input\nas a vector", ha="center", va="top", fontsize=8)
    arrow(ax, (vector_x - dx - gap / 2 + 0.6, 1.5), (vector_x - 0.2, 1.5))
    start = len(source) * dx + gap
    fed = ["<bos>"] + target[:-1]
    for t, word in enumerate(target):
        x = start + t * dx + 0.3
        ax.text(x, 0.0, fed[t], ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor=_OUTPUT))
        box(ax, (x - 0.4, 1.2), 0.8, 0.6, "dec", color=_OUTPUT)
        arrow(ax, (x, 0.25), (x, 1.2))
        arrow(ax, (x, 1.8), (x, 2.55))
        ax.text(x, 2.8, word, ha="center", va="center", fontsize=10, fontweight="bold")
        previous = (vector_x + 0.2, 1.5) if t == 0 else (x - dx + 0.4, 1.5)
        arrow(ax, previous, (x - 0.4, 1.5))
        if t + 1 < len(target):
            arrow(ax, (x + 0.25, 2.75), (x + dx - 0.2, 0.25), color=PALETTE["grey"], dashed=True, curve=-0.25)
    ax.text((len(source) * dx) / 2, 3.7, "encoder: reads", ha="center", fontsize=10, color=PALETTE["blue"])
    ax.text(start + len(target) * dx / 2 - 0.2, 3.7, "decoder: writes", ha="center", fontsize=10,
            color=PALETTE["green"])
    return ax


def bidirectional_rnn(tokens=("the", "bank", "is", "robbed"), tags=None, ax=None):
    """Two RNNs over the same words: one reads left to right (blue), one right to left (orange); at every
    step their two states are joined (concatenated) and read out into a tag. tokens: 1..8 words; tags:
    None or one label per token, written on top."""
    tokens = _check_words(tokens, "tokens")
    if tags is not None:
        tags = _check_words(tags, "tags")
        if len(tags) != len(tokens):
            raise ValueError(f"tags must hold one tag per token ({len(tokens)}); got {len(tags)}")
    dx = 1.6
    ax = canvas(ax, xlim=(-2.0, len(tokens) * dx), ylim=(-0.5, 4.6), figsize=(1.6 + 1.2 * len(tokens), 3.4))
    forward, backward = PALETTE["blue"], PALETTE["orange"]
    for t, word in enumerate(tokens):
        x = t * dx + 0.5
        ax.text(x, 0.0, word, ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor="black"))
        box(ax, (x - 0.45, 0.8), 0.9, 0.5, r"$\overrightarrow{h}_{%d}$" % (t + 1), color=forward, fill=0.3)
        box(ax, (x - 0.45, 1.7), 0.9, 0.5, r"$\overleftarrow{h}_{%d}$" % (t + 1), color=backward, fill=0.3)
        arrow(ax, (x - 0.2, 0.25), (x - 0.2, 0.8))
        arrow(ax, (x + 0.3, 0.25), (x + 0.3, 1.7), color=PALETTE["grey"], curve=-0.15)
        box(ax, (x - 0.45, 2.65), 0.9, 0.5, "join", color=PALETTE["purple"], fill=0.3, fontsize=9)
        arrow(ax, (x - 0.45, 1.15), (x - 0.3, 2.65), curve=-0.6)
        arrow(ax, (x, 2.2), (x, 2.65))
        arrow(ax, (x, 3.15), (x, 3.6))
        ax.text(x, 3.85, tags[t] if tags is not None else f"$y_{t + 1}$", ha="center", va="center",
                fontsize=9, fontweight="bold")
        if t + 1 < len(tokens):
            arrow(ax, (x + 0.45, 1.05), (x + dx - 0.45, 1.05), color=forward, width=1.6)
            arrow(ax, (x + dx - 0.45, 1.95), (x + 0.45, 1.95), color=backward, width=1.6)
    ax.text(-0.55, 1.05, "left to right", ha="right", va="center", fontsize=9, color=forward)
    ax.text(-0.55, 1.95, "right to left", ha="right", va="center", fontsize=9, color=backward)
    return ax


def _source_tokens(source):
    """A typed sentence as lower-case tokens ("I love you." -> ['i', 'love', 'you', '.']), or a list as is."""
    if isinstance(source, str):
        return source.lower().replace(".", " . ").split()
    if isinstance(source, (list, tuple)) and all(isinstance(word, str) for word in source):
        return list(source)
    raise TypeError(f"source must be a sentence (a string) or a list of words; got {source!r}")


def _check_translator(model, source_vocab, target_vocab):
    """Raise a clear error unless the model is a Seq2Seq whose vocabularies match the two given."""
    from rnnbook.torch_rnn import Seq2Seq

    if not isinstance(model, Seq2Seq):
        raise TypeError(f"model must be a rnnbook.torch_rnn.Seq2Seq; got {type(model).__name__}")
    for vocab, name, size in ((source_vocab, "source_vocab", model.src_vocab),
                              (target_vocab, "target_vocab", model.tgt_vocab)):
        if not isinstance(vocab, Vocabulary) or len(vocab) != size:
            raise ValueError(f"{name} must be a Vocabulary of {size} items (the model's); got {vocab!r:.80}")
    for special in ("<bos>", "<eos>"):
        if special not in target_vocab:
            raise ValueError(f"target_vocab must hold {special!r}; it holds {target_vocab.items[:5]}...")


def decoder_trace(model, source_vocab, target_vocab, source, top=3, max_len=8):
    """Translate `source` greedily and record every decoder step: a list of dicts with "fed" (the word
    given to the decoder), "top" (the `top` likeliest next words as (word, probability) pairs, best first)
    and "chosen" (the best word, fed back at the next step). It stops after "<eos>" or max_len steps.

    Parameters
    ----------
    model : rnnbook.torch_rnn.Seq2Seq
        A trained translator.
    source_vocab, target_vocab : Vocabulary
        Its vocabularies; target_vocab holds "<bos>" and "<eos>".
    source : str or list of str
        A sentence such as "I love you." (lower-cased, "." split off) or a list of tokens.
    top : int
        How many words to keep per step, 1..10.
    max_len : int
        The most steps, 1..20.

    An unknown source word raises a ValueError naming it.
    """
    import torch

    _check_translator(model, source_vocab, target_vocab)
    top = _check_count(top, "top", 1, min(10, len(target_vocab)))
    max_len = _check_count(max_len, "max_len", 1, 20)
    tokens = _source_tokens(source)
    if not tokens:
        raise ValueError("source must hold at least one word; got an empty sentence")
    src = torch.as_tensor(source_vocab.encode(tokens)).reshape(-1, 1)  # (S, 1)
    eos = target_vocab.index("<eos>")
    fed = target_vocab.index("<bos>")
    steps = []
    was_training = model.training
    model.eval()
    with torch.no_grad():
        state = model.encode(src)
        for _ in range(max_len):
            logits, state = model.decode(torch.tensor([[fed]]), state)  # (1, 1, V)
            probs = torch.softmax(logits[0, 0], dim=-1)  # (V,)
            best = torch.topk(probs, top)
            ranked = [(target_vocab.item(int(k)), float(p)) for p, k in zip(best.values, best.indices)]
            steps.append({"fed": target_vocab.item(fed), "top": ranked, "chosen": ranked[0][0]})
            fed = int(best.indices[0])
            if fed == eos:
                break
    model.train(was_training)
    return steps


def decoder_steps(model, source_vocab, target_vocab, source, top=3, shown=None, max_len=8, ax=None):
    """The decoder's choices drawn step by step: one column per step, with the word it was fed and its
    `top` likeliest next words as bars of their probabilities (the chosen one dark blue, fed to the next
    column). shown: draw only the first `shown` steps (None: all), keeping the layout, for animations.

    A source with an unknown word (or no word) draws a message in the picture instead of raising, so a
    widget can show it; the other arguments are checked as in `decoder_trace`.
    """
    _check_translator(model, source_vocab, target_vocab)
    top = _check_count(top, "top", 1, min(10, len(target_vocab)))
    _check_count(max_len, "max_len", 1, 20)
    ax = new_axes(ax, figsize=(9, 3))
    ax.axis("off")
    ax.figure.set_facecolor("white")
    tokens = _source_tokens(source)
    unknown = [word for word in tokens if word not in source_vocab]
    if not tokens or unknown:
        problem = f"unknown word {unknown[0]!r}" if unknown else "no words"
        known = "  ".join(repr(word) for word in source_vocab.items if not word.startswith("<"))
        ax.text(0.5, 0.65, f"Cannot translate: {problem}.", ha="center", va="center", fontsize=12,
                color=PALETTE["vermillion"], transform=ax.transAxes)
        ax.text(0.5, 0.35, f"The encoder knows only: {known}", ha="center", va="center", fontsize=8,
                wrap=True, transform=ax.transAxes)
        return ax
    steps = decoder_trace(model, source_vocab, target_vocab, tokens, top=top, max_len=max_len)
    if shown is not None:
        shown = _check_count(shown, "shown", 0, 20)
    visible = steps if shown is None else steps[:shown]
    n = len(steps)
    ax.set_xlim(0, n)
    ax.set_ylim(-top - 0.5, 1.5)
    words = " ".join(tokens)
    written = " ".join(step["chosen"] for step in visible)
    ax.text(0.0, 1.5, f"{words}   \u2192   {written}", ha="left", va="bottom", fontsize=11)
    lefts, heights, rights, colors = [], [], [], []
    for i, step in enumerate(visible):
        ax.text(i + 0.5, 1.05, f"step {i + 1}\nfed: {step['fed']}", ha="center", va="center", fontsize=9)
        for rank, (word, prob) in enumerate(step["top"]):
            y = -rank - 0.35
            color = PALETTE["blue"] if rank == 0 else PALETTE["grey"]
            share = f"{prob:.0%}" if prob >= 0.01 else "<1%"
            ax.text(i + 0.04, y + 0.2, f"{word} {share}", ha="left", va="center", fontsize=8,
                    fontweight="bold" if rank == 0 else "normal", color=color if rank == 0 else "black")
            lefts.append(i + 0.06)
            heights.append(y - 0.15)
            rights.append(i + 0.06 + 0.88 * prob)
            colors.append(color)
        if i + 1 < len(visible):
            ax.annotate("", (i + 1.2, 0.72), (i + 0.75, 0.1), arrowprops=dict(
                arrowstyle="-|>", color=PALETTE["blue"], connectionstyle="arc3,rad=0.3"))
    ax.hlines(heights, lefts, rights, colors=colors, linewidth=6)  # one collection: quick to redraw
    return ax
