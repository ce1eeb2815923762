"""Chapter 2's pictures: a vector as a column of cells, a one-hot vector, and a matrix times a vector.

Every picture is drawn in data units where one cell is 1 x 1; the text is sized from the axes' real size
(in points per unit), so the same function reads well in a small widget and in a large figure.
"""
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

from rnnbook.data.book import BOOK_WORDS
from rnnbook.data.dinner import DAYS, DINNERS
from rnnbook.diagrams.shapes import canvas
from rnnbook.plots import PALETTE
from rnnbook.diagrams import _checks as checks

# The items `one_hot_product` knows, as (dropdown label, item) pairs: the dishes, the days, the words.
EXAMPLE_CHOICES = (tuple((f"dish: {dish}", dish) for dish in DINNERS)
                   + tuple((f"day: {day}", day) for day in DAYS)
                   + tuple((f"word: {word}", word) for word in BOOK_WORDS))

_CHAR = 0.27  # width of one character of label text, in cell units (the text is sized to match)
_TEXT = 0.42  # height of the text in cell units
_PICKED = PALETTE["orange"]
_ROW = PALETTE["sky"]


def _tint(color, amount):
    """`color` mixed with white: amount 0 gives white, 1 the colour itself."""
    return tuple(1 - amount + amount * channel for channel in to_rgb(color))


def _as_labels(labels, count, name):
    """`labels` as a list of `count` strings (empty strings when None)."""
    if labels is None:
        return [""] * count
    if isinstance(labels, str):
        raise TypeError(f"{name} must be a sequence of {count} strings, not one string; got {labels!r}")
    labels = [str(label) for label in labels]
    if len(labels) != count:
        raise ValueError(f"{name} must hold {count} labels (one per entry); got {len(labels)}")
    return labels


def _check_index(index, count, name):
    """None, or an int in 0..count-1."""
    if index is None:
        return None
    if not isinstance(index, (int, np.integer)) or isinstance(index, bool):
        raise TypeError(f"{name} must be an int or None; got {index!r}")
    if not 0 <= index < count:
        raise ValueError(f"{name} must be in 0..{count - 1}; got {index}")
    return int(index)


def _number_format(values):
    """A format for the numbers of `values`: integers without decimals, others with up to 2."""
    if np.all(values == np.round(values)):
        return "{:.0f}"
    return "{:.2g}" if np.all(np.abs(values) < 1) else "{:g}"


def _label_width(labels):
    """Width (in cell units) taken by the longest label."""
    return _CHAR * max((len(label) for label in labels), default=0)


def _points_per_unit(ax):
    """How many typographic points one data unit spans on the axes (equal aspect assumed)."""
    fig = ax.figure
    box = ax.get_position()
    width_in = box.width * fig.get_figwidth()
    height_in = box.height * fig.get_figheight()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    return 72 * min(width_in / (x1 - x0), height_in / (y1 - y0))


def _grid(ax, values, left, top, fmt, fontsize, fills=None):
    """Cells of a 2-D array with its top-left corner at (left, top); `fills` maps (i, j) -> a colour.

    The many zeros are drawn as one scatter of "0" markers: one artist instead of a text each keeps a
    widget update fast.
    """
    fills = fills or {}
    rows, cols = values.shape
    longest = max(len(fmt.format(value)) for value in values.ravel())
    fontsize = fontsize * min(1.0, 3.2 / longest)  # long numbers get smaller type to fit their cell
    cells, faces, zeros = [], [], []
    for i in range(rows):
        for j in range(cols):
            color = fills.get((i, j))
            cells.append(Rectangle((left + j, top - i - 1), 1, 1))
            faces.append("white" if color is None else _tint(color, 0.45))
            centre = (left + j + 0.5, top - i - 0.5)
            if values[i, j] == 0:
                zeros.append(centre)
            else:
                ax.text(*centre, fmt.format(values[i, j]), ha="center", va="center", fontsize=fontsize,
                        fontweight="bold", zorder=4)
    ax.add_collection(PatchCollection(cells, facecolors=faces, edgecolors="#555555", linewidths=0.8,
                                      zorder=2))
    if zeros:
        ax.scatter(*np.transpose(zeros), marker="$0$", s=(0.8 * fontsize) ** 2, color="#999999", linewidths=0,
                   zorder=4)


def _outline(ax, left, bottom, width, height, color):
    """A thick coloured frame around a block of cells."""
    ax.add_patch(Rectangle((left, bottom), width, height, facecolor="none", edgecolor=color, linewidth=2.5,
                           zorder=5))


def vector_columns(vectors, labels=None, *, titles=None, highlights=None, ax=None):
    """Several vectors side by side at one scale, each a column of cells labelled on its left.

    vectors: K sequences of numbers (their lengths may differ). labels: K sequences of strings (what each
    position means; None for no labels), or None. titles: K strings, or None. highlights: K indices of a
    cell to colour (e.g. the 1 of a one-hot vector; None for none), or None.
    """
    if isinstance(vectors, str) or not hasattr(vectors, "__iter__"):
        raise TypeError(f"vectors must be a list of sequences of numbers; got {vectors!r}")
    vectors = [checks.vector(values, f"vectors[{k}]") for k, values in enumerate(vectors)]
    count = len(vectors)
    if count == 0:
        raise ValueError("vectors must hold at least one vector; got none")
    labels = _per_vector(labels, count, "labels")
    titles = _per_vector(titles, count, "titles")
    highlights = _per_vector(highlights, count, "highlights")
    labels = [_as_labels(lab, len(v), f"labels[{k}]") for k, (lab, v) in enumerate(zip(labels, vectors))]
    highlights = [_check_index(h, len(v), f"highlights[{k}]")
                  for k, (h, v) in enumerate(zip(highlights, vectors))]
    for k, title in enumerate(titles):
        if title is not None and not isinstance(title, str):
            raise TypeError(f"titles[{k}] must be a string or None; got {title!r}")

    tallest = max(len(v) for v in vectors)
    title_room = 1.0 if any(titles) else 0.3
    lefts, position = [], 0.0
    for k in range(count):
        widest_title = _CHAR * 1.1 * len(titles[k] or "")
        room = max(_label_width(labels[k]) + 0.3, widest_title / 2 - 0.5)
        lefts.append(position + room)
        position += room + 1 + max(0.8, widest_title / 2 - 0.5)
    right = position - 0.5
    ax = canvas(ax, xlim=(0, right), ylim=(-0.3, tallest + title_room),
                figsize=(max(1.5, 0.42 * right), 0.42 * (tallest + title_room + 0.3)))
    fontsize = _TEXT * _points_per_unit(ax)
    for values, names, title, highlight, left in zip(vectors, labels, titles, highlights, lefts):
        fills = {} if highlight is None else {(highlight, 0): _PICKED}
        _grid(ax, values[:, None], left, tallest, _number_format(values), fontsize, fills)
        for i, name in enumerate(names):
            ax.text(left - 0.15, tallest - i - 0.5, name, ha="right", va="center", fontsize=fontsize)
        if title:
            ax.text(left + 0.5, tallest + 0.5, title, ha="center", va="center", fontsize=fontsize * 1.1)
    return ax


def _per_vector(values, count, name):
    """`values` as a list of `count` entries (all None when `values` is None)."""
    if values is None:
        return [None] * count
    if isinstance(values, str):
        raise TypeError(f"{name} must be a sequence of {count} entries (one per vector), not a string")
    values = list(values)
    if len(values) != count:
        raise ValueError(f"{name} must hold one entry per vector ({count}); got {len(values)}")
    return values


def vector_column(values, labels=None, *, ax=None, title=None, highlight=None):
    """A vector drawn as a column of cells holding its numbers, each labelled on its left.

    values: (N,) numbers. labels: N strings (what each position means), or None.
    highlight: the index of a cell to colour (e.g. the 1 of a one-hot vector), or None.
    """
    values = checks.vector(values, "values")
    labels = _as_labels(labels, len(values), "labels")
    highlight = _check_index(highlight, len(values), "highlight")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None; got {title!r}")
    return vector_columns([values], [labels], titles=[title], highlights=[highlight], ax=ax)


def one_hot_column(items, item, *, ax=None, title=None):
    """The one-hot vector of `item` among `items`: a column of zeros with a coloured 1 at its position.

    items: the N possible values, in order (their positions are the vector's indices). item: one of them.
    """
    if isinstance(items, str):
        raise TypeError(f"items must be a sequence of items, not one string; got {items!r}")
    items = list(items)
    if item not in items:
        raise ValueError(f"item must be one of {items}; got {item!r}")
    position = items.index(item)
    values = np.zeros(len(items))
    values[position] = 1.0
    if title is None:
        title = f"one-hot({item})"
    return vector_column(values, items, ax=ax, title=title, highlight=position)


def _one_hot_position(x):
    """The index of the 1 when `x` is a one-hot vector (all zeros but a single 1), else None."""
    ones = np.flatnonzero(x == 1)
    if len(ones) == 1 and np.count_nonzero(x) == 1:
        return int(ones[0])
    return None


def matvec_picture(W, x, *, row_labels=None, col_labels=None, ax=None, highlight_row=None,
                   names=None, note=None):
    """A matrix times a vector, drawn as grids: W, then x, then "=", then the result y = W x.

    W: (M, N) numbers. x: (N,) numbers. row_labels: M strings naming the outputs (W's rows and y's cells);
    col_labels: N strings naming the inputs (W's columns and x's cells).
    highlight_row: an output index whose row of W, and whose cell of y, are framed (the weighted sum that
    makes y[i]), or None. When x is one-hot, the column of W it picks is coloured, and so are x's 1 and y.
    names: three captions written under W, x and y (default: W, x and y = W x in maths).
    note: a line of text under the picture, or None.
    """
    try:
        W = np.asarray(W, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"W must be a 2-D array of numbers (M outputs, N inputs); got {W!r}") from error
    if W.ndim != 2 or W.size == 0:
        raise ValueError(f"W must be a non-empty 2-D array (M outputs, N inputs); got shape {W.shape}")
    if not np.all(np.isfinite(W)):
        raise ValueError("W must hold finite numbers")
    rows, cols = W.shape
    x = checks.vector(x, "x")
    if len(x) != cols:
        raise ValueError(f"x must have shape ({cols},) to match W's {cols} columns; got {x.shape}")
    row_labels = _as_labels(row_labels, rows, "row_labels")
    col_labels = _as_labels(col_labels, cols, "col_labels")
    highlight_row = _check_index(highlight_row, rows, "highlight_row")
    if names is None:
        names = ("$W$", "$x$", "$y = W x$")
    if not isinstance(names, (tuple, list)) or len(names) != 3 or not all(isinstance(n, str) for n in names):
        raise TypeError(f"names must be three strings (captions of W, x and y); got {names!r}")
    if note is not None and not isinstance(note, str):
        raise TypeError(f"note must be a string or None; got {note!r}")
    y = W @ x  # (M,)
    picked = _one_hot_position(x)

    # Layout in cell units: [row labels] W [gap] x [labels of x] = y [labels of y]
    rotate = _label_width(col_labels) > 0.85  # more than 3 characters
    head = (_label_width(col_labels) if rotate else _TEXT) + 0.5
    left_room = _label_width(row_labels) + 0.3
    x_left = cols + 0.8
    eq_x = x_left + 1 + _label_width(col_labels) + 0.7
    y_left = eq_x + 0.7
    right = y_left + 1 + _label_width(row_labels) + 0.3
    tall = max(rows, cols)
    bottom = -tall / 2 - (1.9 if note else 1.2)
    ax = canvas(ax, xlim=(-left_room, right), ylim=(bottom, tall / 2 + head),
                figsize=(0.42 * (right + left_room), 0.42 * (tall / 2 + head - bottom)))
    fontsize = _TEXT * _points_per_unit(ax)

    w_top, x_top = rows / 2, cols / 2
    w_fills, x_fills, y_fills = {}, {}, {}
    if picked is not None:
        w_fills = {(i, picked): _PICKED for i in range(rows)}
        x_fills = {(picked, 0): _PICKED}
        y_fills = {(i, 0): _PICKED for i in range(rows) if y[i] != 0}
    if highlight_row is not None:
        w_fills.update({(highlight_row, j): _ROW for j in range(cols)})
        x_fills.update({(j, 0): _ROW for j in range(cols)})
        y_fills[(highlight_row, 0)] = _ROW
    fmt = _number_format(np.concatenate([W.ravel(), x, y]))
    _grid(ax, W, 0, w_top, fmt, fontsize, w_fills)
    _grid(ax, x[:, None], x_left, x_top, fmt, fontsize, x_fills)
    _grid(ax, y[:, None], y_left, w_top, fmt, fontsize, y_fills)
    if picked is not None:
        _outline(ax, picked, -w_top, 1, rows, _PICKED)
    if highlight_row is not None:
        _outline(ax, 0, w_top - highlight_row - 1, cols, 1, PALETTE["blue"])
        _outline(ax, x_left, -x_top, 1, cols, PALETTE["blue"])
        _outline(ax, y_left, w_top - highlight_row - 1, 1, 1, PALETTE["blue"])

    for i, label in enumerate(row_labels):
        ax.text(-0.15, w_top - i - 0.5, label, ha="right", va="center", fontsize=fontsize)
        ax.text(y_left + 1.15, w_top - i - 0.5, label, ha="left", va="center", fontsize=fontsize)
    for j, label in enumerate(col_labels):
        ax.text(j + 0.5, w_top + 0.15, label, ha="center", va="bottom", fontsize=fontsize,
                rotation=90 if rotate else 0)
        ax.text(x_left + 1.15, x_top - j - 0.5, label, ha="left", va="center", fontsize=fontsize)
    ax.text(eq_x, 0, "=", ha="center", va="center", fontsize=fontsize * 1.6)
    caption_y = -tall / 2 - 0.6
    for centre, name in zip((cols / 2, x_left + 0.5, y_left + 0.5), names):
        ax.text(centre, caption_y, name, ha="center", va="center", fontsize=fontsize * 1.1)
    if note:
        ax.text((right - left_room) / 2, caption_y - 0.8, note, ha="center", va="center",
                fontsize=fontsize, style="italic")
    return ax


def product_example(item):
    """The matrix `one_hot_product` multiplies `item`'s one-hot vector by, with what it means.

    item: a dish (DINNERS), a day (DAYS) or a word of the children's book (BOOK_WORDS).
    Returns a dict: items (the vocabulary), labels (shorter names to draw), W (V, V), x (V,) the one-hot
    vector of item, and names (captions of W, x and W x). The dishes use the dinner cycle (column j of W is
    the one-hot vector of the dish that follows dish j), the days the calendar (tomorrow), the words the
    votes for the next word (a name is followed by "saw" or ".", "saw" and "." by a name).
    """
    if not isinstance(item, str):
        raise TypeError(f"item must be a string (a dish, a day or a word); got {item!r}")
    if item in DINNERS:
        items, labels = DINNERS, list(DINNERS)
        W = np.roll(np.eye(len(items)), 1, axis=0)  # (3, 3): column j holds a 1 in row j + 1
        names = ("cycle matrix", "yesterday", "tonight")
    elif item in DAYS:
        items, labels = DAYS, [day[:3] for day in DAYS]
        W = np.roll(np.eye(len(items)), 1, axis=0)  # (7, 7): today -> tomorrow
        names = ("calendar matrix", "today", "tomorrow")
    elif item in BOOK_WORDS:
        items, labels = BOOK_WORDS, [word if word != "." else '"."' for word in BOOK_WORDS]
        is_name = np.array([word not in ("saw", ".") for word in BOOK_WORDS])
        W = np.zeros((len(items), len(items)))  # (5, 5): W[next, current]
        W[np.ix_(~is_name, is_name)] = 1.0  # after a name: "saw" or "."
        W[np.ix_(is_name, ~is_name)] = 1.0  # after "saw" or ".": a name
        names = ("next-word votes", "this word", "votes")
    else:
        known = [choice for _, choice in EXAMPLE_CHOICES]
        raise ValueError(f"item must be a dish, a day or a word of the children's book {known}; got {item!r}")
    x = np.zeros(len(items))
    x[items.index(item)] = 1.0
    return {"items": items, "labels": labels, "W": W, "x": x, "names": names}


def one_hot_product(item, ax=None):
    """The widget's picture: the one-hot vector of `item` picks one column of a matrix (W x = that column).

    item: a dish (pizza, sushi, waffles), a day (Monday ... Sunday) or a word (Doug, Jane, Spot, saw, ".").
    """
    example = product_example(item)
    label = example["labels"][example["items"].index(item)]
    return matvec_picture(example["W"], example["x"], row_labels=example["labels"],
                          col_labels=example["labels"], ax=ax, names=example["names"],
                          note=f"the one-hot x picks column {label} of W")
