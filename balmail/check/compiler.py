"""Everything Ballerina's compiler itself refuses, after names: types (types.py), returns and `check`
(returns.py), module members of catalogued libraries (modules.py), configuration records of the email
module (listener_config.py, its compile-error codes only) and statement checks (flow.py).

`balmail check` runs these on a file whose syntax is sound; `balmail lint` adds the email compiler
plugin's rules and balmail's own on top, and `balmail run` refuses to start a program with any of them.
"""

from __future__ import annotations

import os

from balmail.check import flow
from balmail.check.closures import check_closures
from balmail.check.decltypes import decl_types_of
from balmail.check.entrypoints import check_entry_functions
from balmail.check.initialization import uninitialized_reads
from balmail.check.isolated_objects import check_isolated_state
from balmail.check.isolation import non_isolated_calls
from balmail.check.listener_config import check_listener_configs
from balmail.check.modules import check_module_members
from balmail.check.names import ModuleExports
from balmail.check.regexps import check_regexps
from balmail.check.returns import check_check_expressions, check_return_values
from balmail.check.tables import check_tables
from balmail.check.types import check_types
from balmail.check.xml import check_xml
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile
from balmail.syntax import ast

CONFIG_RECORD_CODES = frozenset({"BALMAIL_101", "BALMAIL_102", "BALMAIL_103"})
"""listener_config.py's findings that are Ballerina compile errors (unknown field, wrong field type,
missing field of a closed configuration record); its other codes are balmail's advice, for lint only."""


def compiler_checks(
    source: SourceFile, module: ast.Module, linked: dict[str, ModuleExports] | None = None
) -> list[Diagnostic]:
    """Every compile-time error of one syntactically sound module, unsorted. `linked` describes the
    package's other modules by import name (calls into them must respect `isolated`)."""
    found: list[Diagnostic] = []
    found.extend(check_module_members(module))
    found.extend(check_types(module, source))
    found.extend(check_return_values(source, module))
    found.extend(check_check_expressions(source, module))
    resolver = decl_types_of(module).resolver  # the module's one, shared with the type checks
    found.extend(check_regexps(module))
    found.extend(check_entry_functions(module, resolver))
    found.extend(check_tables(module, resolver))
    found.extend(check_xml(module, source.text))
    found.extend(flow.unreachable_code(module))
    found.extend(uninitialized_reads(module))
    found.extend(check_closures(module))
    found.extend(flow.dropped_results(module, resolver))
    found.extend(flow.isolated_access(module))
    found.extend(non_isolated_calls(module, linked))
    found.extend(check_isolated_state(module))
    folder = os.path.dirname(source.path)
    found.extend(d for d in check_listener_configs(source, module, folder) if d.code in CONFIG_RECORD_CODES)
    return found
