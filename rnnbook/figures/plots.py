"""Plots of measured numbers that several chapters share: learning curves and labelled bar charts."""
import numpy as np

from rnnbook.figures.style import CYCLE, PALETTE, new_axes, tidy


def learning_curves(histories, *, ax=None, title=None, xlabel="training step", ylabel="loss", logy=False):
    """One line per entry of `histories`, a dict mapping a label to the values (one per step)."""
    ax = new_axes(ax)
    for (label, values), color in zip(histories.items(), CYCLE * 3):
        ax.plot(np.arange(1, len(values) + 1), values, label=label, color=color)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title, yscale="log" if logy else "linear")
    return tidy(ax, legend=True)


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
