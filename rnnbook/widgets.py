"""Interactive widgets for the notebooks: thin ipywidgets wrappers over the pure drawing functions of
`rnnbook.plots` and `rnnbook.diagrams`, with no logic of their own.

Each widget redraws a matplotlib figure when a control changes. The drawing is a pure function, so the same
picture appears on the static page as an animation (`rnnbook.animate`), and its speed is measured by the
benchmark: `BENCHMARKS` maps a widget's name to a zero-argument function doing one update (compute and
draw to an Agg canvas), which `python -m rnnbook.bench` times against the 100 ms budget.
"""
import ipywidgets
import matplotlib.pyplot as plt

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
    import functools

    from rnnbook.data import DAYS, DINNERS, MONTHS
    from rnnbook.diagrams.voting import dinner_votes, dinner_weights

    draw = functools.partial(dinner_votes, *dinner_weights(calendar_weights, yesterday_weights))
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
    import functools

    import numpy as np

    from rnnbook.diagrams.voting import dinner_votes

    calendar = np.random.default_rng(0).normal(0.0, 0.3, size=(3, 20))  # (3, 20)
    yesterday = 4.5 * np.roll(np.eye(3), 1, axis=0) - 1.5  # (3, 3): each dish votes for the next one
    draw = functools.partial(dinner_votes, calendar, yesterday)
    time_update(draw, figsize=(7.5, 4.6), net="calendar", weekday="Tuesday", month="March", late_meeting=True)


BENCHMARKS["voting_network"] = _voting_network_update


def one_hot_product():
    """Chapter 2: pick a dish, a day or a word; see its one-hot vector x pick one column of a matrix W."""
    from rnnbook.diagrams.vectors import EXAMPLE_CHOICES, one_hot_product as draw

    menu = ipywidgets.Dropdown(options=list(EXAMPLE_CHOICES), value="pizza", description="item",
                               layout=ipywidgets.Layout(width="260px"))
    return interactive(draw, {"item": menu}, figsize=(7, 4.5))


def _one_hot_product_update():
    """One update of the chapter 2 widget on its largest picture, the 7 x 7 calendar matrix."""
    from rnnbook.diagrams.vectors import one_hot_product as draw

    time_update(draw, figsize=(7, 4.5), item="Wednesday")


BENCHMARKS["one_hot_product"] = _one_hot_product_update


def days_away():
    """Chapter 3: the dinner net unrolled over the nights you were away; slide the nights and the vote strength."""
    from rnnbook.diagrams.recurrence import days_away as draw

    controls = {
        "days": ipywidgets.IntSlider(value=3, min=0, max=14, description="days away"),
        "vote_strength": ipywidgets.FloatSlider(value=10.0, min=0.5, max=10.0, step=0.5,
                                                description="vote strength"),
    }
    return interactive(draw, controls, figsize=(9.3, 2.9))


def _days_away_update():
    """One update of the chapter 3 unroller on its widest picture: two weeks away."""
    from rnnbook.diagrams.recurrence import days_away as draw

    time_update(draw, figsize=(9.3, 2.9), days=14, vote_strength=10.0)


BENCHMARKS["days_away"] = _days_away_update


def sentence_sampler(net):
    """Chapter 3: slide through sentences sampled from a trained children's-book PredictionRNN (`net`), each
    drawn with the probability of every word and its verdict by the book's grammar."""
    from rnnbook.diagrams.recurrence import sample_sentence_card

    def draw(number, ax):
        return sample_sentence_card(net, number, ax=ax)

    controls = {"number": ipywidgets.IntSlider(value=0, min=0, max=199, description="sentence")}
    return interactive(draw, controls, figsize=(6.5, 1.6))


def _sentence_sampler_update():
    """One update of the chapter 3 sentence sampler (an untrained net: the time does not depend on training)."""
    from rnnbook.diagrams.recurrence import sample_sentence_card
    from rnnbook.numpy_rnn.jordan import PredictionRNN

    net = PredictionRNN(5, seed=0)
    time_update(lambda ax, number: sample_sentence_card(net, number, ax=ax), figsize=(6.5, 1.6), number=7)


BENCHMARKS["sentence_sampler"] = _sentence_sampler_update


# Chapter 5: gates.

def faucets():
    """Chapter 5: three faucets on three pipes; slide each opening (0 closed, 1 open) and the signal that
    flows into every pipe, and see what gets through: signal x opening, element by element."""
    from rnnbook.diagrams.gates import faucets as draw

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
    from rnnbook.diagrams.gates import faucets as draw

    time_update(lambda ax, openings: draw(0.8, openings, ax=ax), figsize=(6.5, 3.7), openings=[0.3, 0.9, 0.5])


BENCHMARKS["faucets"] = _faucets_update


def memory_half_life():
    """Chapter 5: slide the forget gate f of the gated memory c_t = f c_{t-1} + x_t and watch a single pulse
    fade, with its half-life ln(0.5) / ln(f) marked."""
    from rnnbook.diagrams.gates import memory_half_life as draw

    controls = {"forget": ipywidgets.FloatSlider(value=0.9, min=0.5, max=1.0, step=0.01, description="forget f",
                                                 readout_format=".2f")}
    return interactive(draw, controls, figsize=(6.5, 3.4))


def _memory_half_life_update():
    """One update of the chapter 5 half-life widget, at its slowest: 100 bars."""
    from rnnbook.diagrams.gates import memory_half_life as draw

    time_update(draw, figsize=(6.5, 3.4), forget=0.97)


BENCHMARKS["memory_half_life"] = _memory_half_life_update


# Chapter 4: squashing functions, and the gradient through time.

def squash_point():
    """Chapter 4: slide the input along the tanh or logistic curve and read its output and slope."""
    from rnnbook.diagrams.squashing import squash_point as draw

    controls = {
        "x": ipywidgets.FloatSlider(value=0.5, min=-5.0, max=5.0, step=0.1, description="input"),
        "function": ipywidgets.ToggleButtons(options=["tanh", "logistic"], value="tanh",
                                             style={"button_width": "80px"}),
    }
    return interactive(draw, controls, figsize=(6, 4))


def _squash_point_update():
    """One update of the chapter 4 curve reader."""
    from rnnbook.diagrams.squashing import squash_point as draw

    time_update(draw, figsize=(6, 4), x=-1.3, function="logistic")


BENCHMARKS["squash_point"] = _squash_point_update


def gradient_norm_curves():
    """Chapter 4: the gradient norm of a vanilla RNN against the number of steps it travels back, for a
    chosen scale of its orthogonal recurrent weights and a chosen size of its inputs."""
    from rnnbook.diagrams.squashing import gradient_norm_curves as draw

    controls = {
        "scales": ipywidgets.FloatSlider(value=0.9, min=0.25, max=3.0, step=0.05, description="W_hh scale"),
        "input_scale": ipywidgets.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.25,
                                                 description="input size"),
    }
    return interactive(draw, controls, figsize=(6.5, 4))


def _gradient_norm_curves_update():
    """One update of the chapter 4 weight-scale slider: 40 backward passes of a 16-unit RNN, and the plot."""
    from rnnbook.diagrams.squashing import gradient_norm_curves as draw

    time_update(draw, figsize=(6.5, 4), scales=1.5, input_scale=0.01)


BENCHMARKS["gradient_norm_curves"] = _gradient_norm_curves_update
