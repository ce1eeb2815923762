"""The widgets' companions on the static page, where no kernel runs: an animation over a widget's main
parameter (frames, play buttons and a slider inside the page)."""
import re
from html import escape

import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation

# to_jshtml() links Font Awesome from a CDN for its buttons' icons. The book must work offline, so the link
# is dropped and each icon becomes a small inline SVG (SVG path data on a 16 x 16 grid).
_FONT_AWESOME_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>", re.S)
_SHAPES = {"bar_left": "M2 3h2v10H2z", "bar_right": "M12 3h2v10h-2z", "play": "M5 3l8 5-8 5z",
           "back": "M11 3L3 8l8 5z", "two_bars": "M4 3h3v10H4zM9 3h3v10H9z", "minus": "M3 7h10v2H3z",
           "plus": "M7 3h2v4h4v2H9v4H7V9H3V7h4z"}
_ICONS = {"fa fa-minus": ["minus"], "fa fa-plus": ["plus"], "fa fa-fast-backward": ["bar_left", "back"],
          "fa fa-step-backward": ["back", "bar_right"], "fa fa-play fa-flip-horizontal": ["back"],
          "fa fa-pause": ["two_bars"], "fa fa-play": ["play"], "fa fa-step-forward": ["bar_left", "play"],
          "fa fa-fast-forward": ["play", "bar_right"]}
# The first frame's data URI, written over several lines joined by backslashes; the player's <img> tag.
_FIRST_FRAME = re.compile(r'frames\[0\] = "([^"]*)"')
_IMG = re.compile(r'(<img id="_anim_img\w+")>')
_SLIDER = re.compile(r'(<input id="_anim_slider\w+" type="range")')


def over(values, draw, *, figsize=(6, 4), dpi=100, interval=900):
    """An animation whose frame i is `draw(values[i], fig)`; interval: milliseconds between frames. Frames are
    PNGs at `dpi` shown at their size: at most 6.7 inches wide at dpi 100 fits the text column unscaled."""
    values, fig = list(values), plt.figure(figsize=figsize, dpi=dpi, facecolor="white")

    def frame(i):
        fig.clear()
        draw(values[i], fig)
    frame(0)
    anim = FuncAnimation(fig, frame, frames=len(values), interval=interval, repeat=False)
    plt.close(fig)  # not shown a second time below the animation
    return anim


def show(anim, alt, default_mode="once"):
    """Display the animation in a notebook as self-contained HTML (frames, buttons, slider): it links nothing
    outside the page. `alt` says what the frames show, for a reader who cannot see them."""
    from IPython.display import HTML
    html = _FONT_AWESOME_LINK.sub("", anim.to_jshtml(default_mode=default_mode))
    for icon, shapes in _ICONS.items():
        paths = "".join(f'<path d="{_SHAPES[shape]}"/>' for shape in shapes)
        svg = (f'<svg width="14" height="14" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" '
               f'style="vertical-align: middle">{paths}</svg>')
        html = html.replace(f'<i class="{icon}"></i>', svg)
    # The first frame is in the img's src, so that it shows before any script runs: JupyterLab runs the
    # player's script before the output is on the page, which left the image empty until a button was clicked.
    first = _FIRST_FRAME.search(html).group(1).replace("\\\n", "")
    html = _SLIDER.sub(r'\1 aria-label="Frame"', html, count=1)
    return HTML(_IMG.sub(lambda match: f'{match.group(1)} src="{first}" alt="{escape(alt)}">', html, count=1))

