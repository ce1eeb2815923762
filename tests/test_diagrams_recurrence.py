"""Tests of rnnbook.diagrams.recurrence (chapter 3's pictures) and the chapter 3 widgets."""

import numpy as np
import pytest

from drawing import rendered, texts
from rnnbook.data import BOOK_WORDS, DINNERS, next_dinner
from rnnbook.diagrams import recurrence
from rnnbook.numpy_rnn.jordan import PredictionRNN


def test_recycled_prediction_draws_wiring_votes_and_custom_labels():
    rendered(recurrence.recycled_prediction())
    net = recurrence.hand_set_dinner_net()
    ax = rendered(recurrence.recycled_prediction(W_x=net.params["W_x"], W_p=net.params["W_p"], title="t"))
    assert "hold for one day" in texts(ax) and "yesterday's prediction" in texts(ax)
    labels = ("newest word", "last prediction", "next-word prediction", "hold for one word")
    ax = rendered(recurrence.recycled_prediction(BOOK_WORDS, np.ones((5, 5)), -np.ones((5, 5)), labels))
    assert "hold for one word" in texts(ax) and "Spot" in texts(ax)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"items": "pizza"}, TypeError, "items must be a non-empty list of strings"),
    ({"items": [1, 2]}, TypeError, "items must hold only strings"),
    ({"W_x": np.zeros((2, 3))}, ValueError, r"W_x must have shape \(3, 3\); got \(2, 3\)"),
    ({"W_p": [["a"] * 3] * 3}, TypeError, "W_p must be a real array"),
    ({"W_p": np.full((3, 3), np.inf)}, ValueError, "W_p must hold finite numbers"),
    ({"labels": ("a", "b")}, TypeError, "labels must be None or 4 strings"),
])
def test_recycled_prediction_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        recurrence.recycled_prediction(**kwargs)


def test_hand_set_dinner_net_is_the_cycle_and_plays_forward():
    net = recurrence.hand_set_dinner_net(10.0)
    cycle = net.params["W_x"] / 10.0
    for dish in DINNERS:
        assert cycle[DINNERS.index(next_dinner(dish)), DINNERS.index(dish)] == 1.0
    np.testing.assert_array_equal(net.params["W_x"], net.params["W_p"])
    xs = np.zeros((15, 1, 3))
    xs[0, 0, 0] = 1.0  # pizza, then two weeks without news
    probs = net.forward(xs)[:, 0]
    assert [DINNERS[k] for k in probs.argmax(axis=1)] == [DINNERS[(t + 1) % 3] for t in range(15)]
    assert probs.max(axis=1).min() > 0.99
    with pytest.raises(ValueError, match="vote_strength must be between 0 and 1000"):
        recurrence.hand_set_dinner_net(0.0)
    with pytest.raises(TypeError, match="vote_strength must be a number"):
        recurrence.hand_set_dinner_net("strong")


def test_unrolled_predictions_draws_known_and_missing_inputs():
    ax = rendered(recurrence.unrolled_predictions(
        ["pizza", None, None], ["sushi", "waffles", "pizza"], confidences=[0.9, 0.8, 0.7],
        truths=["sushi", "waffles", "sushi"], step_labels=["1", "2", "3"], slots=6, title="t"))
    shown = texts(ax)
    assert "0.90\n\u2713" in shown and "0.70\n\u2717" in shown and "step" in shown
    rendered(recurrence.unrolled_predictions(["a"], ["b"], items=("a", "b")))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"inputs": []}, TypeError, "inputs must be a non-empty list"),
    ({"inputs": ["soup", None]}, ValueError, "inputs must hold items of"),
    ({"predictions": ["pizza"]}, ValueError, "predictions must be a list of 2 items"),
    ({"truths": ["pizza", "soup"]}, ValueError, "truths must be a list of 2 items"),
    ({"confidences": [0.5, 1.5]}, ValueError, r"confidences must be 2 numbers in \[0, 1\]"),
    ({"step_labels": "ab"}, ValueError, "step_labels must be a list of 2 strings"),
    ({"slots": 1}, ValueError, "slots must be between 2 and"),
])
def test_unrolled_predictions_rejects_bad_input(kwargs, error, match):
    arguments = {"inputs": ["pizza", None], "predictions": ["sushi", "waffles"]}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        recurrence.unrolled_predictions(**arguments)


@pytest.mark.parametrize("days", [0, 1, 14])
def test_days_away_predicts_tonight(days):
    ax = rendered(recurrence.days_away(days, last_dinner="sushi"))
    tonight = DINNERS[(1 + days + 1) % 3]
    assert f"tonight's prediction is {tonight}" in ax.get_title()


def test_days_away_with_weak_votes_fades_but_stays_right():
    ax = rendered(recurrence.days_away(6, vote_strength=1.0))
    assert "tonight's prediction is sushi (p = 0.33" in ax.get_title()


@pytest.mark.parametrize("kwargs, error, match", [
    ({"days": -1}, ValueError, "days must be between 0 and 30"),
    ({"days": 2.0}, TypeError, "days must be an int"),
    ({"days": 2, "last_dinner": "soup"}, ValueError, "last_dinner must be one of"),
    ({"days": 2, "vote_strength": -1}, ValueError, "vote_strength must be between"),
])
def test_days_away_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        recurrence.days_away(**kwargs)


def test_unrolled_rnn_draws_shared_weights():
    ax = rendered(recurrence.unrolled_rnn(3))
    assert "$h_{3}$" in texts(ax) and texts(ax).count("$W_{hh}$") == 4
    with pytest.raises(ValueError, match="steps must be between 1 and 8"):
        recurrence.unrolled_rnn(0)


@pytest.mark.parametrize("kind", list(recurrence.SEQUENCE_SHAPES))
def test_sequence_shape_draws_every_kind(kind):
    ax = rendered(recurrence.sequence_shape(kind, legend=True))
    assert ax.get_title().startswith(kind) and "state" in texts(ax)


def test_sequence_shape_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        recurrence.sequence_shape("two to two")


def test_prediction_heatmap_writes_every_probability():
    probs = np.array([[0.1, 0.9], [0.5, 0.5], [1.0, 0.0]])
    ax = rendered(recurrence.prediction_heatmap(probs, ["a", "b", "c"], ["x", "y"], title="t", ylabel="r"))
    assert "0.90" in texts(ax) and ax.get_ylabel() == "r"
    with pytest.raises(ValueError, match=r"probs must have shape \(3, 2\)"):
        recurrence.prediction_heatmap(probs.T, ["a", "b", "c"], ["x", "y"])
    with pytest.raises(ValueError, match="probs must hold probabilities"):
        recurrence.prediction_heatmap(probs + 1, ["a", "b", "c"], ["x", "y"])
    with pytest.raises(TypeError, match="row_names must be a non-empty list"):
        recurrence.prediction_heatmap(probs, "abc", ["x", "y"])


@pytest.mark.parametrize("sentence, verdict", [
    ("Doug saw Jane .", "\u2713 correct"),
    ("Doug saw Doug .", "\u2717 a name sees itself"),
    ("Doug saw Jane saw Spot .", "\u2717 run-on"),
    ("Jane .", "\u2717 other mistake"),
])
def test_sentence_card_gives_the_verdict(sentence, verdict):
    words = sentence.split()
    ax = rendered(recurrence.sentence_card(words, np.linspace(0.1, 0.9, len(words))))
    assert ax.get_title() == verdict


@pytest.mark.parametrize("kwargs, error, match", [
    ({"words": "Doug saw Jane ."}, TypeError, "words must be a list of 1 to 16 words"),
    ({"words": []}, TypeError, "words must be a list of 1 to 16 words"),
    ({"words": ["Doug", "ate"]}, ValueError, "words must be words of"),
    ({"words": ["Doug", "."], "probabilities": [0.5]}, ValueError, "probabilities must be 2 numbers"),
])
def test_sentence_card_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        recurrence.sentence_card(**kwargs)


def test_sample_sentence_card_is_seeded_and_checked():
    net = PredictionRNN(5, seed=0)
    first = texts(rendered(recurrence.sample_sentence_card(net, 3)))
    again = texts(rendered(recurrence.sample_sentence_card(net, 3)))
    assert first == again
    with pytest.raises(TypeError, match="net must be a PredictionRNN with vocab_size 5"):
        recurrence.sample_sentence_card(PredictionRNN(3), 0)
    with pytest.raises(ValueError, match="number must be between 0"):
        recurrence.sample_sentence_card(net, -1)
    with pytest.raises(ValueError, match="max_len must be between 1 and 16"):
        recurrence.sample_sentence_card(net, 0, max_len=20)


def test_widgets_build_and_benchmarks_run():
    import ipywidgets

    from rnnbook import widgets

    assert isinstance(widgets.days_away(), ipywidgets.VBox)
    assert isinstance(widgets.sentence_sampler(PredictionRNN(5, seed=0)), ipywidgets.VBox)
    widgets.BENCHMARKS["days_away"]()
    widgets.BENCHMARKS["sentence_sampler"]()
