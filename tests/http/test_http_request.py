"""`http:Request` built by the program (`new`, `new http:Request()`, payload setters and header methods)
and `http:Client.execute` / `->execute`, against the real loopback server of tests/http/http_peer.py:
what the server received (method, headers, body) and what the program read back."""

from __future__ import annotations

import json
from pathlib import Path

from http_peer import HttpPeer
from test_http_client import ok, run

from balmail.runtime.sandbox import Permissions


def test_request_setters_and_getters_without_a_network(tmp_path: Path) -> None:
    lines = ok(
        tmp_path,
        """
    http:Request req = new;
    io:println(req.getContentType() == "", " ", req.hasHeader("x-a"), " ", req.method == "");
    req.setHeader("X-A", "1");
    req.addHeader("x-a", "2");
    io:println(req.getHeader("x-A"), " ", check req.getHeaders("X-A"), " ", req.getHeaderNames());
    req.setHeader("X-A", "3");
    io:println(req.getHeaders("X-A"));
    req.removeHeader("x-a");
    string|http:HeaderNotFoundError missing = req.getHeader("X-A");
    io:println(missing is http:HeaderNotFoundError, " ", missing is error ? missing.message() : "");
    string|http:ClientError none = req.getTextPayload();
    io:println(none is http:NoContentError, " ", none is error ? none.message() : "");
    req.setTextPayload("hello");
    io:println(req.getContentType(), " ", check req.getTextPayload());
    req.setJsonPayload({a: 1, b: [true, ()]});
    io:println(req.getContentType(), " ", check req.getJsonPayload());
    http:Request r2 = new http:Request();
    r2.setJsonPayload([1, 2]);
    io:println(r2.getContentType(), " ", check r2.getTextPayload());
    r2.setPayload("text now", "text/csv");
    io:println(r2.getContentType(), " ", check r2.getTextPayload());
    var r3 = new http:Request();
    r3.setBinaryPayload([104, 105]);
    io:println(r3.getContentType(), " ", check r3.getBinaryPayload());
    r3.removeAllHeaders();
    io:println(r3.getHeaderNames().length());""",
        Permissions(),
    )
    assert lines == [
        "true false true",
        "1 [\"1\",\"2\"] [\"X-A\"]",
        "[\"3\"]",
        "true Http header does not exist: X-A",
        "true No content",
        "text/plain hello",
        # the content type stays what the first setter chose (Ballerina keeps an existing one)
        'text/plain {"a":1,"b":[true,null]}',
        'application/json [1, 2]',
        "text/csv text now",
        "application/octet-stream [104,105]",
        "0",
    ]


def test_an_illegal_header_panics(tmp_path: Path) -> None:
    body = 'http:Request req = new;\n    req.setHeader("bad name", "v");'
    code, out, err = run(tmp_path, body, Permissions())
    assert code == 1
    assert "invalid header name 'bad name'" in err
    assert "Traceback" not in err


def test_post_and_execute_send_a_request_object(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    http:Request req = new;
    req.setJsonPayload({{subject: "hi", n: 2}});
    req.setHeader("X-Custom", "one");
    json a = check c->post("/echo", req);
    io:println(a.method, " ", a.contentType, " ", a.body, " ", a.custom);
    http:Response r = check c->execute("PUT", "/echo/x", req, {{"X-Custom": "two"}}, "application/vnd+json");
    json b = check r.getJsonPayload();
    io:println(r.statusCode, " ", b.method, " ", b.path, " ", b.contentType, " ", b.custom);
    json d = check c->execute("DELETE", "/echo", "plain");
    io:println(d.method, " ", d.contentType, " ", d.body);
    http:Response e = check c->execute("GET", "/status/404", ());
    io:println(e.statusCode);
    json|error f = c->execute("POST", "/status/500", "x");
    io:println(f is http:RemoteServerError);
    string g = check c->execute("PATCH", "/text", "p");
    io:println(g);
    json|error h = c->execute("BAD VERB", "/echo", ());
    io:println(h is http:ClientError);""",
    )
    assert lines == [
        'POST application/json {"subject":"hi", "n":2} one',
        "200 PUT /echo/x application/vnd+json two",
        "DELETE text/plain plain",
        "404",
        "true",
        "plain text ü",
        "true",
    ]
    first = peer.requests[0]
    assert json.loads(first.body) == {"subject": "hi", "n": 2}
    assert first.headers["X-Custom"] == "one"
    assert peer.requests[1].method == "PUT"
    assert peer.requests[1].headers["Content-Type"] == "application/vnd+json"
    assert [r.method for r in peer.requests] == ["POST", "PUT", "DELETE", "GET", "POST", "PATCH"]


def test_execute_needs_the_network_permission(tmp_path: Path, peer: HttpPeer) -> None:
    code, out, err = run(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    http:Request req = new;
    http:Response r = check c->execute("GET", "/json", req);""",
        Permissions(),
    )
    assert code == 1
    assert "--allow-net" in err
    assert peer.requests == []
