"""rnnbook: the small library behind the rnnbook tutorial on recurrent neural networks.

Importing it is cheap: torch and ipywidgets are imported only by the modules that need them
(`rnnbook.torch_rnn`, `rnnbook.experiments`, `rnnbook.figures.widgets`) or inside the functions that use them.
"""

__version__ = "0.1.0"
