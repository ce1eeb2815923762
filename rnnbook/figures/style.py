"""The book's colours: Okabe-Ito, with one key for every figure (inputs orange, states blue, outputs green,
gates one hue, gradients vermillion), drawn on white so that figures stay readable in the dark theme."""

PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000", "grey": "#999999"}
# Lines of a plot: never vermillion, which next to orange is hard to tell apart.
CYCLE = [PALETTE[name] for name in ("blue", "orange", "green", "purple", "sky", "black", "grey")]
ROLE = {"input": PALETTE["orange"], "state": PALETTE["blue"], "output": PALETTE["green"],
        "gate": PALETTE["purple"], "gradient": PALETTE["vermillion"]}
