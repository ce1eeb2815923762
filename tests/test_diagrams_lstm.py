"""Tests of rnnbook.diagrams.lstm (chapter 6's pictures) and the chapter 6 widget."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from drawing import rendered
from rnnbook.diagrams import lstm

WORDS = [".", "Jane", "saw", "Spot", ".", "Doug", "saw"]
VOCAB = ["Doug", "Jane", "Spot", "saw", "."]


def fake_trace(T=7, H=4, seed=0):
    rng = np.random.default_rng(seed)
    return {name: rng.uniform(-1, 1, (T, H)) for name in lstm.TRACE_NAMES}


def fake_probs(T=7, seed=0):
    return np.random.default_rng(seed).dirichlet(np.ones(5), T)


def test_lstm_cell_draws_the_belt_and_the_story_words():
    ax = rendered(lstm.lstm_cell())
    labels = [t.get_text() for t in ax.texts]
    assert "$c_t$" in labels and any("forget gate" in t for t in labels)
    fig, ax = plt.subplots()
    assert rendered(lstm.lstm_cell(story=False, ax=ax)) is ax
    assert not any("forget gate" in t.get_text() for t in ax.texts)


def test_lstm_step_shows_the_word_and_the_prediction():
    fig, ax = plt.subplots()
    out = rendered(lstm.lstm_step(fake_trace(), WORDS, fake_probs(), VOCAB, 5, ax=ax))
    assert out is ax
    labels = [t.get_text() for t in ax.texts]
    assert "Doug" in labels and "prediction for the next word" in labels


def test_trace_heatmap_has_a_column_per_word():
    ax = rendered(lstm.trace_heatmap(fake_trace()["cell"], WORDS, title="cell"))
    assert [t.get_text() for t in ax.get_xticklabels()] == WORDS
    rendered(lstm.trace_heatmap(np.full((7, 3), 0.5), WORDS, signed=False))


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(TypeError, match="story"):
        lstm.lstm_cell(story="yes")
    with pytest.raises(TypeError, match="trace must be a dict"):
        lstm.lstm_step([1, 2], WORDS, fake_probs(), VOCAB, 0)
    trace = fake_trace()
    del trace["forget"]
    with pytest.raises(ValueError, match="missing"):
        lstm.lstm_step(trace, WORDS, fake_probs(), VOCAB, 0)
    with pytest.raises(ValueError, match="one word per step"):
        lstm.lstm_step(fake_trace(), WORDS[:3], fake_probs(), VOCAB, 0)
    with pytest.raises(ValueError, match="position must be between"):
        lstm.lstm_step(fake_trace(), WORDS, fake_probs(), VOCAB, 7)
    with pytest.raises(TypeError, match="position must be an int"):
        lstm.lstm_step(fake_trace(), WORDS, fake_probs(), VOCAB, 1.5)
    with pytest.raises(ValueError, match="probs must have shape"):
        lstm.lstm_step(fake_trace(), WORDS, fake_probs()[:, :4], VOCAB, 0)
    with pytest.raises(ValueError, match="probabilities"):
        lstm.lstm_step(fake_trace(), WORDS, 2 * fake_probs(), VOCAB, 0)
    with pytest.raises(ValueError, match=r"values must be a \(T, H\) array"):
        lstm.trace_heatmap(np.zeros(7), WORDS)
    with pytest.raises(ValueError, match="finite"):
        lstm.trace_heatmap(np.full((7, 2), np.nan), WORDS)


def test_lstm_stepper_widget_builds_and_its_benchmark_runs():
    import ipywidgets

    from rnnbook import widgets

    widget = widgets.lstm_stepper(fake_trace(), WORDS, fake_probs(), VOCAB)
    assert isinstance(widget, ipywidgets.VBox)
    widgets.BENCHMARKS["lstm_stepper"]()
