"""Chapter 1's diagrams and widget: they draw on Agg, return the Axes, and reject bad input clearly."""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from rnnbook.data import DINNERS, calendar_feature_names, dinner_history
from rnnbook.diagrams import voting

CYCLE_VOTES = 4.5 * np.roll(np.eye(3), 1, axis=0) - 1.5  # (3, 3): row = tonight, column = yesterday
CALENDAR_VOTES = np.random.default_rng(0).normal(0.0, 0.3, size=(3, 20))  # (3, 20)


def test_cycle_votes_fixture_is_the_cycle():
    # column j is yesterday's dish j; its largest vote goes to the next dish
    assert [DINNERS[int(np.argmax(CYCLE_VOTES[:, j]))] for j in range(3)] == ["sushi", "waffles", "pizza"]


def test_voting_network_draws_wiring_and_votes():
    ax = voting.voting_network(calendar_feature_names(), DINNERS)
    assert isinstance(ax, matplotlib.axes.Axes)
    x = np.zeros(20)
    x[[1, 9, 19]] = 1.0
    ax = voting.voting_network(calendar_feature_names(), DINNERS, CALENDAR_VOTES, x, truth="sushi", title="t")
    texts = [t.get_text() for t in ax.texts]
    assert "\u2713 cooked" in texts
    tally = CALENDAR_VOTES @ x
    assert f"{tally.max():+.2f}" in texts
    ax.figure.canvas.draw()


def test_voting_network_marks_the_winner():
    ax = voting.voting_network(["a", "b"], ["x", "y", "z"], np.array([[0, 1], [2, 0], [0, 0.5]]), [1, 0])
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert "y" in bold and "x" not in bold


@pytest.mark.parametrize("kwargs, error, match", [
    ({"input_names": "abc"}, TypeError, "input_names must be a non-empty list of strings"),
    ({"output_names": []}, TypeError, "output_names must be a non-empty list"),
    ({"weights": np.zeros((2, 3))}, ValueError, r"weights must have shape \(3, 2\); got \(2, 3\)"),
    ({"weights": [[np.nan, 0]] * 3}, ValueError, "weights must hold finite numbers"),
    ({"inputs": [1, 0, 0]}, ValueError, r"inputs must have shape \(2,\); got \(3,\)"),
    ({"inputs": ["a", "b"]}, TypeError, "inputs must be a real array"),
    ({"truth": "soup"}, ValueError, "truth must be None or one of"),
])
def test_voting_network_rejects_bad_input(kwargs, error, match):
    arguments = {"input_names": ["a", "b"], "output_names": ["x", "y", "z"], "weights": np.ones((3, 2))}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        voting.voting_network(**arguments)


def test_vote_heatmap_draws_and_outlines_the_best_vote():
    names = [f"yesterday: {dish}" for dish in DINNERS]
    ax = voting.vote_heatmap(CYCLE_VOTES, names, DINNERS)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert "+3.00" in [t.get_text() for t in ax.texts]
    ax = voting.vote_heatmap(CYCLE_VOTES, names, DINNERS, ax=plt.subplots()[1], colorbar=False)
    ax.figure.canvas.draw()


def test_vote_heatmap_rejects_bad_input():
    with pytest.raises(ValueError, match=r"weights must have shape \(3, 2\)"):
        voting.vote_heatmap(np.ones((3, 3)), ["a", "b"], DINNERS)
    with pytest.raises(TypeError, match="input_names must hold only strings"):
        voting.vote_heatmap(np.ones((3, 1)), [1], DINNERS)


def test_dinner_calendar_lays_out_weeks():
    history = dinner_history(30, seed=1)
    ax = voting.dinner_calendar(history.dinners, history.weekday)
    assert [t.get_text() for t in ax.texts] == history.dinners
    assert len(ax.get_yticks()) == (history.weekday[0] + 29) // 7 + 1


@pytest.mark.parametrize("dinners, weekday, error, match", [
    ("pizza", [0], TypeError, "dinners must be a non-empty list"),
    (["pizza", "soup"], [0, 1], ValueError, "dinners must hold only"),
    (["pizza", "sushi"], [0], ValueError, r"weekday must be an int array of shape \(2,\)"),
    (["pizza", "sushi"], [0.0, 1.0], ValueError, "weekday must be an int array"),
    (["pizza", "sushi"], [0, 2], ValueError, "weekday must hold consecutive days"),
    (["pizza", "sushi"], [6, 7], ValueError, "weekday must hold consecutive days"),
])
def test_dinner_calendar_rejects_bad_input(dinners, weekday, error, match):
    with pytest.raises(error, match=match):
        voting.dinner_calendar(dinners, weekday)


def test_dinner_calendar_wraps_sunday_to_monday():
    ax = voting.dinner_calendar(["pizza", "sushi", "waffles"], [5, 6, 0])
    assert len(ax.get_yticks()) == 2


def test_dinner_votes_draws_both_nets():
    ax = voting.dinner_votes(CALENDAR_VOTES, CYCLE_VOTES, net="yesterday", yesterday="waffles")
    assert "yesterday was waffles" in ax.get_title()
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert "pizza" in bold and "\u2713 cooked" in bold
    ax = voting.dinner_votes(CALENDAR_VOTES, CYCLE_VOTES, net="calendar", weekday="Friday", month="May",
                             late_meeting=True, truth="sushi")
    assert ax.get_title() == "calendar net: a Friday in May, late meeting"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"calendar_weights": np.ones((3, 19))}, ValueError, r"calendar_weights must have shape \(3, 20\)"),
    ({"yesterday_weights": np.ones((3,))}, ValueError, r"yesterday_weights must have shape \(3, 3\)"),
    ({"net": "weekly"}, ValueError, "net must be one of"),
    ({"yesterday": "soup"}, ValueError, "yesterday must be one of"),
    ({"weekday": "Mon"}, ValueError, "weekday must be one of"),
    ({"month": 3}, ValueError, "month must be one of"),
    ({"late_meeting": "yes"}, TypeError, "late_meeting must be a bool"),
    ({"truth": "soup"}, ValueError, "truth must be None or one of"),
])
def test_dinner_votes_rejects_bad_input(kwargs, error, match):
    arguments = {"calendar_weights": CALENDAR_VOTES, "yesterday_weights": CYCLE_VOTES}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        voting.dinner_votes(**arguments)


def test_widget_builds_and_its_benchmark_runs():
    ipywidgets = pytest.importorskip("ipywidgets")
    from rnnbook import widgets

    widget = widgets.voting_network(CALENDAR_VOTES, CYCLE_VOTES)
    assert isinstance(widget, ipywidgets.VBox)
    widgets.BENCHMARKS["voting_network"]()
    with pytest.raises(ValueError, match=r"yesterday_weights must have shape \(3, 3\)"):
        widgets.voting_network(CALENDAR_VOTES, np.ones((3, 4)))
