"""The sweeps behind chapters 4, 6 and 7: which recurrent net learns a long lag, measured under one protocol.

Every model gets the same search and the same budget:

- cells: the vanilla (tanh) RNN, the LSTM and the GRU of torch, one layer, sized to about 4,500 parameters
  each, with a linear readout of the last step;
- two optimisers, both with the gradient norm clipped to 1: SGD and Adam at four learning rates each (three on
  the adding problem, the costliest sweep: its grid leaves out the smallest rate of each, with which no model
  learned the sum within the budget in the first, four-rate sweep: see the history of results/adding.csv);
- two starts: torch's default, and a start that remembers (the state is kept at about 99 % a step at first:
  identity recurrent weights for the RNN, Le, Jaitly & Hinton 2015; a forget-gate bias of 5 for the LSTM; an
  update-gate bias of 5 for the GRU);
- five seeds (each sets the initial weights and the training batches);
- at most `budget` training steps on fresh batches of 32; every 50 steps the run is scored on a validation
  set and stops once it meets the task's criterion there; then it is scored once on its test set (so a run
  that stops just past the bar on validation data may land just below it on test data).

`make experiments` runs every sweep and writes `results/<sweep>.csv`, one row per run; the chapters read them
with `load` and re-run a few rows live with `run`.
"""

import csv
import itertools
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from rnnbook.data import adding_problem, remember_first

_RESULTS = Path(__file__).resolve().parents[1] / "results"
PROTOCOL = {  # what every model of a sweep gets
    "hidden_sizes": {"rnn": 64, "lstm": 32, "gru": 36},  # about 4,500 parameters each on these tasks
    "learning_rates": {"sgd": (0.01, 0.1, 1.0, 10.0), "adam": (0.001, 0.003, 0.01, 0.03)},
    "starts": ("default", "remember"),
    "keep_bias": 5.0,  # sigmoid(5) = 0.993: the LSTM's forget gate, the GRU's update gate start nearly shut
    "seeds": (0, 1, 2, 3, 4),
    "batch": 32, "validation": 500, "test": 1000, "check_every": 50, "clip": 1.0,
}
_CONFIG = ("task", "length", "model", "hidden_size", "parameters", "optimizer", "lr", "start", "seed",
          "budget")
_FIELDS = _CONFIG + ("steps", "validation", "metric", "success", "seconds")


@dataclass(frozen=True)
class _Task:
    """A many-to-one task: inputs (T, B, input_size), one answer per sequence, a metric and its criterion."""

    name: str  # "remember_first" (accuracy, chance 1/3) or "adding" (mean squared error)
    input_size: int
    output_size: int
    criterion: str  # what a success is, in words

    def make(self, n, length, rng):
        """n sequences and their targets, as torch tensors."""
        if self.name == "remember_first":
            xs, targets = remember_first(n, lag=length, seed=rng)  # (length + 1, n, 6), (n,)
            return torch.tensor(xs, dtype=torch.float32), torch.tensor(targets)
        batch = adding_problem(n, length, seed=rng, variant="le")  # (length, n, 2), (n,)
        return torch.tensor(batch.xs, dtype=torch.float32), torch.tensor(batch.targets, dtype=torch.float32)

    def loss(self, outputs, targets):
        if self.name == "remember_first":
            return torch.nn.functional.cross_entropy(outputs, targets)
        return torch.nn.functional.mse_loss(outputs[:, 0], targets)

    def metric(self, outputs, targets):
        if self.name == "remember_first":
            return float((outputs.argmax(dim=1) == targets).float().mean())
        return float(self.loss(outputs, targets))

    def success(self, metric):
        return metric >= 0.95 if self.name == "remember_first" else metric < 1 / 60


TASKS = {
    "remember_first": _Task("remember_first", 6, 3, "test accuracy at least 0.95 (chance is 1/3)"),
    "adding": _Task("adding", 2, 1, "test mean squared error under 1/60, a tenth of always guessing 1"),
}


@dataclass(frozen=True)
class _Sweep:
    """A grid of runs: one task at several lengths (lags), every model, optimiser, rate, start and seed."""

    task: str
    lengths: tuple
    budget: int  # the most training steps a run gets
    learning_rates: dict = None  # per optimiser; None: PROTOCOL["learning_rates"]

    def rates(self):
        """The learning rates of the sweep: {"sgd": (...), "adam": (...)}."""
        return self.learning_rates or PROTOCOL["learning_rates"]

    def configs(self):
        """Every run of the sweep, as a dict of the _CONFIG fields (without "parameters")."""
        for length, model, optimizer, start, seed in itertools.product(
                self.lengths, PROTOCOL["hidden_sizes"], self.rates(), PROTOCOL["starts"], PROTOCOL["seeds"]):
            for lr in self.rates()[optimizer]:
                hidden_size = PROTOCOL["hidden_sizes"][model]
                yield dict(task=self.task, length=length, model=model, hidden_size=hidden_size,
                           optimizer=optimizer, lr=lr, start=start, seed=seed, budget=self.budget)


SWEEPS = {
    "remember_first": _Sweep("remember_first", lengths=(10, 30, 100), budget=300),
    "adding": _Sweep("adding", lengths=(50, 100, 200), budget=400,
                     learning_rates={"sgd": (0.1, 1.0, 10.0), "adam": (0.003, 0.01, 0.03)}),
}


class LastStep(torch.nn.Module):
    """A one-layer torch RNN, LSTM or GRU read out by a linear layer at its last step."""

    def __init__(self, model, input_size, hidden_size, output_size, start="default"):
        super().__init__()
        self.rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[model](
            input_size, hidden_size)
        self.readout = torch.nn.Linear(hidden_size, output_size)
        if start == "remember":
            H = hidden_size
            with torch.no_grad():
                if model == "rnn":
                    self.rnn.weight_hh_l0.copy_(torch.eye(H))
                else:  # block 1: the LSTM's forget gate (of i, f, g, o), the GRU's update gate (of r, z, n)
                    self.rnn.bias_ih_l0[H:2 * H] = PROTOCOL["keep_bias"]
                    self.rnn.bias_hh_l0[H:2 * H] = 0.0

    def forward(self, xs):  # xs (T, B, I)
        ys, _ = self.rnn(xs)  # (T, B, H)
        return self.readout(ys[-1])  # (B, output_size)


def run(config):
    """Train and score one run of a sweep; returns its row (a dict of _FIELDS)."""
    torch.set_num_threads(1)  # torch's results depend on the thread count
    task = TASKS[config["task"]]
    torch.manual_seed(config["seed"])
    net = LastStep(config["model"], task.input_size, config["hidden_size"], task.output_size, config["start"])
    optimizer = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[config["optimizer"]](
        net.parameters(), lr=config["lr"])
    rng = np.random.default_rng(config["seed"])
    validation = task.make(PROTOCOL["validation"], config["length"], np.random.default_rng(10_000))
    test = task.make(PROTOCOL["test"], config["length"], np.random.default_rng(20_000))
    start, steps = time.perf_counter(), 0
    while steps < config["budget"]:
        xs, targets = task.make(PROTOCOL["batch"], config["length"], rng)
        loss = task.loss(net(xs), targets)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), PROTOCOL["clip"])
        optimizer.step()
        steps += 1
        if not torch.isfinite(loss):
            break  # diverged: scored as it is
        if steps % PROTOCOL["check_every"] == 0:
            with torch.no_grad():
                if task.success(task.metric(net(validation[0]), validation[1])):
                    break
    with torch.no_grad():  # the validation score is what a choice of setting may look at
        checked, metric = (task.metric(net(xs), targets) for xs, targets in (validation, test))
    parameters = sum(p.numel() for p in net.rnn.parameters())
    return dict(config, parameters=parameters, steps=steps, validation=round(checked, 4),
                metric=round(metric, 4), success=task.success(metric),
                seconds=round(time.perf_counter() - start, 2))


def load(name, directory=_RESULTS):
    """The rows of `results/<name>.csv`, with numbers as numbers and `success` as a bool."""
    with open(Path(directory) / f"{name}.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        for field in ("length", "hidden_size", "parameters", "seed", "budget", "steps"):
            row[field] = int(row[field])
        for field in ("lr", "validation", "metric", "seconds"):
            row[field] = float(row[field])
        row["success"] = row["success"] == "True"
    return rows


def successes(rows, **setting):
    """(successes, runs) among the rows that match every field of `setting`, e.g. model="gru", lr=0.01."""
    runs = [row for row in rows if all(row[field] == value for field, value in setting.items())]
    return sum(row["success"] for row in runs), len(runs)


def best_settings(rows):
    """Per (length, model), the setting chosen on validation data and how it did on the test data.

    The chosen setting (optimizer, lr, start) has the best mean validation score over its seeds (accuracy,
    or minus the mean squared error); returns {(length, model): (setting, test successes, runs)}.
    """
    sign = 1 if rows[0]["task"] == "remember_first" else -1
    groups = {}
    for row in rows:
        setting = (row["optimizer"], row["lr"], row["start"])
        groups.setdefault((row["length"], row["model"]), {}).setdefault(setting, []).append(row)
    best = {}
    for key, settings in groups.items():
        setting = max(settings, key=lambda s: sign * np.mean([row["validation"] for row in settings[s]]))
        runs = settings[setting]
        best[key] = (setting, sum(row["success"] for row in runs), len(runs))
    return best


def _main(names):
    """Run the named sweeps (all when none is named) on every core and write their CSV files."""
    import multiprocessing

    _RESULTS.mkdir(exist_ok=True)
    for name in names or SWEEPS:
        configs = list(SWEEPS[name].configs())
        start = time.perf_counter()
        with multiprocessing.Pool() as pool:
            rows = pool.map(run, configs, chunksize=1)
        with open(_RESULTS / f"{name}.csv", "w", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"{name}: {len(rows)} runs in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    _main(sys.argv[1:])
