"""The run context one program is compiled against: where output goes, the sandbox, configurable values.
Library modules are bound to it when a program imports them, so no global state leaks between runs."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from balmail.runtime.sandbox import Sandbox


class RunContext:
    """Output streams, sandbox, configurable values and the module name logs show."""

    def __init__(
        self,
        out: TextIO | None = None,
        err: TextIO | None = None,
        sandbox: Sandbox | None = None,
        config_values: dict[str, Any] | None = None,
        module_name: str = "",
    ) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.sandbox = sandbox if sandbox is not None else Sandbox()
        self.config_values = config_values if config_values is not None else {}
        self.module_name = module_name
        self.output_size = 0
        self.flush_lines = False  # set for long-running programs (listeners), so output is not held back
