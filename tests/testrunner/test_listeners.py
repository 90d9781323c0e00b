"""`balmail test` of a package with email listeners: the embedded mail servers, the listeners started
for the tests, `--seed`, `--no-mail-servers` and bad overrides (the golden runs of the `listeners`
corpus package are in test_golden_runs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.testrunner.test_golden_runs import copy_package


def balmail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, check=False,
        timeout=120,
    )  # fmt: skip


def test_seeded_messages_are_handled_first_and_no_state_is_left_in_the_package(tmp_path: Path) -> None:
    root = copy_package("listeners", tmp_path)
    seed = tmp_path / "seed"
    seed.mkdir()
    message = b"From: zed@example.com\r\nTo: inbox@example.org\r\nSubject: seeded\r\n\r\nhi\r\n"
    (seed / "1.eml").write_bytes(message)
    result = balmail("test", "--seed", str(seed), "--disable-groups", "broken", cwd=root)
    assert result.stdout.index("handled: seeded") < result.stdout.index("handled: one")
    assert result.returncode == 1  # testMailIsHandled expects exactly the two messages it sent
    assert "[fail] testMailIsHandled:" in result.stdout
    assert sorted(p.name for p in root.iterdir()) == ["Ballerina.toml", "main.bal", "target", "tests"]


def test_a_missing_seed_is_a_clear_error(tmp_path: Path) -> None:
    root = copy_package("listeners", tmp_path)
    result = balmail("test", "--seed", "nowhere", cwd=root)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: --seed: ")
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_without_mail_servers_the_program_hosts_are_used(tmp_path: Path) -> None:
    root = copy_package("listeners", tmp_path)
    result = balmail("test", "--no-mail-servers", cwd=root)
    assert result.returncode == 1
    assert "error: module initialisation failed" in result.stderr
    assert "network access to 'mail.example.org:465' is not allowed" in result.stderr


def test_an_unknown_listener_override_names_the_valid_ones(tmp_path: Path) -> None:
    root = copy_package("listeners", tmp_path)
    (root / "tests" / "Config.toml").write_text('[balmail.listeners.outbox]\npollingInterval = 0.5\n')
    result = balmail("test", cwd=root)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "no email listener named 'outbox'" in last and "valid names: inbox" in last


def test_an_override_of_the_polling_interval_wins_over_the_test_default(tmp_path: Path) -> None:
    """`[balmail.listeners.inbox] pollingInterval` in tests/Config.toml is honoured: with 30 s, the
    test waiting 3 s for its messages times out."""
    root = copy_package("listeners", tmp_path)
    (root / "tests" / "Config.toml").write_text('[balmail.listeners.inbox]\npollingInterval = 30\n')
    result = balmail("test", "--tests", "testWaitingForWhatNeverHappens,testMailIsHandled", cwd=root)
    assert result.returncode == 1
    assert "timed out waiting for: two messages handled" in result.stdout
