"""ballerina/os's `exec` and `os:Process`, behind the sandbox's `--allow-exec=PROGRAM` permission.

What a started program sees is decided here, not by the host: its environment is the variables the
Ballerina program itself may read (`--allow-env`), with the program's `setEnv`/`unsetEnv` changes and
the `exec` call's own `NAME = value` arguments on top, so a child cannot read secrets the program could
not. A bare program name is looked up on the host's PATH (never a PATH the program set), so the
permission for `git` is the `git` the operator sees. Standard input is empty; standard output and error
are read as the program runs, each up to four times the size budget (past that the process is killed
and the size budget fails), and `waitForExit`/`output` wait no longer than the invocation's time budget
(then the process is killed and the time budget fails), giving up the baton while they wait.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable
from typing import Any

from balmail.lib.registry import NativeClass
from balmail.runtime import types as T
from balmail.runtime.strands import blocking
from balmail.runtime.values import BError, BList, BMap, BObject, to_string

OS_ERROR = T.TError(None, frozenset({-700}))
OS_ERROR.name = "os:Error"
PROCESS_EXEC_ERROR = T.TError(None, frozenset({-700, -701}))
PROCESS_EXEC_ERROR.name = "os:ProcessExecError"
BYTES = T.TArray(T.BYTE)

COMMAND = T.TRecord(
    {
        "value": T.Field("value", T.STRING, False, None),
        "arguments": T.Field("arguments", T.TArray(T.STRING), False, lambda: BList([], T.TArray(T.STRING))),
    },
    None,
)
COMMAND.name = "os:Command"
ENV_PROPERTIES = T.TRecord({}, T.ANYDATA)
ENV_PROPERTIES.name = "os:EnvProperties"


def exec_error(message: str, cause: BError | None = None) -> BError:
    return BError(message, cause, None, PROCESS_EXEC_ERROR)


class _Running:
    """One started process and the two threads draining its output pipes."""

    def __init__(self, popen: subprocess.Popen[bytes], ctx: Any) -> None:
        self.popen = popen
        self.ctx = ctx
        self.limit = ctx.sandbox.max_size * 4
        self.out = bytearray()
        self.err = bytearray()
        self.too_big = False
        self.readers = [
            threading.Thread(target=self._drain, args=(popen.stdout, self.out), daemon=True),
            threading.Thread(target=self._drain, args=(popen.stderr, self.err), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    def _drain(self, pipe: Any, into: bytearray) -> None:
        while True:
            chunk = pipe.read1(65536)
            if not chunk:
                return
            if len(into) + len(chunk) > self.limit:
                self.too_big = True
                self.kill()
                return
            into += chunk

    def kill(self) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except OSError:
                pass

    def wait(self, seconds: float) -> bool:
        """Wait for the process and its output; False when `seconds` passed first."""
        try:
            self.popen.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        for reader in self.readers:
            reader.join(timeout=max(0.1, seconds))
        return True


def _running(process: BObject) -> _Running:
    return process.env  # type: ignore[no-any-return]


def _finish(process: BObject) -> _Running:
    """Wait for the process within the invocation's time budget (killing it when the budget ends)."""
    state = _running(process)
    sb = state.ctx.sandbox
    with blocking(state.ctx):
        done = state.wait(sb.seconds_left())
    if not done:
        state.kill()
        state.wait(5.0)
        raise sb.exhaust("seconds")
    if state.too_big:
        sb.check_size(sb.max_size * 4 + 1)
    return state


def wait_for_exit(process: BObject) -> Any:
    code = _finish(process).popen.returncode
    return 128 - code if code < 0 else code  # a signal: the shell's 128 + n, as Java reports it


def output(process: BObject, fileOutputStream: Any = 1) -> Any:
    state = _finish(process)
    data = state.out if fileOutputStream == 1 else state.err
    state.ctx.sandbox.check_size(len(data))
    return BList(list(data), BYTES)


def exit_(process: BObject) -> None:
    state = _running(process)
    if state.popen.poll() is None:
        try:
            os.killpg(state.popen.pid, signal.SIGTERM)  # Java's destroy(): SIGTERM
        except OSError:
            pass


PROCESS_CLASS = NativeClass("os:Process", {"waitForExit": wait_for_exit, "output": output, "exit": exit_})
PROCESS = PROCESS_CLASS.type


def exec_function(ctx: Any, child_environment: Callable[[], dict[str, str]]) -> Callable[..., Any]:
    """`os:exec` bound to this run's sandbox; `child_environment` gives what the child may see."""
    sb = ctx.sandbox

    def exec_(command: Any, envProperties: Any = None, **named: Any) -> Any:
        if not isinstance(command, BMap) or type(command.get("value")) is not str:
            return exec_error("os:exec expects a command record {value, arguments}")
        program = command["value"]
        arguments = [str(a) for a in (command.get("arguments") or [])]
        path_var = os.environ.get("PATH", os.defpath)
        resolved = program if os.sep in program else shutil.which(program, path=path_var)
        denied = sb.allow_exec(program, resolved)
        if denied is not None:
            return exec_error(denied.message, denied)
        if resolved is None or not os.path.isfile(resolved):
            return exec_error(
                "Failed to retrieve the process object: "
                f'Cannot run program "{program}": error=2, No such file or directory'
            )
        env = child_environment()
        extra = {**(dict(envProperties) if isinstance(envProperties, BMap) else {}), **named}
        for key, value in extra.items():
            env[str(key)] = value if type(value) is str else to_string(value)
        try:
            popen = subprocess.Popen(
                [resolved, *arguments],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                close_fds=True,
                start_new_session=True,  # its own process group, so exit() and the budgets stop it all
            )
        except OSError as e:
            reason = e.strerror or type(e).__name__
            return exec_error(
                f'Failed to retrieve the process object: Cannot run program "{program}": '
                f"error={e.errno}, {reason}"
            )
        return BObject(PROCESS_CLASS, _Running(popen, ctx))

    return exec_
