"""A server on 127.0.0.1 that counts every connection made to it, for tests that prove nothing is fetched.

    with CountingServer() as server:             # answers each HTTP request with a small PNG
        ... page refers to server.url + "/x.png" ...
    assert server.connections == 0

    with CountingServer(stalled=True) as server:  # accepts and never answers: a request would hang

It counts at the socket, so every kind of request is seen: an image, a stylesheet, a WebSocket, a
preconnect that sends nothing at all."""

from __future__ import annotations

import base64
import socket
import threading
from types import TracebackType

# An 8x8 PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQi1qAFTEMLQkAOd1GAUE19XUAAAAASUVORK5CYII=")


class CountingServer:
    """A TCP server on 127.0.0.1 (a free port), in a thread of its own."""

    def __init__(self, stalled: bool = False) -> None:
        self.stalled = stalled
        self.connections = 0         # every connection accepted
        self.requests: list[str] = []  # the request line of each HTTP request read ("GET /x.png HTTP/1.1")
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> CountingServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._open:
            conn.close()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._open.append(conn)
            if not self.stalled:
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            self.requests.append(data.split(b"\r\n", 1)[0].decode("latin-1"))
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(PNG) + PNG)
        except OSError:
            pass
        finally:
            conn.close()
