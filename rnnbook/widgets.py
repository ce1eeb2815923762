"""Interactive widgets for the notebooks: thin ipywidgets wrappers over the pure drawing functions of
`rnnbook.plots` and `rnnbook.diagrams`, with no logic of their own.

Each widget redraws a matplotlib figure when a control changes. The drawing is a pure function, so the same
picture appears on the static page as an animation (`rnnbook.animate`), and its speed is measured by the
benchmark: `BENCHMARKS` maps a widget's name to a zero-argument function doing one update (compute and
draw to an Agg canvas), which `python -m rnnbook.bench` times against the 100 ms budget.
"""
import ipywidgets
import matplotlib.pyplot as plt

BENCHMARKS = {}


def redraw(draw, figsize=(6, 4)):
    """Wrap `draw(ax=..., **values)` into a function that draws a fresh figure and shows it."""

    def update(**values):
        fig, ax = plt.subplots(figsize=figsize, facecolor="white")
        draw(ax=ax, **values)
        plt.show()

    return update


def interactive(draw, controls, figsize=(6, 4)):
    """A widget: the `controls` (a dict name -> ipywidgets control) above the figure `draw` makes.

    draw: a function `draw(ax=..., **values)` taking one keyword per control.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function of (ax=..., **values); got {type(draw).__name__}")
    if not isinstance(controls, dict) or not controls:
        raise TypeError("controls must be a non-empty dict mapping a keyword of draw to an ipywidgets control")
    output = ipywidgets.interactive_output(redraw(draw, figsize), controls)
    return ipywidgets.VBox([ipywidgets.HBox(list(controls.values())), output])


def time_update(draw, figsize=(6, 4), **values):
    """One widget update without a screen: draw on an Agg canvas and render it (what BENCHMARKS time)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, facecolor="white")
    FigureCanvasAgg(fig)
    draw(ax=fig.add_subplot(), **values)
    fig.canvas.draw()
