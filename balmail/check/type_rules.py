"""The rules the type checker (types.py) and its parts report: incompatible types, missing returns,
argument counts, assignments to finals, unsupported constructs, calls of function values, fields."""

from __future__ import annotations

from balmail.check.registry import Rule, register
from balmail.diagnostics import Severity

INCOMPATIBLE = register(
    Rule(
        code="BAL_TYPE_001",
        name="incompatible-types",
        severity=Severity.ERROR,
        summary="A value of one type is used where another type is expected.",
        what_it_does="Reports a literal, variable or call result whose type cannot be assigned to the "
        "declared "
        "type of the variable, field, parameter or return, and a type cast that can never succeed "
        "(`incompatible types: 'boolean' cannot be cast to 'int'`: the operand shares no basic type with "
        "the target and is not a number converted to another numeric type).",
        why="Ballerina rejects the program at compile time; running it would be meaningless.",
        example='int count = "three";',
        fix="int count = 3;",
        message="incompatible types: expected '{0}', found '{1}'",
    )
)
MISSING_RETURN = register(
    Rule(
        code="BAL_TYPE_002",
        name="missing-return",
        severity=Severity.ERROR,
        summary="A function with a return type can reach its end without returning a value.",
        what_it_does="Reports functions whose declared return type does not include nil and whose body can "
        "complete normally.",
        why="Ballerina requires every path through such a function to return a value.",
        example="function f(int x) returns int {\n    if x > 0 {\n        return x;\n    }\n}",
        fix="function f(int x) returns int {\n    if x > 0 {\n        return x;\n    }\n    return 0;\n}",
        message="this function must return a result",
    )
)
ARG_COUNT = register(
    Rule(
        code="BAL_TYPE_003",
        name="wrong-argument-count",
        severity=Severity.ERROR,
        summary="A call passes too many arguments, or leaves out a required one.",
        what_it_does="Compares each call of a module-level function with the function's parameters.",
        why="Ballerina rejects calls that do not match the function's signature.",
        example="function add(int a, int b) returns int => a + b;\nint x = add(1);",
        fix="int x = add(1, 2);",
        message="{0}",
    )
)
FINAL_ASSIGN = register(
    Rule(
        code="BAL_TYPE_004",
        name="assign-to-final",
        severity=Severity.ERROR,
        summary="A value is assigned to a `final` variable or a constant after its declaration.",
        what_it_does="Reports assignments (including compound ones) to constants, `final` module variables "
        "and `final` local variables.",
        why="Ballerina rejects the program: such variables are assigned exactly once, where declared.",
        example='final string folder = "INBOX";\nfolder = "Archive";',
        fix='string folder = "INBOX";\nfolder = "Archive";',
        message="cannot assign a value to final '{0}'",
    )
)
UNSUPPORTED = register(
    Rule(
        code="BAL_TYPE_099",
        name="cannot-compile",
        severity=Severity.ERROR,
        summary="The evaluator cannot compile this construct.",
        what_it_does="Reports constructs the balmail evaluator does not run, or references it cannot "
        "resolve.",
        why="balmail refuses to start a program it cannot run faithfully rather than fail halfway.",
    )
)

FUNCTION_VALUE_CALL = register(
    Rule(
        code="BAL_TYPE_111",
        name="call-of-any-function",
        severity=Severity.ERROR,
        summary="A variable of type `function` (any function) is called.",
        what_it_does="Reports a call through a variable declared with the bare `function` type, which "
        "says nothing about the parameters or the result.",
        why="Ballerina rejects the call: declare the variable with a function type that has a signature.",
        example="function greet() {\n}\n\nfunction run() {\n    function f = greet;\n    f();\n}",
        fix="function greet() {\n}\n\nfunction run() {\n    function () f = greet;\n    f();\n}",
        message="cannot call function pointer of type 'function'",
    )
)

UNDEFINED_FIELD = register(
    Rule(
        code="BAL_TYPE_005",
        name="undefined-field",
        severity=Severity.ERROR,
        summary="A record field that the record type does not declare is read or given.",
        what_it_does="Reports `r.name` where the record type of `r` has no field `name`, and a mapping "
        "constructor that gives a closed record a field it does not declare.",
        why="Ballerina rejects the program; usually the field name is misspelt.",
        example='type Ticket record {| string id; |};\nTicket t = {id: "1", title: "x"};',
        fix='type Ticket record {| string id; string title; |};\nTicket t = {id: "1", title: "x"};',
        message="undefined field '{0}' in record '{1}'",
    )
)
MISSING_FIELD = register(
    Rule(
        code="BAL_TYPE_006",
        name="missing-required-field",
        severity=Severity.ERROR,
        summary="A mapping constructor leaves out a required field of its record type.",
        what_it_does="Reports a record value written as `{...}` that does not give a field the record "
        "declares without a default and without `?`.",
        why="Ballerina rejects the program: every required field needs a value.",
        example='type Ticket record {| string id; string title; |};\nTicket t = {id: "1"};',
        fix='type Ticket record {| string id; string title; |};\nTicket t = {id: "1", title: ""};',
        message="missing non-defaultable required record field '{0}'",
    )
)
