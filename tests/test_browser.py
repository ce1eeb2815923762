"""Slow: open every page of the built book, served on 127.0.0.1, in headless Chromium and check it renders.
A request to another host (aborted), a JavaScript error, maths left untypeset (raw TeX), a broken image,
a local file that fails to load, a block wider than the text column or an accessibility violation (axe-core,
WCAG 2.1 A and AA) fails the test; screenshots of the pages go to `_build/screenshots/`."""
import functools
import os
import re
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bench import html_pages
from conftest import chromium_context

# Every Jupyter Book 1.0.4 page includes sphinx-thebe's `const THEBE_JS_URL` script twice: harmless, allowed.
ALLOWED_PAGE_ERRORS = {"Identifier 'THEBE_JS_URL' has already been declared"}
PAGE_TIMEOUT_MS = 30_000
MATHJAX_TIMEOUT_MS = 15_000

# TeX that MathJax should have replaced: $$, \( \) \[ \], environments, common commands, and a $...$ pair
# written like maths (no space inside the dollars, so "costs $5 or $6" is not maths).
RAW_TEX = re.compile(
    r"\$\$|\\[()\[\]]|\\(begin|end)\{|\\(frac|sqrt|odot|sigma|tanh|partial|sum|cdot|times|mathbf|mathrm)\b"
    r"|(?<![\w$\\])\$(?=[^\s$])[^$\n]*?(?<=[^\s\\])\$(?![\w$])"
)
# The axe-core rules of WCAG 2.1 levels A and AA. No violation comes from the theme today, so none is allowed.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Blocks of the article wider than its text column: sticking out, or scrolling sideways inside.
OVERFLOWING_BLOCKS = """() => {
  const article = document.querySelector("article.bd-article");
  const right = article ? article.getBoundingClientRect().right + 1 : 0, found = [];
  for (const el of article ? article.querySelectorAll("*") : []) {
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.display.startsWith("inline") || box.width === 0 || found.some((f) => f.contains(el))) continue;
    const scrolls = el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(style.overflowX);
    if (scrolls || box.right > right) found.push(el);
  }
  return found.map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} px wide in `
      + `${el.clientWidth} px: ${el.textContent.trim().slice(0, 60)}`);
}"""
# Stretches of a chapter longer than three screens (3 x 800 px) without an image, animation or table.
BARE = """() => {
  const article = document.querySelector("article.bd-article"), box = article.getBoundingClientRect();
  const visuals = [...article.querySelectorAll("img,.animation,table")].map((e) => e.getBoundingClientRect())
    .map((b) => [b.top - box.top, b.bottom - box.top]).sort((a, b) => a[0] - b[0]);
  const found = [];
  let last = 0;
  for (const [start, end] of [...visuals, [box.height, box.height]]) {
    if (start - last > 2400) found.push(`the ${Math.round(start - last)} px from ${Math.round(last)} px`);
    last = Math.max(last, end);
  }
  return found;
}"""
# Collects what the checks need once the page (and its maths) has loaded; runs inside the page.
INSPECT_PAGE = """async () => {
  const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const img of document.images) { if (img.loading === "lazy") img.loading = "eager"; }
  const loaded = (img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  });
  await Promise.race([timeout(10000), Promise.all([...document.images].map(loaded))]);
  const skip = "pre, code, mjx-container, script, style, textarea, noscript";
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    const suspect = text.includes("$") || text.includes("\\\\");
    if (suspect && !node.parentElement.closest(skip)) texts.push(text.trim());
  }
  return {
    texts: texts,
    mathElements: document.querySelectorAll(".math").length,
    containers: document.querySelectorAll("mjx-container").length,
    untypeset: [...document.querySelectorAll(".math")].filter((el) => !el.querySelector("mjx-container"))
        .map((el) => el.textContent.trim().slice(0, 80)),
    mathErrors: [...document.querySelectorAll("mjx-merror")]
        .map((el) => (el.getAttribute("data-mjx-error") || el.textContent).slice(0, 120)),
    brokenImages: [...document.images].filter((img) => !img.complete || img.naturalWidth === 0)
        .map((img) => (img.currentSrc || img.src || "(no src)").slice(0, 120)),
  };
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, *args):
        pass


@contextmanager
def serve(folder):
    """Serve `folder` over http on 127.0.0.1 on a free port; yields the base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url):
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


def redirect_target(html):
    """The address of a `<meta http-equiv="Refresh">` redirect page, or None."""
    match = re.search(r"""http-equiv=["']refresh["'][^>]*url=([^"'>\s]+)""", html, re.IGNORECASE)
    return match.group(1) if match else None


def screenshot_name(page):
    """`book/notation.html` -> `book__notation.png`."""
    return str(Path(page).with_suffix("")).replace(os.sep, "__").replace("/", "__") + ".png"


def inspect_page(context, base, html_dir, page, screenshot):
    """Open one page; return the list of what is wrong with it."""
    from playwright.sync_api import Error as PlaywrightError  # TimeoutError is one
    problems = []
    tab = context.new_page()

    def route(request_route):
        if is_local(request_route.request.url):
            request_route.continue_()
        else:
            problems.append(f"request to another host (aborted): {request_route.request.url}")
            request_route.abort()

    say = problems.append  # one handler per browser event: a line of the report when something is wrong
    tab.route("**/*", route)
    tab.on("console", lambda msg: msg.type == "error" and say(f"console error: {msg.text} ({msg.location})"))
    tab.on("pageerror", lambda error: error.message not in ALLOWED_PAGE_ERRORS
           and say(f"JavaScript error: {error.name}: {error.message}"))
    tab.on("response", lambda answer: answer.status >= 400 and say(f"HTTP {answer.status} for {answer.url}"))
    tab.on("requestfailed", lambda request: is_local(request.url)
           and say(f"request failed: {request.url} ({request.failure})"))
    tab.on("websocket", lambda socket: not is_local(socket.url) and say(f"websocket elsewhere: {socket.url}"))
    try:
        url = urljoin(base, Path(page).as_posix())
        tab.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        target = redirect_target((html_dir / page).read_text(encoding="utf-8", errors="replace"))
        if target is not None:
            tab.wait_for_url(urljoin(url, target), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        if tab.evaluate("() => document.querySelector('.math') !== null"):
            wait_for_mathjax(tab, problems)
        problems += page_problems(tab.evaluate(INSPECT_PAGE))
        problems += [f"wider than the text column: {block}" for block in tab.evaluate(OVERFLOWING_BLOCKS)]
        problems += accessibility_problems(tab)
        if Path(page).parts[0] == "notebooks":
            problems += [f"{stretch} without a figure or table" for stretch in tab.evaluate(BARE)]
        tab.screenshot(path=str(screenshot), full_page=True, timeout=PAGE_TIMEOUT_MS)
    except PlaywrightError as error:  # a timeout or a crash is one more thing wrong with this page
        problems.append(f"could not check the page: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        tab.close()
    return problems


def wait_for_mathjax(tab, problems):
    """Wait until MathJax has typeset the page (its startup promise resolves); record it if it never loads."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        tab.wait_for_function("() => window.MathJax?.startup?.promise", timeout=MATHJAX_TIMEOUT_MS)
    except PlaywrightTimeout:
        problems.append(f"the page has maths, but MathJax did not start in {MATHJAX_TIMEOUT_MS // 1000} s")
        return
    tab.evaluate("() => window.MathJax.startup.promise.then(() => true)")


def accessibility_problems(tab):
    """axe-core's violations of the WCAG 2.1 A and AA rules on the open page, one line per element."""
    from axe_playwright_python.sync_playwright import Axe
    # No preload: axe would fetch the theme's stylesheets itself and resolve their @import against the site's
    # root (a 404 for /basic.css); only css-orientation-lock reads them, and the book never locks orientation.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "preload": False}
    results = Axe().run(tab, options=options).response
    return [f"accessibility ({violation['id']}: {violation['help']}): {node['html'][:100]}"
            for violation in results["violations"] for node in violation["nodes"]]


def page_problems(found):
    """What is wrong according to INSPECT_PAGE's findings."""
    problems = []
    if found["mathElements"] and not found["containers"]:
        problems.append(f"{found['mathElements']} maths elements but no mjx-container: MathJax did not run")
    problems += [f"maths not typeset: {text!r}" for text in found["untypeset"]]
    problems += [f"MathJax error: {text!r}" for text in found["mathErrors"]]
    problems += [f"raw TeX visible: {text[:120]!r}" for text in found["texts"] if RAW_TEX.search(text)]
    problems += [f"broken image: {src}" for src in found["brokenImages"]]
    return problems


def check_site(html_dir, screenshot_dir, chromium_path):
    """Open every page under `html_dir` in Chromium; return a dict page -> list of problems (empty: fine)."""
    html_dir, screenshot_dir = Path(html_dir), Path(screenshot_dir)
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    for old in screenshot_dir.glob("*.png"):
        old.unlink()
    report = {}
    with serve(html_dir) as base, chromium_context(chromium_path) as context:
        for page in html_pages(html_dir):
            screenshot = screenshot_dir / screenshot_name(page)
            report[str(page)] = inspect_page(context, base, html_dir, page, screenshot)
    return report


def test_every_page_renders_offline(chromium, built_book):
    built_book.require_html()
    report = check_site(built_book.html, built_book.html.parent / "screenshots", chromium)
    wrong = {page: problems for page, problems in report.items() if problems}
    lines = [line for page, problems in wrong.items()
             for line in [f"{page}:"] + [f"  - {problem}" for problem in problems]]
    assert not wrong, f"{len(wrong)} of {len(report)} pages have problems:\n" + "\n".join(lines)
