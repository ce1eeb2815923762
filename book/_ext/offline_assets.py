"""Sphinx extension: make the built book render with no network.

MathJax 3 is copied from the installed PyPI package `django-static-mathjax` (only MathJax's own files)
into `_build/html/_static/mathjax/`; `mathjax_path` in `_config.yml` points there. Only the parts the
pages use are copied: the combined TeX/MathML-to-CHTML component, the TeX extensions it loads on
demand, the woff2 fonts and the menu.
"""
import shutil
from pathlib import Path

PARTS = ["tex-mml-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y", "sre"]


def mathjax_source():
    """Folder of MathJax 3's es5 build inside the installed django-static-mathjax package."""
    import mathjax  # the module of django-static-mathjax

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in PARTS:
        src = source / part
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)


def setup(app):
    mathjax_source()  # fail early, with an ImportError naming the package, when it is missing
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
