"""Sphinx extension: in the PDF (LaTeX builders), each animation appears as its last frame, with a note.

The chapters show their animations as matplotlib `to_jshtml()` HTML (frames as base64 PNGs, a script, play
buttons): the only rich output is text/html, which LaTeX cannot show, so myst-nb would print the output's
text/plain ("<IPython.core.display.HTML object>"). Before myst-nb chooses a mime type, this transform
replaces such an output with the animation's last frame (written beside the .tex file) and a sentence saying
that the online book and the notebook play it. The live widgets' cells are tagged remove-output, so they leave
nothing in any format. HTML builds are untouched.
"""
import base64
import hashlib
import re
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import SelectMimeType
from sphinx.transforms.post_transforms import SphinxPostTransform

FRAME = re.compile(r'frames\[(\d+)\]\s*=\s*"data:image/(png|jpeg);base64,(.*?)"', re.S)
NOTE = ("Animation: the online book and the notebook play it frame by frame ({frames} frames); "
        "printed here is its last frame.")


def last_frame(html):
    """(image bytes, extension, number of frames) of a to_jshtml() animation, or None."""
    frames = FRAME.findall(html)
    if not frames or "Animation(" not in html:
        return None
    index, kind, data = max(frames, key=lambda frame: int(frame[0]))
    return base64.b64decode(re.sub(r"[\\\s]", "", data)), kind, len(frames)


class StaticAnimations(SphinxPostTransform):
    default_priority = SelectMimeType.default_priority - 1
    formats = ("latex",)

    def run(self, **kwargs):
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            html = "".join(child.astext() for child in bundle.children
                           if child.get("mime_type") == "text/html")
            frame = last_frame(html) if html else None
            if frame is None:
                continue
            data, kind, count = frame
            name = f"animation-{hashlib.sha256(data).hexdigest()[:16]}.{'jpg' if kind == 'jpeg' else kind}"
            Path(self.app.outdir, name).write_bytes(data)
            image = nodes.image(uri=name, candidates={"*": name}, alt="The last frame of an animation.")
            note = nodes.paragraph(text=NOTE.format(frames=count))
            note["classes"].append("animation-note")
            bundle.replace_self([image, note])


def setup(app):
    app.add_post_transform(StaticAnimations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
