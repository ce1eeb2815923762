"""Helpers for the tests of the drawing functions (conftest.py selects the Agg backend)."""
import matplotlib.axes


def rendered(ax):
    """Render the figure of `ax` (some errors only appear at draw time) and return `ax`."""
    assert isinstance(ax, matplotlib.axes.Axes)
    ax.figure.canvas.draw()
    return ax


def texts(ax):
    """The strings of every text drawn on `ax`."""
    return [t.get_text() for t in ax.texts]
