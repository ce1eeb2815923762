"""Plots that several chapters share: learning curves, lines labelled at their ends, labelled bar charts, a
sweep's success rates."""
import itertools

import matplotlib.pyplot as plt
import numpy as np

from rnnbook.figures._draw import new_axes, tidy
from rnnbook.figures.style import CYCLE, PALETTE


def learning_curves(histories, *, ax=None, title=None, xlabel="training step", ylabel="loss", logy=False):
    """One line per entry of `histories`, a dict mapping a label to the values (one per step)."""
    ax = new_axes(ax)
    for (label, values), color in zip(histories.items(), CYCLE * 3):
        ax.plot(np.arange(1, len(values) + 1), values, label=label, color=color)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title, yscale="log" if logy else "linear")
    return tidy(ax, legend=True)


def labelled_lines(x, curves, *, colors=CYCLE, dashed=(), bounds=(), logy=False, ax=None, figsize=(5, 3.4),
                   **labels):
    """One line per entry of `curves` (label -> values at x), each labelled at its right end instead of in a
    legend (labels pushed apart so that they never overlap); dashed: the labels drawn dashed; bounds: levels
    drawn dotted grey behind the data; labels: xlabel, ylabel, title, ylim."""
    ax = new_axes(ax, figsize)
    for level in bounds:
        ax.axhline(level, color=PALETTE["grey"], linestyle=":", linewidth=1, zorder=0)
    for (label, values), color in zip(curves.items(), colors):
        ax.plot(x, values, "--" if label in dashed else "-", color=color, linewidth=2,
                marker="o" if len(x) <= 40 else None, markersize=3)
    ax.set(xlim=(x[0], x[-1]), yscale="log" if logy else "linear", **labels)
    scale = np.log10 if logy else np.asarray
    low, high = scale(ax.get_ylim())
    gap, placed = 0.075 * (high - low), []  # about one line of 10-point text
    for y, label, color in sorted((scale(values[-1]), label, color)
                                  for (label, values), color in zip(curves.items(), colors)):
        placed.append(max(y, placed[-1] + gap) if placed else y)
        ax.text(x[-1] + 0.02 * (x[-1] - x[0]), 10 ** placed[-1] if logy else placed[-1], label, color=color,
                fontsize=10, va="center")
    return tidy(ax)


def bar_chart(values, labels, *, ax=None, title=None, ylabel=None, ylim=None, reference=None,
              reference_label=None, fmt="{:.2f}", colors=None):
    """Bars with their values written on top (`fmt`), and an optional dashed reference line (chance)."""
    ax = new_axes(ax)
    bars = ax.bar(range(len(values)), values, color=colors or CYCLE[: len(values)])
    for bar, value in zip(bars, values):
        ax.annotate(fmt.format(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                    va="bottom", xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(range(len(values)), labels)
    if reference is not None:
        ax.axhline(reference, color=PALETTE["black"], linestyle="--", linewidth=1, label=reference_label)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set(title=title, ylabel=ylabel)
    return tidy(ax, legend=bool(reference_label), loc="upper left")


def sweep_success(rows, models=("rnn", "lstm", "gru"), names=None):
    """A sweep's success rates, a panel per (length, model); rows: dicts of `rnnbook.experiments.load`."""
    lengths = sorted({row["length"] for row in rows})
    settings = sorted({(row["optimizer"], row["lr"]) for row in rows}, key=lambda s: (s[0] != "sgd", s[1]))
    starts = ("default", "remember")
    fig, axes = plt.subplots(len(lengths), len(models), figsize=(7, 1.2 + 1.45 * len(lengths)), squeeze=False,
                             sharex=True, sharey=True, layout="constrained", facecolor="white")
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
        split = sum(opt == "sgd" for opt, _ in settings) - 0.5  # SGD on the left, Adam on the right
        axes[i, j].axvline(split, color="white", linewidth=3)
        axes[i, j].set_title(f"{(names or {}).get(model, model)}, length {length}", fontsize=11)
    for ax in axes[-1]:
        ax.set_xticks(range(len(settings)), [f"{lr:g}" for _, lr in settings], fontsize=10, rotation=90)
    fig.supxlabel("learning rate: SGD (left of the white line) | Adam (right)", fontsize=10)
    for ax in axes[:, 0]:
        ax.set_yticks(range(len(starts)), starts, fontsize=10)
    fig.colorbar(image, ax=axes, label=f"share of the {runs.max():.0f} seeds that succeed", shrink=0.8)
    return fig
