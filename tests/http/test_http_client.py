"""`http:Client` from Ballerina programs against a real loopback HTTP server (plain and TLS):
request bodies and headers as the server received them, data binding, status errors, retries,
timeouts, redirects, and every network refusal naming `--allow-net`."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from http_peer import SLOW_SECONDS, HttpPeer

from balmail.app import run_program
from balmail.runtime.sandbox import Permissions

NET = Permissions(net=("127.0.0.1",))

TYPES = """
type Ticket record {
    int id;
    string title;
    string[] tags;
};

type Strict record {|
    int id;
    int title;
|};
"""


def run(tmp_path: Path, body: str, permissions: Permissions = NET, prelude: str = "") -> tuple[int, str, str]:
    program = tmp_path / "prog.bal"
    program.write_text(
        "import ballerina/http;\n"
        + ("import ballerina/io;\n" if "io:" in body else "")
        + TYPES
        + prelude
        + "\npublic function main() returns error? {\n"
        + body
        + "\n}\n"
    )
    out, err = io.StringIO(), io.StringIO()
    result = run_program(program, [], permissions=permissions, out=out, err=err, cwd=tmp_path)
    problems = "".join(f"{d.code}: {d.message}\n" for d in result.diagnostics)
    return result.exit_code, out.getvalue(), problems + (result.error_text or "") + err.getvalue()


def ok(tmp_path: Path, body: str, permissions: Permissions = NET) -> list[str]:
    code, out, err = run(tmp_path, body, permissions)
    assert code == 0, err + out
    return out.splitlines()


def test_get_binds_json_string_record_bytes_and_response(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json j = check c->get("/json", targetType = json);
    io:println(j);
    map<json> m = check c->get("/json", targetType = map<json>);
    io:println(m["title"]);
    Ticket t = check c->get("/json", targetType = Ticket);
    io:println(t.id + 1, " ", t.tags[0], " ", t is Ticket);
    string s = check c->get("/text", targetType = string);
    io:println(s);
    byte[] b = check c->get("/bytes", targetType = byte[]);
    io:println(b);
    http:Response r = check c->get("/json", targetType = http:Response);
    io:println(r.statusCode, " ", check r.getHeader("X-Peer"), " ", r.hasHeader("nope"));
    json p = check r.getJsonPayload();
    io:println(p.title);
    io:println(check r.getTextPayload());""",
    )
    assert lines == [
        '{"id":7,"title":"hello","tags":["a"]}',
        "hello",
        "8 a true",
        "plain text ü",
        "[0,1,255]",
        "200 balmail-test false",
        "hello",
        '{"id": 7, "title": "hello", "tags": ["a"]}',
    ]


def test_target_type_is_inferred_from_the_assigned_variable(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    Ticket t = check c->get("/json");
    io:println(t.id + 1, " ", t.tags[0]);
    string s = check c->get("/text");
    io:println(s);
    http:Response r = check c->get("/json");
    io:println(r.statusCode);
    Strict|error bad = c->get("/json");
    io:println(bad is error);""",
    )
    assert lines == ["8 a", "plain text ü", "200", "true"]


def test_untyped_call_gives_json_or_text(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json j = check c->get("/json");
    io:println(j.id);
    json t = check c->get("/text");
    io:println(t);""",
    )
    assert lines == ["7", "plain text ü"]


def test_post_put_patch_delete_send_bodies_and_headers(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}/", {{auth: {{token: "t0k"}}}});
    Ticket t = {{id: 1, title: "x", tags: []}};
    json a = check c->post("/echo", {{subject: "hi", n: 2}}, {{"X-Custom": "yes"}});
    io:println(a.contentType, " ", a.body, " ", a.custom, " ", a.authorization);
    json b = check c->put("echo", "plain words");
    io:println(b.method, " ", b.contentType, " ", b.body);
    json d = check c->patch("/echo", t, mediaType = "application/merge-patch+json");
    io:println(d.method, " ", d.contentType, " ", d.body);
    json e = check c->delete("/echo");
    io:println(e.method, " ", e.body == "");
    byte[] raw = [104, 105];
    json f = check c->post("/echo?q=1", raw);
    io:println(f.path, " ", f.contentType, " ", f.body);""",
    )
    assert lines == [
        'application/json {"subject":"hi", "n":2} yes Bearer t0k',
        "PUT text/plain plain words",
        'PATCH application/merge-patch+json {"id":1, "title":"x", "tags":[]}',
        "DELETE true",
        "/echo?q=1 application/octet-stream hi",
    ]
    assert peer.requests[0].body == b'{"subject":"hi", "n":2}'
    assert peer.requests[0].headers["User-Agent"] == "ballerina"


def test_basic_auth(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{auth: {{username: "ann", password: "pw"}}}});
    json a = check c->get("/echo");
    io:println(a.authorization);""",
    )
    assert lines == ["Basic YW5uOnB3"]


def test_status_errors_with_typed_targets(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json|http:ClientError e = c->get("/status/500", targetType = json);
    if e is http:RemoteServerError {{
        io:println("server ", e.message(), " ", e.detail().statusCode, " ", e.detail().body);
    }}
    json|error n = c->post("/status/404", {{}}, targetType = json);
    io:println(n is http:ClientRequestError, " ", n is http:ClientError, " ", n is http:RemoteServerError);
    if n is error {{
        io:println(n.message());
    }}
    http:Response r = check c->get("/status/500", targetType = http:Response);
    io:println(r.statusCode);
    Strict|error s = c->get("/json", targetType = Strict);
    io:println(s is http:PayloadBindingError, " ", s is http:ClientError);""",
    )
    assert lines == [
        'server Internal Server Error 500 {"error":"status 500"}',
        "true true false",
        "Not Found",
        "500",
        "true true",
    ]


def test_check_of_a_500_fails_main(tmp_path: Path, peer: HttpPeer) -> None:
    code, out, err = run(
        tmp_path,
        f'http:Client c = check new ("{peer.url}");\n    json j = check c->get("/status/503");',
    )
    assert (code, out) == (1, "")
    assert "Service Unavailable" in err


def test_retries_per_retry_config(tmp_path: Path, peer: HttpPeer) -> None:
    peer.flaky_failures = 2
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{retryConfig: {{count: 3, interval: 0.05,
        backOffFactor: 2.0, statusCodes: [503]}}}});
    string s = check c->get("/flaky", targetType = string);
    io:println(s);""",
    )
    assert lines == ["recovered"]
    assert [r.path for r in peer.requests] == ["/flaky"] * 3


def test_retries_exhausted_give_the_last_response(tmp_path: Path, peer: HttpPeer) -> None:
    peer.flaky_failures = 5
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{retryConfig: {{count: 1, statusCodes: [503]}}}});
    string|error s = c->get("/flaky", targetType = string);
    io:println(s is http:RemoteServerError);""",
    )
    assert lines == ["true"]
    assert len(peer.requests) == 2


def test_timeout(tmp_path: Path, peer: HttpPeer) -> None:
    started = time.monotonic()
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{timeout: 0.3}});
    string|error s = c->get("/slow", targetType = string);
    io:println(s is http:ClientError ? s.message() : "no timeout");""",
    )
    assert time.monotonic() - started < SLOW_SECONDS
    assert lines[0].startswith("Idle timeout triggered after 0.3s")


def test_connection_refused_is_a_client_error(tmp_path: Path) -> None:
    from mail.dovecot_harness import free_port

    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("http://127.0.0.1:{free_port()}");
    json|error j = c->get("/");
    io:println(j is http:ClientError ? j.message() : "connected");""",
    )
    assert lines[0].startswith("Connection refused: 127.0.0.1:")


def test_redirects_not_followed_by_default(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    http:Response r = check c->get("/redirect?to=/json", targetType = http:Response);
    io:println(r.statusCode, " ", check r.getHeader("Location"));""",
    )
    assert lines == ["302 /json"]


def test_redirect_followed_within_allowed_hosts(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{followRedirects: {{enabled: true}}}});
    Ticket t = check c->get("/redirect?to={peer.url}/json", targetType = Ticket);
    io:println(t.title);""",
    )
    assert lines == ["hello"]


def test_redirect_to_a_host_not_allowed_is_refused(tmp_path: Path, peer: HttpPeer) -> None:
    target = f"http://localhost:{peer.port}/json"
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{followRedirects: {{enabled: true}}}});
    json|error j = c->get("/redirect?to={target}");
    io:println(j is http:ClientError ? j.message() : "followed");""",
    )
    assert lines == [
        f"permission denied: network access to 'localhost:{peer.port}' is not allowed; "
        f"grant it with --allow-net=localhost:{peer.port}"
    ]
    assert [r.path for r in peer.requests] == [f"/redirect?to={target}"]


def test_client_for_a_host_not_allowed_is_refused(tmp_path: Path, peer: HttpPeer) -> None:
    code, out, err = run(tmp_path, f'http:Client c = check new ("{peer.url}");', Permissions())
    assert (code, out) == (1, "")
    assert f"grant it with --allow-net=127.0.0.1:{peer.port}" in err
    assert peer.requests == []


def test_port_restricted_grant(tmp_path: Path, peer: HttpPeer) -> None:
    body = f'http:Client c = check new ("{peer.url}");\n'
    body += '    json j = check c->get("/json");\n    io:println(j.id);'
    assert ok(tmp_path, body, Permissions(net=(f"127.0.0.1:{peer.port}",))) == ["7"]
    code, _, err = run(tmp_path, body, Permissions(net=("127.0.0.1:1",)))
    assert code == 1 and "--allow-net=127.0.0.1:" in err


def test_tls_with_the_test_ca(tmp_path: Path, tls_peer: HttpPeer, certs: Path) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{tls_peer.url}", {{secureSocket: {{cert: "{certs / "ca.pem"}"}}}});
    Ticket t = check c->get("/json", targetType = Ticket);
    io:println(t.title);""",
    )
    assert lines == ["hello"]


def test_tls_untrusted_ca_fails(tmp_path: Path, tls_peer: HttpPeer, certs: Path) -> None:
    for config in (f'{{secureSocket: {{cert: "{certs / "wrong-ca.pem"}"}}}}', "{}"):
        lines = ok(
            tmp_path,
            f"""
    http:Client c = check new ("{tls_peer.url}", {config});
    json|error j = c->get("/json");
    io:println(j is http:ClientError ? j.message() : "trusted");""",
        )
        assert lines[0].startswith(f"TLS with 127.0.0.1:{tls_peer.port} failed"), lines
        assert "certificate" in lines[0]
    assert tls_peer.requests == []


def test_tls_host_name_mismatch(tmp_path: Path, tls_peer: HttpPeer, certs: Path) -> None:
    url = f"https://localhost:{tls_peer.port}"
    body = f"""
    http:Client c = check new ("{url}", {{secureSocket: {{cert: "{certs / "ca.pem"}"{{}}}}}});
    json|error j = c->get("/json");
    io:println(j is http:ClientError ? j.message() : "accepted");"""
    lines = ok(tmp_path, body.replace("{}", ""), Permissions(net=("localhost",)))
    assert "failed" in lines[0] and "localhost" in lines[0]
    lines = ok(tmp_path, body.replace("{}", ", verifyHostName: false"), Permissions(net=("localhost",)))
    assert lines == ['{"id":7,"title":"hello","tags":["a"]}'] or lines == ["accepted"]


def test_invalid_configuration_and_url(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, 'http:Client c = check new ("ftp://example.test");', Permissions(net=None))
    assert code == 1 and "is not an HTTP URL" in err
    code, _, err = run(
        tmp_path, 'http:Client c = check new ("http://x.test", {auth: {nope: 1}});', Permissions(net=None)
    )
    assert code == 1 and "Invalid http:ClientConfiguration" in err


def test_received_json_bodies_are_what_the_program_built(tmp_path: Path, peer: HttpPeer) -> None:
    ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    map<json> payload = {{subject: "Order #1", lines: [1, 2.5, "x"], nested: {{ok: true, none: ()}}}};
    json _ = check c->post("/echo", payload);""",
    )
    assert json.loads(peer.requests[0].body) == {
        "subject": "Order #1",
        "lines": [1, 2.5, "x"],
        "nested": {"ok": True, "none": None},
    }


def test_paths_are_percent_encoded_and_bad_headers_refused(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}");
    json a = check c->get("/echo?name=Zoë Ünal&x=1");
    io:println(a.path);
    json|error b = c->get("/echo", {{"X-Custom": "naïve ☃"}});
    io:println(b is http:ClientError ? b.message() : "sent");
    int[]|error numbers = c->post("/echo", [1, 2], targetType = int[]);
    io:println(numbers is http:PayloadBindingError ? numbers.message() : "bound");""",
    )
    assert lines[0] == "/echo?name=Zo%C3%AB%20%C3%9Cnal&x=1"
    assert lines[1] == "header 'X-Custom' has characters HTTP headers cannot carry"
    # the echo answer is an object, not an int[]: a binding error (not the raw bytes)
    assert lines[2].startswith("Payload binding failed: ") and "int[]" in lines[2], lines[2]


def test_redirect_to_another_origin_drops_the_credentials(tmp_path: Path, peer: HttpPeer) -> None:
    other = f"http://localhost:{peer.port}/echo"
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{auth: {{token: "t0k"}}, followRedirects: {{enabled: true}}}});
    json a = check c->post("/redirect?to={other}", "data");
    io:println(a.method, " ", a.authorization);
    json b = check c->get("/redirect?to=/echo");
    io:println(b.authorization);""",
        Permissions(net=("127.0.0.1", "localhost")),
    )
    assert lines == ["GET ", "Bearer t0k"]  # 302 after POST becomes GET; same origin keeps the token


def test_redirect_loop_stops_at_max_count(tmp_path: Path, peer: HttpPeer) -> None:
    lines = ok(
        tmp_path,
        f"""
    http:Client c = check new ("{peer.url}", {{followRedirects: {{enabled: true, maxCount: 2}}}});
    json|error j = c->get("/redirect?to=/redirect%3Fto%3D/redirect%253Fto%253D/json");
    io:println(j is http:ClientError ? j.message() : "followed");""",
    )
    assert lines[0].startswith("Maximum redirect count 2 reached")


def test_the_handler_time_budget_bounds_a_request(tmp_path: Path, peer: HttpPeer) -> None:
    from balmail.runtime.sandbox import Budgets

    program = tmp_path / "prog.bal"
    program.write_text(
        "import ballerina/http;\nimport ballerina/io;\n\npublic function main() returns error? {\n"
        f'    http:Client c = check new ("{peer.url}",\n'
        "        {timeout: 60, retryConfig: {count: 5, interval: 1}});\n"
        '    string|error s = c->get("/slow", targetType = string);\n'
        "    io:println(s is error ? s.message() : s);\n}\n"
    )
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    result = run_program(program, [], permissions=NET, budgets=Budgets(seconds=0.5), out=out, err=err)
    assert time.monotonic() - started < SLOW_SECONDS
    assert result.exit_code == 0, err.getvalue()
    assert out.getvalue().startswith("Idle timeout triggered after 0.5s")
    assert len(peer.requests) == 1
