"""`DevServers`: IMAP, POP3 and SMTP (each plain with STARTTLS and implicit TLS) on free loopback
ports, over one set of in-memory mailboxes, in a background thread running one asyncio loop.

The caller's thread never touches pymap's objects: `deliver` and `messages` are run on the loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import socket
import threading
from collections.abc import Coroutine, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from .certs import DEFAULT_NAMES, DevCertificates
from .errors import DevServerError
from .imap import imap_config, start_imap_listener
from .mailboxes import MailStore
from .pop3 import start_pop3_listener
from .smtp import start_smtp_listener

T = TypeVar("T")
START_TIMEOUT = 30.0
CALL_TIMEOUT = 30.0


class DevServers:
    """Running embedded mail servers; build with `DevServers.start(...)`, end with `stop()`."""

    def __init__(
        self,
        host: str,
        certificates: DevCertificates,
        loop: asyncio.AbstractEventLoop,
        thread: threading.Thread,
        store: MailStore,
        listeners: dict[str, asyncio.Server],
        executor: concurrent.futures.ThreadPoolExecutor,
    ) -> None:
        self.host = host
        self.certificates = certificates
        self._loop = loop
        self._thread = thread
        self._store = store
        self._listeners = listeners
        self._executor = executor
        self._stopped = False
        self.ports: dict[str, int] = {
            name: int(server.sockets[0].getsockname()[1]) for name, server in listeners.items()
        }

    @property
    def ca_file(self) -> Path:
        """PEM of the throwaway CA; the program under test must trust it (and only it)."""
        return self.certificates.ca_file

    @property
    def cert_file(self) -> Path:
        """PEM of the servers' own certificate (valid for the `tls_names` given to `start`)."""
        return self.certificates.cert_file

    @classmethod
    def start(
        cls,
        seed: Sequence[bytes] | None = None,
        host: str = "127.0.0.1",
        *,
        users: Mapping[str, str] | None = None,
        tls_names: Sequence[str] = DEFAULT_NAMES,
        no_starttls_ports: bool = False,
    ) -> DevServers:
        """Start every server and return once all of them listen (on one address: `host`, resolved).

        `seed`: messages put into the INBOX of every account when it is first used. `users`: when
        given, only these user name/password pairs log in (tests of authentication failures);
        otherwise any credentials do. `no_starttls_ports` adds plain IMAP and POP3 ports that do not
        offer STARTTLS (ports `imap_no_starttls`, `pop3_no_starttls`), for client tests."""
        host = _bind_address(host)
        try:
            certificates = DevCertificates.create(tls_names)
        except (OSError, ValueError) as error:
            raise DevServerError(f"Could not make the dev servers' TLS certificates: {error}") from None
        loop = asyncio.new_event_loop()
        ready: concurrent.futures.Future[dict[str, asyncio.Server]] = concurrent.futures.Future()
        store_box: list[MailStore] = []
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="balmail-dev-cpu")

        async def open_listeners() -> dict[str, asyncio.Server]:
            store = MailStore(seed or ())
            store_box.append(store)
            context = certificates.server_context
            starttls = imap_config(host, context, executor, starttls=True)
            direct = imap_config(host, context, executor, starttls=False)
            listeners: dict[str, asyncio.Server] = {}
            try:
                listeners["imap"] = await start_imap_listener(starttls, store, users, host)
                listeners["imaps"] = await start_imap_listener(
                    direct, store, users, host, implicit_tls=context
                )
                listeners["pop3"] = await start_pop3_listener(
                    store, context, users, host, offer_stls=True, implicit_tls=False
                )
                listeners["pop3s"] = await start_pop3_listener(
                    store, context, users, host, offer_stls=False, implicit_tls=True
                )
                listeners["smtp"] = await start_smtp_listener(store, context, users, host, implicit_tls=False)
                listeners["smtps"] = await start_smtp_listener(store, context, users, host, implicit_tls=True)
                if no_starttls_ports:
                    listeners["imap_no_starttls"] = await start_imap_listener(direct, store, users, host)
                    listeners["pop3_no_starttls"] = await start_pop3_listener(
                        store, context, users, host, offer_stls=False, implicit_tls=False
                    )
            except BaseException:
                for server in listeners.values():
                    server.close()
                raise
            return listeners

        def run() -> None:
            asyncio.set_event_loop(loop)
            task = loop.create_task(open_listeners())
            task.add_done_callback(lambda done: _settle(ready, done))
            loop.run_forever()

        thread = threading.Thread(target=run, name="balmail-dev-servers", daemon=True)
        thread.start()
        try:
            listeners = ready.result(timeout=START_TIMEOUT)
        except (OSError, concurrent.futures.TimeoutError) as error:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            executor.shutdown(wait=False)
            shutil.rmtree(certificates.directory, ignore_errors=True)
            reason = error.strerror if isinstance(error, OSError) and error.strerror else "timed out"
            raise DevServerError(f"Could not start the dev mail servers on {host}: {reason}") from None
        return cls(host, certificates, loop, thread, store_box[0], listeners, executor)

    # -- access from other threads ------------------------------------------------------------------

    def deliver(self, raw: bytes, recipients: list[str]) -> None:
        """Put `raw` into each recipient's INBOX, exactly as if received by SMTP."""
        self._call(self._store.deliver(raw, list(recipients)))

    def messages(self, account: str, folder: str = "INBOX") -> list[bytes]:
        """The folder's messages right now (CRLF line ends), oldest first; a first look at an
        account creates it (seeded), as a login would."""
        return self._call(self._store.messages(account, folder))

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        if self._stopped:
            coroutine.close()
            raise DevServerError("The dev mail servers are stopped")
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise DevServerError("DevServers methods are for other threads; on the loop use the store")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=CALL_TIMEOUT)

    # -- lifecycle ----------------------------------------------------------------------------------

    def stop(self) -> None:
        """Close every listener and connection, end the thread, delete the certificates. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        if self._loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=CALL_TIMEOUT)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=CALL_TIMEOUT)
        if not self._thread.is_alive():
            self._loop.close()
        self._executor.shutdown(wait=False)
        shutil.rmtree(self.certificates.directory, ignore_errors=True)

    async def _shutdown(self) -> None:
        for server in self._listeners.values():
            server.close()
        current = asyncio.current_task()
        connections = [task for task in asyncio.all_tasks() if task is not current]
        for task in connections:
            task.cancel()
        await asyncio.gather(*connections, return_exceptions=True)

    def __enter__(self) -> DevServers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        ports = ", ".join(f"{name}={port}" for name, port in self.ports.items())
        return f"DevServers({self.host}: {ports})"


def _bind_address(host: str) -> str:
    """One address for every listener (a name like `localhost` may resolve to IPv4 and IPv6,
    and binding both would give each family its own free port); IPv4 first."""
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise DevServerError(f"Could not start the dev mail servers: cannot resolve host '{host}'") from None
    found.sort(key=lambda entry: entry[0] != socket.AF_INET)
    return str(found[0][4][0])


def _settle(ready: concurrent.futures.Future[T], done: asyncio.Task[T]) -> None:
    """Hand the start task's outcome to the thread waiting in `start`."""
    if done.cancelled():
        ready.cancel()
    elif (error := done.exception()) is not None:
        ready.set_exception(error)
    else:
        ready.set_result(done.result())
