"""The brief as its readers see it: printed to PDF, on a phone, and on a desktop.

The published brief of the seeds (outputs/brief.html, which the record test holds equal to a fresh
run) is printed by the project's own printer and read back with pypdf: every column header of
every table is in the PDF's text. Then it is laid out by headless Chromium (through the DevTools
protocol) for print on A4 and on a phone 390 px wide: no table is wider than the page (nothing
scrolls out of sight or is cut), and the phone page never scrolls sideways. Skipped without
Chromium (make browser installs it).
"""

import html
import re
import unicodedata

import pytest

from conftest import ROOT
from devtools import DevTools, start_chromium, stop
from newsbrief import browser

BRIEF = ROOT / "outputs" / "brief.html"
A4_CONTENT_PX = 706  # 210 mm less the 11 mm side margins of @page (brief.html.j2), at 96 px per inch
PHONE = (390, 844)

pytestmark = pytest.mark.skipif(browser.find_chromium() is None, reason="needs chromium (make browser)")


def headers(page: str) -> list[str]:
    """The text of every <th> of the page, as a reader sees it."""
    return [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", page)]


def flat(text: str) -> str:
    """Text with ligatures undone (ﬁ -> fi) and every run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_every_column_header_of_every_table_is_printed(tmp_path):
    from pypdf import PdfReader

    pdf = browser.print_pdf(BRIEF, tmp_path / "brief.pdf")
    assert pdf is not None
    text = flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    names = headers(BRIEF.read_text(encoding="utf-8"))
    assert len(names) >= 30  # the corpus, overlap, figures, forecasts, sourcing and provenance tables
    assert [name for name in names if f" {name} " not in f" {text} "] == []


# Each table, and the page, against the width it has (1 px of rounding allowed).
OVERFLOW = """(() => {
  const wide = [...document.querySelectorAll('table')]
    .filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1
              || t.closest('section').getBoundingClientRect().right > window.innerWidth + 1)
    .map(t => [...t.querySelectorAll('th')].map(th => th.innerText).join(' | '));
  return {wide, page: document.documentElement.scrollWidth, view: window.innerWidth,
          scrolls: [...document.querySelectorAll('.scroll')].filter(s => s.scrollWidth > s.clientWidth + 1).length};
})()"""


def layout(tmp_path, width: int, height: int, media: str, mobile: bool) -> dict:
    proc, ws = start_chromium(tmp_path / "profile", width, height)
    try:
        page = DevTools(ws)
        page.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=3 if mobile else 1, mobile=mobile)
        page.send("Emulation.setEmulatedMedia", media=media)
        page.send("Page.enable")
        page.send("Page.navigate", url=BRIEF.as_uri())
        page.wait("document.readyState === 'complete' && document.querySelector('#evidence') !== null", 60,
                  "the brief to load")
        result = page.js(OVERFLOW)
        page.close()
        return result
    finally:
        stop(proc)


def test_printed_tables_fit_the_page_with_no_scroll_box(tmp_path):
    result = layout(tmp_path, A4_CONTENT_PX, 1000, "print", mobile=False)
    assert result["wide"] == [] and result["scrolls"] == 0, result
    assert result["page"] <= result["view"], result


def test_a_phone_never_scrolls_the_page_sideways(tmp_path):
    result = layout(tmp_path, *PHONE, "screen", mobile=True)
    assert result["page"] <= result["view"] == PHONE[0], result
