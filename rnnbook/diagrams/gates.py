"""Chapter 5's pictures and the two small computations they draw: element-by-element sums and products, a
gate as faucets on a row of pipes, a gate as a logistic layer and a product, soft against hard gates, and
the gated memory c_t = f * c_{t-1} + x_t with its half-life ln(0.5) / ln(f).

In the pictures a circle with a plus is the element-by-element sum and a circle with a cross the
element-by-element product (written a ⊙ b in the equations).
"""
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, Polygon, Rectangle

from rnnbook.diagrams.shapes import arrow, box, canvas, weight_color
from rnnbook.plots import CYCLE, PALETTE, new_axes
from rnnbook.diagrams import _checks as checks

OPERATIONS = {"add": "+", "multiply": "×"}
_WATER = PALETTE["sky"]


def _forget_value(forget, name="forget"):
    """`forget` as a float in [0, 1] (a gate's opening), or a clear error."""
    if isinstance(forget, (bool, np.bool_)) or not isinstance(forget, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number between 0 and 1; got {forget!r}")
    if not 0.0 <= float(forget) <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1 (a gate's opening); got {forget}")
    return float(forget)


def _steps(steps):
    """`steps` as an int in 1..1000."""
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"steps must be an int; got {steps!r}")
    if not 1 <= steps <= 1000:
        raise ValueError(f"steps must be between 1 and 1000; got {steps}")
    return int(steps)


def _operator(ax, xy, op, radius=0.28, color="black"):
    """A circle with a plus (op "add") or a cross (op "multiply") at `xy`: the diagrams' element-wise signs."""
    x, y = xy
    ax.add_patch(Circle(xy, radius, facecolor="white", edgecolor=color, linewidth=1.5, zorder=4))
    arm = 0.62 * radius
    if op == "add":
        segments = [((x - arm, y), (x + arm, y)), ((x, y - arm), (x, y + arm))]
    else:
        arm /= np.sqrt(2)
        segments = [((x - arm, y - arm), (x + arm, y + arm)), ((x - arm, y + arm), (x + arm, y - arm))]
    ax.add_collection(LineCollection(segments, colors=color, linewidths=1.5, zorder=5))


# ------------------------------------------------------------------------------------- the computations

def gated_memory(xs, forget, c0=0.0):
    """The memory c_t = forget_t * c_{t-1} + x_t after every step t = 1 .. T, starting from c_0 = c0.

    xs: (T,) or (T, N) inputs, one row per step. forget: the forget gate's openings, numbers in [0, 1], of
    shape () (one for every step and element), xs.shape[1:] (one per element, the same at every step) or
    xs.shape (one per step and element). c0: the memory before the first step, shape () or xs.shape[1:].
    Returns cs, the same shape as xs: cs[t - 1] is c_t.
    """
    try:
        xs = np.asarray(xs, dtype=float)
        forget = np.asarray(forget, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"xs and forget must be arrays of numbers; got {xs!r} and {forget!r}") from error
    if xs.ndim not in (1, 2) or xs.shape[0] == 0:
        raise ValueError(f"xs must be an array of shape (T,) or (T, N) with T >= 1; got {np.shape(xs)}")
    if not np.all(np.isfinite(xs)):
        raise ValueError("xs must hold finite numbers")
    if forget.shape not in ((), xs.shape[1:], xs.shape):
        raise ValueError(f"forget must have shape (), {xs.shape[1:]} or {xs.shape} (one opening for all, per "
                         f"element, or per step and element); got {forget.shape}")
    if not np.all((forget >= 0.0) & (forget <= 1.0)):
        raise ValueError("forget must hold openings between 0 and 1")
    try:
        c = np.asarray(c0, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"c0 must be a number or an array of numbers; got {c0!r}") from error
    if c.shape not in ((), xs.shape[1:]) or not np.all(np.isfinite(c)):
        raise ValueError(f"c0 must be a finite number or an array of shape {xs.shape[1:]}; got {c0!r}")
    forget = np.broadcast_to(forget, xs.shape)  # (T,) or (T, N)
    cs = np.empty_like(xs)
    for t in range(xs.shape[0]):
        c = forget[t] * c + xs[t]  # keep a share of the old memory, add the new input
        cs[t] = c
    return cs


def half_life(forget):
    """How many steps a gated memory with forget gate `forget` (a number in [0, 1]) takes to lose half of
    what it holds: ln(0.5) / ln(forget); infinite for forget = 1 (it never forgets), 0 for forget = 0."""
    forget = _forget_value(forget)
    if forget == 1.0:
        return float("inf")
    if forget == 0.0:
        return 0.0
    return float(np.log(0.5) / np.log(forget))


# ------------------------------------------------------------------------------------------- pictures

def elementwise(a, b, op="add", ax=None):
    """Two vectors combined element by element, drawn as columns of cells: a, the sign, b, "=", the result.

    a, b: (N,) numbers, 1 <= N <= 8. op: "add" (a circle with a plus) or "multiply" (a circle with a cross).
    """
    if op not in OPERATIONS:
        raise ValueError(f"op must be one of {list(OPERATIONS)}; got {op!r}")
    a, b = checks.vector(a, "a"), checks.vector(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same length; got {len(a)} and {len(b)}")
    if len(a) > 8:
        raise ValueError(f"a and b must hold at most 8 numbers to be drawn; got {len(a)}")
    result = a + b if op == "add" else a * b
    n = len(a)
    ax = canvas(ax, xlim=(-0.4, 6.4), ylim=(-1.1, n + 0.3), figsize=(3.4, 0.5 * n + 1.2))
    columns = {0.0: (a, "a"), 2.2: (b, "b"), 4.4: (result, "a + b" if op == "add" else "a × b")}
    for left, (values, title) in columns.items():
        for i, value in enumerate(values):
            fill = "#fde7c2" if left == 4.4 else "white"
            ax.add_patch(Rectangle((left, n - i - 1), 1.6, 1, facecolor=fill, edgecolor="#555555", zorder=2))
            ax.text(left + 0.8, n - i - 0.5, f"{value:g}", ha="center", va="center", fontsize=12, zorder=3)
        ax.text(left + 0.8, -0.55, title, ha="center", va="center", fontsize=11)
    for i in range(n):  # one sign and one "=" per row: each row is computed on its own
        _operator(ax, (1.9, n - i - 0.5), op, radius=0.24)
        ax.text(4.1, n - i - 0.5, "=", ha="center", va="center", fontsize=12)
    return ax


def faucets(signal, openings, ax=None):
    """A gate drawn as faucets: one pipe per element, the signal flowing in on the left, a faucet opened by
    each opening, and what gets through (signal × opening) on the right. The water's width shows the size.

    signal: a number (the same in every pipe) or (N,) numbers. openings: (N,) numbers in [0, 1], 1 <= N <= 6.
    """
    openings = checks.vector(openings, "openings")
    if len(openings) > 6:
        raise ValueError(f"openings must hold at most 6 numbers (one pipe each); got {len(openings)}")
    if np.any((openings < 0) | (openings > 1)):
        raise ValueError(f"openings must lie between 0 (closed) and 1 (open); got {openings}")
    n = len(openings)
    if np.ndim(signal) == 0:
        signal = np.full(n, signal)
    signal = checks.vector(signal, "signal")
    if len(signal) != n:
        raise ValueError(f"signal must be a number or {n} numbers (one per pipe); got {len(signal)}")
    output = signal * openings  # (N,)
    scale = max(1.0, float(np.abs(signal).max()))
    ax = canvas(ax, xlim=(0, 10), ylim=(0, 1.5 * n + 0.9), figsize=(6.5, 1.0 * n + 0.7))
    top = 1.5 * n + 0.45
    for x, title in ((1.1, "signal"), (5.0, "faucet"), (8.9, "output")):
        ax.text(x, top, title, ha="center", va="center", fontsize=11, color=PALETTE["grey"])
    walls = []
    for i in range(n):
        y = 1.5 * (n - i) - 0.6
        walls += [((1.9, y + 0.3), (8.1, y + 0.3)), ((1.9, y - 0.3), (8.1, y - 0.3))]
        for left, right, value in ((1.9, 4.6, signal[i]), (5.4, 8.1, output[i])):
            height = 0.56 * abs(value) / scale
            if height > 0:
                ax.add_patch(Rectangle((left, y - height / 2), right - left, height, linewidth=0, zorder=1,
                                       facecolor=_WATER if value >= 0 else weight_color(value)))
        _valve(ax, (5.0, y), openings[i])
        ax.text(1.6, y, f"{signal[i]:.2g}", ha="right", va="center", fontsize=12)
        ax.text(8.4, y, f"{output[i]:.2g}", ha="left", va="center", fontsize=12)
        ax.text(5.0, y - 0.5, f"opening {openings[i]:.2g}", ha="center", va="center", fontsize=9)
    ax.add_collection(LineCollection(walls, colors="#555555", linewidths=2, zorder=2))
    return ax


def _valve(ax, xy, opening):
    """A valve at `xy`: two triangles (the body) and a handle along the pipe when open, across when closed."""
    x, y = xy
    shade = (1 - 0.7 * opening, 1 - 0.35 * opening, 1 - 0.1 * opening)  # white (closed) to light blue (open)
    for side in (-1, 1):
        ax.add_patch(Polygon([(x + 0.38 * side, y + 0.3), (x + 0.38 * side, y - 0.3), (x, y)], closed=True,
                             facecolor=shade, edgecolor="black", linewidth=1.2, zorder=3))
    angle = np.radians(90 * (1 - opening))  # 0: along the pipe (open), 90 degrees: across it (closed)
    hx, hy = 0.3 * np.cos(angle), 0.3 * np.sin(angle)
    ax.plot([x, x], [y, y + 0.42], color="black", linewidth=1.5, zorder=3)
    ax.plot([x - hx, x + hx], [y + 0.42 - hy * 0.5, y + 0.42 + hy * 0.5], color="black", linewidth=3,
            solid_capstyle="round", zorder=3)


def gate_schematic(ax=None):
    """A gate: a logistic layer turns the context x into openings g = σ(W x + b) between 0 and 1, and an
    element-wise product lets through g ⊙ s of the signal s."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0.2, 4.3), figsize=(6.5, 2.7))
    _operator(ax, (6.0, 3.3), "multiply", radius=0.3)
    arrow(ax, (1.6, 3.3), (5.7, 3.3), width=2, color=_WATER)
    arrow(ax, (6.3, 3.3), (8.3, 3.3), width=2, color=_WATER)
    ax.text(1.5, 3.3, "signal $s$", ha="right", va="center", fontsize=11)
    ax.text(8.4, 3.3, "$g \\odot s$", ha="left", va="center", fontsize=11)
    box(ax, (4.6, 0.7), 2.8, 1.0, "logistic layer\n$g = \\sigma(W x + b)$", color=PALETTE["green"],
        fontsize=10)
    arrow(ax, (1.6, 1.2), (4.55, 1.2), width=1.5)
    ax.text(1.5, 1.2, "context $x$", ha="right", va="center", fontsize=11)
    arrow(ax, (6.0, 1.75), (6.0, 3.0), width=1.5, color=PALETTE["green"])
    ax.text(6.15, 2.35, "openings $g$,\nbetween 0 and 1", ha="left", va="center", fontsize=9)
    return ax


def memory_schematic(ax=None):
    """The gated memory c_t = f_t ⊙ c_{t-1} + x_t: the old memory passes a forget gate (a product), the new
    input is added (a sum), and the result is held for one step and comes back as the next old memory."""
    ax = canvas(ax, xlim=(0, 10), ylim=(0.3, 4.6), figsize=(6.5, 2.8))
    _operator(ax, (4.0, 3.0), "multiply", radius=0.3)
    _operator(ax, (6.2, 3.0), "add", radius=0.3)
    arrow(ax, (1.7, 3.0), (3.7, 3.0), width=2)
    arrow(ax, (4.3, 3.0), (5.9, 3.0), width=2)
    arrow(ax, (6.5, 3.0), (8.2, 3.0), width=2)
    ax.text(1.6, 3.0, "$c_{t-1}$", ha="right", va="center", fontsize=12)
    ax.text(8.3, 3.0, "$c_t$", ha="left", va="center", fontsize=12)
    arrow(ax, (4.0, 1.2), (4.0, 2.7), width=1.5, color=PALETTE["green"])
    ax.text(4.0, 0.95, "forget gate $f_t$\n(how much to keep)", ha="center", va="top", fontsize=9)
    arrow(ax, (6.2, 1.2), (6.2, 2.7), width=1.5, color=PALETTE["orange"])
    ax.text(6.2, 0.95, "new input $x_t$", ha="center", va="top", fontsize=9)
    arrow(ax, (8.6, 3.3), (1.3, 3.3), dashed=True, curve=0.35, color=PALETTE["grey"])
    ax.text(5.0, 3.95, "hold for one step", ha="center", va="center", fontsize=9, color=PALETTE["grey"])
    return ax


def soft_and_hard_gate(ax=None):
    """The opening of a soft gate, σ(z), and of a hard gate, a step from 0 to 1 at z = 0, against the gate's
    tally z = w x + b; with the soft gate's slope σ(z)(1 - σ(z)) (the hard gate's slope is 0 for z ≠ 0)."""
    ax = new_axes(ax, figsize=(6, 3.2))
    z = np.linspace(-6, 6, 241)
    soft = 1 / (1 + np.exp(-z))
    ax.plot(z, soft, color=PALETTE["blue"], linewidth=2.2, label="soft gate: $\\sigma(z)$")
    ax.plot(z, soft * (1 - soft), color=PALETTE["blue"], linestyle="--", linewidth=1.5,
            label="its slope $\\sigma(z)(1 - \\sigma(z))$")
    ax.plot([-6, 0], [0, 0], color=PALETTE["orange"], linewidth=2.2, label="hard gate: step")
    ax.plot([0, 6], [1, 1], color=PALETTE["orange"], linewidth=2.2)
    ax.plot([0, 0], [0, 1], color=PALETTE["orange"], linewidth=1, linestyle=":")
    ax.text(3.6, 0.35, "hard gate's slope: 0\n(none at z = 0)", ha="center", va="center", fontsize=9,
            color="black")
    ax.set_xlabel("the gate's tally $z = w x + b$")
    ax.set_ylabel("opening (and slope)")
    ax.set_ylim(-0.05, 1.1)
    ax.legend(frameon=False, loc="upper left", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def memory_curves(forgets, steps=40, ax=None):
    """What a gated memory keeps of a single pulse (1 at step 0, then nothing) for several forget gates,
    each with its half-life marked on the dashed line at one half.

    forgets: 1 to 7 numbers in [0, 1]. steps: how many steps to draw (1 .. 1000).
    """
    forgets = [_forget_value(f, "each forget") for f in checks.vector(forgets, "forgets")]
    if len(forgets) > len(CYCLE):
        raise ValueError(f"forgets must hold at most {len(CYCLE)} values; got {len(forgets)}")
    steps = _steps(steps)
    ax = new_axes(ax, figsize=(6.5, 3.4))
    pulse = np.zeros(steps + 1)
    pulse[0] = 1.0
    t = np.arange(steps + 1)
    for forget, color in zip(forgets, CYCLE):
        life = half_life(forget)
        label = f"f = {forget:g}: half-life " + ("never" if np.isinf(life) else f"{life:.1f} steps")
        ax.plot(t, gated_memory(pulse, forget), color=color, linewidth=1.8, marker="o", markersize=2.5,
                label=label)
        if life <= steps:
            ax.plot([life], [0.5], marker="D", color=color, markersize=7, markeredgecolor="black", zorder=4)
    ax.axhline(0.5, color="black", linestyle="--", linewidth=0.8)
    ax.set_xlabel("steps after the pulse")
    ax.set_ylabel("memory $c_t$")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(0, steps)
    ax.legend(frameon=False, fontsize=9, loc="upper right", bbox_to_anchor=(1.0, 0.94))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def memory_half_life(forget, steps=100, ax=None):
    """The widget's picture: a pulse fading in a gated memory with forget gate `forget` (a number in [0, 1])
    over `steps` steps (1 .. 1000), one bar per step, the first step at or below one half in orange, and the
    half-life ln(0.5) / ln(forget) marked."""
    forget = _forget_value(forget)
    steps = _steps(steps)
    ax = new_axes(ax, figsize=(6.5, 3.4))
    pulse = np.zeros(steps + 1)
    pulse[0] = 1.0
    memory = gated_memory(pulse, forget)  # (steps + 1,)
    t = np.arange(steps + 1)
    below = np.flatnonzero(memory <= 0.5)
    colors = np.full(steps + 1, PALETTE["blue"], dtype=object)
    if below.size:
        colors[below[0]] = PALETTE["orange"]
    ax.vlines(t, 0, memory, colors=list(colors), linewidth=2)
    ax.axhline(0.5, color="black", linestyle="--", linewidth=0.8)
    life = half_life(forget)
    if np.isinf(life):
        text = f"f = {forget:g}: the memory never fades"
    else:
        text = f"f = {forget:g}\nhalf-life ln 0.5 / ln f = {life:.2f} steps"
        if below.size:
            text += f"\nfirst at or below 1/2: step {below[0]}"
        if life <= steps:
            ax.axvline(life, color=PALETTE["orange"], linestyle=":", linewidth=1.5)
    ax.text(0.98, 0.95, text, transform=ax.transAxes, ha="right", va="top", fontsize=10,
            bbox={"facecolor": "white", "edgecolor": "#cccccc", "boxstyle": "round"})
    ax.set_xlabel("steps after the pulse")
    ax.set_ylabel("memory $c_t$")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(-0.8, steps + 0.8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
