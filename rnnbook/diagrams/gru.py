"""Chapter 7's pictures: the GRU cell, and the update gate mixing the old state with the candidate.

The equations are torch's (gate order r, z, n)::

    r = sigmoid(W_ir x + b_ir + W_hr h_prev + b_hr)
    z = sigmoid(W_iz x + b_iz + W_hz h_prev + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h_prev + b_hn))
    h = (1 - z) * n + z * h_prev

so z = 1 keeps the old state and z = 0 takes the new candidate.
"""
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from rnnbook.diagrams.shapes import arrow, box, canvas
from rnnbook.plots import PALETTE, new_axes
from rnnbook.diagrams import _checks as checks

# The example state and candidate of the update-gate picture (four hidden units).
EXAMPLE_H_PREV = (0.8, -0.5, 0.3, -0.9)
EXAMPLE_CANDIDATE = (-0.6, 0.7, 0.9, 0.2)

_STATE = PALETTE["blue"]
_GATE = PALETTE["orange"]
_CANDIDATE = PALETTE["green"]


def _operator(ax, xy, sign, radius=0.25):
    """A white circle at `xy` holding "+" (sign "add") or a cross (sign "multiply")."""
    x, y = xy
    ax.add_patch(Circle(xy, radius, facecolor="white", edgecolor="black", linewidth=1.4, zorder=4))
    arm = 0.6 * radius
    if sign == "add":
        segments = [((x - arm, y), (x + arm, y)), ((x, y - arm), (x, y + arm))]
    else:
        arm /= np.sqrt(2)
        segments = [((x - arm, y - arm), (x + arm, y + arm)), ((x - arm, y + arm), (x + arm, y - arm))]
    ax.add_collection(LineCollection(segments, colors="black", linewidths=1.4, zorder=5))


def _path(ax, points, color="black", width=1.4, head=True):
    """A polyline through `points`, with an arrow head on its last segment when `head` is True."""
    xs, ys = zip(*points)
    ax.plot(xs[:-1], ys[:-1], color=color, linewidth=width, solid_capstyle="round", zorder=1)
    if head:
        arrow(ax, points[-2], points[-1], color=color, width=width)
    else:
        ax.plot(xs[-2:], ys[-2:], color=color, linewidth=width, zorder=1)


def gru_cell(ax=None):
    """The GRU cell in torch's convention: reset gate r, update gate z, candidate n, one state h.

    The state h_{t-1} runs along the top; z keeps part of it (z * h_{t-1}) and lets in the candidate with
    weight 1 - z. Returns the Axes.
    """
    ax = canvas(ax, xlim=(0, 10), ylim=(-0.1, 5.9), figsize=(8, 4.8))
    top = 5.0
    # the state line: h_{t-1} -> keep (x) -> add (+) -> h_t
    _path(ax, [(0.5, top), (6.55, top)], color=_STATE, width=2.4, head=False)
    _path(ax, [(7.05, top), (8.15, top)], color=_STATE, width=2.4, head=False)
    _path(ax, [(8.65, top), (9.7, top)], color=_STATE, width=2.4)
    ax.text(0.45, top + 0.3, "$h_{t-1}$", fontsize=13, ha="left")
    ax.text(9.7, top + 0.3, "$h_t$", fontsize=13, ha="right")
    _operator(ax, (6.8, top), "multiply")
    _operator(ax, (8.4, top), "add")
    # h_{t-1} and x_t feed the two gates
    _path(ax, [(0.9, top), (0.9, 1.2), (3.8, 1.2)], color=_STATE, head=False)
    _path(ax, [(1.5, 0.0), (1.5, 1.2)], color="black", head=False)
    ax.text(1.6, 0.0, "$x_t$", fontsize=13, va="bottom")
    for x in (2.0, 3.8):
        arrow(ax, (x, 1.2), (x, 1.85))
    box(ax, (1.4, 1.9), 1.2, 0.8, "σ\nreset $r_t$", color=_GATE, fontsize=9)
    box(ax, (3.2, 1.9), 1.2, 0.8, "σ\nupdate $z_t$", color=_GATE, fontsize=9)
    # the candidate reads x_t and the reset part of the recurrent votes
    _path(ax, [(1.5, 0.6), (5.8, 0.6), (5.8, 1.85)], color="black")
    box(ax, (5.1, 1.9), 1.4, 0.8, "tanh\ncandidate $n_t$", color=_CANDIDATE, fontsize=9)
    _operator(ax, (4.8, 4.0), "multiply")
    _path(ax, [(4.8, top), (4.8, 4.27)], color=_STATE)
    ax.text(4.9, 4.45, "$W_{hn} h_{t-1} + b_{hn}$", fontsize=8, ha="left", va="center")
    _path(ax, [(2.0, 2.75), (2.0, 4.0), (4.53, 4.0)], color=_GATE)
    ax.text(2.1, 3.6, "$r_t$", fontsize=11)
    _path(ax, [(5.05, 4.0), (5.8, 4.0), (5.8, 2.75)], color="black")
    # the update gate: z to the keep product, 1 - z to the candidate's product
    _path(ax, [(3.8, 2.75), (3.8, 3.4), (6.8, 3.4), (6.8, 4.73)], color=_GATE)
    ax.text(3.9, 3.0, "$z_t$", fontsize=11)
    _path(ax, [(6.8, 3.4), (7.38, 3.4)], color=_GATE)
    box(ax, (7.4, 3.15), 0.75, 0.5, "1 − z", color=_GATE, fill=0.15, fontsize=9)
    _operator(ax, (7.78, 2.3), "multiply")
    _path(ax, [(7.78, 3.12), (7.78, 2.57)], color=_GATE)
    _path(ax, [(6.55, 2.3), (7.51, 2.3)], color=_CANDIDATE)
    ax.text(6.65, 2.45, "$n_t$", fontsize=11)
    _path(ax, [(8.05, 2.3), (8.4, 2.3), (8.4, 4.73)], color=_CANDIDATE)
    ax.text(6.95, top - 0.45, "$z_t \\odot h_{t-1}$", fontsize=9, ha="left")
    ax.text(8.5, 3.2, "$(1 - z_t) \\odot n_t$", fontsize=9, ha="left")
    return ax


def update_mix(z, h_prev=EXAMPLE_H_PREV, candidate=EXAMPLE_CANDIDATE):
    """The new state h = (1 - z) * candidate + z * h_prev, as a float array of shape (H,).

    z: a number in [0, 1] (the same opening for every unit) or an array (H,) of them; h_prev, candidate:
    arrays (H,) of finite numbers.
    """
    h_prev = checks.vector(h_prev, "h_prev")
    candidate = checks.vector(candidate, "candidate")
    if candidate.shape != h_prev.shape:
        raise ValueError(f"candidate must have the shape of h_prev {h_prev.shape}; got {candidate.shape}")
    if isinstance(z, (bool, np.bool_)) or isinstance(z, (str, bytes)):
        raise TypeError(f"z must be a number in [0, 1] or an array of them; got {z!r}")
    try:
        gate = np.asarray(z, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"z must be a number in [0, 1] or an array of them; got {z!r}") from error
    if gate.shape not in ((), h_prev.shape):
        raise ValueError(f"z must be a number or have the shape of h_prev {h_prev.shape}; got {gate.shape}")
    if not (np.all(np.isfinite(gate)) and np.all((gate >= 0) & (gate <= 1))):
        raise ValueError(f"z must lie in [0, 1] (a gate's opening); got {z!r}")
    return (1.0 - gate) * candidate + gate * h_prev


def update_gate_bars(z, h_prev=EXAMPLE_H_PREV, candidate=EXAMPLE_CANDIDATE, ax=None):
    """Bars of h_{t-1}, the candidate n_t and the new state h_t = (1 - z) n_t + z h_{t-1}, unit by unit.

    z: a number in [0, 1] (z = 1 keeps the old state, z = 0 takes the candidate) or an array (H,);
    h_prev, candidate: arrays (H,). Returns the Axes.
    """
    h = update_mix(z, h_prev, candidate)  # (H,), checks every argument
    h_prev, candidate = np.asarray(h_prev, float), np.asarray(candidate, float)
    ax = new_axes(ax, figsize=(6.5, 3.6))
    ax.figure.set_facecolor("white")
    units = np.arange(h.size)
    width = 0.26
    ax.bar(units - width, h_prev, width, color=_STATE, label="old state $h_{t-1}$")
    ax.bar(units, candidate, width, color=_CANDIDATE, label="candidate $n_t$")
    ax.bar(units + width, h, width, color=PALETTE["black"], label="new state $h_t$")
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.set_xticks(units, [f"unit {k + 1}" for k in units])
    ax.set_ylim(-1.15, 1.35)
    ax.set_ylabel("value")
    gate = np.asarray(z, float)
    if gate.ndim == 0:
        title = f"z = {float(gate):.2f}:  $h_t$ = {1 - float(gate):.2f} $n_t$ + {float(gate):.2f} $h_{{t-1}}$"
    else:
        title = "z per unit: " + ", ".join(f"{value:.2f}" for value in gate)
    ax.set_title(title, fontsize=11)
    ax.legend(loc="upper center", ncol=3, frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
