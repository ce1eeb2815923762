"""Drawing primitives the figure modules share: axes, boxes, arrows, wires, operator signs, tables of numbers,
reference lines and labels at the ends of lines."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from rnnbook.figures.style import PALETTE, ROLE


def new_axes(ax=None, figsize=(6, 3.5)):
    """`ax`, or the axes of a new white figure `figsize` inches large."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    ax.figure.set_facecolor("white")
    return ax


def tidy(ax, legend=False, **legend_options):
    """Drop the top and right frame lines; add a frameless legend when asked."""
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        ax.legend(frameon=False, **legend_options)
    return ax


def canvas(ax=None, xlim=(0, 10), ylim=(0, 6), figsize=(7, 4.2)):
    """A sheet for a diagram in data units: no ticks or frame, equal aspect, the given limits."""
    ax = new_axes(ax, figsize)
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.axis("off")
    ax.set_title("", y=1.0)  # a title at the top: no ticks to clear, so no search for its place when drawn
    return ax


def tint(color, amount):
    """`color` mixed with white: amount 0 gives white, 1 the colour itself."""
    return tuple(1 - amount + amount * channel for channel in to_rgb(color))


def box(ax, xy, width, height, label="", color=PALETTE["sky"], fill=0.35, fontsize=10):
    """A rounded box, lower-left corner at `xy`, tinted `fill` of `color`, labelled inside. Boxes and arrows
    are for diagrams, whose limits are set: add_artist, not add_patch, which would compute their paths."""
    ax.add_artist(FancyBboxPatch(xy, width, height, boxstyle="round,pad=0.02,rounding_size=0.1",
                                 facecolor=tint(color, fill), edgecolor="black", linewidth=1.2, zorder=2))
    if label:
        ax.text(xy[0] + width / 2, xy[1] + height / 2, label, ha="center", va="center", fontsize=fontsize,
                zorder=4)


def arrow(ax, start, end, color="black", width=1.2, style="-|>", dashed=False, curve=0.0):
    """An arrow from `start` to `end`; `curve` bends it (an arc's `rad`); style "-" has no head."""
    ax.add_artist(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, color=color, zorder=1,
                                  linewidth=width, linestyle="--" if dashed else "-",
                                  connectionstyle=f"arc3,rad={curve}"))


def operator(ax, xy, op, radius=0.28):
    """The element-wise signs of the diagrams: a circle holding a plus ("add") or a cross ("multiply")."""
    (x, y), arm = xy, 0.62 * radius if op == "add" else 0.62 * radius / np.sqrt(2)
    ax.add_patch(Circle(xy, radius, facecolor="white", edgecolor="black", linewidth=1.5, zorder=4))
    ends = [((-arm, 0), (arm, 0)), ((0, -arm), (0, arm))] if op == "add" else [
        ((-arm, -arm), (arm, arm)), ((-arm, arm), (arm, -arm))]
    segments = [[(x + dx, y + dy) for dx, dy in pair] for pair in ends]
    ax.add_collection(LineCollection(segments, colors="black", linewidths=1.5, zorder=5))


def table(ax, values, row_names, col_names, cmap, norm, fmt="{:.2f}", white_above=0.6, fontsize=10,
          aspect="equal"):
    """A heat map of `values` (rows, columns), values written in (white above `white_above`)."""
    ax.imshow(values, cmap=cmap, norm=norm, aspect=aspect)
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=fontsize,
                color="white" if abs(value) > white_above else "black")
    ax.set_xticks(range(len(col_names)), col_names)
    ax.set_yticks(range(len(row_names)), row_names)
    ax.tick_params(length=0)
    return ax


def outline(ax, row, column, size=0.94, width=2.2):
    """A black frame around cell (row, column) of a `table`."""
    ax.add_patch(Rectangle((column - size / 2, row - size / 2), size, size, fill=False, edgecolor="black",
                           linewidth=width))


def reference_line(ax, level):
    """A reference level (chance, a bound): a thin grey dotted line behind the data."""
    ax.axhline(level, color=PALETTE["grey"], linestyle=":", linewidth=1, zorder=0)


def label_ends(ax, ends, logy=False):
    """Write each (x, y, label, color) of `ends` right of its point, pushed apart by a line of 10-pt text."""
    scale, shift = (np.log10 if logy else np.asarray), 0.02 * np.ptp(ax.get_xlim())
    (low, high), placed = scale(ax.get_ylim()), []
    for y, x, label, color in sorted((scale(y), x, label, color) for x, y, label, color in ends):
        placed.append(max(y, placed[-1] + 0.075 * (high - low)) if placed else y)
        ax.text(x + shift, 10 ** placed[-1] if logy else placed[-1], label, color=color, va="center")


def wire(ax, points, color="black", width=1.5, head=True):
    """A line through `points`, its corners joined, with an arrow head at its end when `head`."""
    ax.plot(*zip(*points), color=color, linewidth=width, solid_joinstyle="miter", zorder=1)
    if head:
        arrow(ax, points[-2], points[-1], color=color, width=width)


def cell_inputs(ax, bus, join, end, top=None):
    """h_{t-1} (blue: from the left, or down from the line at height `top`) and x_t (orange, from below),
    joined at x = `join` on one line to x = `end`, which feeds the layers."""
    wire(ax, [(0.6, top), (0.6, bus), (join, bus)] if top else [(0.2, bus), (join, bus)], ROLE["state"],
         head=False)
    wire(ax, [(join, 0.1), (join, bus)], ROLE["input"], head=False)
    wire(ax, [(join, bus), (end, bus)], head=False)
    ax.plot(join, bus, "o", color="black", markersize=6, zorder=2)
    ax.text(0.2, (top or bus) + 0.2, "$h_{t-1}$", fontsize=13)
    ax.text(join + 0.15, 0.1, "$x_t$", fontsize=13)
