"""Network guard for the tests that prove the pipeline needs no network.

Python loads this file at start-up when its folder is on PYTHONPATH: the test puts it there for
`make report`, so it is loaded by the step runner, every notebook kernel and every helper Python.
Each process notes that it is guarded in $NEWSBRIEF_NETLOG.active; a connection or name lookup to
anything but this machine is refused and written to $NEWSBRIEF_NETLOG.
"""

import os
import socket

_LOG = os.environ.get("NEWSBRIEF_NETLOG")
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _local(host) -> bool:
    return isinstance(host, str) and (host.startswith(_LOCAL) or host == "")


def _refuse(what) -> None:
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {what}\n")
    raise OSError(101, f"network is blocked in this test: {what}")


if _LOG:
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(f"connect {address}")
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(f"connect {address}")
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _local(host if isinstance(host, str) else host.decode()):
            _refuse(f"lookup {host}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    with open(f"{_LOG}.active", "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
