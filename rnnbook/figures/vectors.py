"""Chapter 2: vectors as columns of cells and a matrix times a vector (the widget: a one-hot vector picks a
column); a cell is 1 x 1 data unit and text is sized from the axes, to read well at any size."""
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

from rnnbook.data import BOOK_WORDS, DAYS, DINNERS
from rnnbook.figures._draw import arrow, box, canvas, tint
from rnnbook.figures.style import CYCLE, PALETTE

_CHAR, _TEXT = 0.27, 0.42  # width of one character and height of the text, in cells
_PICKED, _ROW = PALETTE["orange"], PALETTE["sky"]


def _width(labels):
    """Width in cells of the longest label."""
    return _CHAR * max((len(label) for label in labels), default=0)


def _fontsize(ax):
    """The font size (points) that makes text _TEXT cells high on this axes."""
    box, (x0, x1), (y0, y1) = ax.get_position(), ax.get_xlim(), ax.get_ylim()
    width, height = box.width * ax.figure.get_figwidth(), box.height * ax.figure.get_figheight()
    return _TEXT * 72 * min(width / (x1 - x0), height / (y1 - y0))


def _number_format(values):
    """Whole numbers without decimals, small ones with 2 significant digits."""
    return "{:.0f}" if np.all(values % 1 == 0) else "{:.2g}" if np.all(np.abs(values) < 1) else "{:g}"


def _grid(ax, values, left, top, fmt, fontsize, fills):
    """The cells of a 2-D array, top-left corner at (left, top); fills maps (i, j) to a colour."""
    fontsize *= min(1.0, 3.6 / max(len(fmt.format(value)) for value in values.ravel()))  # long numbers fit
    cells, faces, zeros = [], [], []
    for (i, j), value in np.ndenumerate(values):
        cells.append(Rectangle((left + j, top - i - 1), 1, 1))
        faces.append(tint(fills[i, j], 0.45) if (i, j) in fills else "white")
        centre = (left + j + 0.5, top - i - 0.5)
        if value == 0:
            zeros.append(centre)
        else:
            ax.text(*centre, fmt.format(value), ha="center", va="center", fontsize=fontsize,
                    fontweight="bold", zorder=4)
    ax.add_collection(PatchCollection(cells, facecolors=faces, edgecolors="#555555", lw=0.8, zorder=2))
    if zeros:  # one scatter of "0" markers, not a text each: a widget update stays fast
        ax.scatter(*np.transpose(zeros), marker="$0$", s=(0.8 * fontsize) ** 2, color="#999999",
                   linewidths=0, zorder=4)


def _sheet(ax, xlim, ylim, scale=0.42):
    """A canvas of `scale` inches a cell, at most 6.7 inches wide, filling the figure when it makes one."""
    width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]
    sheet = canvas(ax, xlim=xlim, ylim=ylim, figsize=np.array([width, height]) * min(scale, 6.7 / width))
    sheet.set_position([0, 0, 1, 1] if ax is None else sheet.get_position())
    return sheet


def vector_columns(vectors, labels, *, titles, highlights, ax=None):
    """Vectors side by side at one scale, each a column of cells: labels, its positions' names; highlights,
    the index of a cell to colour (the 1 of a one-hot vector) or None."""
    vectors = [np.asarray(values, dtype=float) for values in vectors]
    tallest, lefts, position = max(len(v) for v in vectors), [], 0.0
    for names, title in zip(labels, titles):
        half_title = _width(title.split("\n")) * 1.1 / 2 - 0.5
        lefts.append(position + max(_width(names) + 0.3, half_title))
        position = lefts[-1] + 1 + max(0.8, half_title)
    right = position - 0.5
    ax = _sheet(ax, (0, right), (-0.2, tallest + 0.4 + 0.6 * max(title.count("\n") + 1 for title in titles)))
    fontsize = _fontsize(ax)
    for values, names, title, highlight, left in zip(vectors, labels, titles, highlights, lefts):
        fills = {} if highlight is None else {(highlight, 0): _PICKED}
        _grid(ax, values[:, None], left, tallest, _number_format(values), fontsize, fills)
        for i, name in enumerate(names):
            ax.text(left - 0.15, tallest - i - 0.5, name, ha="right", va="center", fontsize=fontsize)
        ax.text(left + 0.5, tallest + 0.2, title, ha="center", va="bottom", fontsize=fontsize * 1.1)
    return ax


def matvec_picture(W, x, *, row_labels, col_labels, ax=None, highlight_row=None, names=None, note=None):
    """W (M, N) times x (N,) as grids, W x = y; highlight_row: an output whose row of W and cell of y are
    framed; a one-hot x colours the column of W it picks; names: captions of W, x, y; note: a last line."""
    W, x = np.asarray(W, dtype=float), np.asarray(x, dtype=float)
    (rows, cols), y = W.shape, W @ x  # y: (M,)
    picked = int(np.argmax(x)) if np.count_nonzero(x) == 1 and x.max() == 1 else None  # x is one-hot
    rotate = _width(col_labels) > 0.85  # more than 3 characters
    head, left_room = (_width(col_labels) if rotate else _TEXT) + 0.5, _width(row_labels) + 0.3
    x_left, eq_x, tall = cols + 0.8, cols + 2.5 + _width(col_labels), max(rows, cols)
    y_left, right, bottom = eq_x + 0.7, eq_x + 2.0 + _width(row_labels), -tall / 2 - (1.9 if note else 1.2)
    ax = _sheet(ax, (-left_room, right), (bottom, tall / 2 + head))
    fontsize, w_top, x_top = _fontsize(ax), rows / 2, cols / 2
    w_fills, x_fills, y_fills = {}, {}, {}
    if picked is not None:
        w_fills, x_fills = {(i, picked): _PICKED for i in range(rows)}, {(picked, 0): _PICKED}
        y_fills = {(i, 0): _PICKED for i in range(rows) if y[i] != 0}
        ax.add_patch(Rectangle((picked, -w_top), 1, rows, fill=False, ec=_PICKED, lw=2.5, zorder=5))
    if highlight_row is not None:
        w_fills.update({(highlight_row, j): _ROW for j in range(cols)})
        x_fills.update({(j, 0): _ROW for j in range(cols)})
        y_fills[highlight_row, 0] = _ROW
        row_bottom = w_top - highlight_row - 1
        for corner, width, height in (((0, row_bottom), cols, 1), ((x_left, -x_top), 1, cols),
                                      ((y_left, row_bottom), 1, 1)):  # thick frames
            ax.add_patch(Rectangle(corner, width, height, fill=False, ec=PALETTE["blue"], lw=2.5, zorder=5))
    fmt = _number_format(np.concatenate([W.ravel(), x, y]))
    for values, left, top, fills in ((W, 0, w_top, w_fills), (x[:, None], x_left, x_top, x_fills),
                                     (y[:, None], y_left, w_top, y_fills)):
        _grid(ax, values, left, top, fmt, fontsize, fills)
    for i, label in enumerate(row_labels):
        ax.text(-0.15, w_top - i - 0.5, label, ha="right", va="center", fontsize=fontsize)
        ax.text(y_left + 1.15, w_top - i - 0.5, label, va="center", fontsize=fontsize)
    for j, label in enumerate(col_labels):
        ax.text(j + 0.5, w_top + 0.15, label, ha="center", va="bottom", fontsize=fontsize,
                rotation=90 * rotate)
        ax.text(x_left + 1.15, x_top - j - 0.5, label, va="center", fontsize=fontsize)
    ax.text(eq_x, 0, "=", ha="center", va="center", fontsize=fontsize * 1.6)
    for centre, name in zip((cols / 2, x_left + 0.5, y_left + 0.5), names or ("$W$", "$x$", "$y = W x$")):
        ax.text(centre, -tall / 2 - 0.6, name, ha="center", va="center", fontsize=fontsize * 1.1)
    if note:
        ax.text((right - left_room) / 2, -tall / 2 - 1.4, note, ha="center", va="center", fontsize=fontsize,
                style="italic")
    return ax


def one_hot_product(item, ax=None):
    """The widget's picture: the one-hot vector of `item` (dish, day or word) picks a column of a matrix."""
    if item in BOOK_WORDS:
        items, labels = BOOK_WORDS, [word if word != "." else '"."' for word in BOOK_WORDS]
        is_name = np.isin(BOOK_WORDS, ["saw", "."], invert=True)
        W = (np.outer(~is_name, is_name) | np.outer(is_name, ~is_name)) * 1.0  # (5, 5): W[next, this]
        names = ("next-word votes", "this word", "votes")
    else:  # the dinner cycle or the calendar: column j holds a 1 in row j + 1
        items, labels = (DINNERS, list(DINNERS)) if item in DINNERS else (DAYS, [day[:3] for day in DAYS])
        W = np.roll(np.eye(len(items)), 1, axis=0)
        names = ("cycle matrix", "yesterday", "tonight") if item in DINNERS else ("calendar matrix", "today",
                                                                                  "tomorrow")
    k = list(items).index(item)
    return matvec_picture(W, np.eye(len(items))[k], row_labels=labels, col_labels=labels, names=names, ax=ax,
                          note=f"the one-hot x picks column {labels[k]} of W")


def permutation_cycle(P, items, ax=None):
    """A permutation matrix P (V, V) as a cycle: an arrow from item i to item j where P[j, i] = 1."""
    xy = 1.5 * np.array([[np.sin(a), np.cos(a)] for a in 2 * np.pi * np.arange(len(items)) / len(items)])
    ax = canvas(ax, xlim=(-2.7, 2.7), ylim=(-1.8, 2.3), figsize=(4.4, 3.3))
    for i, j in zip(*np.nonzero(np.asarray(P).T)):  # P[j, i] = 1: item i, then item j
        gap = 0.45 * (xy[j] - xy[i]) / np.linalg.norm(xy[j] - xy[i])
        arrow(ax, xy[i] + gap, xy[j] - gap, width=1.6, curve=-0.35)
        ax.text(*(1.12 * (xy[i] + xy[j]) / 2), "$P$", ha="center", va="center", fontsize=12)
    for (x, y), item, color in zip(xy, items, CYCLE):
        box(ax, (x - 0.55, y - 0.3), 1.1, 0.6, item, color=color, fontsize=11)
    ax.text(0, 0, f"$P^{len(items)} = \\mathrm{{Id}}$", ha="center", va="center", fontsize=12)
    return ax
