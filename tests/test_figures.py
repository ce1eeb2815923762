"""Every picture of the book draws on small inputs: the figure functions of `rnnbook.figures`, every widget's
pure update, the animations; and `import rnnbook.figures` stays light (no ipywidgets, no torch)."""
import io
import re
import subprocess
import sys

import numpy as np
import pytest

from rnnbook.data import BOOK_WORDS, DINNERS, calendar_feature_names
from rnnbook.figures import (animation, bptt, gates, gru, lstm, plots, recurrence, sequences, squashing,
                             vectors, voting)
from rnnbook.numpy_rnn import LSTM, PredictionRNN

RNG = np.random.default_rng(0)
CALENDAR = RNG.normal(size=(3, len(calendar_feature_names())))  # (3, 20)
YESTERDAY = 4.5 * np.roll(np.eye(3), 1, axis=0) - 1.5  # (3, 3): each dish votes for the next one
TRACE = {name: RNG.uniform(-1, 1, (4, 5)) for name in LSTM.trace_names}  # (T, H)
WORDS = [".", "Jane", "saw", "Spot"]


def dinner_net(vote_strength):
    """The hand-set dinner net of chapter 3."""
    net = PredictionRNN(vocab_size=3)
    cycle = np.roll(np.eye(3), 1, axis=0)
    net.params.update(W_x=vote_strength * cycle, W_p=vote_strength * cycle, b=np.zeros(3))
    return net


def norms_of(scale, input_scale=0.01):
    """A stand-in for chapter 4's gradient_norms: (norms, states)."""
    return scale ** np.arange(1.0, 6.0), None


def translator():
    """An untrained chapter-8 model (digits and letters -> digits) and its two vocabularies."""
    pytest.importorskip("torch")
    from rnnbook.encoding import Vocabulary
    from rnnbook.torch_rnn import Seq2Seq
    source = Vocabulary(["<pad>", "<bos>", "<eos>", *"0123456789abcde"])
    target = Vocabulary(["<pad>", "<bos>", "<eos>", *"0123456789"])
    return Seq2Seq(len(source), len(target), 8, cell="gru", seed=0), source, target


def widget_update(name, *args, **kwargs):
    """A widget's pure update function (imports ipywidgets)."""
    widgets = pytest.importorskip("rnnbook.figures.widgets")
    return getattr(widgets, name)(*args, **kwargs)


FIGURES = {
    "labelled_lines": lambda: plots.labelled_lines(np.arange(3), {"a": [0.1, 0.5, 0.9], "b": [1e-3, 1e-2, 1]},
                                                   dashed=["b"], bounds=(1,), logy=True, title="t"),
    "bar_chart": lambda: plots.bar_chart([0.5, 1.0], ["x", "y"], reference=0.5, reference_label="chance"),
    "sweep_success": lambda: plots.sweep_success(
        [dict(length=L, model=m, optimizer=o, lr=lr, start=s, success=(L + lr) % 2 > 0.5)
         for L in (5, 9) for m in ("rnn", "gru") for o, lr in (("sgd", 0.1), ("adam", 0.01))
         for s in ("default", "remember")], models=("rnn", "gru")),
    "voting_network": lambda: voting.voting_network(calendar_feature_names(), DINNERS),
    "vote_heatmap": lambda: voting.vote_heatmap(YESTERDAY, DINNERS, DINNERS),
    "vote_heatmap shared scale": lambda: voting.vote_heatmap(YESTERDAY, DINNERS, DINNERS, colorbar=False, bound=6.0),
    "dinner_calendar": lambda: voting.dinner_calendar(list(DINNERS) * 3, np.arange(2, 11) % 7),
    "dinner_votes yesterday": lambda: voting.dinner_votes(CALENDAR, YESTERDAY, yesterday="sushi"),
    "dinner_votes calendar": lambda: voting.dinner_votes(CALENDAR, YESTERDAY, net="calendar",
                                                         late_meeting=True),
    "vector_columns": lambda: vectors.vector_columns([[76, 0.25], [0, 1, 0]], [["high", "rain"], DINNERS],
                                                     titles=["weather", "sushi"], highlights=[None, 1]),
    "matvec_picture": lambda: vectors.matvec_picture([[0.5, 0.5], [1, -1]], [76, 43], highlight_row=0,
                                                     row_labels=["mean", "range"], col_labels=["high", "low"],
                                                     note="a note"),
    "one_hot_product dish": lambda: vectors.one_hot_product("pizza"),
    "one_hot_product day": lambda: vectors.one_hot_product("Sunday"),
    "one_hot_product word": lambda: vectors.one_hot_product("."),
    "permutation_cycle": lambda: vectors.permutation_cycle(np.roll(np.eye(3), 1, axis=0), DINNERS),
    "recycled_prediction": lambda: recurrence.recycled_prediction(),
    "days_away": lambda: recurrence.days_away(np.full((3, 3), 1 / 3), "sushi"),
    "days_away one night": lambda: recurrence.days_away(np.full((1, 3), 1 / 3)),
    "unrolled_rnn": lambda: recurrence.unrolled_rnn(steps=2),
    "sequence_shapes": lambda: recurrence.sequence_shapes(),
    "prediction_heatmap": lambda: recurrence.prediction_heatmap(np.eye(2), ["a", "b"], ["c", "d"], title="t"),
    "sample_sentence_card": lambda: recurrence.sample_sentence_card(
        PredictionRNN(len(BOOK_WORDS), seed=0), 3),
    "feedback_loop": lambda: squashing.feedback_loop([0.1, 0.2, 0.4], [0.1, 0.2, 0.37]),
    "squash_point tanh": lambda: squashing.squash_point(-1.3, "tanh"),
    "squash_point logistic": lambda: squashing.squash_point(2.0, "logistic"),
    "repeated_squashing": lambda: squashing.repeated_squashing(times=(1, 3), function="tanh"),
    "dependency_gap": lambda: squashing.dependency_gap(["the", "clouds", "in", "the", "sky"], 1, 4, width=8),
    "dependency_gap wrapped": lambda: squashing.dependency_gap(list("abcdefghij"), 1, 8, width=1.5),
    "gradient_norm_curves": lambda: squashing.gradient_norm_curves({0.5: norms_of(0.5)[0]}, {0.5: 0.5}),
    "cliff_and_attractor": lambda: squashing.cliff_and_attractor(steps=(1, 20)),
    "elementwise add": lambda: gates.elementwise([3, 4], [6, 7], "add"),
    "elementwise multiply": lambda: gates.elementwise([3, 4], [6, 7], "multiply"),
    "faucets": lambda: gates.faucets(-0.8, [1.0, 0.0, 0.5]),
    "gate_schematic": lambda: gates.gate_schematic(),
    "memory_schematic": lambda: gates.memory_schematic(),
    "soft_and_hard_gate": lambda: gates.soft_and_hard_gate(),
    "memory_curves": lambda: gates.memory_curves({0.5: 0.5 ** np.arange(5), 1.0: np.ones(5)},
                                                 {0.5: 1.0, 1.0: np.inf}),
    "memory_half_life": lambda: gates.memory_half_life(0.8 ** np.arange(9), 3.1, 0.8),
    "lstm_cell": lambda: lstm.lstm_cell(),
    "trace_heatmaps": lambda: lstm.trace_heatmaps(TRACE, WORDS),
    "lstm_step": lambda: lstm.lstm_step(TRACE, WORDS, np.full((4, 5), 0.2), BOOK_WORDS, 2),
    "gru_cell": lambda: gru.gru_cell(),
    "update_gate_bars": lambda: gru.update_gate_bars(np.array([0.1, 0.9]), [1, -1], [-1, 1], [-0.8, -0.8]),
    "stacked_rnn": lambda: sequences.stacked_rnn(layers=3, steps=2),
    "encoder_decoder": lambda: sequences.encoder_decoder(["a", "b"], ["c"]),
    "bidirectional_rnn": lambda: sequences.bidirectional_rnn(["the", "bank"], tags=["O", "MONEY"]),
    "decoder_steps": lambda: sequences.decoder_steps(*translator(), "a3b7c", shown=1, right="7 3"),
    "decoder_steps unknown word": lambda: sequences.decoder_steps(*translator(), "I love Sally."),
    "gradient_reach": lambda: bptt.gradient_reach(4, 11, delay=5, losses={(4, 5): 1.0}),
    "backward_flow": lambda: bptt.backward_flow(num_steps=4, k=2),
    "cell_grid": lambda: bptt.cell_grid([[0.3, 1.0]], [["30%", "1"]], ["2"], ["1", "4"], outlined=[(0, 1)]),
    "cell_grid text": lambda: bptt.cell_grid(np.linspace(0, 1, 9), "def f\n  x", cmap="RdBu", limits=(-1, 1),
                                             wrap=3),
    "widget days_away": lambda: widget_update("_days_away", dinner_net, 2, 1.0),
    "widget gradient_norm_curves": lambda: widget_update("_gradient_norms", norms_of, lambda n: 0.5,
                                                         0.5, 0.01),
    "widget faucets": lambda: widget_update("_faucets", 0.2, 0.4, 1.0, 0.5),
    "widget memory_half_life": lambda: widget_update("_fading_pulse", 1.0),
    "widget update_gate": lambda: widget_update("_update_mix", np.ones(3), -np.ones(3), 0.3)}


@pytest.mark.parametrize("name", FIGURES)
def test_figure_draws(name):
    drawn = FIGURES[name]()
    figure = getattr(drawn, "figure", drawn)
    figure.canvas.draw()  # maths and text are laid out only now
    assert figure.axes


def test_animation_is_self_contained_html():
    anim = animation.over([0.5, 0.9], lambda forget, fig: gates.memory_half_life(
        forget ** np.arange(5), 1.0, forget, ax=fig.add_subplot()), figsize=(3, 2))
    html = animation.show(anim, alt='Memory curves for "forget" 0.5 and 0.9').data
    assert "<svg" in html and "font-awesome" not in html and 'type="range" aria-label="Frame"' in html
    # The first frame shows before any script runs; the alt text is escaped.
    assert re.search(r'<img id="_anim_img\w+" src="data:image/png;base64,[\w+/=]+" '
                     r'alt="Memory curves for &quot;forget&quot; 0.5 and 0.9">', html)


def test_every_widget_builds():
    widgets = pytest.importorskip("rnnbook.figures.widgets")
    builders = [widgets.one_hot_product, widgets.squash_point, widgets.faucets, widgets.memory_half_life,
                lambda: widgets.update_gate(np.ones(3), -np.ones(3)),
                lambda: widgets.voting_network(CALENDAR, YESTERDAY),
                lambda: widgets.days_away(dinner_net), lambda: widgets.sentence_sampler(PredictionRNN(5)),
                lambda: widgets.gradient_norm_curves(norms_of, lambda norms: 0.5),
                lambda: widgets.lstm_stepper(TRACE, WORDS, np.full((4, 5), 0.2), BOOK_WORDS),
                lambda: widgets.translation_steps(*translator()),
                lambda: widgets.truncated_bptt({(1, 2): 1.0, (4, 2): 0.1}),
                lambda: widgets.language_model(lambda prefix, t, s: (prefix + "!", np.ones(len(prefix) + 1)))]
    for build in builders:
        controls, image = build().children  # the row of controls, the picture: a PNG at twice its size shown
        assert controls.children and bytes(image.value).startswith(b"\x89PNG")
        assert image.layout.max_width == "100%" and image.layout.height == "auto"


def test_widget_redraws_on_a_change_and_its_kept_frame_changes_no_pixel():
    widgets = pytest.importorskip("rnnbook.figures.widgets")
    import ipywidgets as w
    from PIL import Image

    def pixels(frame):
        x, function = w.FloatSlider(value=0.5, min=-5, max=5), w.ToggleButtons(options=["tanh", "logistic"])
        box = widgets._interactive(squashing.squash_point, (3, 2), frame, x=x, function=function)
        first = bytes(box.children[1].value)
        x.value, function.value, x.value = -1.3, "logistic", 2.0  # a new frame, then one kept
        assert bytes(box.children[1].value) != first
        return np.asarray(Image.open(io.BytesIO(bytes(box.children[1].value))))

    assert np.array_equal(pixels(("function",)), pixels(None))


def test_importing_the_figures_imports_neither_ipywidgets_nor_torch():
    code = ("import sys, rnnbook, rnnbook.figures\n"
            "from rnnbook.figures import animation, bptt, gates, gru, lstm, plots, recurrence, sequences, "
            "squashing, style, vectors, voting\n"
            "print(sorted({'ipywidgets', 'torch'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
