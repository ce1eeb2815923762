"""The strict book build (`jupyter-book build . -W -n --keep-going --all`) and static checks of its output.
Slow: the build executes every chapter (the session fixture `built_book` in conftest.py runs it once)."""
from html.parser import HTMLParser
from urllib.parse import urlparse

from bench import PAGE_BUDGET_BYTES, html_pages, page_weights

# <link rel="..."> values that make the browser fetch the linked address.
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "manifest"}


class ExternalResources(HTMLParser):
    """Collects every resource a page loads from another host: scripts, stylesheets, images, frames."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        fetching = tag == "link" and FETCHING_RELS & set((attrs.get("rel") or "").lower().split())
        key = "src" if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") else (
            "href" if fetching else "data" if tag == "object" else None)
        address = (attrs.get(key) or "").strip()  # from another host: http(s)://... or //...
        if urlparse(address).scheme in ("http", "https") or address.startswith("//"):
            self.found.append(f"<{tag} {attrs[key]}>")


def test_strict_build_passes(built_book):
    assert built_book.returncode == 0, (
        f"jupyter-book build . -W -n --keep-going --all exited with {built_book.returncode}.\n"
        f"Warnings and errors:\n{built_book.problems()}\n\nThe end of its output:\n{built_book.tail()}")


def test_no_page_over_budget(built_book):
    built_book.require_html()
    sizes = page_weights(built_book.html)
    heavy = {page: f"{size / 2**20:.1f} MB" for page, size in sizes.items() if size > PAGE_BUDGET_BYTES}
    assert not heavy, f"pages over 3 MB (html plus the images it shows): {heavy}"


def test_mathjax_is_served_by_the_book_and_no_page_loads_from_another_host(built_book):
    built_book.require_html()
    mathjax = built_book.html / "_static" / "mathjax"
    assert (mathjax / "tex-mml-chtml.js").is_file(), f"MathJax 3 missing: no {mathjax / 'tex-mml-chtml.js'}"
    assert list((mathjax / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff")), "MathJax fonts missing"
    problems = []
    for page in html_pages(built_book.html):
        parser = ExternalResources()
        parser.feed((built_book.html / page).read_text(encoding="utf-8", errors="replace"))
        problems += [f"{page}: {resource}" for resource in parser.found]
    assert not problems, "pages loading resources from other hosts:\n" + "\n".join(problems)
