"""A small Language Server Protocol client for tests: talks to a server over its stdin and stdout as an
editor does (JSON-RPC messages framed with Content-Length headers), and never waits for ever: every wait
has a deadline, after which the test fails with what the server wrote to stderr.

    with LanguageServer([node, server_js, "--stdio"], cwd=folder, settings={"yaml": {...}}) as server:
        server.initialize(folder)
        server.open(path, text)
        diagnostics = server.diagnostics(path)
        items = server.completion(path, line, column)

Requests the server makes of the editor are answered: workspace/configuration from `settings` (by
section), everything else with null.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Callable

Message = dict[str, Any]
WAIT = 60.0  # seconds: far longer than any answer takes, short enough that a hung server fails the test
_CLOSED: Message = {"closed": True}


class ServerError(AssertionError):
    """The server did not answer in time, exited, or answered a request with an error."""


class LanguageServer:
    """A language server process, and the messages it has sent."""

    def __init__(self, command: list[str], cwd: Path, settings: dict[str, Any], env: dict[str, str] | None = None,
                 wait: float = WAIT) -> None:
        self.settings = settings
        self.wait = wait
        self.notifications: list[Message] = []
        self.stderr: list[str] = []
        self.answered: list[str] = []  # the methods of the server's requests answered so far
        self.versions: dict[str, int] = {}
        self._next_id = 0
        self._inbox: queue.Queue[Message] = queue.Queue()
        self._process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
        threading.Thread(target=self._read_messages, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # --- the wire ---------------------------------------------------------------------------------

    def _read_messages(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        try:
            while True:
                length = None
                while (header := stream.readline()) not in (b"\r\n", b"\n"):
                    if not header:
                        return
                    name, _, value = header.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                if length is None:
                    raise ValueError("a message without a Content-Length header")
                self._inbox.put(json.loads(stream.read(length).decode("utf-8")))
        finally:
            self._inbox.put(_CLOSED)

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self.stderr.append(line.decode("utf-8", "replace").rstrip("\n"))

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stream = self._process.stdin
        assert stream is not None
        try:
            stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stream.flush()
        except (BrokenPipeError, OSError) as exc:
            raise ServerError(f"the language server has stopped ({exc}){self._stderr_tail()}") from None

    def _stderr_tail(self) -> str:
        tail = "\n".join(self.stderr[-30:])
        return f"\nthe server's stderr:\n{tail}" if tail else ""

    def _receive(self, deadline: float, waiting_for: str) -> Message:
        """The next message; a request from the server is answered before it is returned."""
        while True:
            try:
                message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ServerError(f"no answer to {waiting_for} within {self.wait:.0f} s{self._stderr_tail()}") from None
            if message is _CLOSED:
                self._inbox.put(_CLOSED)
                raise ServerError(f"the language server exited (code {self._process.poll()}) while waiting for "
                                  f"{waiting_for}{self._stderr_tail()}")
            if "method" in message and "id" in message:
                self._send({"id": message["id"], "result": self._answer(message["method"], message.get("params"))})
                self.answered.append(message["method"])
            return message

    def _keep(self, message: Message) -> None:
        """Keep a notification from the server for later (requests are answered, responses are awaited)."""
        if "method" in message and "id" not in message:
            self.notifications.append(message)

    def _answer(self, method: str, params: Any) -> Any:
        if method == "workspace/configuration":
            return [self._setting(item.get("section")) for item in (params or {}).get("items", [])]
        return None

    def _setting(self, section: str | None) -> Any:
        value: Any = self.settings
        for part in (section or "").split("."):
            if part:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    # --- requests and notifications ----------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result (notifications that arrive meanwhile are kept)."""
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + self.wait
        while True:
            message = self._receive(deadline, method)
            if "method" not in message and message.get("id") == ident:
                if "error" in message:
                    raise ServerError(f"{method} failed: {message['error']}")
                return message.get("result")
            self._keep(message)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def server_request(self, method: str) -> None:
        """Wait until the server has made a request `method` of the editor and it has been answered."""
        deadline = time.monotonic() + self.wait
        while method not in self.answered:
            self._keep(self._receive(deadline, f"the server's {method} request"))

    def notification(self, method: str, matches: Callable[[Any], bool] = lambda params: True,
                     after: int = 0) -> Any:
        """The params of the first notification `method` (from the `after`-th on) that `matches`, waiting
        for it to arrive."""
        deadline = time.monotonic() + self.wait
        seen = after
        while True:
            for message in self.notifications[seen:]:
                if message.get("method") == method and matches(message.get("params")):
                    return message.get("params")
            seen = len(self.notifications)
            self._keep(self._receive(deadline, method))

    # --- what an editor does -----------------------------------------------------------------------

    def initialize(self, folder: Path) -> Any:
        """The handshake, then the settings (workspace/didChangeConfiguration); the server's capabilities."""
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": False,
                                                  "documentationFormat": ["markdown", "plaintext"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {"relatedInformation": True},
                "synchronization": {"didSave": True},
            },
            "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False},
                          "workspaceFolders": True},
        }
        uri = folder.resolve().as_uri()
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": uri, "capabilities": capabilities,
                                             "workspaceFolders": [{"uri": uri, "name": folder.name}]})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        self.server_request("workspace/configuration")  # the server asks for the settings: answered, so in force
        return result["capabilities"]

    def open(self, path: Path, text: str, language: str = "yaml") -> int:
        """Open a document (didOpen); the number of notifications so far, to wait for what follows it."""
        uri = path.resolve().as_uri()
        self.versions[uri] = 1
        mark = len(self.notifications)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1,
                                                               "text": text}})
        return mark

    def change(self, path: Path, text: str) -> int:
        """Replace a document's whole text (didChange); the number of notifications so far."""
        uri = path.resolve().as_uri()
        self.versions[uri] += 1
        mark = len(self.notifications)
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": self.versions[uri]},
                                               "contentChanges": [{"text": text}]})
        return mark

    def diagnostics(self, path: Path, after: int = 0,
                    until: Callable[[list[Message]], bool] | None = None) -> list[Message]:
        """The first diagnostics the server publishes for the document after the `after`-th notification, or
        with `until`, the first that satisfy it. (Publications carry no version, and one for an earlier
        text can arrive after a change: wait for what the current text must give.)"""
        uri = path.resolve().as_uri()

        def wanted(params: Any) -> bool:
            return bool(params.get("uri") == uri and (until is None or until(params["diagnostics"])))

        try:
            return list(self.notification("textDocument/publishDiagnostics", wanted, after)["diagnostics"])
        except ServerError as exc:
            published = [m["params"]["diagnostics"] for m in self.notifications[after:]
                         if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("uri") == uri]
            raise ServerError(f"{exc}\nthe diagnostics published for {path.name}: {published}") from None

    def completion(self, path: Path, line: int, character: int) -> list[Message]:
        """The completion items at a position (0-based line and character)."""
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.resolve().as_uri()},
                                                          "position": {"line": line, "character": character}})
        return list(result.get("items", []) if isinstance(result, dict) else result or [])

    def hover(self, path: Path, line: int, character: int) -> str:
        """The hover text at a position, as one string (empty when there is none)."""
        result = self.request("textDocument/hover", {"textDocument": {"uri": path.resolve().as_uri()},
                                                     "position": {"line": line, "character": character}})
        return hover_text(result["contents"]) if result else ""

    def close(self) -> None:
        """Shut the server down politely, then make sure it has gone."""
        self.wait = min(self.wait, 10.0)
        try:
            if self._process.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
        except ServerError:
            pass
        finally:
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
            for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
                if stream is not None:
                    stream.close()

    def __enter__(self) -> LanguageServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def hover_text(contents: Any) -> str:
    """Hover contents in any of the protocol's shapes (MarkupContent, MarkedString, a list of them) as text."""
    if isinstance(contents, str):
        return contents
    if isinstance(contents, list):
        return "\n".join(hover_text(part) for part in contents)
    if isinstance(contents, dict):
        return str(contents.get("value", ""))
    return ""
