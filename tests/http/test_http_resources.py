"""Client resource access actions on `http:Client` (`c->/albums/[id].post(x, page = 2)`) against a real
loopback HTTP server: the request line and body the server received, the default method `get`, computed
and rest segments, query parameters from named arguments, and data binding to the declared type."""

from __future__ import annotations

import json
from pathlib import Path

from http_peer import HttpPeer
from test_http_client import ok, run


def test_resource_get_defaults_binds_and_builds_the_path(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    Ticket t = check c->/json;
    io:println(t.id, " ", t.title);
    json j = check c->/json.get();
    io:println(j.tags);
    int id = 42;
    string[] rest = ["x", "y"];
    map<json> e = check c->/echo/items/[id]/[...rest].get(page = 2, q = "a b", tag = ["p", "q"], none = ());
    io:println(e["method"], " ", e["path"]);
    http:Response r = check c->/echo/perf\\-test;
    io:println(r.statusCode);""",
    )
    assert lines == [
        "7 hello",
        '["a"]',
        "GET /echo/items/42/x/y?page=2&q=a%20b&tag=p&tag=q",
        "200",
    ]
    assert [r.path for r in peer.requests][-1] == "/echo/perf-test"


def test_resource_post_put_delete_send_bodies_and_headers(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    record {{ string title; }} album = {{title: "Blue"}};
    json created = check c->/echo/albums.post(album, headers = {{"X-Trace": "t1"}});
    io:println(created.method, " ", created.path);
    json replaced = check c->/echo/albums/[1].put("plain", mediaType = "text/plain", 'version = 3);
    io:println(replaced.method, " ", replaced.path, " ", replaced.contentType);
    http:Response gone = check c->/echo/albums/[1].delete();
    io:println(gone.statusCode);
    http:Response head = check c->/json.head();
    io:println(head.statusCode);
    _ = check c->/echo.patch({{a: 1}});""",
    )
    assert lines == [
        "POST /echo/albums",
        "PUT /echo/albums/1?version=3 text/plain",
        "200",
        "200",
    ]
    methods = [(r.method, r.path) for r in peer.requests]
    assert methods == [
        ("POST", "/echo/albums"),
        ("PUT", "/echo/albums/1?version=3"),
        ("DELETE", "/echo/albums/1"),
        ("HEAD", "/json"),
        ("PATCH", "/echo"),
    ]
    assert json.loads(peer.requests[0].body) == {"title": "Blue"}
    assert peer.requests[0].headers.get("X-Trace") == "t1"
    assert peer.requests[1].body == b"plain"


def test_resource_status_error_and_network_refusal(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json|error missing = c->/status/[404];
    io:println(missing is http:ClientError);""",
    )
    assert lines == ["true"]
    code, _, err = run(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json j = check c->/json;""",
        permissions=__import__("balmail.runtime.sandbox", fromlist=["Permissions"]).Permissions(),
    )
    assert code != 0 and "--allow-net" in err
