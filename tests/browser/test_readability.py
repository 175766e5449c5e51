"""Pages a process leader can read, on a 1280 px screen and on A4 paper, measured in Chromium.

- No table cell breaks a word in the middle ("Sta/tus", "Len/a Berg"): every character of a cell
  is laid out, and a line that starts between two letters of one word is a broken word, as is a
  date broken after one of its hyphens ("2026-05-" above "31").
- A printed page is no wider than the paper: A4 portrait (210 mm less 2 × 16 mm margins) for the
  documents, A4 landscape (297 mm less 2 × 12 mm) for the processkarta, which asks for it.
- No heading is printed twice: a table's visible caption never repeats the heading above it.

Every page of both examples is measured, with a screenshot of each plan at both widths in the
screenshots folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import Site

SCREEN = 1280
A4_PORTRAIT = 673  # 178 mm at 96 px per inch
A4_LANDSCAPE = 1032  # 273 mm

BROKEN_WORDS = r"""
() => {
  const letter = /[\p{L}\p{N}]/u;
  const digit = /[0-9]/;
  const found = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    cells: while ((node = walker.nextNode())) {
      const text = node.data;
      let bottom = null;
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (!rects.length) { bottom = null; continue; }
        const box = rects[0];
        const word = letter.test(text[i]) && i > 0 && letter.test(text[i - 1]);
        const date = digit.test(text[i]) && text[i - 1] === '-' && digit.test(text[i - 2] || '');
        if (bottom !== null && box.top >= bottom - 2 && (word || date)) {
          found.push(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12));
          break cells;
        }
        bottom = box.bottom;
      }
    }
  }
  return found;
}
"""

REPEATED_HEADINGS = r"""
() => {
  const shown = el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 2 && box.height > 2 && style.visibility !== 'hidden'
      && style.display !== 'none' && !(style.clip && style.clip.startsWith('rect(0'));
  };
  const words = el => el.textContent.replace(/\s+/g, ' ').trim().toLowerCase();
  const found = [];
  let last = null;
  for (const el of document.querySelectorAll('h1, h2, h3, h4, caption')) {
    if (!shown(el)) { continue; }
    if (last !== null && words(el) === words(last)) {
      found.push(`${last.tagName} and ${el.tagName}: ${el.textContent.trim()}`);
    }
    last = el;
  }
  return found;
}
"""


def _paper(page: Path) -> int:
    return A4_LANDSCAPE if page.name.endswith(".processkarta.html") else A4_PORTRAIT


@pytest.mark.parametrize("index", [0, 1], ids=["botkyrka", "orebro"])
def test_tables_keep_words_whole_on_screen_and_on_a4(
    sites: list[Site], browser: Any, screenshots: Path, index: int
) -> None:
    site = sites[index]
    failures: dict[str, Any] = {}
    shot: set[tuple[str, str]] = set()
    for media in ("screen", "print"):
        widths = {page: SCREEN if media == "screen" else _paper(page) for page in site.pages()}
        for width in sorted(set(widths.values())):
            context = browser.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            tab.emulate_media(media=media)
            for page in (p for p, w in widths.items() if w == width):
                tab.goto(page.as_uri())
                broken = tab.evaluate(BROKEN_WORDS)
                if broken:
                    failures[f"{page.name} {media} {width}px"] = broken[:5]
                scroll = tab.evaluate("document.documentElement.scrollWidth")
                if media == "print" and scroll > width:
                    failures[f"{page.name} printed"] = f"{scroll}px on {width}px of paper"
                kind = page.name.split(".")[-2]
                if kind in ("aktivitetsplan", "uppfoljningsplan") and (kind, media) not in shot:
                    shot.add((kind, media))
                    name = f"{site.name}-{kind}-{media}-{width}.png"
                    tab.screenshot(path=str(screenshots / name), full_page=True)
            context.close()
    assert site.pages()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("index", [0, 1], ids=["botkyrka", "orebro"])
def test_no_heading_is_printed_twice(sites: list[Site], browser: Any, index: int) -> None:
    site = sites[index]
    context = browser.new_context(viewport={"width": SCREEN, "height": 900})
    tab = context.new_page()
    tab.emulate_media(media="print")
    failures = {}
    for page in site.pages():
        tab.goto(page.as_uri())
        repeated = tab.evaluate(REPEATED_HEADINGS)
        if repeated:
            failures[page.name] = repeated
    context.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=2)
