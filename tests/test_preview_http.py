"""The preview's HTTP side, asked with raw sockets: the Host header is checked, odd addresses get a clean answer."""

from __future__ import annotations

import http.client
from pathlib import Path
from typing import Iterator

import pytest

from conftest import DATA
from plancc.preview_http import QuietServer, host_allowed, make_handler, text
from preview_support import Running, body_of, raw_request, running_preview, status_of

TITLE = b"Minimal plan"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_preview(tmp_path_factory.mktemp("preview"), DATA / "minimal.yaml") as running:
        yield running


def get(port: int, path: bytes, host: bytes | None = b"127.0.0.1:%d", method: bytes = b"GET") -> bytes:
    headers = b"" if host is None else b"Host: " + (host % port if b"%d" in host else host) + b"\r\n"
    return raw_request(port, method + b" " + path + b" HTTP/1.1\r\n" + headers + b"\r\n")


@pytest.mark.parametrize("host", [b"127.0.0.1:%d", b"localhost:%d", b"LocalHost:%d", b"[::1]:%d"])
def test_the_page_is_served_to_a_local_host_with_the_bound_port(preview: Running, host: bytes) -> None:
    answer = get(preview.port, b"/", host)
    assert status_of(answer) == 200
    assert TITLE in body_of(answer)


@pytest.mark.parametrize("path", [b"/", b"/index.html", b"/version", b"/assets/plancc.css"])
@pytest.mark.parametrize("host", [
    b"evil.example:%d",  # a DNS-rebinding page: its own name, pointed at 127.0.0.1
    b"evil.example",
    b"127.0.0.1",  # no port: only right when the preview is on port 80
    b"localhost",
    b"127.0.0.1:1",  # another port
    b"localhost.evil.example:%d",
    b"127.0.0.1.evil.example:%d",
    b"127.0.0.1:%d.evil.example",
    b"user@127.0.0.1:%d",
    b"127.0.0.2:%d",
    b"0.0.0.0:%d",
    b"[::ffff:127.0.0.1]:%d",
])
def test_another_host_gets_a_short_refusal_and_nothing_of_the_page(preview: Running, host: bytes, path: bytes,
                                                                    capfd: pytest.CaptureFixture[str]) -> None:
    answer = get(preview.port, path, host)
    assert status_of(answer) == 421
    body = body_of(answer)
    assert body.startswith(b"This preview answers only at http://127.0.0.1:")
    assert b"text/plain" in answer.split(b"\r\n\r\n")[0]
    assert TITLE not in body and b"<" not in body and b"{" not in body
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\n\r\n",  # no Host
    b"GET / HTTP/1.0\r\n\r\n",  # no Host, even from an HTTP/1.0 client
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nHost: evil.example\r\n\r\n",  # two Hosts
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nHost: 127.0.0.1:%d\r\n\r\n",
])
def test_a_missing_or_repeated_host_is_refused(preview: Running, request_bytes: bytes) -> None:
    answer = raw_request(preview.port, request_bytes.replace(b"%d", str(preview.port).encode()))
    assert status_of(answer) == 400
    assert TITLE not in body_of(answer)


def test_a_rebinding_page_reads_nothing_through_a_normal_client(preview: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("GET", "/", headers={"Host": f"evil.example:{preview.port}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 421 and TITLE not in body


def test_a_host_without_a_port_is_right_only_on_port_80() -> None:
    assert host_allowed(["localhost"], 80) and host_allowed(["127.0.0.1:80"], 80)
    assert not host_allowed(["localhost"], 8000)
    assert host_allowed(["localhost:8000"], 8000) and not host_allowed(["localhost:80"], 8000)
    assert not host_allowed([], 8000) and not host_allowed(["localhost:8000", "localhost:8000"], 8000)


BAD_PATHS = [
    (b"/a\x00b", 400),  # a NUL byte as it is
    (b"/assets/plancc.css\x00.png", 400),
    (b"/assets/%00", 400),  # a NUL byte percent-encoded
    (b"/assets/plancc.css%00.png", 400),
    (b"/assets/%zz", 400),  # bad percent-encoding
    (b"/assets/plancc.css%", 400),
    (b"/assets/%e9t%e9.css", 400),  # Latin-1, not UTF-8, percent-encoded
    (b"/assets/\xff\xfe.css", 400),  # raw bytes that are not UTF-8
    (b"/assets/caf\xc3\xa9.css", 400),  # raw UTF-8 (a browser encodes it)
    (b"/../../../etc/passwd", 400),
    (b"/assets/../../../../etc/passwd", 400),
    (b"/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 400),
    (b"/assets/%2fetc%2fpasswd", 400),
    (b"/assets/..%5c..%5cetc%5cpasswd", 400),
    (b"/assets//etc/passwd", 404),
    (b"/assets/" + b"a" * 300 + b".css", 404),  # one part longer than a file name may be
    (b"/assets/" + b"a/" * 1000 + b"x.css", 404),
    (b"/assets/" + b"a" * 10_000, 414),  # over the preview's own limit
    (b"/" + b"a" * 100_000, 414),  # over http.server's 64 KiB request line
    (b"/assets/", 404),
    (b"/assets", 404),
    (b"/etc/passwd", 404),
    (b"http://evil.example/", 400),
    (b"*", 400),
]


@pytest.mark.parametrize(("path", "expected"), BAD_PATHS, ids=[f"{p[:30]!r}" for p, _ in BAD_PATHS])
def test_an_odd_address_gets_a_clean_answer_and_no_traceback(preview: Running, path: bytes, expected: int,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    answer = get(preview.port, path)
    assert status_of(answer) == expected
    body = body_of(answer)
    assert b"text/plain" in answer.split(b"\r\n\r\n")[0]
    assert b"root:" not in body and TITLE not in body
    err = capfd.readouterr().err
    assert "Traceback" not in err and err == ""
    assert status_of(get(preview.port, b"/version")) == 200  # and the server still answers


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n",  # a header over 64 KiB
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" + b"X-Many: 1\r\n" * 200 + b"\r\n",  # too many headers
    b"GET /\x00 HTTP/1.1\x00\r\n\r\n",  # a NUL in the version
    b"GET / HTTP/9.9\r\n\r\n",
    b"\x00\x01\x02\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 3\r\n\r\nabc",
])
def test_http_servers_own_refusals_are_plain_text_and_quiet(preview: Running, request_bytes: bytes,
                                                            capfd: pytest.CaptureFixture[str]) -> None:
    answer = raw_request(preview.port, request_bytes.replace(b"%d", str(preview.port).encode()))
    assert 400 <= status_of(answer) < 600
    assert b"text/plain" in answer.split(b"\r\n\r\n")[0]
    assert TITLE not in body_of(answer)
    assert capfd.readouterr().err == ""


def test_head_gets_the_headers_only(preview: Running) -> None:
    answer = get(preview.port, b"/", method=b"HEAD")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert status_of(answer) == 200 and body == b"" and b"text/html" in head


def test_a_failure_while_answering_is_a_500_and_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capfd: pytest.CaptureFixture[str]) -> None:
    with running_preview(tmp_path, DATA / "minimal.yaml") as running:
        def broken() -> str:
            raise RuntimeError("the page broke\nsecond line")

        monkeypatch.setattr(running.state, "page", broken)
        answer = get(running.port, b"/")
        assert status_of(answer) == 500
        assert body_of(answer) == b"The preview could not answer (a bug in plancc).\n"
        assert status_of(get(running.port, b"/version")) == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert err == "plancc preview: a request for the page failed (a bug in plancc): RuntimeError: the page broke\n"


def test_the_server_reports_an_unexpected_error_in_one_line_and_a_lost_client_not_at_all(
        capfd: pytest.CaptureFixture[str]) -> None:
    server = QuietServer(("127.0.0.1", 0), make_handler(lambda parts: text(200, "ok")))
    try:
        for exc in (ConnectionResetError("reset"), BrokenPipeError("pipe"), TimeoutError("slow")):
            try:
                raise exc
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capfd.readouterr().err == ""
        try:
            raise ValueError("embedded null byte")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        err = capfd.readouterr().err
        assert err == "plancc preview: a request could not be answered (a bug in plancc): ValueError: embedded null byte\n"
    finally:
        server.server_close()
