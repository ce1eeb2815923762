"""Chapter 7: the GRU cell and the update gate mixing the old state with the candidate, in torch's
convention (gate order r, z, n; h = (1 - z) n + z h_prev: z = 1 keeps the old state, z = 0 takes n)."""
import numpy as np

from rnnbook.figures._draw import arrow, box, canvas, new_axes, operator, tidy
from rnnbook.figures.style import PALETTE, ROLE

_GATE, _STATE, _CANDIDATE = PALETTE["orange"], ROLE["state"], ROLE["output"]


def _path(ax, points, color="black", width=1.4, head=True):
    """A polyline through `points`, with an arrow head on its last segment when `head` is True."""
    xs, ys = zip(*points)
    ax.plot(xs[:-1] if head else xs, ys[:-1] if head else ys, color=color, linewidth=width,
            solid_capstyle="round", zorder=1)
    if head:
        arrow(ax, points[-2], points[-1], color=color, width=width)


def gru_cell(ax=None):
    """The GRU cell in torch's convention: reset gate r, update gate z, candidate n and one state h, which
    runs along the top; z keeps z * h_{t-1} and lets in the candidate with weight 1 - z."""
    ax = canvas(ax, xlim=(0, 10), ylim=(-0.1, 5.9), figsize=(8, 4.8))
    top = 5.0
    for points in ([(0.5, top), (6.55, top)], [(7.05, top), (8.15, top)]):  # h_{t-1} -> keep -> add -> h_t
        _path(ax, points, color=_STATE, width=2.4, head=False)
    _path(ax, [(8.65, top), (9.7, top)], color=_STATE, width=2.4)
    ax.text(0.45, top + 0.3, "$h_{t-1}$", fontsize=13)
    ax.text(9.7, top + 0.3, "$h_t$", fontsize=13, ha="right")
    for xy, op in (((6.8, top), "multiply"), ((8.4, top), "add"), ((4.8, 4.0), "multiply"),
                   ((7.78, 2.3), "multiply")):
        operator(ax, xy, op, radius=0.25)
    _path(ax, [(0.9, top), (0.9, 1.2), (3.8, 1.2)], color=_STATE, head=False)  # h_{t-1}, x_t feed the gates
    _path(ax, [(1.5, 0.0), (1.5, 1.2)], head=False)
    ax.text(1.6, 0.0, "$x_t$", fontsize=13, va="bottom")
    for x in (2.0, 3.8):
        arrow(ax, (x, 1.2), (x, 1.85))
    box(ax, (1.4, 1.9), 1.2, 0.8, "σ\nreset $r_t$", color=_GATE, fontsize=9)
    box(ax, (3.2, 1.9), 1.2, 0.8, "σ\nupdate $z_t$", color=_GATE, fontsize=9)
    _path(ax, [(1.5, 0.6), (5.8, 0.6), (5.8, 1.85)])  # the candidate reads x_t and the reset recurrent votes
    box(ax, (5.1, 1.9), 1.4, 0.8, "tanh\ncandidate $n_t$", color=_CANDIDATE, fontsize=9)
    _path(ax, [(4.8, top), (4.8, 4.27)], color=_STATE)
    ax.text(4.9, 4.45, "$W_{hn} h_{t-1} + b_{hn}$", fontsize=8, va="center")
    _path(ax, [(2.0, 2.75), (2.0, 4.0), (4.53, 4.0)], color=_GATE)
    ax.text(2.1, 3.6, "$r_t$", fontsize=11)
    _path(ax, [(5.05, 4.0), (5.8, 4.0), (5.8, 2.75)])
    _path(ax, [(3.8, 2.75), (3.8, 3.4), (6.8, 3.4), (6.8, 4.73)], color=_GATE)  # z to the keep product ...
    ax.text(3.9, 3.0, "$z_t$", fontsize=11)
    _path(ax, [(6.8, 3.4), (7.38, 3.4)], color=_GATE)  # ... and 1 - z to the candidate's
    box(ax, (7.4, 3.15), 0.75, 0.5, "1 − z", color=_GATE, fill=0.15, fontsize=9)
    _path(ax, [(7.78, 3.12), (7.78, 2.57)], color=_GATE)
    _path(ax, [(6.55, 2.3), (7.51, 2.3)], color=_CANDIDATE)
    ax.text(6.65, 2.45, "$n_t$", fontsize=11)
    _path(ax, [(8.05, 2.3), (8.4, 2.3), (8.4, 4.73)], color=_CANDIDATE)
    ax.text(6.95, top - 0.45, "$z_t \\odot h_{t-1}$", fontsize=9)
    ax.text(8.5, 3.2, "$(1 - z_t) \\odot n_t$", fontsize=9)
    return ax


def update_gate_bars(z, h_prev, candidate, h, ax=None):
    """Bars of the old state h_{t-1}, the candidate n_t and the new state h_t = (1 - z) n_t + z h_{t-1},
    unit by unit, for an update gate z (one number for every unit, or one per unit)."""
    ax, units = new_axes(ax, figsize=(6.5, 3.6)), np.arange(len(h))
    for offset, values, color, label in ((-0.26, h_prev, _STATE, "old state $h_{t-1}$"),
                                         (0.0, candidate, _CANDIDATE, "candidate $n_t$"),
                                         (0.26, h, PALETTE["black"], "new state $h_t$")):
        ax.bar(units + offset, values, 0.26, color=color, label=label)
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.set_xticks(units, [f"unit {k + 1}" for k in units])
    ax.set(ylim=(-1.15, 1.35), ylabel="value")
    if np.ndim(z) == 0:
        title = f"z = {z:.2f}:  $h_t$ = {1 - z:.2f} $n_t$ + {z:.2f} $h_{{t-1}}$"
    else:
        title = "z per unit: " + ", ".join(f"{value:.2f}" for value in z)
    ax.set_title(title, fontsize=11)
    return tidy(ax, legend=True, loc="upper center", ncol=3, fontsize=9)
