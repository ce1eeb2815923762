"""The book's pictures: a module per chapter (`voting` 1, `vectors` 2, `recurrence` 3, `squashing` 4,
`gates` 5, `lstm` 6, `gru` 7, `sequences` 8, `bptt` 9); `style` the colours, `_draw` the shared primitives,
`plots` learning curves and bar charts, `animation` the static page's companions of the `widgets` (the only
module importing ipywidgets). Every drawing function takes `ax=None` (a new figure when None) and returns
the Axes (the Figure for a grid of panels); none calls `plt.show()`."""
