"""Data plots for the chapters, and the book's colours.

Every function takes `ax=None` (a new figure when None), draws, and returns the `Axes`; none calls
`plt.show()`. Figures have a white background so that they stay readable in the theme's dark mode.
"""
import numpy as np

# Okabe & Ito's colour-blind-safe palette, in the order the book uses it.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CYCLE = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple", "grey")]


def new_axes(ax=None, figsize=(6, 3.5)):
    """Return `ax`, or the axes of a new white figure of size `figsize` when `ax` is None."""
    if ax is not None:
        if not hasattr(ax, "figure") or not hasattr(ax, "plot"):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize, facecolor="white")
    return ax


def bar_chart(values, labels, *, ax=None, title=None, ylabel=None, ylim=None, reference=None,
              reference_label=None, fmt="{:.2f}", colors=None):
    """Bars with their values written on top; an optional dashed reference line (e.g. chance level).

    values: sequence of N numbers; labels: sequence of N strings.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or len(values) != len(labels):
        raise ValueError(f"values must be a 1-D sequence as long as labels ({len(labels)}); got shape {values.shape}")
    ax = new_axes(ax)
    if colors is None:
        colors = CYCLE[: len(values)] if len(values) <= len(CYCLE) else PALETTE["blue"]
    bars = ax.bar(range(len(values)), values, color=colors)
    for bar, value in zip(bars, values):
        ax.annotate(fmt.format(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(range(len(values)), labels)
    if reference is not None:
        ax.axhline(reference, color=PALETTE["black"], linestyle="--", linewidth=1, label=reference_label)
        if reference_label:
            ax.legend(loc="upper left", frameon=False)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if title:
        ax.set_title(title)
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def learning_curves(histories, *, ax=None, key="loss", title=None, xlabel="training step", ylabel=None,
                    logy=False):
    """One line per named history: `histories` maps a label to a sequence of numbers (or to a dict
    holding `key`)."""
    if not isinstance(histories, dict) or not histories:
        raise TypeError("histories must be a non-empty dict mapping a label to a sequence of numbers")
    ax = new_axes(ax)
    for (label, history), color in zip(histories.items(), CYCLE * 3):
        values = history[key] if isinstance(history, dict) else history
        ax.plot(np.arange(1, len(values) + 1), values, label=label, color=color)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel or key)
    if title:
        ax.set_title(title)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
