"""Every diagnostic code balmail can emit is in the one rule registry (so SARIF, JSON and the rule
reference can describe it): each string in the sources shaped like a code (`BAL_TYPE_099`,
`BALMAIL_SERVE_001`) must name a registered rule once every module is imported."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import balmail
from balmail.check.registry import _CODE, all_rules

ROOT = Path(balmail.__file__).resolve().parent


def _codes_in_sources() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CODE.fullmatch(node.value):
                found.setdefault(node.value, []).append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


def test_every_code_in_the_sources_is_registered() -> None:
    for module in pkgutil.walk_packages(balmail.__path__, "balmail."):
        importlib.import_module(module.name)  # modules register their rules at import
    registered = {r.code for r in all_rules()}
    found = _codes_in_sources()
    assert len(found) > 20, "the scan found too few codes to be looking in the right place"
    missing = {code: where for code, where in found.items() if code not in registered}
    assert not missing, f"codes emitted but not registered: {missing}"
