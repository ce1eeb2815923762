"""Jupyter widgets: controls that redraw a chapter's figure when they move (`tools/bench.py` times each)."""
import struct
import zlib
from functools import partial

import ipywidgets as w
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from rnnbook.data import BOOK_WORDS, DAYS, DINNERS, MONTHS
from rnnbook.figures import bptt, gates, gru, lstm, recurrence, sequences, squashing, vectors, voting

_DPI = 100  # pixels per inch shown, as the inline backend shows figures; the PNG has twice as many


def _png(rgba):
    """PNG bytes of an image (H, W, 4) of uint8: rows unfiltered and deflated fast (Pillow is 2x slower)."""
    rows = np.pad(rgba.reshape(len(rgba), -1), ((0, 0), (1, 0)))  # each row starts with its filter: 0, none
    chunks = ((b"IHDR", struct.pack(">IIBBBBB", rgba.shape[1], len(rgba), 8, 6, 0, 0, 0)),
              (b"IDAT", zlib.compress(rows, 1)), (b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(struct.pack(">I", len(data)) + kind + data +
                                         struct.pack(">I", zlib.crc32(kind + data)) for kind, data in chunks)


def _interactive(update, figsize, frame=None, **controls):
    """The `controls` above the picture that `update(ax=..., **values)` draws anew, as a PNG at twice the
    resolution shown, when one moves. frame: the controls that change the axes' ticks and labels; the axes
    (and artists of gid "frame") are then drawn once per their values and kept (blitting)."""
    fig = Figure(figsize=figsize, dpi=2 * _DPI)
    FigureCanvasAgg(fig)
    ax, frames = fig.add_subplot(), {}  # values of the frame's controls -> pixels of the frame

    def draw():
        values = {name: control.value for name, control in controls.items()}
        ax.clear()  # keeps the axes' place
        update(ax=ax, **values)
        if frame is None:
            fig.canvas.draw()
            return _png(np.asarray(fig.canvas.buffer_rgba()))
        kept = [ax.patch, ax.xaxis, ax.yaxis, *([] if ax.axison else ax.spines.values())]  # framed, or off
        over = sorted((artist for artist in ax.get_children() if artist.get_gid() != "frame"
                       and artist not in kept), key=lambda artist: artist.get_zorder())
        for artist in over:  # matplotlib's blitting: animated artists are left out of canvas.draw()
            artist.set_animated(True)
        key = tuple(values[name] for name in frame)
        if key not in frames:
            fig.canvas.draw()
            frames[key] = fig.canvas.copy_from_bbox(fig.bbox)
        fig.canvas.restore_region(frames[key])
        for artist in over:  # in Axes.draw's order
            ax.draw_artist(artist)
        return _png(np.asarray(fig.canvas.buffer_rgba()))
    update(ax=ax, **{name: control.value for name, control in controls.items()})
    fig.tight_layout()
    image = w.Image(value=draw(), format="png", layout=w.Layout(
        width=f"{figsize[0] * _DPI:.0f}px", max_width="100%", height="auto"))

    for control in controls.values():
        control.style.description_width = "initial"  # the whole label ("vote strength", not "vote stren...")
        control.observe(lambda change: setattr(image, "value", draw()), "value")
    return w.VBox([w.HBox(list(controls.values())), image])


def voting_network(calendar_weights, yesterday_weights):
    """Chapter 1: pick a network and tonight's inputs; see the votes flow and the tally decide."""
    menus = {name: w.Dropdown(options=options, description=name, layout=w.Layout(width="170px"))
             for name, options in (("yesterday", DINNERS), ("weekday", DAYS), ("month", MONTHS))}
    net = w.ToggleButtons(options=[("yesterday net", "yesterday"), ("calendar net", "calendar")],
                          style={"button_width": "110px"})
    late = w.Checkbox(description="late meeting", indent=False, layout=w.Layout(width="120px"))
    update = partial(voting.dinner_votes, calendar_weights, yesterday_weights)
    return _interactive(update, (6.1, 4.1), net=net, **menus, late_meeting=late)


def one_hot_product():
    """Chapter 2: pick a dish, a day or a word; see its one-hot vector x pick one column of a matrix W."""
    choices = [(f"{kind}: {item}", item)
               for kind, items in (("dish", DINNERS), ("day", DAYS), ("word", BOOK_WORDS)) for item in items]
    menu = w.Dropdown(options=choices, description="item", layout=w.Layout(width="260px"))
    return _interactive(vectors.one_hot_product, (5.3, 3.8), item=menu)


def _days_away(make_net, days, vote_strength, ax=None):
    """Chapter 3's update: the net `make_net(vote_strength)` after a pizza night and `days` nights away."""
    xs = np.zeros((days + 1, 1, len(DINNERS)))  # (T, B=1, 3): only the first night's dinner is known
    xs[0, 0, DINNERS.index("pizza")] = 1.0
    return recurrence.days_away(make_net(vote_strength).forward(xs)[:, 0], "pizza", ax=ax)


def days_away(hand_set_dinner_net):
    """Chapter 3: the dinner net `hand_set_dinner_net(vote_strength)` unrolled over the nights away."""
    return _interactive(partial(_days_away, hand_set_dinner_net), (4.1, 8.3),
                        days=w.IntSlider(value=3, min=0, max=14, description="days away"),
                        vote_strength=w.FloatSlider(value=10.0, min=0.5, max=10.0, step=0.5,
                                                    description="vote strength"))


def sentence_sampler(net):
    """Chapter 3: slide through sentences sampled from a trained children's-book PredictionRNN."""
    return _interactive(partial(recurrence.sample_sentence_card, net), (5.3, 1.3),
                        number=w.IntSlider(value=0, min=0, max=199, description="sentence"))


def squash_point():
    """Chapter 4: slide the input along the tanh or logistic curve; read its output and slope."""
    return _interactive(squashing.squash_point, (5.5, 4), ("function",),
                        x=w.FloatSlider(value=0.5, min=-5.0, max=5.0, step=0.1, description="input"),
                        function=w.ToggleButtons(options=["tanh", "logistic"],
                                                 style={"button_width": "80px"}))


def _gradient_norms(gradient_norms, per_step_rate, scale, input_scale, ax=None):
    """Chapter 4's update: measure the gradient norms for one scale and input size, and draw them."""
    norms = gradient_norms(scale, input_scale=input_scale)[0]
    return squashing.gradient_norm_curves({scale: norms}, {scale: per_step_rate(norms)}, ax=ax)


def gradient_norm_curves(gradient_norms, per_step_rate):
    """Chapter 4: the norms `gradient_norms(scale, input_scale)[0]` for a scale of W_hh and of the inputs."""
    update = partial(_gradient_norms, gradient_norms, per_step_rate)
    return _interactive(update, (6, 4), (), scale=w.FloatSlider(value=0.9, min=0.25, max=3.0, step=0.05,
                                                                  description="W_hh scale"),
                        input_scale=w.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.25,
                                                     description="input size"))


def _faucets(first, second, third, signal, ax=None):
    """Chapter 5's update: three faucets set to the three openings."""
    return gates.faucets(signal, [first, second, third], ax=ax)


def faucets():
    """Chapter 5: three faucets on three pipes; slide the openings and the signal, see what gets through."""
    style = {"max": 1.0, "step": 0.05, "layout": w.Layout(width="220px")}
    controls = {name: w.FloatSlider(value=value, min=0.0, description=f"opening {k + 1}", **style)
                for k, (name, value) in enumerate((("first", 1.0), ("second", 0.0), ("third", 0.5)))}
    signal = w.FloatSlider(value=0.8, min=-1.0, description="signal", **style)
    return _interactive(_faucets, (5.3, 3), **controls, signal=signal)


def _fading_pulse(forget, steps=100, ax=None):
    """Chapter 5's update: a pulse in a gated memory, f^t, and its half-life ln 0.5 / ln f."""
    half_life = np.log(0.5) / np.log(forget) if forget < 1 else np.inf
    return gates.memory_half_life(forget ** np.arange(steps + 1), half_life, forget, ax=ax)


def memory_half_life():
    """Chapter 5: slide the forget gate f of the gated memory; watch a pulse fade, its half-life marked."""
    return _interactive(_fading_pulse, (5.9, 3.4), (), forget=w.FloatSlider(
        value=0.9, min=0.5, max=1.0, step=0.01, description="forget f", readout_format=".2f"))


def lstm_stepper(trace, words, probs, vocab):
    """Chapter 6: slide along a sentence; see a trained LSTM's gates, cell and prediction (`lstm_step`)."""
    update = partial(lstm.lstm_step, trace, words, probs, vocab)
    return _interactive(update, (6.7, 2.7), (), position=w.IntSlider(
        value=len(words) - 2, min=0, max=len(words) - 1, description="word"))


def _update_mix(old, new, z, ax=None):
    """Chapter 7's update: the new state h = (1 - z) n + z h_prev of a few units."""
    return gru.update_gate_bars(z, old, new, (1 - z) * new + z * old, ax=ax)


def update_gate(h_prev, candidate):
    """Chapter 7: slide the GRU's update gate z from 0 (take the candidate) to 1 (keep h_prev)."""
    return _interactive(partial(_update_mix, h_prev, candidate), (6, 3.5), (), z=w.FloatSlider(
        value=0.5, min=0.0, max=1.0, step=0.05, description="update z", readout_format=".2f"))


def translation_steps(model, source_vocab, target_vocab, pad_to=0):
    """Chapter 8: type a string of digits and letters; watch a trained Seq2Seq write its digits backwards."""
    update = partial(sequences.decoder_steps, model, source_vocab, target_vocab, pad_to=pad_to)
    source = w.Text(value="a3b7c", description="input", continuous_update=False,
                    layout=w.Layout(width="360px"))
    return _interactive(update, (6.7, 2.6), source=source)


def truncated_bptt(losses, num_steps=12):
    """Chapter 9: choose k, a loss's step and delay (losses: (k, delay) -> loss); see its gradient's reach."""
    ks, delays, n = sorted({k for k, _ in losses}), sorted({d for _, d in losses}), num_steps
    return _interactive(partial(bptt.gradient_reach, losses=losses, num_steps=num_steps), (6.7, 2.8),
                        k=w.SelectionSlider(options=ks, value=ks[len(ks) // 2], description="chunk k"),
                        loss_step=w.IntSlider(value=n - 1, min=1, max=n, description="loss at step"),
                        delay=w.ToggleButtons(options=delays, value=delays[-1], description="delay d",
                                              style={"button_width": "50px"}))


def _sampled_text(sample, prefix, temperature, seed, ax=None):
    """Chapter 9's update: `sample(prefix, temperature, seed)` -> (text, probability of each character)."""
    text, probabilities = sample(prefix, temperature, seed)
    ax = bptt.cell_grid(probabilities, text, limits=(0, 1.2), ax=ax)
    ax.set_title(f"T = {temperature:.2f}; shade: the probability the model gave each character", fontsize=10)
    return ax


def language_model(sample):
    """Chapter 9: a character model continues a prefix (`sample(prefix, temperature, seed)` -> (text,
    probabilities)), each character shaded by its probability."""
    return _interactive(partial(_sampled_text, sample), (6.7, 3), prefix=w.Text(
        value="def ", description="prefix", continuous_update=False, layout=w.Layout(width="300px")),
        temperature=w.FloatSlider(value=1.0, min=0.25, max=2.0, step=0.25, description="temperature"),
        seed=w.IntSlider(value=0, min=0, max=9, description="seed"))
