"""Interactive widgets for the notebooks: thin ipywidgets wrappers over the pure drawing functions of
`rnnbook.plots` and `rnnbook.diagrams`, with no logic of their own.

Each widget redraws a matplotlib figure when a control changes. The drawing is a pure function, so the same
picture appears on the static page as an animation (`rnnbook.animate`), and its speed is measured by the
benchmark: `BENCHMARKS` maps a widget's name to a zero-argument function doing one update (compute and
draw to an Agg canvas), which `python -m rnnbook.bench` times against the 100 ms budget.
"""
import functools

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from rnnbook.data import DAYS, DINNERS, MONTHS, SEQ_SPECIALS, all_translation_pairs
from rnnbook.diagrams import bptt, gates, gru, lstm, recurrence, sequences, squashing, vectors, voting
from rnnbook.encoding import Vocabulary
from rnnbook.numpy_rnn import PredictionRNN

BENCHMARKS = {}


def redraw(draw, figsize=(6, 4)):
    """Wrap `draw(ax=..., **values)` into a function that draws a fresh figure and shows it."""

    def update(**values):
        fig, ax = plt.subplots(figsize=figsize, facecolor="white")
        draw(ax=ax, **values)
        plt.show()

    return update


def interactive(draw, controls, figsize=(6, 4)):
    """A widget: the `controls` (a dict name -> ipywidgets control) above the figure `draw` makes.

    draw: a function `draw(ax=..., **values)` taking one keyword per control.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function of (ax=..., **values); got {type(draw).__name__}")
    if not isinstance(controls, dict) or not controls:
        raise TypeError("controls must be a non-empty dict mapping a keyword of draw to an ipywidgets control")
    output = ipywidgets.interactive_output(redraw(draw, figsize), controls)
    return ipywidgets.VBox([ipywidgets.HBox(list(controls.values())), output])


def time_update(draw, figsize=(6, 4), **values):
    """One widget update without a screen: draw on an Agg canvas and render it (what BENCHMARKS time)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, facecolor="white")
    FigureCanvasAgg(fig)
    draw(ax=fig.add_subplot(), **values)
    fig.canvas.draw()


# Chapter 1: the voting network.

def voting_network(calendar_weights, yesterday_weights):
    """Chapter 1: pick a network and tonight's inputs, and watch the votes flow and the tally decide.

    calendar_weights: array (3, 20), the trained calendar net; yesterday_weights: array (3, 3), the trained
    yesterday net. The picture is `rnnbook.diagrams.voting.dinner_votes`.
    """
    draw = functools.partial(voting.dinner_votes, *voting.dinner_weights(calendar_weights, yesterday_weights))
    narrow = ipywidgets.Layout(width="170px")
    controls = {
        "net": ipywidgets.ToggleButtons(options=[("yesterday net", "yesterday"),
                                                 ("calendar net", "calendar")],
                                        value="yesterday", style={"button_width": "110px"}),
        "yesterday": ipywidgets.Dropdown(options=DINNERS, value="pizza", description="yesterday",
                                         layout=narrow),
        "weekday": ipywidgets.Dropdown(options=DAYS, value="Monday", description="weekday", layout=narrow),
        "month": ipywidgets.Dropdown(options=MONTHS, value="January", description="month", layout=narrow),
        "late_meeting": ipywidgets.Checkbox(value=False, description="late meeting", indent=False,
                                            layout=ipywidgets.Layout(width="120px")),
    }
    return interactive(draw, controls, figsize=(7.5, 4.6))


def _voting_network_update():
    """One update of the chapter 1 widget on its heaviest picture, the calendar net (60 edges)."""
    calendar = np.random.default_rng(0).normal(0.0, 0.3, size=(3, 20))  # (3, 20)
    yesterday = 4.5 * np.roll(np.eye(3), 1, axis=0) - 1.5  # (3, 3): each dish votes for the next one
    draw = functools.partial(voting.dinner_votes, calendar, yesterday)
    time_update(draw, figsize=(7.5, 4.6), net="calendar", weekday="Tuesday", month="March", late_meeting=True)


BENCHMARKS["voting_network"] = _voting_network_update


# Chapter 2: one-hot vectors and the matrix product.

def one_hot_product():
    """Chapter 2: pick a dish, a day or a word; see its one-hot vector x pick one column of a matrix W."""
    draw = vectors.one_hot_product
    menu = ipywidgets.Dropdown(options=list(vectors.EXAMPLE_CHOICES), value="pizza", description="item",
                               layout=ipywidgets.Layout(width="260px"))
    return interactive(draw, {"item": menu}, figsize=(7, 4.5))


def _one_hot_product_update():
    """One update of the chapter 2 widget on its largest picture, the 7 x 7 calendar matrix."""
    draw = vectors.one_hot_product
    time_update(draw, figsize=(7, 4.5), item="Wednesday")


BENCHMARKS["one_hot_product"] = _one_hot_product_update


# Chapter 3: the dinner RNN and the children's book.

def days_away():
    """Chapter 3: the dinner net unrolled over the nights you were away; slide the nights and the vote strength."""
    draw = recurrence.days_away
    controls = {
        "days": ipywidgets.IntSlider(value=3, min=0, max=14, description="days away"),
        "vote_strength": ipywidgets.FloatSlider(value=10.0, min=0.5, max=10.0, step=0.5,
                                                description="vote strength"),
    }
    return interactive(draw, controls, figsize=(9.3, 2.9))


def _days_away_update():
    """One update of the chapter 3 unroller on its widest picture: two weeks away."""
    draw = recurrence.days_away
    time_update(draw, figsize=(9.3, 2.9), days=14, vote_strength=10.0)


BENCHMARKS["days_away"] = _days_away_update


def sentence_sampler(net):
    """Chapter 3: slide through sentences sampled from a trained children's-book PredictionRNN (`net`), each
    drawn with the probability of every word and its verdict by the book's grammar."""

    def draw(number, ax):
        return recurrence.sample_sentence_card(net, number, ax=ax)

    controls = {"number": ipywidgets.IntSlider(value=0, min=0, max=199, description="sentence")}
    return interactive(draw, controls, figsize=(6.5, 1.6))


def _sentence_sampler_update():
    """One update of the chapter 3 sentence sampler (an untrained net: the time does not depend on training)."""

    net = PredictionRNN(5, seed=0)
    time_update(lambda ax, number: recurrence.sample_sentence_card(net, number, ax=ax), figsize=(6.5, 1.6), number=7)


BENCHMARKS["sentence_sampler"] = _sentence_sampler_update


# Chapter 4: squashing functions, and the gradient through time.

def squash_point():
    """Chapter 4: slide the input along the tanh or logistic curve and read its output and slope."""
    draw = squashing.squash_point
    controls = {
        "x": ipywidgets.FloatSlider(value=0.5, min=-5.0, max=5.0, step=0.1, description="input"),
        "function": ipywidgets.ToggleButtons(options=["tanh", "logistic"], value="tanh",
                                             style={"button_width": "80px"}),
    }
    return interactive(draw, controls, figsize=(6, 4))


def _squash_point_update():
    """One update of the chapter 4 curve reader."""
    draw = squashing.squash_point
    time_update(draw, figsize=(6, 4), x=-1.3, function="logistic")


BENCHMARKS["squash_point"] = _squash_point_update


def gradient_norm_curves():
    """Chapter 4: the gradient norm of a vanilla RNN against the number of steps it travels back, for a
    chosen scale of its orthogonal recurrent weights and a chosen size of its inputs."""
    draw = squashing.gradient_norm_curves
    controls = {
        "scales": ipywidgets.FloatSlider(value=0.9, min=0.25, max=3.0, step=0.05, description="W_hh scale"),
        "input_scale": ipywidgets.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.25,
                                                 description="input size"),
    }
    return interactive(draw, controls, figsize=(6.5, 4))


def _gradient_norm_curves_update():
    """One update of the chapter 4 weight-scale slider: 40 backward passes of a 16-unit RNN, and the plot."""
    draw = squashing.gradient_norm_curves
    time_update(draw, figsize=(6.5, 4), scales=1.5, input_scale=0.01)


BENCHMARKS["gradient_norm_curves"] = _gradient_norm_curves_update


# Chapter 5: gates.

def faucets():
    """Chapter 5: three faucets on three pipes; slide each opening (0 closed, 1 open) and the signal that
    flows into every pipe, and see what gets through: signal x opening, element by element."""
    draw = gates.faucets
    def picture(ax, first, second, third, signal):
        return draw(signal, [first, second, third], ax=ax)

    slider = dict(min=0.0, max=1.0, step=0.05, layout=ipywidgets.Layout(width="220px"),
                  style={"description_width": "70px"})
    controls = {
        "first": ipywidgets.FloatSlider(value=1.0, description="opening 1", **slider),
        "second": ipywidgets.FloatSlider(value=0.0, description="opening 2", **slider),
        "third": ipywidgets.FloatSlider(value=0.5, description="opening 3", **slider),
        "signal": ipywidgets.FloatSlider(value=0.8, min=-1.0, max=1.0, step=0.05, description="signal",
                                         layout=ipywidgets.Layout(width="220px"),
                                         style={"description_width": "70px"}),
    }
    return interactive(picture, controls, figsize=(6.5, 3.7))


def _faucets_update():
    """One update of the chapter 5 faucets."""
    draw = gates.faucets
    time_update(lambda ax, openings: draw(0.8, openings, ax=ax), figsize=(6.5, 3.7), openings=[0.3, 0.9, 0.5])


BENCHMARKS["faucets"] = _faucets_update


def memory_half_life():
    """Chapter 5: slide the forget gate f of the gated memory c_t = f c_{t-1} + x_t and watch a single pulse
    fade, with its half-life ln(0.5) / ln(f) marked."""
    draw = gates.memory_half_life
    controls = {"forget": ipywidgets.FloatSlider(value=0.9, min=0.5, max=1.0, step=0.01, description="forget f",
                                                 readout_format=".2f")}
    return interactive(draw, controls, figsize=(6.5, 3.4))


def _memory_half_life_update():
    """One update of the chapter 5 half-life widget, at its slowest: 100 bars."""
    draw = gates.memory_half_life
    time_update(draw, figsize=(6.5, 3.4), forget=0.97)


BENCHMARKS["memory_half_life"] = _memory_half_life_update


# Chapter 6: the LSTM, one word at a time.

def lstm_stepper(trace, words, probs, vocab):
    """Chapter 6: slide along a sentence and see, at the chosen word, every gate of a trained LSTM, its cell,
    what it releases and its prediction for the next word.

    trace: dict of (T, H) arrays (the model's `trace` for one sequence); words: the T words read;
    probs: (T, V) predictions after each word; vocab: the V words. The picture is
    `rnnbook.diagrams.lstm.lstm_step`.
    """
    def draw(position, ax):
        return lstm.lstm_step(trace, words, probs, vocab, position, ax=ax)

    controls = {"position": ipywidgets.IntSlider(value=len(words) - 2, min=0, max=len(words) - 1,
                                                 description="word")}
    return interactive(draw, controls, figsize=(9, 5.1))


def _lstm_stepper_update():
    """One update of the chapter 6 stepper on a random trace of the walkthrough's size (7 words, 16 units)."""
    rng = np.random.default_rng(0)
    trace = {name: rng.uniform(-1, 1, (7, 16)) for name in lstm.TRACE_NAMES}
    probs = rng.dirichlet(np.ones(5), 7)
    words = [".", "Jane", "saw", "Spot", ".", "Doug", "saw"]
    time_update(lambda ax, position: lstm.lstm_step(trace, words, probs, ["Doug", "Jane", "Spot", "saw", "."],
                                               position, ax=ax), figsize=(9, 5.1), position=5)


BENCHMARKS["lstm_stepper"] = _lstm_stepper_update


# Chapter 7: the GRU's update gate.

def update_gate():
    """Chapter 7: slide the GRU's update gate z from 0 (take the new candidate n_t) to 1 (keep the old state
    h_{t-1}) and watch the new state h_t = (1 - z) n_t + z h_{t-1}, unit by unit (torch's convention)."""
    draw = gru.update_gate_bars
    controls = {"z": ipywidgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, description="update z",
                                            readout_format=".2f")}
    return interactive(draw, controls, figsize=(6.5, 3.6))


def _update_gate_update():
    """One update of the chapter 7 update-gate slider."""
    draw = gru.update_gate_bars
    time_update(draw, figsize=(6.5, 3.6), z=0.35)


BENCHMARKS["update_gate"] = _update_gate_update


# Chapter 8: sequence to sequence.

def translation_steps(model, source_vocab, target_vocab):
    """Chapter 8: type an English sentence and watch a trained `rnnbook.torch_rnn.Seq2Seq` (`model`, with its
    two Vocabulary objects) write the French one step by step, with each step's three likeliest words. The
    picture is `rnnbook.diagrams.sequences.decoder_steps`; an unknown word shows a message in it."""
    def draw(ax, source):
        return sequences.decoder_steps(model, source_vocab, target_vocab, source, ax=ax)

    controls = {"source": ipywidgets.Text(value="I love you.", description="English", continuous_update=False,
                                          layout=ipywidgets.Layout(width="360px"))}
    return interactive(draw, controls, figsize=(9, 3))


def _translation_steps_update():
    """One update of the chapter 8 translator: encode, decode 8 steps (the most), draw (an untrained
    model: the time does not depend on training)."""
    from rnnbook.torch_rnn import Seq2Seq

    pairs = all_translation_pairs()
    english = Vocabulary.from_sequences([pair[0] for pair in pairs], specials=SEQ_SPECIALS)
    french = Vocabulary.from_sequences([pair[1] for pair in pairs], specials=SEQ_SPECIALS)
    model = Seq2Seq(len(english), len(french), 32, cell="lstm", seed=0)
    time_update(lambda ax, source: sequences.decoder_steps(model, english, french, source, ax=ax), figsize=(9, 3),
                source="they watch the child .")


BENCHMARKS["translation_steps"] = _translation_steps_update


# Chapter 9: truncated backpropagation through time.

def truncated_bptt(losses, num_steps=12):
    """Chapter 9: choose the chunk length k, the step of a loss and the delay its target needs; see which
    steps of the unrolled chain receive its gradient, and the loss a training with that k and delay reached.

    losses: a dict mapping (k, delay) to the final training loss, precomputed in the notebook; the sliders
    offer the k and delays found in it. num_steps: the length of the chain drawn.
    """
    if not isinstance(losses, dict) or not losses:
        raise TypeError("losses must be a non-empty dict mapping (k, delay) to a final loss")
    ks = sorted({key[0] for key in losses})
    delays = sorted({key[1] for key in losses})
    draw = functools.partial(bptt.gradient_reach, losses=losses, num_steps=num_steps)
    controls = {
        "k": ipywidgets.SelectionSlider(options=ks, value=ks[len(ks) // 2], description="chunk k"),
        "loss_step": ipywidgets.IntSlider(value=num_steps - 1, min=1, max=num_steps, description="loss at step"),
        "delay": ipywidgets.ToggleButtons(options=delays, value=delays[-1], description="delay d",
                                          style={"button_width": "50px"}),
    }
    return interactive(draw, controls, figsize=(9, 3.3))


def _truncated_bptt_update():
    """One update of the chapter 9 widget on a 12-step chain."""
    time_update(bptt.gradient_reach, figsize=(9, 3.3), k=4, loss_step=11, delay=5, losses={(4, 5): 1.0}, num_steps=12)


BENCHMARKS["truncated_bptt"] = _truncated_bptt_update
