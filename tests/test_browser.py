"""Headless Chromium: console capture, DOM, screenshot, PDF and inert hostile text.

Each test writes its own small page in a temporary folder; nothing here needs the pipeline.
Skipped when no Chromium is installed (`make browser` installs Debian's).
"""

import base64
import re

import pytest

from newsbrief.browser import PDF_DATE, Rendered, find_chromium, fixed_dates, page_console, print_pdf, render

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no chromium, chromium-browser or google-chrome on PATH (install it with: make browser)",
)

# A 1x1 red PNG.
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)).decode()


def page(tmp_path, body: str, title: str = "test page", name: str = "page.html"):
    path = tmp_path / name
    path.write_text(f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
                    f"<title>{title}</title></head>\n<body>\n{body}\n</body></html>\n", encoding="utf-8")
    return path


def test_console_error_is_captured(tmp_path):
    result = render(page(tmp_path, '<p>hello</p><script>console.error("boom")</script>'))
    assert isinstance(result, Rendered)
    assert any("boom" in line for line in result.console), result.console


def test_console_keeps_the_page_lines_and_drops_chromium_own_pages():
    # Logged by Chromium's compose box on a busy machine: not the page's, so not a page error.
    stderr = (
        '[1:1:1202/033554.1:INFO:CONSOLE:574] "Slow network is detected. Fallback font will be used '
        'while loading: chrome://resources/roboto/roboto-regular.woff2", source: '
        'chrome://resources/cr_components/composebox/composebox_input.js (574)\n'
        '[1:1:1202/033554.2:INFO:CONSOLE:1] "boom", source: file:///tmp/p.html (1)\n'
        '[1:1:1202/033554.3:ERROR:bus.cc(407)] Failed to connect to the bus\n')
    assert page_console(stderr) == ['[1:1:1202/033554.2:INFO:CONSOLE:1] "boom", source: file:///tmp/p.html (1)']


def test_static_page_renders_dom_and_screenshot(tmp_path):
    body = (f'<section id="first"><h2>One</h2><img alt="dot" src="data:image/png;base64,{PIXEL}"></section>\n'
            '<section id="second"><h2>Two</h2><p>text</p></section>')
    result = render(page(tmp_path, body), width=800, height=600)
    assert 'id="first"' in result.dom and 'id="second"' in result.dom
    assert f"data:image/png;base64,{PIXEL}" in result.dom
    assert result.screenshot.startswith(b"\x89PNG\r\n\x1a\n")
    assert result.console == []


def test_print_pdf_is_atomic(tmp_path):
    html = page(tmp_path, "<h1>Brief</h1><p>Some text to print.</p>")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "brief.pdf"
    target.write_bytes(b"old")  # replaced in one step, never appended to
    assert print_pdf(html, target) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["brief.pdf"]  # no temporary files left beside it


def test_the_same_page_prints_to_the_same_bytes(tmp_path):
    html = page(tmp_path, "<h1>Brief</h1><p>Printed twice.</p>")
    first = print_pdf(html, tmp_path / "a.pdf").read_bytes()
    second = print_pdf(html, tmp_path / "b.pdf").read_bytes()
    assert first == second and b"/CreationDate (" + PDF_DATE + b")" in first


def test_the_timings_block_is_left_out_of_the_pdf(tmp_path):
    timings = '<div class="timings"><p>Step durations 01 {} s</p></div>'
    style = "<style>@media print { .timings { display: none; } }</style>"
    a = print_pdf(page(tmp_path, style + "<p>Same results.</p>" + timings.format("3.1"), name="a.html"), tmp_path / "a.pdf")
    b = print_pdf(page(tmp_path, style + "<p>Same results.</p>" + timings.format("9.9"), name="b.html"), tmp_path / "b.pdf")
    assert a.read_bytes() == b.read_bytes()


def test_print_pdf_failure_leaves_target_alone(tmp_path):
    target = tmp_path / "brief.pdf"
    with pytest.raises(FileNotFoundError):
        print_pdf(tmp_path / "missing.html", target)
    assert list(tmp_path.iterdir()) == []


def test_print_pdf_without_chromium_does_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("newsbrief.browser.find_chromium", lambda: None)
    html = page(tmp_path, "<p>x</p>")
    assert print_pdf(html, tmp_path / "brief.pdf") is None
    assert not (tmp_path / "brief.pdf").exists()


def test_escaped_hostile_markup_stays_inert(tmp_path):
    # What the brief template makes of an article containing markup: escaped text, not elements.
    hostile = ("&lt;script&gt;document.title='pwned'&lt;/script&gt;"
               "&lt;img src=x onerror=alert(1)&gt;")
    result = render(page(tmp_path, f"<p>{hostile}</p>", title="safe"))
    assert re.search(r"<title>safe</title>", result.dom)
    assert "pwned</title>" not in result.dom
    assert not re.search(r"<img\b[^>]*\bsrc=\"?x\b", result.dom)
    assert "&lt;script&gt;" in result.dom  # shown to the reader as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in result.dom
    assert result.console == []


def test_a_page_that_hangs_fails_clearly(tmp_path, monkeypatch):
    # Script that did run (here an alert) wedges headless Chromium: it must end in a clear error.
    monkeypatch.setattr("newsbrief.browser.TIMEOUT", 5)
    with pytest.raises(RuntimeError, match=r"within 5 s.*alert\(\)"):
        render(page(tmp_path, "<script>alert(1)</script>"))


def test_fixed_dates_keeps_the_length():
    pdf = b"%PDF-1.4\n<</CreationDate (D:20261123165059+00'00')\n/ModDate (D:20261123165059+00'00')>>"
    fixed = fixed_dates(pdf)
    assert len(fixed) == len(pdf) and fixed.count(PDF_DATE) == 2 and b"2026" not in fixed
