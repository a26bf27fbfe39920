"""The preview's HTTP side: who may ask (the Host header), what may be asked (the address), and quiet errors.

The preview listens on 127.0.0.1 only, but a web page elsewhere could still reach it through DNS
rebinding (its own name made to point at 127.0.0.1), so every request must name this server in
its Host header: 127.0.0.1, localhost or [::1], with the port the preview is bound to. Anything
else gets a short plain-text refusal and nothing of the page.

Every odd address (a NUL byte, bad percent-encoding, invalid UTF-8, `..` parts, a very long
path) gets a clean 400, 404 or 414 answer. Nothing here prints a traceback: an unexpected
failure is a one-line note on the terminal and a 500 answer, and the connection is closed
in order (what the client still sends is read and dropped first, so it sees the answer).
"""

from __future__ import annotations

import re
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import unquote_to_bytes

HOSTS = ("127.0.0.1", "localhost", "[::1]")
MAX_TARGET = 4096  # characters in the address; http.server itself refuses request lines over 65536 bytes
TEXT = "text/plain; charset=utf-8"
_LINGER_SECONDS = 2.0  # how long to wait for a client that keeps sending after its answer
_MAX_DRAIN = 1 << 20

_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")  # RFC 3986 path characters (pchar and "/")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Response:
    """An answer to send: its status, content type and body."""

    status: int
    kind: str
    body: bytes


def text(status: int, message: str) -> Response:
    """A short plain-text answer."""
    return Response(status, TEXT, (message + "\n").encode("utf-8"))


class Refused(Exception):
    """A request that gets a plain-text refusal instead of content."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.response = text(status, message)


def host_allowed(values: list[str], port: int) -> bool:
    """Whether the Host header (all its values) names this server: a local name with the bound port.

    A browser leaves the port out only when it is the default, 80; so a Host without a port is
    accepted only when the preview is bound to port 80.
    """
    if len(values) != 1:
        return False
    host = values[0].strip().lower()
    return any(host == f"{name}:{port}" or (port == 80 and host == name) for name in HOSTS)


def check_host(values: list[str], port: int) -> None:
    """Refuse a request whose Host header is missing, repeated or names another site."""
    if not values:
        raise Refused(HTTPStatus.BAD_REQUEST, "A Host header is required.")
    if len(values) > 1:
        raise Refused(HTTPStatus.BAD_REQUEST, "Only one Host header is allowed.")
    if not host_allowed(values, port):
        raise Refused(HTTPStatus.MISDIRECTED_REQUEST,
                      f"This preview answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/.")


def request_path(target: str) -> list[str]:
    """The parts of the address's path, decoded; a Refused for any address a browser would not send."""
    if len(target) > MAX_TARGET:
        raise Refused(HTTPStatus.REQUEST_URI_TOO_LONG, "The address is too long.")
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or not _URL_CHARS.fullmatch(path):
        raise Refused(HTTPStatus.BAD_REQUEST, "The address has characters that are not allowed in it.")
    if _BAD_PERCENT.search(path):
        raise Refused(HTTPStatus.BAD_REQUEST, "The address has a % that is not followed by two hex digits.")
    parts: list[str] = []
    for raw in path[1:].split("/"):
        try:
            part = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "The address is not valid UTF-8.") from None
        if any(ord(ch) < 32 or ord(ch) == 127 or ch in "/\\" for ch in part):
            raise Refused(HTTPStatus.BAD_REQUEST, "The address has control characters or slashes encoded in it.")
        if part in (".", ".."):
            raise Refused(HTTPStatus.BAD_REQUEST, "The address has a '.' or '..' part.")
        parts.append(part)
    return parts


def note(message: str) -> None:
    """One line on the terminal about something that went wrong in the preview itself."""
    try:
        print(f"plancc preview: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # pragma: no cover - the terminal has gone
        pass


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    first = first if len(first) <= 200 else first[:197] + "..."
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class QuietServer(ThreadingHTTPServer):
    """A threading server that prints no tracebacks and closes each connection in order."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        exc = sys.exc_info()[1]
        if exc is None or isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the browser went away: nothing to report
        note(f"a request could not be answered (a bug in plancc): {one_line(exc)}")

    def shutdown_request(self, request: object) -> None:
        """Stop sending, then read and drop what the client still sends, so closing does not reset the answer."""
        if not isinstance(request, socket.socket):  # pragma: no cover - a stream server's requests are sockets
            return
        try:
            request.shutdown(socket.SHUT_WR)
            request.settimeout(_LINGER_SECONDS)
            drained = 0
            while drained < _MAX_DRAIN and (chunk := request.recv(65536)):
                drained += len(chunk)
        except OSError:
            pass
        self.close_request(request)


Route = Callable[[list[str]], Response]


def make_handler(route: Route) -> type[BaseHTTPRequestHandler]:
    """A request handler that checks the Host header and the address, then answers with `route`."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "plancc-preview"
        sys_version = ""
        timeout = 30  # seconds a silent connection is kept open

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self._send(self._answer())

        def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
            self._send(self._answer())

        def _answer(self) -> Response:
            try:
                check_host(self.headers.get_all("Host") or [], int(self.connection.getsockname()[1]))
                return route(request_path(self.path))
            except Refused as refused:
                return refused.response
            except Exception as exc:  # noqa: BLE001 - one bad request must not stop the preview
                note(f"a request for the page failed (a bug in plancc): {one_line(exc)}")
                return text(HTTPStatus.INTERNAL_SERVER_ERROR, "The preview could not answer (a bug in plancc).")

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """http.server's own refusals (a request line over 64 KiB, bad syntax, other methods), as plain text."""
            self.close_connection = True
            reason = self.responses.get(code, ("Error", ""))[0]
            detail = "" if message is None else f": {message[:200]}"
            self._send(text(code, f"{reason}{detail}."))

        def version_string(self) -> str:
            return self.server_version

        def _send(self, response: Response) -> None:
            # http.server sends no status line to an HTTP/0.9 request, or to one whose version it could not
            # read; such a request has no Host header, so it is always refused, and the refusal says so in full.
            self.request_version = "HTTP/1.0" if self.request_version == "HTTP/0.9" else self.request_version
            self.send_response(response.status)
            self.send_header("Content-Type", response.kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
            """Quiet: the terminal shows what changed, not every request."""

    return Handler
