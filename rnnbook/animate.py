"""Kernel-free interactive figures for the static book.

A live ipywidgets slider does nothing on a static web page, so every widget of the book has a companion
made here: an animation over the widget's main parameter, saved as JavaScript and HTML inside the page
(matplotlib's `FuncAnimation.to_jshtml`), with its own play button and frame slider; or small multiples.

Usage, in a notebook cell::

    anim = animate.over(values, lambda value, fig: draw_something(value, ax=fig.add_subplot()))
    animate.show(anim)
"""
import numbers
import re

import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation

from rnnbook.plots import _check_size

# to_jshtml() links Font Awesome from a CDN for its buttons' icons. The book must work offline, so the link
# is dropped and each icon becomes a small inline SVG (no font needed, in Jupyter or on the page).
_FONT_AWESOME_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>", re.S)
_SHAPES = {  # SVG path data on a 16 x 16 grid
    "bar_left": "M2 3h2v10H2z",
    "bar_right": "M12 3h2v10h-2z",
    "play": "M5 3l8 5-8 5z",
    "back": "M11 3L3 8l8 5z",
    "two_bars": "M4 3h3v10H4zM9 3h3v10H9z",
    "minus": "M3 7h10v2H3z",
    "plus": "M7 3h2v4h4v2H9v4H7V9H3V7h4z",
}
_ICONS = {
    "fa fa-minus": ["minus"],
    "fa fa-plus": ["plus"],
    "fa fa-fast-backward": ["bar_left", "back"],
    "fa fa-step-backward": ["back", "bar_right"],
    "fa fa-play fa-flip-horizontal": ["back"],
    "fa fa-pause": ["two_bars"],
    "fa fa-play": ["play"],
    "fa fa-step-forward": ["bar_left", "play"],
    "fa fa-fast-forward": ["play", "bar_right"],
}


def _svg_icon(shapes):
    """An inline 16 x 16 SVG icon drawn in the text colour."""
    paths = "".join(f'<path d="{_SHAPES[shape]}"/>' for shape in shapes)
    return (f'<svg width="14" height="14" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" '
            f'style="vertical-align: middle">{paths}</svg>')


def _value_list(values, what):
    """`values` as a non-empty list, or a clear error (`what`: "frame" or "panel")."""
    if not hasattr(values, "__iter__"):
        raise TypeError(f"values must be a sequence (one value per {what}); got {type(values).__name__}")
    values = list(values)
    if not values:
        raise ValueError(f"values must hold at least one value (one per {what}); got none")
    return values


def _check_positive(value, name):
    """Raise a clear error unless `value` is a real number > 0 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < float("inf"):
        raise ValueError(f"{name} must be a number > 0; got {value!r}")


def over(values, draw, *, figsize=(6, 4), dpi=72, interval=900):
    """An animation whose frame i is drawn by `draw(values[i], fig)` on a cleared white figure.

    values: the parameter's values, one per frame (at least one). draw: a function of (value, fig).
    figsize: (width, height) in inches; dpi: dots per inch; interval: milliseconds between frames.
    The figure is closed, so it is not shown a second time below the animation.
    """
    values = _value_list(values, "frame")
    if not callable(draw):
        raise TypeError(f"draw must be a function of (value, fig); got {type(draw).__name__}")
    figsize = _check_size(figsize, "figsize")
    _check_positive(dpi, "dpi")
    _check_positive(interval, "interval")
    fig = plt.figure(figsize=figsize, dpi=dpi, facecolor="white")

    def frame(i):
        fig.clear()
        draw(values[i], fig)

    frame(0)
    anim = FuncAnimation(fig, frame, frames=len(values), interval=interval, repeat=False)
    plt.close(fig)
    return anim


def to_html(anim, default_mode="once"):
    """The animation as self-contained HTML (frames, play buttons, slider), with no outside link."""
    if not isinstance(anim, FuncAnimation):
        raise TypeError(f"anim must be a matplotlib FuncAnimation (from animate.over); got {type(anim).__name__}")
    if default_mode not in ("once", "loop", "reflect"):
        raise ValueError(f"default_mode must be 'once', 'loop' or 'reflect'; got {default_mode!r}")
    html = _FONT_AWESOME_LINK.sub("", anim.to_jshtml(default_mode=default_mode))
    for icon, shapes in _ICONS.items():
        html = html.replace(f'<i class="{icon}"></i>', _svg_icon(shapes))
    return html


def show(anim, default_mode="once"):
    """Display the animation in a notebook (and so in the built book's page)."""
    from IPython.display import HTML

    return HTML(to_html(anim, default_mode))


def small_multiples(values, draw, *, ncols=3, panel_size=(3.2, 2.6), titles=None):
    """A grid of panels, panel i drawn by `draw(values[i], ax)`; returns the figure.

    titles: optional sequence of one title per value (default: none); panel_size: (width, height) in inches.
    """
    values = _value_list(values, "panel")
    if not callable(draw):
        raise TypeError(f"draw must be a function of (value, ax); got {type(draw).__name__}")
    if titles is not None and (isinstance(titles, str) or not hasattr(titles, "__len__")
                               or len(titles) != len(values)):
        raise ValueError(f"titles must be a sequence of one title per value ({len(values)}); got {titles!r}")
    if isinstance(ncols, bool) or not isinstance(ncols, numbers.Integral) or ncols < 1:
        raise ValueError(f"ncols must be a positive int; got {ncols!r}")
    panel_size = _check_size(panel_size, "panel_size")
    ncols = min(int(ncols), len(values))
    nrows = -(-len(values) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
                             facecolor="white", squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= len(values):
            ax.set_visible(False)
            continue
        draw(values[i], ax)
        if titles is not None:
            ax.set_title(titles[i])
    fig.tight_layout()
    return fig
