"""Data plots for the chapters, and the book's colours.

Every function takes `ax=None` (a new figure when None), draws, and returns the `Axes`; none calls
`plt.show()`. Figures have a white background so that they stay readable in the theme's dark mode.
"""
import numbers

import numpy as np
from matplotlib.colors import is_color_like

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


def _is_number(value):
    """True for a finite real number (numpy numbers included, bools excluded)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and bool(np.isfinite(value))


def _check_size(value, name):
    """`value` as a (width, height) tuple of finite numbers > 0 (inches); a clear ValueError otherwise."""
    if not (isinstance(value, (tuple, list, np.ndarray)) and len(value) == 2
            and all(_is_number(v) and v > 0 for v in value)):
        raise ValueError(f"{name} must be a pair (width, height) of numbers > 0; got {value!r}")
    return (float(value[0]), float(value[1]))


def _real_values(values, name, finite=True):
    """`values` as a 1-D float64 array of real numbers (finite unless `finite` is False), or a clear error."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D sequence of numbers; got the string {values!r}")
    try:
        array = np.asarray(values)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a 1-D sequence of numbers; got a ragged nested list") from error
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a 1-D sequence of numbers; got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be a 1-D sequence of numbers; got shape {array.shape}")
    if finite and not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite; got NaN or inf")
    return array.astype(np.float64)


def new_axes(ax=None, figsize=(6, 3.5)):
    """Return `ax`, or the axes of a new white figure of size `figsize` (inches) when `ax` is None."""
    if ax is not None:
        if not hasattr(ax, "figure") or not hasattr(ax, "plot"):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        return ax
    figsize = _check_size(figsize, "figsize")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize, facecolor="white")
    return ax


def bar_chart(values, labels, *, ax=None, title=None, ylabel=None, ylim=None, reference=None,
              reference_label=None, fmt="{:.2f}", colors=None):
    """Bars with their values written on top; an optional dashed reference line (e.g. chance level).

    values: sequence of N finite numbers; labels: sequence of N strings; ylim: optional (bottom, top);
    fmt: the format of each value's label, e.g. "{:.0%}"; colors: one colour or a sequence of colours.
    """
    values = _real_values(values, "values")
    if isinstance(labels, str) or not hasattr(labels, "__len__") or len(labels) != len(values):
        raise ValueError(f"labels must be a sequence of {len(values)} labels (one per value); got {labels!r}")
    if ylim is not None and not (isinstance(ylim, (tuple, list)) and len(ylim) == 2
                                 and all(map(_is_number, ylim))):
        raise ValueError(f"ylim must be None or a pair (bottom, top) of numbers; got {ylim!r}")
    if reference is not None and not _is_number(reference):
        raise ValueError(f"reference must be None or a finite number; got {reference!r}")
    try:
        fmt.format(1.0)
    except (AttributeError, ValueError, TypeError, IndexError, KeyError) as error:
        expected = "a format string for one number, such as '{:.2f}'"
        raise ValueError(f"fmt must be {expected}; got {fmt!r}") from error
    if colors is not None and not is_color_like(colors) and not (
        isinstance(colors, (tuple, list)) and colors and all(map(is_color_like, colors))
    ):
        raise ValueError(f"colors must be None, a colour or a sequence of colours; got {colors!r}")
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
    if not isinstance(key, str):
        raise TypeError(f"key must be a string such as 'loss'; got {key!r}")
    curves = {}
    for label, history in histories.items():
        if isinstance(history, dict) and key not in history:
            raise ValueError(f"histories[{label!r}] has no {key!r}; it has {sorted(map(str, history))}")
        values = history[key] if isinstance(history, dict) else history
        curves[label] = _real_values(values, f"histories[{label!r}]", finite=False)  # NaN: a diverged run
    ax = new_axes(ax)
    for (label, values), color in zip(curves.items(), CYCLE * 3):
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
