"""A static server for the benchmarks: what GitHub Pages sends, plus a byte count and a throttle.

Like GitHub Pages, it answers with ``Cache-Control: max-age=600``, an ``ETag`` (``304`` when it
matches), ``Access-Control-Allow-Origin: *`` and, when the request accepts it, gzip for the
types in :data:`GZIP_TYPES` (the standard library's ``http.server`` compresses nothing).
Compressed bodies are made once per file and kept, so compressing never costs a timed run.

Every response adds its bytes on the wire (status line, headers, body as sent) to
:attr:`BenchServer.sent`; :meth:`BenchServer.count` reads and resets it.

``throttle=(bits_per_second, rtt_seconds)`` paces the server itself: each response waits one
round trip before its headers, and all bodies share one token bucket of that rate. The
harness uses it only when Chromium's own network emulation does not reach the worker.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import mimetypes
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: Content types sent gzipped to clients that accept it: text, JS, JSON, wasm and zip
#: archives (``python_stdlib.zip``, wheels).
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/wasm", "application/zip")
_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".py": "text/x-python",
    ".css": "text/css",
}
_CHUNK = 16 * 1024


class _Bucket:
    """One token bucket shared by all responses: ``take(n)`` returns once n bytes may go out."""

    def __init__(self, bytes_per_second: float) -> None:
        self.rate = bytes_per_second
        self._next = 0.0
        self._lock = threading.Lock()

    def take(self, size: int) -> None:
        with self._lock:
            start = max(time.perf_counter(), self._next)
            self._next = start + size / self.rate
            due = self._next
        time.sleep(max(0.0, due - time.perf_counter()))


class BenchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, *, throttle: tuple[float, float] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = Path(root).resolve()
        self.sent = 0
        self.requests = 0
        self.throttle = throttle
        self.bucket = _Bucket(throttle[0] / 8) if throttle else None
        self._gz: dict[tuple[str, int, int], bytes] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, ending in ``/``."""
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def __enter__(self) -> BenchServer:
        self._thread = threading.Thread(target=self.serve_forever, name="bench-serve", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def count(self) -> tuple[int, int]:
        """Bytes sent and responses since the last call; resets both."""
        with self._lock:
            counted = (self.sent, self.requests)
            self.sent = self.requests = 0
        return counted

    def prewarm(self) -> None:
        """Compress every compressible file below the root now, not during a timed run."""
        for path in self.root.rglob("*"):
            if path.is_file() and _compressible(_content_type(path)):
                self.gzipped(path)

    def gzipped(self, path: Path) -> bytes:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in self._gz:
            self._gz[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return self._gz[key]

    def add(self, size: int) -> None:
        with self._lock:
            self.sent += size
            self.requests += 1


def _content_type(path: Path) -> str:
    return _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _compressible(content_type: str) -> bool:
    return content_type.startswith(GZIP_TYPES)


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host: round trips are per request, not per connection
    server: BenchServer

    def __init__(self, request: Any, client_address: Any, server: BenchServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.root))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def do_GET(self) -> None:
        self._respond(body=True)

    def _respond(self, *, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            url_path = self.path.split("?", 1)[0]
            if not url_path.endswith("/"):  # as static hosts do, so the page's relative URLs resolve
                return self._send(301, {"Location": url_path + "/"}, b"", body)
            path = path / "index.html"
        try:
            inside = path.resolve().is_relative_to(self.server.root)
        except OSError:
            inside = False
        if not inside or not path.is_file():
            return self._send(404, {"Content-Type": "text/plain"}, b"not found", body)
        stat = path.stat()
        etag = '"' + hashlib.sha1(f"{stat.st_mtime_ns}-{stat.st_size}".encode()).hexdigest()[:16] + '"'
        headers = {
            "Cache-Control": "max-age=600",
            "ETag": etag,
            "Access-Control-Allow-Origin": "*",
            "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
        }
        content_type = _content_type(path)
        headers["Content-Type"] = content_type
        if _compressible(content_type):
            headers["Vary"] = "Accept-Encoding"
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, headers, b"", body)
        if _compressible(content_type) and "gzip" in self.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            data = self.server.gzipped(path)
        else:
            data = path.read_bytes()
        self._send(200, headers, data, body)

    def _send(self, status: int, headers: dict[str, str], data: bytes, body: bool) -> None:
        if self.server.throttle:
            time.sleep(self.server.throttle[1])
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        head = sum(len(line) for line in getattr(self, "_headers_buffer", [])) + 2
        self.end_headers()
        sent = head
        if body and status != 304:
            for start in range(0, len(data), _CHUNK):
                chunk = data[start : start + _CHUNK]
                if self.server.bucket:
                    self.server.bucket.take(len(chunk))
                self.wfile.write(chunk)
                sent += len(chunk)
        self.server.add(sent)
