"""Drawing primitives shared by the diagrams: a blank canvas, nodes, labelled boxes and arrows.

Coordinates are data coordinates of an axes with equal aspect, set up by `canvas`.
"""
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from rnnbook.plots import PALETTE, new_axes


def canvas(ax=None, xlim=(0, 10), ylim=(0, 6), figsize=(7, 4.2)):
    """A white axes without ticks or frame, with equal aspect and the given limits."""
    ax = new_axes(ax, figsize=figsize)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.figure.set_facecolor("white")
    return ax


def node(ax, xy, label="", radius=0.35, color=PALETTE["sky"], fill=0.0, fontsize=10, text_color="black"):
    """A circle at `xy` with `label` inside; `fill` in [0, 1] sets how strongly it is coloured (an activation)."""
    fill = float(np.clip(fill, 0.0, 1.0))
    face = (1, 1, 1) if fill == 0 else _mix("#ffffff", color, fill)
    ax.add_patch(Circle(xy, radius, facecolor=face, edgecolor="black", linewidth=1.2, zorder=3))
    if label:
        ax.text(*xy, label, ha="center", va="center", fontsize=fontsize, color=text_color, zorder=4)


def box(ax, xy, width, height, label="", color=PALETTE["sky"], fill=0.35, fontsize=10, rounding=0.1):
    """A rounded rectangle with its lower-left corner at `xy`, labelled in the middle."""
    face = _mix("#ffffff", color, fill)
    ax.add_patch(FancyBboxPatch(xy, width, height, boxstyle=f"round,pad=0.02,rounding_size={rounding}",
                                facecolor=face, edgecolor="black", linewidth=1.2, zorder=2))
    if label:
        ax.text(xy[0] + width / 2, xy[1] + height / 2, label, ha="center", va="center", fontsize=fontsize,
                zorder=4)


def arrow(ax, start, end, color="black", width=1.2, style="-|>", dashed=False, shrink=0.0, curve=0.0,
          alpha=1.0):
    """An arrow from `start` to `end`; `shrink` stops it that far (in data units) short of both ends,
    `curve` bends it (the `rad` of an arc)."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    direction = end - start
    length = np.hypot(*direction)
    if shrink and length > 2 * shrink:
        start, end = start + direction * shrink / length, end - direction * shrink / length
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, color=color,
                                 linewidth=width, linestyle="--" if dashed else "-", alpha=alpha,
                                 connectionstyle=f"arc3,rad={curve}", zorder=1))


def weight_color(weight):
    """The colour of an edge of weight `weight`: blue for a positive vote, vermillion for a negative one."""
    return PALETTE["blue"] if weight >= 0 else PALETTE["vermillion"]


def _mix(base, color, amount):
    """Blend two hex colours: amount 0 gives `base`, 1 gives `color`."""
    a = np.array([int(base[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    b = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return tuple(a + (b - a) * amount)
