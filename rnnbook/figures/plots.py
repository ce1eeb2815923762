"""Plots that several chapters share: lines labelled at their ends, bar charts, sweeps."""
import itertools

import matplotlib.pyplot as plt
import numpy as np

from rnnbook.figures._draw import label_ends, new_axes, reference_line, tidy
from rnnbook.figures.style import CYCLE


def labelled_lines(x, curves, *, colors=CYCLE, dashed=(), bounds=(), logy=False, ax=None, figsize=(5, 3.4),
                   **labels):
    """One line per entry of `curves` (label -> values at x), labelled at its right end; dashed: the labels
    drawn dashed; bounds: levels drawn as reference lines; labels: xlabel, ylabel, title, ylim."""
    ax = new_axes(ax, figsize)
    for level in bounds:
        reference_line(ax, level)
    for (label, values), color in zip(curves.items(), colors):
        ax.plot(x, values, "--" if label in dashed else "-", color=color, linewidth=2, zorder=3,
                marker="o" if len(x) <= 40 else None, markersize=3)
    ax.set(xlim=(x[0], x[-1]), yscale="log" if logy else "linear", **labels)
    label_ends(ax, [(x[-1], v[-1], label, color) for (label, v), color in zip(curves.items(), colors)], logy)
    return tidy(ax)


def bar_chart(values, labels, *, ax=None, title=None, ylabel=None, ylim=None, reference=None,
              reference_label=None, fmt="{:.2f}", colors=None):
    """Bars with their values on top (`fmt`), and an optional reference line (chance) labelled at its end."""
    ax = new_axes(ax)
    bars = ax.bar(range(len(values)), values, color=colors or CYCLE[: len(values)])
    ax.bar_label(bars, [fmt.format(value) for value in values], padding=2)
    ax.set_xticks(range(len(values)), labels)
    if reference is not None:
        reference_line(ax, reference)
        label_ends(ax, [(len(values) - 0.5, reference, reference_label or "", "#555555")])
    ax.set(title=title, ylabel=ylabel, ylim=ylim)
    return tidy(ax)


def sweep_success(rows, models=("rnn", "lstm", "gru"), names=None):
    """A sweep's success rates, a panel per (length, model); rows: dicts of `rnnbook.experiments.load`."""
    lengths = sorted({row["length"] for row in rows})
    settings = sorted({(row["optimizer"], row["lr"]) for row in rows}, key=lambda s: (s[0] != "sgd", s[1]))
    starts = ("default", "remember")
    fig, axes = plt.subplots(len(lengths), len(models), figsize=(6.5, 1.2 + 1.45 * len(lengths)),
                             squeeze=False, sharex=True, sharey=True, layout="constrained", facecolor="white")
    for (i, length), (j, model) in itertools.product(enumerate(lengths), enumerate(models)):
        wins, runs = np.zeros((len(starts), len(settings))), np.zeros((len(starts), len(settings)))
        for row in rows:
            if row["length"] == length and row["model"] == model:
                cell = starts.index(row["start"]), settings.index((row["optimizer"], row["lr"]))
                wins[cell] += row["success"]
                runs[cell] += 1
        image = axes[i, j].imshow(wins / runs, cmap="cividis", vmin=0, vmax=1, aspect="auto")
        for cell, won in np.ndenumerate(wins):
            axes[i, j].text(cell[1], cell[0], f"{won:.0f}", ha="center", va="center", fontsize=10,
                            color="black" if won / runs[cell] > 0.5 else "white")
        axes[i, j].axvline(sum(opt == "sgd" for opt, _ in settings) - 0.5, color="white", linewidth=3)
        axes[i, j].set_title(f"{(names or {}).get(model, model)}, length {length}", fontsize=11)
    for ax in axes[-1]:
        ax.set_xticks(range(len(settings)), [f"{lr:g}" for _, lr in settings], rotation=90)
    fig.supxlabel("learning rate: SGD (left of the white line) | Adam (right)", fontsize=10)
    axes[0, 0].set_yticks(range(len(starts)), starts)  # the axes share their ticks
    fig.colorbar(image, ax=axes, label=f"share of the {runs.max():.0f} seeds that succeed", shrink=0.8)
    return fig
