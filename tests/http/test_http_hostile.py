"""Misuse of `http:Client` (issue 16): invalid header names and values and unparseable URLs are
`http:Error` values a program can handle, never an InternalError with a Python exception in it."""

from __future__ import annotations

from pathlib import Path

from http_peer import HttpPeer
from test_http_client import ok


def test_invalid_headers_are_http_errors(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    map<string>[] all = [{{"bad name": "x"}}, {{"": "x"}}, {{"a:b": "x"}}, {{"é": "x"}},
                          {{"X-Ok": "nul\\u{{0}}"}}, {{"X-Ok": "line\\nbreak"}}];
    foreach map<string> headers in all {{
        http:Response|error r = c->get("/text", headers);
        io:println(r is http:Error ? r.message() : "no error");
    }}
    http:Response r = check c->get("/text", {{"X-Fine_header.1~": "tab\\tok"}});
    io:println(r.statusCode);""",
    )
    name_rule = "a header name is letters, digits and !#$%&'*+-.^_`|~ only"
    assert lines == [
        f"invalid header name 'bad name': {name_rule}",
        f"invalid header name '': {name_rule}",
        f"invalid header name 'a:b': {name_rule}",
        f"invalid header name 'é': {name_rule}",
        "header 'X-Ok' has a control character in its value",
        "header 'X-Ok' contains a line break",
        "200",
    ]
    assert not any(r.path == "/text" and "bad name" in r.headers for r in peer.requests)


def test_unparseable_urls_are_http_errors(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        """
    foreach string url in ["http://[bad", "http://127.0.0.1:99999", "ftp://x"] {
        http:Client|error c = new (url);
        io:println(c is http:Error ? c.message() : "no error");
    }""",
    )
    assert lines == [
        f"'{url}' is not an HTTP URL; write it as 'https://host[:port][/path]'"
        for url in ("http://[bad", "http://127.0.0.1:99999", "ftp://x")
    ]
