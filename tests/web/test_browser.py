"""The design canvas in a real browser (Debian Chromium through Playwright): what each view shows, in
the DOM, for several examples; edits through the form; keyboard use; no console errors (the `page`
fixture fails a test on any). Screenshots of each view go to tmp/artifacts/ (BALMAIL_ARTIFACTS)."""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import pytest

from tests.web.conftest import screenshot

LITERAL_PROGRAM = """\
import ballerina/email;
import ballerina/log;

configurable string password = ?;
configurable decimal every = 30;

listener email:ImapListener inbox = new ({
    host: "imap.example.com",
    username: "orders@example.com",
    password: password,
    port: 993,
    pollingInterval: every
});

service "orders" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("got one", subject = message.subject);
    }
}
"""


def open_page(page, server, hash_: str = "") -> None:
    page.goto(server.url + hash_)
    page.wait_for_selector("#canvas .node" if not hash_ else "#explorer details")


def sidebar(page, section: str) -> list[str]:
    return page.eval_on_selector_all(
        f'#explorer details[data-section="{section}"] li button',
        "els => els.map(e => e.childNodes[0].textContent)",
    )


def node_ids(page) -> list[str]:
    return page.eval_on_selector_all("#canvas .node", "els => els.map(e => e.dataset.id)")


def edges(page) -> set[tuple[str, str, str]]:
    found = page.eval_on_selector_all(
        "#canvas .edge-group", "els => els.map(e => [e.dataset.from, e.dataset.to, e.dataset.kind])"
    )
    return {tuple(e) for e in found}


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip


EXPECTED = {
    "routing_http_imap": {
        "Entry Points": ["ticket-router"],
        "Listeners": ["inbox"],
        "Connections": ["tickets", "smtp (in confirm)"],
        "Types": ["Ticket", "Created"],
        "Functions": ["toTicket", "confirm"],
        "nodes": ["listener:inbox", "service:ticket-router", "connection:tickets", "connection:confirm.smtp"],
        "edges": {
            ("listener:inbox", "service:ticket-router", "attach"),
            ("service:ticket-router", "connection:tickets", "uses"),
            ("service:ticket-router", "connection:confirm.smtp", "uses"),
        },
    },
    "support_desk_pop": {
        "Entry Points": ["support-desk"],
        "Listeners": ["support-desk"],
        "Connections": ["smtp (in acknowledge)"],
        "Types": ["Priority", "Ticket"],
        "Functions": ["classify", "tagsFor", "acknowledge", "trustAnchor"],
        "nodes": ["listener:support-desk", "service:support-desk", "connection:acknowledge.smtp"],
        "edges": {
            ("listener:support-desk", "service:support-desk", "attach"),
            ("service:support-desk", "connection:acknowledge.smtp", "uses"),
        },
    },
    "heartbeat_monitor_pop": {
        "Entry Points": ["heartbeats", "main"],
        "Listeners": ["heartbeatListener"],
        "Connections": [],
        "Types": [],
        "Functions": ["recordBeat", "heardFrom", "main"],
        "nodes": ["listener:main.heartbeatListener", "service:heartbeats", "main:heartbeat_monitor.bal"],
        "edges": {
            ("listener:main.heartbeatListener", "service:heartbeats", "attach"),
            ("main:heartbeat_monitor.bal", "listener:main.heartbeatListener", "creates"),
        },
    },
}


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_sidebar_and_canvas_show_what_the_program_declares(page, serve, example: str) -> None:
    server = serve(example)
    open_page(page, server)
    expected = EXPECTED[example]
    for section in ("Entry Points", "Listeners", "Connections", "Types", "Functions"):
        assert sidebar(page, section) == expected[section], section
    assert sorted(node_ids(page)) == sorted(expected["nodes"])
    assert edges(page) == expected["edges"]
    configurations = page.eval_on_selector_all(
        '#explorer details[data-section="Configurations"] li button',
        "els => els.map(e => [e.dataset.name, e.dataset.origin])",
    )
    assert ["password", "Config.toml"] in configurations
    known = ("default", "Config.toml", "environment", "-C", "missing")
    assert all(origin in known for _, origin in configurations)
    page.wait_for_timeout(100)
    screenshot(page, f"canvas-{example}")


def test_configurations_say_where_values_come_from_and_mask_secrets(page, serve) -> None:
    server = serve("routing_http_imap")
    (server.path / "Config.toml").write_text('host = "imap.example.com"\npassword = "s3cret-value"\n')
    server.state.reload()
    open_page(page, server)
    rows = page.eval_on_selector_all(
        '#explorer details[data-section="Configurations"] li button', "els => els.map(e => e.textContent)"
    )
    text = "\n".join(rows)
    assert "s3cret-value" not in page.content()
    assert re.search(r"password.*••••••.*Config\.toml", text)
    assert re.search(r"apiToken.*\(none\).*missing", text)
    assert re.search(r"smtpPort.*465.*default", text)


def test_a_lint_finding_appears_on_its_node(page, serve) -> None:
    server = serve("meter_readings_plaintext_pop")
    open_page(page, server)
    badge = page.locator('#canvas .node[data-id="listener:gatewayInbox"] .badge.warning')
    assert badge.count() == 1
    assert "BALMAIL_107" in badge.locator("title").text_content()
    badge.click()
    panel = page.locator("#findings")
    assert "Findings: gatewayInbox" in panel.locator("h2").first.text_content()
    assert panel.locator('.finding[data-code="BALMAIL_107"]').count() == 1


def test_listener_designer_shows_handlers_and_missing_ones(page, serve, tmp_path: Path) -> None:
    program = tmp_path / "bad.bal"
    program.write_text(
        "import ballerina/email;\n\n"
        'service "broken" on new email:ImapListener({host: "h", username: "u", password: "p"}) {\n'
        "    remote function onError(string err) {\n    }\n}\n"
    )
    server = serve(program)
    open_page(page, server)
    assert page.locator('#canvas .node[data-id="service:broken"] .badge.error').count() == 1
    page.locator('#explorer li button[data-id="service:broken"]').click()
    page.wait_for_selector("#view-service table")
    message = page.locator('tr[data-handler="onMessage"]')
    assert message.get_attribute("data-present") == "false"
    assert "missing (required)" in message.text_content()
    assert page.locator('tr[data-handler="onError"] .finding[data-code="EMAIL_104"]').count() == 1
    assert page.locator('tr[data-handler="onClose"]').get_attribute("data-present") == "false"
    assert page.locator('#view-service .finding[data-code="EMAIL_102"]').count() == 1


def test_designer_and_flow_of_a_handler_with_if_match_and_check(page, serve) -> None:
    server = serve("alert_triage_imap")
    open_page(page, server)
    page.locator('#canvas .node[data-id="service:alert-triage"]').click()
    page.wait_for_selector('tr[data-handler="onMessage"]')
    assert page.locator('tr[data-handler="onClose"]').get_attribute("data-present") == "true"
    assert "escalate.smtp" in page.locator('tr[data-handler="onMessage"]').text_content()
    screenshot(page, "designer-alert_triage_imap")
    page.locator('tr[data-handler="onMessage"] button', has_text="Open flow").click()
    page.wait_for_selector("#flow .fnode")
    assert page.locator("#flow .fnode.decision").count() == 2
    labels = page.eval_on_selector_all(
        '#flow .fedge-group[data-kind="branch"]', "els => els.map(e => e.dataset.label)"
    )
    assert sorted(labels) == sorted([
        "true", "false", '{severity: "critical"}',
        '{severity: "warning", host: var h} if h.startsWith("db-")', '{severity: "resolved"}', "_",
    ])  # fmt: skip
    assert page.locator('#flow .fedge-group[data-kind="error"]').count() == 1
    check = page.locator('#flow .fnode[data-line="56"]')
    assert "check" in check.get_attribute("class")
    check.click()
    page.wait_for_function(  # the click replaces the handler's highlight with the node's, asynchronously
        "() => document.querySelectorAll('#flow-source .src-line.hl').length === 1"
    )
    highlighted = page.eval_on_selector_all(
        "#flow-source .src-line.hl", "els => els.map(e => e.dataset.line)"
    )
    assert highlighted == ["56"]
    assert "check escalate(" in page.locator('#flow-source .src-line[data-line="56"]').text_content()
    screenshot(page, "flow-alert_triage_imap")


def test_connection_calls_are_highlighted_in_the_flow(page, serve) -> None:
    server = serve("routing_http_imap")
    open_page(page, server, "#flow/flow:ticket-router.onMessage")
    page.wait_for_selector("#flow .fnode.calls")
    calls = page.eval_on_selector_all("#flow .fnode.calls", "els => els.map(e => e.dataset.calls)")
    assert calls == ["connection:tickets"]


def test_editing_the_port_in_the_form_changes_exactly_one_line(page, serve, tmp_path: Path) -> None:
    program = tmp_path / "app.bal"
    program.write_text(LITERAL_PROGRAM)
    server = serve(program)
    open_page(page, server, "#listener/listener:inbox")
    page.wait_for_selector('#view-listener .field[data-field="port"]')
    screenshot(page, "listener-form")
    port = page.locator("#f-port")
    assert port.input_value() == "993"
    port.fill("143")
    port.press("Enter")
    page.wait_for_selector("#toast:not([hidden])")
    assert "Saved Port to app.bal" in page.locator("#toast").text_content()
    assert changed_lines(LITERAL_PROGRAM, program.read_text()) == ["-    port: 993,", "+    port: 143,"]
    # re-linted at once: SSL on 143 is a mismatch, and the canvas node shows it
    page.wait_for_function(
        "document.querySelectorAll('#view-listener .finding[data-code=BALMAIL_106]').length == 1"
    )
    page.locator("#tabs button", has_text="Design canvas").click()
    assert page.locator('#canvas .node[data-id="listener:inbox"] .badge.warning').count() == 1
    # a configurable-backed field writes Config.toml, not the .bal file
    open_page(page, server, "#listener/listener:inbox")
    page.wait_for_selector('#view-listener .field[data-field="pollingInterval"][data-origin="configurable"]')
    bal = program.read_text()
    page.locator("#f-pollingInterval").fill("45")
    page.locator('.field[data-field="pollingInterval"] button', has_text="Save").click()
    page.wait_for_function("document.querySelector('#toast').textContent.includes('Config.toml')")
    assert program.read_text() == bal
    assert (tmp_path / "Config.toml").read_text() == "every = 45\n"
    # secrets are never shown: the password input is empty, of type password
    password = page.locator("#f-password")
    assert password.get_attribute("type") == "password" and password.input_value() == ""


def test_a_file_changed_on_disk_reloads_the_model(page, serve) -> None:
    server = serve("routing_http_imap")
    open_page(page, server)
    program = server.path / "routing.bal"
    program.write_text(program.read_text() + "\nfunction addedLater() {\n}\n")
    page.wait_for_function(
        "[...document.querySelectorAll('#explorer details[data-section=Functions] li button')]"
        ".some(b => b.textContent.startsWith('addedLater'))",
        timeout=10000,
    )


def test_every_control_is_reachable_and_operable_from_the_keyboard(page, serve) -> None:
    server = serve("routing_http_imap")
    open_page(page, server)
    controls = page.eval_on_selector_all(
        "button:not([disabled]), input:not([disabled]), select, summary, [role=button]",
        "els => els.filter(e => e.offsetParent !== null || e instanceof SVGElement).map(e => e.tabIndex)",
    )
    assert controls and all(index >= 0 for index in controls)
    visited: set[str] = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        visited.add(page.evaluate(
            "(() => { const e = document.activeElement; return e.dataset.id || e.dataset.name || e.id"
            " || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30); })()"
        ))  # fmt: skip
    for wanted in ("listener:inbox", "service:ticket-router", "connection:tickets", "zoom-in", "password"):
        assert wanted in visited, (wanted, sorted(visited))
    # operate: a canvas node opens with Enter, Escape goes back, a form saves with Enter
    page.locator('#canvas .node[data-id="service:ticket-router"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_selector('tr[data-handler="onMessage"]')
    page.keyboard.press("Escape")
    page.wait_for_selector("#view-canvas:not([hidden])")
    page.locator('#canvas .node[data-id="listener:inbox"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#f-host")
    page.locator("#f-host").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("imap.example.net")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#toast').textContent.includes('Config.toml')")
    assert 'host = "imap.example.net"' in (server.path / "Config.toml").read_text()
    page.locator('.field[data-field="pollingInterval"] button', has_text="Expression").focus()
    page.keyboard.press("Enter")
    assert page.locator("#f-pollingInterval").evaluate("e => e === document.activeElement")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#toast').textContent.includes('routing.bal')")
    assert "    pollingInterval: 20," in (server.path / "routing.bal").read_text()


def test_twenty_listeners_stay_readable(page, serve, tmp_path: Path) -> None:
    parts = ["import ballerina/email;\n", "configurable string password = ?;\n"]
    for i in range(20):
        parts.append(
            f'listener email:ImapListener box{i} = new ({{host: "imap{i}.example.com", username: "u{i}", '
            f"password: password}});\n"
            f'service "svc{i}" on box{i} {{\n    remote function onMessage(email:Message m) {{\n    }}\n}}\n'
        )
    program = tmp_path / "many.bal"
    program.write_text("".join(parts))
    server = serve(program)
    open_page(page, server)
    boxes = page.eval_on_selector_all(
        "#canvas .node",
        "els => els.map(e => { const r = e.getBBox(); const m = e.transform.baseVal[0].matrix;"
        " return [m.e, m.f, r.width, r.height]; })",
    )
    assert len(boxes) == 40
    for i, a in enumerate(boxes):  # no two nodes overlap
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
            assert not overlap, (a, b)
    # each service sits level with its listener, so the 20 edges are horizontal and never cross
    levels = page.eval_on_selector_all(
        "#canvas .edge-group path", "els => els.map(e => e.getAttribute('d'))"
    )
    for d in levels:
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", d)]
        assert numbers[1] == numbers[-1], d
    page.locator("#zoom-fit").click()
    time.sleep(0.1)
    screenshot(page, "canvas-twenty-listeners")


def test_deployment_overrides_in_the_listener_form(page, serve) -> None:
    server = serve("support_desk_pop")
    open_page(page, server, "#listener/listener:support-desk")
    page.wait_for_selector('#view-listener fieldset[data-section="deployment"]')
    legend = page.locator('#view-listener fieldset[data-section="deployment"] legend').text_content()
    assert "[balmail.listeners.support-desk]" in legend
    host = page.locator("#d-host")
    host.fill("pop.example.net")
    host.press("Enter")
    page.wait_for_function("document.querySelector('#toast').textContent.includes('Saved host')")
    assert '[balmail.listeners.support-desk]\nhost = "pop.example.net"' in (
        server.path / "Config.toml"
    ).read_text()
    assert page.locator('.field[data-override="host"]').get_attribute("data-set") == "true"
    page.locator("#d-port").fill("99999")
    page.locator('.field[data-override="port"] button').click()
    page.wait_for_function("document.querySelector('#toast').className.includes('error')")
    assert "1 to 65535" in page.locator("#toast").text_content()
    screenshot(page, "listener-form-deployment")
