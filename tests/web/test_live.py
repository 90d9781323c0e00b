"""`balmail run --ui`: the canvas with live counters, pushed by server-sent events while a real listener
polls the embedded POP3 server (balmail.devserver) and handles a message."""

from __future__ import annotations

import json
import os
import re
import signal
import smtplib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from balmail.devserver.servers import DevServers
from tests.web.conftest import screenshot

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """\
import ballerina/email;
import ballerina/log;

listener email:PopListener inbox = check new ({{
    host: "127.0.0.1",
    port: {port},
    username: "desk@localhost",
    password: "pw",
    pollingInterval: 0.3,
    secureSocket: {{cert: "{ca}"}}
}});

service "desk" on inbox {{
    remote function onMessage(email:Message message) {{
        log:printInfo("handled", subject = message.subject);
    }}
}}
"""
MESSAGE = b"From: a@localhost\r\nTo: desk@localhost\r\nSubject: hello\r\n\r\nbody\r\n"


def read_events(url: str, token: str, until, timeout: float = 60.0) -> dict:
    """Read `live` events from the page's stream until `until(data)` holds; the last data."""
    request = urllib.request.Request(url, headers={"X-Balmail-Token": token, "Host": "127.0.0.1"})
    deadline = time.monotonic() + timeout
    last: dict = {}
    with urllib.request.urlopen(request, timeout=timeout) as stream:
        event = None
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "live":
                last = json.loads(line[6:])
                if until(last):
                    return last
            if time.monotonic() > deadline:
                break
    raise AssertionError(f"no matching live event; last: {last}")


def test_run_ui_pushes_live_counters(tmp_path: Path, page) -> None:
    with DevServers.start() as servers:
        program = tmp_path / "desk.bal"
        program.write_text(PROGRAM.format(port=servers.ports["pop3s"], ca=servers.ca_file))
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        process = subprocess.Popen(
            [sys.executable, "-m", "balmail.cli", "run", "--ui", "--state-dir", str(tmp_path / "state"),
             str(program)],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            url = None
            deadline = time.monotonic() + 60
            while url is None and time.monotonic() < deadline:
                line = process.stderr.readline()
                found = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=(\S+)", line)
                if found:
                    url, token = found.group(1), found.group(2)
            assert url is not None, "no UI URL printed"
            events = url + "api/events"
            first = read_events(
                events, token, lambda d: d["nodes"].get("listener:inbox", {}).get("cycles", 0) >= 1
            )
            assert first["nodes"]["listener:inbox"]["handled"] == 0
            servers.deliver(MESSAGE, ["desk@localhost"])
            later = read_events(events, token, lambda d: d["nodes"]["listener:inbox"]["handled"] >= 1)
            counters = later["nodes"]["listener:inbox"]
            assert counters["givenUp"] == 0 and counters["lastError"] is None
            assert counters["lastSuccessfulCycle"].endswith("UTC")
            assert later["nodes"]["service:desk"]["handled"] == 1
            page_json = urllib.request.urlopen(urllib.request.Request(
                url + "api/model", headers={"X-Balmail-Token": token})).read()  # fmt: skip
            assert json.loads(page_json)["live"] is True
            # the page shows them on the listener node, and says it is live
            page.goto(url + "?token=" + token)
            page.wait_for_selector('#canvas text[data-live="listener:inbox"]')
            assert "handled 1" in page.locator('#canvas text[data-live="listener:inbox"]').text_content()
            assert page.locator("#live-state").is_visible()
            screenshot(page, "canvas-live")
            page.close()
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        assert process.returncode == 0, process.stderr.read()


def test_dev_ui_counters_move_as_mail_arrives(tmp_path: Path, page) -> None:
    """`balmail dev --ui`: the seeded message is handled, then one sent by SMTP to the printed port; the
    page's live counters follow both."""
    program = tmp_path / "desk.bal"
    program.write_text(PROGRAM.format(port=995, ca="certs/none.crt"))  # dev redirects host, port and CA
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "first.eml").write_bytes(MESSAGE)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "balmail.cli", "dev", "--ui", str(program)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = token = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            found = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=(\S+)", process.stderr.readline())
            if found:
                url, token = found.group(1), found.group(2)
        assert url is not None, "no UI URL printed"
        smtp_port = None
        while smtp_port is None and time.monotonic() < deadline:
            found = re.search(r"\bSMTP (\d+)", process.stdout.readline())
            if found:
                smtp_port = int(found.group(1))
        assert smtp_port is not None, "no SMTP port printed"
        events = url + "api/events"
        first = read_events(
            events, token, lambda d: d["nodes"].get("listener:inbox", {}).get("handled", 0) >= 1
        )
        assert first["nodes"]["service:desk"]["handled"] == 1
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as smtp:
            smtp.sendmail("a@localhost", ["desk@localhost"], MESSAGE.replace(b"hello", b"second"))
        later = read_events(events, token, lambda d: d["nodes"]["listener:inbox"]["handled"] >= 2)
        assert later["nodes"]["service:desk"]["handled"] == 2
        assert later["nodes"]["listener:inbox"]["givenUp"] == 0
        page.goto(url + "?token=" + token)
        page.wait_for_selector('#canvas text[data-live="listener:inbox"]')
        assert "handled 2" in page.locator('#canvas text[data-live="listener:inbox"]').text_content()
        page.close()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, process.stderr.read()
