"""The experiment runner: the committed CSVs match the sweeps' current definitions; a run is reproducible."""
import pytest
import torch

from rnnbook import experiments


@pytest.mark.parametrize("name", sorted(experiments.SWEEPS))
def test_csv_matches_its_sweep(name):
    """A stale or hand-edited CSV fails: every run of the grid once, nothing else, outcomes consistent."""
    sweep = experiments.SWEEPS[name]
    rows = experiments.load(name)
    fields = [field for field in experiments._CONFIG if field != "parameters"]
    stored = sorted(tuple(row[field] for field in fields) for row in rows)
    expected = sorted(tuple(config[field] for field in fields) for config in sweep.configs())
    assert stored == expected, f"results/{name}.csv is stale: run `make experiments`"
    task = experiments.TASKS[sweep.task]
    for row in rows:
        assert row["success"] == task.success(row["metric"]), row
        assert 1 <= row["steps"] <= row["budget"], row
        net = experiments.LastStep(row["model"], task.input_size, row["hidden_size"], task.output_size)
        assert row["parameters"] == sum(p.numel() for p in net.rnn.parameters()), row


def test_a_run_is_reproducible_and_successes_counts_the_matching_rows():
    config = dict(task="remember_first", length=5, model="lstm", hidden_size=8, optimizer="adam", lr=0.01,
                  start="default", seed=3, budget=60)
    first, second = experiments.run(config), experiments.run(config)
    assert first["metric"] == second["metric"] and first["steps"] == second["steps"]
    assert set(first) == set(experiments._FIELDS)
    rows = [dict(model="gru", lr=0.01, success=True), dict(model="gru", lr=0.1, success=False),
            dict(model="lstm", lr=0.01, success=True)]  # successes counts the matching rows
    assert experiments.successes(rows, model="gru") == (1, 2)
    assert experiments.successes(rows, lr=0.01) == (2, 2)
    assert experiments.successes(rows, model="rnn") == (0, 0)


@pytest.mark.parametrize("model", ["rnn", "lstm", "gru"])
def test_the_remembering_start(model):
    """Identity recurrent weights for the RNN; the keeping gate's total bias at KEEP_BIAS for the others."""
    H = 4
    rnn = experiments.LastStep(model, 2, H, 1, start="remember").rnn
    if model == "rnn":
        assert torch.equal(rnn.weight_hh_l0, torch.eye(H))
    else:
        keep = rnn.bias_ih_l0[H:2 * H] + rnn.bias_hh_l0[H:2 * H]
        assert torch.allclose(keep, torch.full((H,), experiments.PROTOCOL["keep_bias"]))
