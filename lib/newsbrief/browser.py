"""Looking at an HTML page the way a reader's browser does, with headless Chromium.

In: the path of an HTML file on disk (for example OUT/brief.html) and, optionally, the Chromium
to use. Out: a PDF of the page (``print_pdf``), or what the page became once a browser had loaded
it (``render``): the serialized DOM after its scripts ran, the messages it wrote to the browser
console (log lines, errors, uncaught exceptions) and a PNG screenshot.

Chromium is optional. ``find_chromium`` returns None when none is installed, ``print_pdf`` then
does nothing and returns None, and tests skip; ``make browser`` installs Debian's chromium.

Every Chromium run is headless, offline-quiet (no background networking, component updates, sync,
metrics, crash reports or QUIC; no host name resolves) and, where the system allows it, runs in a
network namespace of its own with no network at all (``isolation``): Chromium still starts a few
requests of its own (sign-in's account list, the updater) that no switch turns off, and there they
cannot leave the machine. It gets a fresh, empty profile in a temporary folder that is deleted afterwards, so runs
never share state and leave nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsbrief.files import replacing

__all__ = ["PDF_DATE", "Rendered", "TIMEOUT", "find_chromium", "fixed_dates", "isolation", "print_pdf", "render"]

TIMEOUT = 120  # seconds for one Chromium run
_NAMES = ("chromium", "chromium-browser", "google-chrome")
_FLAGS = (
    "--headless",
    "--no-sandbox",  # we run as root in containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these a run makes connections of its own (component and extension updates, sign-in,
    # sync, crash and metrics reports, safe-browsing and translation look-ups).
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-default-browser-check",
    "--no-pings",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,DialMediaRouteProvider,"
    "NetworkTimeServiceQuerying",
    # And whatever is left cannot look a name up: every host name resolves to nothing. The pages it
    # opens are files with nothing remote in them, so nothing is lost.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
# With logging on stderr, Chromium writes each console message of the page as one line like
#   [28072:28072:1123/155338.967596:INFO:CONSOLE:1] "boom", source: file:///tmp/p.html (1)
_LOGGING = ("--enable-logging=stderr", "--v=0")
# Chromium's own pages (its new-tab and compose box, under chrome://) log to the same stream, e.g.
# "Slow network is detected … source: chrome://resources/…" when a font of its own loads slowly on a
# busy machine. Those lines are the browser's, not the page's, and are left out of ``console``.
_OWN_PAGES = re.compile(r"source: (?:chrome|chrome-untrusted|devtools|chrome-extension)://")
# Startup noise of a container without a desktop session; left out of error messages.
_NOISE = re.compile(r"dbus|D-Bus|vaapi|InitializeSandbox|unexpected operator|bytes written to file")
_PNG = b"\x89PNG\r\n\x1a\n"
# The date written into every PDF: a fixed one (the reproducible-builds epoch), not the clock's.
PDF_DATE = b"D:19700101000000+00'00'"


@dataclass
class Rendered:
    """A page as Chromium saw it: the DOM after scripts ran, console lines and a PNG screenshot."""

    dom: str
    console: list[str] = field(default_factory=list)
    screenshot: bytes = b""


def find_chromium() -> str | None:
    """The path of ``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH, else None."""
    for name in _NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _version(chromium: str) -> int | None:
    """Chromium's major version, or None if ``--version`` does not say."""
    try:
        out = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=30,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\b(\d+)\.\d+\.\d+", out)
    return int(match.group(1)) if match else None


def _no_header_flag(chromium: str) -> str:
    """The switch that drops the date/title/URL header and footer of a printed PDF.

    Chromium renamed ``--print-to-pdf-no-header`` to ``--no-pdf-header-footer``; from version 120
    only the new name works, and both names are accepted for a few releases before that.
    """
    major = _version(chromium)
    return "--print-to-pdf-no-header" if major is not None and major < 120 else "--no-pdf-header-footer"


@lru_cache(maxsize=1)
def isolation() -> tuple[str, ...]:
    """The command prefix that runs a program in a new network namespace with no network:
    ``unshare -n`` as root, ``unshare -rn`` (in a user namespace) otherwise; empty when the system
    allows neither (a container without the capability), and Chromium then runs as it is."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in [(unshare, "-n")] * (os.geteuid() == 0) + [(unshare, "-rn")]:
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=30).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            pass
    return ()


def _url(html_path: str | Path) -> str:
    path = Path(html_path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"newsbrief: no HTML file at {path}")
    return path.as_uri()


def _tail(stderr: str, lines: int = 15) -> str:
    kept = [line for line in stderr.splitlines() if line.strip() and not _NOISE.search(line)]
    return "\n".join(kept[-lines:]) or "(chromium wrote nothing useful to stderr)"


def _run(chromium: str, args: list[str], what: str) -> subprocess.CompletedProcess[str]:
    """Run Chromium once with a fresh temporary profile; raise RuntimeError if it fails."""
    with tempfile.TemporaryDirectory(prefix="newsbrief-chromium-", ignore_cleanup_errors=True) as profile:
        # Keep caches and config of this run inside the throw-away profile folder too.
        env = {**os.environ, "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile}
        cmd = [*isolation(), chromium, *_FLAGS, f"--user-data-dir={profile}", *args]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, errors="replace", env=env,
                                start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            # Chromium's renderer and GPU helpers are in the same new session: stop them all.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            stdout, stderr = proc.communicate()
            raise RuntimeError(f"newsbrief: chromium did not finish {what} within {TIMEOUT} s "
                               "(a page that opens alert(), confirm() or prompt() waits forever in "
                               f"headless Chromium); its last messages:\n{_tail(stderr)}") from None
    if proc.returncode != 0:
        raise RuntimeError(f"newsbrief: chromium failed {what} (exit status {proc.returncode}); "
                           f"its last messages:\n{_tail(stderr)}")
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


def print_pdf(html_path: str | Path, pdf_path: str | Path, chromium: str | None = None) -> Path | None:
    """Print ``html_path`` to ``pdf_path`` without header and footer; None if there is no Chromium.

    The PDF is written to a temporary file beside ``pdf_path`` and moved over it only when it is
    complete, so a failed run never leaves half a PDF (or an old one overwritten with garbage).
    Its creation and modification dates are set to :data:`PDF_DATE` (same length, so the file's
    cross-reference offsets stay valid): the same page printed twice by the same Chromium gives
    the same bytes.
    """
    chromium = chromium or find_chromium()
    if chromium is None:
        return None
    url = _url(html_path)
    target = Path(pdf_path)
    with replacing(target) as tmp:
        done = _run(chromium, [f"--print-to-pdf={tmp}", _no_header_flag(chromium), url],
                    f"printing {html_path} to PDF")
        data = tmp.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise RuntimeError(f"newsbrief: chromium wrote no PDF for {html_path}; "
                               f"its last messages:\n{_tail(done.stderr)}")
        tmp.write_bytes(fixed_dates(data))
    return target


def fixed_dates(pdf: bytes) -> bytes:
    """``pdf`` with every ``/CreationDate`` and ``/ModDate`` set to :data:`PDF_DATE`, lengths kept."""
    def fix(match: re.Match) -> bytes:
        old = match.group(2)
        return match.group(1) + (PDF_DATE[:len(old)].ljust(len(old), b"0"))
    return re.sub(rb"(/(?:CreationDate|ModDate) \()(D:[^)]*)", fix, pdf)


def page_console(stderr: str) -> list[str]:
    """The page's console lines in Chromium's log: CONSOLE lines, without those of its own pages."""
    return [line.strip() for line in stderr.splitlines()
            if "CONSOLE" in line and not _OWN_PAGES.search(line)]


def render(html_path: str | Path, chromium: str | None = None, width: int = 1000,
           height: int = 4000) -> Rendered:
    """Load ``html_path`` in headless Chromium: its DOM after scripts, console lines, a screenshot.

    ``console`` holds Chromium's log lines for the page's console messages (``console.log``,
    ``console.error``, uncaught exceptions), each as Chromium wrote it, e.g.
    ``[…:INFO:CONSOLE:1] "boom", source: file:///…/page.html (1)``; lines of Chromium's own
    ``chrome://`` pages are left out. The screenshot is a PNG of
    ``width`` x ``height`` CSS pixels taken in a second run. Raises RuntimeError without Chromium.
    """
    chromium = chromium or find_chromium()
    if chromium is None:
        raise RuntimeError("newsbrief: rendering needs chromium; install it (make browser) or put it on PATH")
    url = _url(html_path)
    loaded = _run(chromium, [*_LOGGING, "--dump-dom", url], f"loading {html_path}")
    console = page_console(loaded.stderr)
    with tempfile.TemporaryDirectory(prefix="newsbrief-shot-") as folder:
        shot = Path(folder) / "screenshot.png"
        done = _run(chromium, [f"--screenshot={shot}", f"--window-size={width},{height}", url],
                    f"taking a screenshot of {html_path}")
        png = shot.read_bytes() if shot.is_file() else b""
    if not png.startswith(_PNG):
        raise RuntimeError(f"newsbrief: chromium took no screenshot of {html_path}; "
                           f"its last messages:\n{_tail(done.stderr)}")
    return Rendered(dom=loaded.stdout, console=console, screenshot=png)


def main(argv: list[str] | None = None) -> int:
    """``python -m newsbrief.browser BRIEF.html BRIEF.pdf``: print the brief, as ``make report`` does.

    Without Chromium it says so, removes a PDF left by an earlier run (it would describe other
    results) and succeeds: the PDF is a convenience, the HTML is the brief.
    """
    import sys

    html, pdf = (Path(a) for a in (argv if argv is not None else sys.argv[1:]))
    try:
        printed = print_pdf(html, pdf)
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    if printed is None:
        pdf.unlink(missing_ok=True)
        print(f"newsbrief: no Chromium, so no {pdf} (make browser installs it)")
    else:
        print(f"newsbrief: brief printed to {pdf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
