"""Chapter 7: the GRU cell (drawn as chapter 6's LSTM cell) and the update gate mixing the old state with the
candidate, in torch's convention (gate order r, z, n; h = (1 - z) n + z h_prev: z = 1 keeps the old state)."""
import numpy as np
from matplotlib import patheffects

from rnnbook.figures._draw import box, canvas, cell_inputs, new_axes, operator, tidy, wire
from rnnbook.figures.style import PALETTE, ROLE


def gru_cell(ax=None):
    """The GRU cell in torch's convention: the state runs along the top; the update gate z keeps z h_{t-1}
    and lets in 1 - z of the candidate n, which reads x_t and the recurrent votes scaled by the reset
    gate r."""
    ax, top, bus = canvas(ax, xlim=(0, 13), ylim=(0, 6.8), figsize=(6.7, 3.5)), 5.9, 1.2
    wire(ax, [(0.2, top), (12.8, top)], ROLE["state"], width=3)
    ax.text(12.8, top + 0.2, "$h_t$", fontsize=13, ha="right")
    for xy, op in (((9.4, top), "multiply"), ((11.0, top), "add"), ((7.0, 4.4), "multiply"),
                   ((11.0, 4.25), "multiply")):
        operator(ax, xy, op)
    cell_inputs(ax, bus, 1.6, 7.0, top=top)
    for x, (name, squash, job) in zip((3.0, 5.0, 7.0), (
            ("z_t", r"\sigma", "update"), ("r_t", r"\sigma", "reset"), ("n_t", r"\tanh", "propose"))):
        wire(ax, [(x, bus), (x, 2.4)])
        box(ax, (x - 0.75, 2.4), 1.5, 0.95, f"${squash}\\ {name}$\n{job}", fontsize=10,
            color=ROLE["output"] if squash == r"\tanh" else ROLE["gate"], fill=0.3)
    for points, color in (([(5.0, 3.35), (5.0, 4.4), (6.72, 4.4)], ROLE["gate"]),
                          ([(7.0, 4.12), (7.0, 3.35)], "black"),
                          ([(3.0, 3.35), (3.0, 4.95), (9.4, 4.95), (9.4, top - 0.28)], ROLE["gate"]),
                          ([(9.4, 4.95), (9.4, 4.5)], ROLE["gate"]),
                          ([(9.95, 4.25), (10.72, 4.25)], ROLE["gate"]),
                          ([(7.75, 2.85), (11.0, 2.85), (11.0, 3.97)], ROLE["output"]),
                          ([(11.0, 4.53), (11.0, top - 0.28)], "black")):
        wire(ax, points, color, head=points[-1] != (9.4, 4.5))
    wire(ax, [(7.0, top), (7.0, 4.68)], ROLE["state"], head=False)  # W_hn h_{t-1}, hopping over z's wire:
    ax.plot([7.0, 7.0], [5.2, 4.7], color=ROLE["state"], linewidth=1.5, zorder=1.5, solid_capstyle="butt",
            path_effects=[patheffects.withStroke(linewidth=7, foreground="white", capstyle="butt")])
    ax.text(7.15, 5.3, "$W_{hn} h_{t-1}$", fontsize=10)
    box(ax, (8.85, 4.0), 1.1, 0.5, "$1 - z_t$", color=ROLE["gate"], fill=0.15, fontsize=10)
    return ax


def update_gate_bars(z, h_prev, candidate, h, ax=None):
    """Bars of the old state h_{t-1}, the candidate n_t and the new state h_t = (1 - z) n_t + z h_{t-1},
    unit by unit, for an update gate z (one number for every unit, or one per unit)."""
    ax, units = new_axes(ax, figsize=(6.5, 3.6)), np.arange(len(h))
    for offset, values, color, label in ((-0.26, h_prev, ROLE["state"], "old state $h_{t-1}$"),
                                         (0.0, candidate, ROLE["output"], "candidate $n_t$"),
                                         (0.26, h, PALETTE["black"], "new state $h_t$")):
        ax.bar(units + offset, values, 0.26, color=color, label=label)
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8, zorder=0)
    ax.set_xticks(units, [f"unit {k + 1}" for k in units])
    ax.set(ylim=(-1.15, 1.35), ylabel="value")
    if np.ndim(z) == 0:
        title = f"z = {z:.2f}:  $h_t$ = {1 - z:.2f} $n_t$ + {z:.2f} $h_{{t-1}}$"
    else:
        title = "z per unit: " + ", ".join(f"{value:.2f}" for value in z)
    ax.set_title(title, fontsize=11)
    return tidy(ax, legend=True, loc="upper center", ncol=3, fontsize=10)
