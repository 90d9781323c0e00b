"""The design canvas's JSON API and its minimal-edit writer, through Starlette's TestClient."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from balmail.web.server import DesignState, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-token-123"

LITERAL_PROGRAM = """\
import ballerina/email;
import ballerina/log;

configurable string password = ?;

// The mailbox, written out in place.
listener email:PopListener inbox = new ({
    host: "pop.example.com",   // the provider
    username: "orders@example.com",
    password: password,
    port: 995,
    pollingInterval: 30
});

service "orders" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("got one", subject = message.subject);
    }
}
"""


def client_for(path: Path, **kwargs: object) -> TestClient:
    state = DesignState(path, environ=kwargs.get("environ", {}), overrides=kwargs.get("overrides", {}))  # type: ignore[arg-type]
    return TestClient(create_app(state, TOKEN), base_url="http://127.0.0.1:8123")


def authed(path: Path, **kwargs: object) -> TestClient:
    client = client_for(path, **kwargs)
    client.headers["X-Balmail-Token"] = TOKEN
    return client


def copy_example(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip


# ---------------------------------------------------------------- the token


def test_requests_without_the_token_are_refused() -> None:
    client = client_for(EXAMPLES / "routing_http_imap")
    paths = (
        "/", "/api/model", "/api/flow/flow:toTicket", "/static/design.js", "/api/source?file=routing.bal",
    )  # fmt: skip
    for path in paths:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "token" in response.text
    assert client.get("/api/model", headers={"X-Balmail-Token": "wrong"}).status_code == 403
    assert client.get("/api/model?token=wrong").status_code == 403


def test_the_token_in_the_url_sets_a_cookie_that_later_requests_use() -> None:
    client = client_for(EXAMPLES / "routing_http_imap")
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200 and "design.js" in page.text
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=Strict" in page.headers["set-cookie"]
    assert client.get("/api/model").status_code == 200  # the cookie now


def test_a_change_needs_the_header_even_with_the_cookie(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "routing_http_imap")
    client = client_for(folder)
    client.get(f"/?token={TOKEN}")
    version = client.get("/api/model").json()["version"]
    body = {"version": version, "listener": "listener:inbox", "field": "pollingInterval", "value": "20"}
    before = (folder / "routing.bal").read_text()
    assert client.post("/api/edit", json=body).status_code == 403
    assert client.post(f"/api/edit?token={TOKEN}", json=body).status_code == 403
    assert (folder / "routing.bal").read_text() == before


def test_other_host_names_are_refused() -> None:
    client = authed(EXAMPLES / "routing_http_imap")
    response = client.get("/api/model", headers={"Host": "attacker.example:8123"})
    assert response.status_code == 403


# ---------------------------------------------------------------- the model


def test_model_of_the_routing_example() -> None:
    model = authed(EXAMPLES / "routing_http_imap").get("/api/model").json()
    assert [s["name"] for s in model["entryPoints"]["services"]] == ["ticket-router"]
    (listener,) = model["listeners"]
    shown = (listener["name"], listener["protocol"], listener["account"])
    assert shown == ("inbox", "IMAP", "support@localhost")
    assert listener["endpoint"] == "localhost:993"
    assert {(c["name"], c["kind"], c["scope"]) for c in model["connections"]} == {
        ("tickets", "http", None), ("smtp", "smtp", "confirm"),
    }  # fmt: skip
    assert [t["name"] for t in model["types"]] == ["Ticket", "Created"]
    assert [f["name"] for f in model["functions"]] == ["toTicket", "confirm"]
    edges = {(e["from"], e["to"], e["kind"]) for e in model["canvas"]["edges"]}
    assert edges == {
        ("listener:inbox", "service:ticket-router", "attach"),
        ("service:ticket-router", "connection:tickets", "uses"),
        ("service:ticket-router", "connection:confirm.smtp", "uses"),
    }
    origins = {c["name"]: (c["origin"], c["value"]) for c in model["configurables"]}
    assert origins["host"] == ("Config.toml", "localhost")
    assert origins["password"] == ("Config.toml", "••••••")  # a secret is never sent in clear
    assert origins["apiToken"][1] == "••••••"
    assert "support-password" not in str(model) and "change-me" not in str(model)


def test_configurable_origins_follow_run_order(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "routing_http_imap")
    (folder / "Config.toml").write_text('host = "imap.example.com"\n')
    model = authed(
        folder, environ={"BAL_CONFIG_DATA": 'replyFrom = "desk@example.com"'}, overrides={"smtpPort": "2465"}
    ).get("/api/model").json()
    origins = {c["name"]: (c["origin"], c["value"]) for c in model["configurables"]}
    assert origins["replyFrom"] == ("environment", "desk@example.com")
    assert origins["host"] == ("Config.toml", "imap.example.com")
    assert origins["smtpPort"] == ("-C", "2465")
    assert origins["port"] == ("default", "993")
    assert origins["password"] == ("missing", None)


def test_lint_findings_are_attached_to_their_node() -> None:
    model = authed(EXAMPLES / "meter_readings_plaintext_pop").get("/api/model").json()
    finding = next(d for d in model["diagnostics"] if d["code"] == "BALMAIL_107")
    assert finding["nodes"] == ["listener:gatewayInbox"]
    node = next(n for n in model["canvas"]["nodes"] if n["id"] == "listener:gatewayInbox")
    assert node["badges"]["warning"] == 1


def test_email_findings_in_the_listener_designer(tmp_path: Path) -> None:
    (tmp_path / "bad.bal").write_text(
        "import ballerina/email;\n\n"
        'service "s" on new email:ImapListener({host: "h", username: "u", password: "p"}) {\n'
        "    remote function onError(string err) {\n    }\n"
        "    remote function onMesage(email:Message m) {\n    }\n}\n"
    )
    model = authed(tmp_path / "bad.bal").get("/api/model").json()
    (service,) = model["services"]
    handlers = {h["name"]: h for h in service["handlers"]}
    assert handlers["onMessage"]["present"] is False and handlers["onMessage"]["required"] is True
    expected = "remote function onMessage(email:Message message) returns error?"
    assert handlers["onMessage"]["expected"] == expected
    codes = {d["id"]: d["code"] for d in model["diagnostics"]}
    assert [codes[i] for i in handlers["onError"]["findings"]] == ["EMAIL_104"]
    others = {o["name"]: o for o in service["others"]}
    assert [codes[i] for i in others["onMesage"]["findings"]] == ["EMAIL_103"]
    assert [codes[i] for i in service["findings"]] == ["EMAIL_102"]
    node = next(n for n in model["canvas"]["nodes"] if n["id"] == "service:s")
    assert node["badges"]["error"] == 3


def test_flow_of_a_handler_with_if_match_and_check() -> None:
    client = authed(EXAMPLES / "alert_triage_imap")
    flow = client.get("/api/flow/flow:alert-triage.onMessage").json()
    kinds = [n["kind"] for n in flow["nodes"]]
    assert kinds.count("decision") == 2
    labels = {n["id"]: n["label"] for n in flow["nodes"]}
    branches = sorted(e["label"] for e in flow["edges"] if e["kind"] == "branch")
    assert branches == sorted([
        "true", "false", '{severity: "critical"}',
        '{severity: "warning", host: var h} if h.startsWith("db-")', '{severity: "resolved"}', "_",
    ])  # fmt: skip
    errors = [e for e in flow["edges"] if e["kind"] == "error"]
    assert len(errors) == 1 and labels[errors[0]["from"]].startswith("check escalate(")
    assert next(n for n in flow["nodes"] if n["kind"] == "error")["label"] == "error returned"
    escalation = next(n for n in flow["nodes"] if n["label"].startswith("check escalate("))
    assert escalation["via"] == ["connection:escalate.smtp"]
    assert escalation["line"] == 56
    assert all(len(e["points"]) >= 2 for e in flow["edges"])


def test_flow_of_loops_and_on_fail(tmp_path: Path) -> None:
    (tmp_path / "loops.bal").write_text(
        "function f(int[] xs) returns error? {\n"
        "    foreach int x in xs {\n        if x > 3 {\n            break;\n        }\n    }\n"
        "    do {\n        check g();\n    } on fail error e {\n        return e;\n    }\n"
        "}\n\nfunction g() returns error? {\n}\n"
    )
    flow = authed(tmp_path / "loops.bal").get("/api/flow/flow:f").json()
    kinds = {n["kind"] for n in flow["nodes"]}
    assert {"loop", "decision", "break", "onfail", "return"} <= kinds
    on_fail = next(n for n in flow["nodes"] if n["kind"] == "onfail")
    error = next(e for e in flow["edges"] if e["kind"] == "error")
    assert error["to"] == on_fail["id"]
    assert any(e["kind"] == "back" for e in flow["edges"])
    assert {e["label"] for e in flow["edges"] if e["kind"] == "exit"} == {"done", "break"}


def test_unknown_flow_and_file_are_404() -> None:
    client = authed(EXAMPLES / "routing_http_imap")
    assert client.get("/api/flow/flow:nope").status_code == 404
    assert client.get("/api/source?file=../../etc/passwd").status_code == 404
    assert client.get("/api/source?file=routing.bal").json()["lines"][0].startswith("// Ticket routing")


# ---------------------------------------------------------------- the minimal-edit writer


def edit(
    client: TestClient, field: str, value: object, mode: str = "value", listener: str = "listener:inbox"
) -> object:
    version = client.get("/api/model").json()["version"]
    return client.post("/api/edit", json={"version": version, "listener": listener, "field": field,
                                          "value": value, "mode": mode})  # fmt: skip


def test_editing_a_literal_port_changes_exactly_that_line(tmp_path: Path) -> None:
    program = tmp_path / "app.bal"
    program.write_text(LITERAL_PROGRAM)
    client = authed(program)
    response = edit(client, "port", "110")
    assert response.json()["ok"] is True, response.text
    assert response.json()["changed"] == "app.bal"
    assert changed_lines(LITERAL_PROGRAM, program.read_text()) == ["-    port: 995,", "+    port: 110,"]
    # the model in the answer is the re-linted program: 110 with SSL is a port/security mismatch
    codes = [d["code"] for d in response.json()["model"]["diagnostics"]]
    assert "BALMAIL_106" in codes


def test_every_listener_field_round_trips(tmp_path: Path) -> None:
    program = tmp_path / "app.bal"
    program.write_text(LITERAL_PROGRAM)
    client = authed(program)
    values = {
        "host": ("pop.example.org", '"pop.example.org"'),
        "username": ('a "quoted" name', r'"a \"quoted\" name"'),
        "pollingInterval": ("12.5", "12.5"),
        "port": ("110", "110"),
        "security": ("START_TLS_ALWAYS", "email:START_TLS_ALWAYS"),
        "secureSocket.cert": ("certs/ca.pem", '"certs/ca.pem"'),
        "secureSocket.verifyHostName": ("false", "false"),
        "secureSocket.protocol.name": ("TLS", "email:TLS"),
        "secureSocket.protocol.versions": (["TLSv1.3"], '["TLSv1.3"]'),
        "secureSocket.ciphers": (["TLS_AES_256_GCM_SHA384"], '["TLS_AES_256_GCM_SHA384"]'),
    }
    for field, (value, _) in values.items():
        before = program.read_text()
        response = edit(client, field, value)
        assert response.json()["ok"] is True, (field, response.text)
        after = program.read_text()
        removed = [line for line in changed_lines(before, after) if line.startswith("-")]
        assert len(removed) <= 1, (field, changed_lines(before, after))
    model = client.get("/api/model").json()
    fields = {f["path"]: f for f in model["listeners"][0]["fields"]}
    for field, (_, expression) in values.items():
        assert fields[field]["expression"] == expression, field
        assert fields[field]["origin"] == "literal"
    text = program.read_text()
    assert "// the provider" in text and "// The mailbox, written out in place." in text
    # the password is a configurable: its new value goes to Config.toml, and is never shown
    response = edit(client, "password", "n3w-secret")
    assert response.json()["ok"] is True and response.json()["changed"] == "Config.toml"
    assert (tmp_path / "Config.toml").read_text() == 'password = "n3w-secret"\n'
    assert "n3w-secret" not in response.text


def test_a_configurable_backed_field_changes_config_toml_only(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "routing_http_imap")
    bal_before = (folder / "routing.bal").read_text()
    toml_before = (folder / "Config.toml").read_text()
    client = authed(folder)
    response = edit(client, "port", "1993")
    assert response.json()["ok"] is True, response.text
    assert response.json()["target"] == "toml"
    assert (folder / "routing.bal").read_text() == bal_before
    assert changed_lines(toml_before, (folder / "Config.toml").read_text()) == ["-port = 993", "+port = 1993"]
    listener = response.json()["model"]["listeners"][0]
    assert listener["port"] == "1993"


def test_editing_the_expression_of_a_configurable_backed_field_edits_the_source(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "routing_http_imap")
    before = (folder / "routing.bal").read_text()
    response = edit(authed(folder), "port", "993", mode="expression")
    assert response.json()["ok"] is True
    after = (folder / "routing.bal").read_text()
    assert changed_lines(before, after) == ["-    port: port,", "+    port: 993,"]


def test_bad_values_and_stale_versions_are_refused(tmp_path: Path) -> None:
    program = tmp_path / "app.bal"
    program.write_text(LITERAL_PROGRAM)
    client = authed(program)
    for field, value, says in [
        ("port", "99x", "whole number"),
        ("security", "TLS_PLEASE", "one of SSL"),
        ("host", "oops (", "would not parse"),
        ("nope", "1", "unknown listener field"),
    ]:
        mode = "expression" if says == "would not parse" else "value"
        response = edit(client, field, value, mode=mode)
        refused = response.status_code == 404 or response.json()["ok"] is False
        assert refused and says in response.json()["error"], (field, response.text)
    assert program.read_text() == LITERAL_PROGRAM
    stale = client.post("/api/edit", json={"version": "old", "listener": "listener:inbox", "field": "port",
                                           "value": "110"})  # fmt: skip
    assert stale.json()["ok"] is False and stale.json()["stale"] is True
    assert program.read_text() == LITERAL_PROGRAM


def test_a_field_written_as_an_expression_blocks_its_subfields(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "support_desk_pop")
    client = authed(folder)
    model = client.get("/api/model").json()
    fields = {f["path"]: f for f in model["listeners"][0]["fields"]}
    assert fields["secureSocket.cert"]["editable"] is False
    assert "trustAnchor(certPath)" in fields["secureSocket.cert"]["reason"]
    response = edit(client, "secureSocket.cert", "x.pem", listener="listener:support-desk")
    assert response.json()["ok"] is False and "expression" in response.json()["error"]


def test_bad_paths_are_clear_errors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from balmail.cli import main

    runner = CliRunner()
    for args, says in [
        (["design", str(tmp_path / "missing")], "no such file or folder"),
        (["design", str(tmp_path)], "no .bal files"),
    ]:
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and says in result.output, result.output
    (tmp_path / "notes.txt").write_text("x")
    result = runner.invoke(main, ["design", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2 and "is not a .bal file" in result.output


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_has_a_model_and_flows(example: str) -> None:
    client = authed(EXAMPLES / example)
    model = client.get("/api/model").json()
    assert model["canvas"]["nodes"], example
    assert model["services"] and model["listeners"]
    for service in model["services"]:
        for handler in service["handlers"]:
            if handler["present"]:
                flow = client.get(f"/api/flow/{handler['flow']}").json()
                assert flow["nodes"][0]["kind"] == "start" and any(n["kind"] == "end" for n in flow["nodes"])


def test_a_package_is_one_program_over_its_files(tmp_path: Path) -> None:
    (tmp_path / "Ballerina.toml").write_text('[package]\norg = "acme"\nname = "desk"\nversion = "0.1.0"\n')
    (tmp_path / "listeners.bal").write_text(
        "import ballerina/email;\n\nconfigurable string password = ?;\n\n"
        "listener email:ImapListener inbox = new ({\n    host: \"imap.example.com\",\n"
        "    username: \"desk@example.com\",\n    password: password,\n    port: 143,\n"
        "    security: email:START_TLS_NEVER\n});\n"
    )
    (tmp_path / "service.bal").write_text(
        "import ballerina/email;\n\nservice \"desk\" on inbox {\n"
        "    remote function onMessage(email:Message message) {\n        note(message.subject);\n    }\n}\n"
    )
    (tmp_path / "util.bal").write_text("function note(string text) {\n}\n")
    client = authed(tmp_path)
    model = client.get("/api/model").json()
    assert [f["path"] for f in model["files"]] == ["listeners.bal", "service.bal", "util.bal"]
    assert {(e["from"], e["to"]) for e in model["canvas"]["edges"]} == {("listener:inbox", "service:desk")}
    assert not [d for d in model["diagnostics"] if d["severity"] == "error"], model["diagnostics"]
    cleartext = next(d for d in model["diagnostics"] if d["code"] == "BALMAIL_107")
    assert (cleartext["file"], cleartext["nodes"]) == ("listeners.bal", ["listener:inbox"])
    before = (tmp_path / "listeners.bal").read_text()
    response = edit(client, "port", "110")
    assert response.json()["ok"] is True and response.json()["changed"] == "listeners.bal"
    after = (tmp_path / "listeners.bal").read_text()
    assert changed_lines(before, after) == ["-    port: 143,", "+    port: 110,"]


def test_the_source_view_masks_secret_literals(tmp_path: Path) -> None:
    (tmp_path / "app.bal").write_text(
        'import ballerina/email;\n\nconfigurable string apiToken = "tok-default-1";\n\n'
        'listener email:PopListener inbox = new ({host: "h", username: "u", password: "hunter2-pw"});\n\n'
        'service "s" on inbox {\n    remote function onMessage(email:Message m) returns error? {\n'
        '        email:SmtpClient smtp = check new ("smtp.example.com", "u", "smtp-pw-9");\n    }\n}\n'
    )
    client = authed(tmp_path / "app.bal")
    lines = client.get("/api/source?file=app.bal").json()["lines"]
    text = "\n".join(lines)
    for secret in ("tok-default-1", "hunter2-pw", "smtp-pw-9"):
        assert secret not in text
    assert lines[4].endswith('{host: "h", username: "u", password: "••••••••••"});')
    assert '"smtp.example.com", "u", "•••••••••"' in lines[8]
    assert "tok-default-1" not in client.get("/api/model").text


def test_deployment_overrides_of_a_listener_go_to_its_config_toml_table(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "routing_http_imap")
    client = authed(folder)
    model = client.get("/api/model").json()
    deployment = model["listeners"][0]["deployment"]
    assert deployment["table"] == "[balmail.listeners.inbox]"
    keys = [row["key"] for row in deployment["rows"]]
    assert {"host", "port", "security", "username", "password", "caFile", "pollingInterval"} <= set(keys)

    def override(key: str, value: str):
        version = client.get("/api/model").json()["version"]
        return client.post("/api/deployment", json={"version": version, "listener": "listener:inbox",
                                                     "key": key, "value": value})  # fmt: skip

    toml_before = (folder / "Config.toml").read_text()
    bal_before = (folder / "routing.bal").read_text()
    assert override("port", "1993").json()["ok"] is True
    assert override("pollingInterval", "2.5").json()["ok"] is True
    response = override("password", "dep-secret")
    assert response.json()["ok"] is True and "dep-secret" not in response.text
    text = (folder / "Config.toml").read_text()
    assert text.startswith(toml_before)
    assert text[len(toml_before):] == (
        '\n[balmail.listeners.inbox]\nport = 1993\npollingInterval = 2.5\npassword = "dep-secret"\n'
    )
    assert (folder / "routing.bal").read_text() == bal_before
    rows = {r["key"]: r for r in response.json()["model"]["listeners"][0]["deployment"]["rows"]}
    assert rows["port"]["value"] == "1993" and rows["password"]["value"] == "••••••"
    bad = override("port", "70000")
    assert bad.json()["ok"] is False and "1 to 65535" in bad.json()["error"]
    assert override("nope", "1").json()["ok"] is False
    assert override("port", "").json()["ok"] is True  # empty removes it
    assert "port = 1993" not in (folder / "Config.toml").read_text()
