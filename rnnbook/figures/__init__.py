"""The book's pictures, one module per chapter.

- `voting` (chapter 1), `vectors` (2), `recurrence` (3), `squashing` (4), `gates` (5), `lstm` (6),
  `gru` (7), `sequences` (8), `bptt` (9): each chapter's diagrams and plots
- `style`: the colours (Okabe-Ito, one key for the whole book); `_draw`: the primitives all figures share;
  `plots`: learning curves and bar charts; `animation`: the static page's companions of the widgets
- `widgets`: the ipywidgets wrappers of the pictures for Jupyter (the only module importing ipywidgets)

Every drawing function takes `ax=None` (a new figure when None), draws the numbers it is given and returns
the Axes (the Figure for a grid of panels); none calls `plt.show()`.
"""
