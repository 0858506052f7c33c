"""What the theme's search finds, and in which language.

Two parts, both around Material's own search (lunr, with jieba segmenting the Chinese):

- `strip_interface(html)`: what the search plugin indexes of a page (hooks/render_guide.py hands
  it this instead of the page for the indexing only): the page without its interface, the
  widgets' buttons, questions, forms and "needs JavaScript" fallbacks, marked by their class or
  by `data-search-exclude`. Material's own `data-search-exclude` stops skipping at the first
  element inside with the same tag name (its parser compares elements by tag: a `<div>` closing
  inside an excluded `<div>` ends the exclusion), so the request form leaked into the index;
  removed elements cannot.
- `split(site)`, run by hooks/finish_site.py once every language is built: mkdocs-static-i18n
  merges both languages into one search/search_index.json, which every page loads (from the
  `base` of its `__config`), so English pages found Chinese ones first. The merged index is
  split: search/search_index.json keeps the default language, en/search/search_index.json the
  English entries (locations relative to en/), and the English pages' `base` becomes en/, where
  the theme then finds their index (and en/sitemap.xml, which exists). Search result links are
  resolved against that base, so they land on the English pages. Each step's entry also gets its
  phrases (steps.toml) as a field of its own, which mkdocs.yml weighs like a title.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from material.plugins.search import plugin as material_search

from hooks import guide_data

# Interface containers, by class: the check widget (render_guide), the workstation probe
# (workstation_probe), the support request form and its printable blank (request_form), the
# report controls (docs/checks*.md) and the compare page's controls (docs/compare*.md). Also
# copies of the steps, which search finds at the step itself (with the words agents use,
# steps.toml phrases): the home page's chooser (hooks/triage.py), whose every line is a step's
# title and action, and the printed checklist's table and header (hooks/checklist.py).
INTERFACE_CLASSES = (
    "ck-panel",
    "ws-probe",
    "rq",
    "rp-actions",
    "cmp",
    "triage",
    "triage-path",
    "cl-head",
    "cl-table",
)
ATTR = "data-search-exclude"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Finder(HTMLParser):
    """The (start, end) offsets of the outermost interface elements of a page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        # getpos() counts lines at "\n" only.
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.open: list[tuple[str, int | None]] = []  # (tag, start offset if interface)
        self.ranges: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        interface = ATTR in attrs or any(c in INTERFACE_CLASSES for c in classes)
        inside = any(start is not None for _, start in self.open)
        self.open.append((tag, self._offset() if interface and not inside else None))

    def handle_startendtag(self, tag, attrs):
        pass  # <x/>: nothing inside it

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                # The closing element, or one left open inside it, may be the interface.
                start = next((s for _, s in self.open[i:] if s is not None), None)
                if start is not None:
                    self.ranges.append((start, self.text.index(">", self._offset()) + 1))
                del self.open[i:]
                return


def strip_interface(html: str) -> str:
    """`html` without its interface elements (see the module's docstring)."""
    finder = _Finder(html)
    finder.feed(html)
    finder.close()
    if any(start is not None for _, start in finder.open):
        raise ValueError("hooks/search_index.py: an interface element is never closed")
    for start, end in sorted(finder.ranges, reverse=True):
        html = html[:start] + html[end:]
    return html


_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def _write(path: Path, config: dict, docs: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"config": config, "docs": docs}
    # As compact as the theme writes it.
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _segment(text: str) -> str:
    """Chinese cut into words as the theme's indexer cuts its title and text (jieba, with the
    user dictionary mkdocs.yml names, loaded by the search plugin in this process)."""
    return material_search.SearchIndex()._segment_chinese(text) if material_search.jieba else text


def _add_phrases(docs: list[dict]) -> None:
    """Each step's entry gets its phrases (steps.toml, shown under its heading, so already in its
    text) as a field of their own, `phrases`, which mkdocs.yml weighs like a title: an agent's
    words for a problem find its step before pages that merely mention them."""
    steps = {st["id"]: st for st in guide_data.steps_source()["steps"] if "phrases" in st}
    for doc in docs:
        path, _, fragment = doc["location"].partition("#")
        lang = next((lang for lang in guide_data.LANGS[1:] if path.startswith(f"{lang}/")), guide_data.LANGS[0])
        if fragment in steps:
            doc["phrases"] = [_segment(phrase) for phrase in steps[fragment]["phrases"][lang]]


def split(site: Path) -> dict[str, int]:
    """One index per language, and the other languages' pages pointed at theirs.
    Returns the number of entries per language."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return {}
    merged = json.loads(index.read_text(encoding="utf-8"))
    _add_phrases(merged["docs"])
    default, others = guide_data.LANGS[0], guide_data.LANGS[1:]
    prefixes = {lang: f"{lang}/" for lang in others}
    counts = {}
    rest = merged["docs"]
    for lang, prefix in prefixes.items():
        if not (site / lang).is_dir():
            continue
        mine = [
            {**doc, "location": doc["location"][len(prefix) :]} for doc in rest if doc["location"].startswith(prefix)
        ]
        rest = [doc for doc in rest if not doc["location"].startswith(prefix)]
        _write(site / lang / "search" / "search_index.json", merged["config"], mine)
        counts[lang] = len(mine)
        for page in (site / lang).rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            found = _BASE.search(text)
            if found is None:
                raise SystemExit(f"hooks/search_index.py: {page.relative_to(site)} has no theme config with a base")
            # The base of the language's own root, seen from this page (e.g. ".." -> "../en/").
            base = posixpath.normpath(posixpath.join(found.group(2), lang)) + "/"
            page.write_text(text[: found.start(2)] + base + text[found.end(2) :], encoding="utf-8")
    _write(index, merged["config"], rest)
    counts[default] = len(rest)
    return counts
