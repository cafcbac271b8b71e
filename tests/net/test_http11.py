"""The HTTP/1.1 connection on httptools: framing, keep-alive, interim answers, broken servers.

Real loopback sockets: each test starts a tiny server that reads one request head and answers
with exactly the bytes the test scripts (split into separate writes where it matters).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpcore
import pytest

from citecheck.net._http11 import Ask, Connection
from citecheck.net._stream import AsyncioBackend

Script = Sequence[bytes | float]  # bytes are written, a float is slept (seconds)


def _ask(
    method: bytes = b"GET", headers: tuple[tuple[bytes, bytes], ...] = (), deadline: float = 5.0
) -> Ask:
    loop = asyncio.get_running_loop()
    return Ask(
        method=method,
        scheme=b"http",
        host=b"127.0.0.1",
        port=0,
        target=b"/doc",
        headers=((b"Host", b"example.org"), *headers),
        timeout=2.0,
        deadline=loop.time() + deadline,
    )


async def _exchange(
    scripts: Sequence[Script],
    *,
    method: bytes = b"GET",
    close_after: bool = False,
    deadline: float = 5.0,
) -> tuple[list[tuple[int, bytes]], bool, list[bytes]]:
    """Send one request per script on one connection; each answer's status and body, whether
    the connection was still reusable at the end, and the request heads the server saw."""
    seen: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for script in scripts:
            seen.append(await reader.readuntil(b"\r\n\r\n"))
            for step in script:
                if isinstance(step, float):
                    await asyncio.sleep(step)
                else:
                    writer.write(step)
                    await writer.drain()
        if close_after:
            writer.close()
        else:
            await asyncio.sleep(10)

    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    connection = Connection(await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2))
    answers: list[tuple[int, bytes]] = []
    try:
        for _ in scripts:
            reader = await connection.exchange(_ask(method, deadline=deadline))
            body = b"".join([chunk async for chunk in reader.chunks()])
            answers.append((reader.status, body))
        return answers, connection.is_idle(), seen
    finally:
        await connection.aclose()
        server.close()


def run(scripts: Sequence[Script], **options: object) -> tuple[list[tuple[int, bytes]], bool]:
    answers, reusable, _ = asyncio.run(_exchange(scripts, **options))  # type: ignore[arg-type]
    return answers, reusable


OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"


@pytest.mark.parametrize(
    ("script", "body", "reusable"),
    [
        pytest.param([OK_HEAD + b"Content-Length: 5\r\n\r\nhello"], b"hello", True, id="length"),
        pytest.param(
            [OK_HEAD + b"Content-Length: 11\r\n\r\n", 0.02, b"hello", 0.02, b" world"],
            b"hello world",
            True,
            id="length-in-pieces",
        ),
        pytest.param(
            [OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 0.02, b"0\r\n\r\n"],
            b"hello",
            True,
            id="chunked",
        ),
        pytest.param(
            [OK_HEAD + b"Content-Length: 2\r\nConnection: close\r\n\r\nok"],
            b"ok",
            False,
            id="connection-close",
        ),
        pytest.param(
            [b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"], b"ok", False, id="http-1.0"
        ),
        pytest.param(
            [b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"],
            b"ok",
            True,
            id="http-1.0-keep-alive",
        ),
        pytest.param([b"HTTP/1.1 204 No Content\r\n\r\n"], b"", True, id="204"),
        pytest.param(
            [b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok"], b"ok", True, id="bare-line-feeds"
        ),
        pytest.param(
            [
                OK_HEAD
                + b"Transfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n2\r\nok\r\n0\r\n\r\n"
            ],
            b"ok",
            True,
            id="chunked-wins-over-length",
        ),
        pytest.param(
            [b"HTTP/1.1 100 Continue\r\n\r\n" + OK_HEAD + b"Content-Length: 2\r\n\r\nok"],
            b"ok",
            True,
            id="interim-in-same-read",
        ),
        pytest.param(
            [
                b"HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\n",
                0.02,
                OK_HEAD + b"Content-Length: 2\r\n\r\nok",
            ],
            b"ok",
            True,
            id="interim-then-final",
        ),
    ],
)
def test_framing_and_keep_alive(script: Script, body: bytes, reusable: bool) -> None:
    answers, still_reusable = run([script])
    assert [answer[1] for answer in answers] == [body]
    assert answers[0][0] in (200, 204)  # never the interim 100
    assert still_reusable is reusable


def test_a_body_until_close_ends_with_the_close_and_the_connection() -> None:
    answers, reusable = run([[OK_HEAD + b"\r\nfirst ", 0.02, b"second"]], close_after=True)
    assert answers == [(200, b"first second")]
    assert reusable is False


def test_an_answer_to_head_ends_with_its_head_despite_content_length() -> None:
    answers, reusable = run([[OK_HEAD + b"Content-Length: 123456\r\n\r\n"]], method=b"HEAD")
    assert answers == [(200, b"")]
    assert reusable is True


def test_one_connection_carries_requests_one_after_another() -> None:
    page = OK_HEAD + b"Content-Length: 3\r\n\r\n"
    answers, seen = asyncio.run(_exchange([[page + b"one"], [page + b"two"]]))[::2]
    assert answers == [(200, b"one"), (200, b"two")]
    assert seen[0].startswith(b"GET /doc HTTP/1.1\r\nHost: example.org\r\n")


@pytest.mark.parametrize(
    ("script", "message"),
    [
        pytest.param([], "without sending a response", id="closed-at-once"),
        pytest.param(
            [b"HTTP/1.1 200 OK\r\nContent-"], "middle of the response head", id="cut-head"
        ),
        pytest.param([b"SMTP ready\r\n\r\n"], "malformed HTTP response", id="not-http"),
        pytest.param(
            [b"HTTP/1.1 200 OK\r\n", *[b"X-Filler: " + b"y" * 1000 + b"\r\n"] * 200],
            "larger than 100 KB",
            id="endless-head",
        ),
        pytest.param(
            [OK_HEAD + b"Content-Length: 100\r\n\r\nonly ten b"],
            "complete message body",
            id="cut-body",
        ),
    ],
)
def test_a_broken_answer_is_a_remote_protocol_error(script: Script, message: str) -> None:
    with pytest.raises(httpcore.RemoteProtocolError, match=message):
        run([script], close_after=True)


def test_a_trickling_server_runs_into_the_attempts_deadline() -> None:
    """Each read gets bytes within the read timeout; the deadline still ends the attempt."""
    trickle: list[bytes | float] = [OK_HEAD + b"Content-Length: 100\r\n\r\n"]
    trickle += [0.05, b"x"] * 20
    with pytest.raises(httpcore.ReadTimeout):  # without the deadline: the whole body in 1 s
        run([trickle], deadline=0.3)


class _Recording(httpcore.AsyncNetworkStream):
    def __init__(self) -> None:
        self.written = b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.written += buffer

    async def aclose(self) -> None:
        return None


def test_a_header_value_cannot_smuggle_a_second_header() -> None:
    async def attempt() -> None:
        ask = _ask(headers=((b"Cookie", b"a=1\r\nX-Evil: yes"),))
        stream = _Recording()
        with pytest.raises(httpcore.LocalProtocolError):
            await Connection(stream).exchange(ask)
        assert stream.written == b""  # refused before anything was sent

    asyncio.run(attempt())
