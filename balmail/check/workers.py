"""Name checks of named workers and worker messages (docs/workers.md): worker names are variables (their
futures) visible to the default worker and to each other; a message names a peer worker of the same
function (or `fork`), or `function`. The resolve pass records worker declarations and the peers messages
name; this module judges them."""

from __future__ import annotations

from balmail.check.registry import Rule, register, report
from balmail.diagnostics import Diagnostic, Severity
from balmail.resolve import Resolution
from balmail.syntax import ast_workers as W

UNDEFINED_WORKER = register(
    Rule(
        code="BAL_WORKER_001",
        name="undefined-worker",
        severity=Severity.ERROR,
        summary="A worker message, `flush` or receive names a worker the function does not declare.",
        what_it_does="Reports `v -> W`, `v ->> W`, `<- W` and `flush W` where `W` is neither a named worker "
        "of the same function (or `fork` statement) nor `function`, the function's default worker.",
        why="There is no such worker to exchange messages with; Ballerina rejects the program.",
        example="public function main() {\n    worker A {\n        1 -> C;\n    }\n}",
        fix="public function main() {\n    worker A {\n        1 -> function;\n    }\n    int x = <- A;\n}",
        message="undefined worker '{0}'",
    )
)

MISPLACED_WORKER = register(
    Rule(
        code="BAL_WORKER_002",
        name="misplaced-worker-declaration",
        severity=Severity.ERROR,
        summary="A named worker is declared inside a nested block.",
        what_it_does="Reports `worker W { }` anywhere but the top level of a function body or a `fork`.",
        why="Ballerina starts named workers when the function's body reaches them at its top level; a worker "
        "inside an `if`, a loop or a block is refused.",
        example="public function main() {\n    if true {\n        worker A {\n        }\n    }\n}",
        fix="public function main() {\n    worker A {\n    }\n}",
        message="named worker declaration is allowed only at the top level of a function body or in a "
        "fork statement",
    )
)


def worker_diagnostics(record: Resolution) -> list[Diagnostic]:
    """From the module's resolve record: misplaced worker declarations, messages to workers that are not
    peers, and each worker body's returns checked like a function's."""
    found: list[Diagnostic] = []
    for d, top in record.workers:
        if not top:
            found.append(report(MISPLACED_WORKER.code, d.span))
        found.extend(_returns(d))  # type: ignore[arg-type]
    found.extend(report(UNDEFINED_WORKER.code, p.span, p.name) for p in record.peers if not p.found)
    return found


def _returns(d: W.WorkerDecl) -> list[Diagnostic]:
    """A worker's body is checked like a function's against the worker's return type: it must not fall
    off its end when that type has no `()`, and a `check` needs an error in it (Ballerina's messages)."""
    from balmail.check.completion import closing_brace, completes
    from balmail.check.returns import CHECK_WITHOUT_ERROR, _error_free, _unhandled_checks
    from balmail.check.type_helpers import _allows_nil
    from balmail.check.type_rules import MISSING_RETURN

    found: list[Diagnostic] = []
    if d.returns is not None and not _allows_nil(d.returns) and completes(d.body):
        found.append(report(MISSING_RETURN, closing_brace(d.body.span)))
    if _error_free(d.returns):
        for check in _unhandled_checks(d.body):
            help_text = (
                f"add `returns error?` to worker '{d.name}', or handle the error with `do {{ ... }} on fail`"
            )
            found.append(report(CHECK_WITHOUT_ERROR, check.span, help=help_text))
    return found
