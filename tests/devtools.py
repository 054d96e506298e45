"""Headless Chromium driven through the DevTools protocol (websocket-client), for the browser tests.

Nothing is downloaded: the Chromium is Debian's (``make browser``), started with the PDF printer's
flags (no background networking) and a DevTools port.
"""

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from newsbrief import browser


class DevTools:
    """A minimal Chrome DevTools Protocol client for one page: commands, and JavaScript evaluated."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def send(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:  # events in between are of no interest here
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def js(self, expression: str):
        """The value of ``expression`` (awaited when a promise); a thrown error raises."""
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float, what: str):
        deadline, error = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            try:  # while a page loads, its objects may not be there yet
                value = self.js(expression)
            except RuntimeError as err:
                value, error = None, err
            if value:
                return value
            time.sleep(0.25)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}" + (f" (last error: {error})" if error else ""))

    def close(self):
        self.ws.close()


def stop(proc: subprocess.Popen):
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


def start_chromium(profile: Path, width: int = 1400, height: int = 1000) -> tuple[subprocess.Popen, str]:
    """Headless Chromium with a DevTools port; returns it and the DevTools websocket of its page."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(profile), "XDG_CACHE_HOME": str(profile)}
    # The printer's flags, less its host-resolver rule: the pages tested here may be a local server.
    flags = [f for f in browser._FLAGS if not f.startswith("--host-resolver-rules=")]
    proc = subprocess.Popen([browser.find_chromium(), *flags, f"--user-data-dir={profile}",
                             "--remote-debugging-port=0", "--remote-allow-origins=*",
                             f"--window-size={width},{height}", "about:blank"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if active.is_file() and len(active.read_text().split()) == 2:
            port = active.read_text().split()[0]
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return proc, pages[0]["webSocketDebuggerUrl"]
        if proc.poll() is not None:
            raise AssertionError(f"chromium exited with {proc.returncode}")
        time.sleep(0.25)
    stop(proc)
    raise AssertionError("chromium opened no DevTools port within 60 s")
