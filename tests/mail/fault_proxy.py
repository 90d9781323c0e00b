"""A loopback TCP proxy that misbehaves on purpose, to test what clients do when the network does.

Modes: forward faithfully (recording what the client sent), drop each connection at once, stall
(hold the connection but stop passing server bytes after `limit` of them), or cut (close both
sides after `limit` server bytes, i.e. in the middle of a response).
"""

from __future__ import annotations

import enum
import select
import socket
import threading

HOST = "127.0.0.1"


class Fault(enum.Enum):
    FORWARD = "forward"
    DROP = "drop"
    STALL = "stall"
    CUT = "cut"


class FaultProxy:
    """Listens on 127.0.0.1:`port` and relays to `upstream` according to `fault` and `limit`."""

    def __init__(self, upstream_port: int, fault: Fault = Fault.FORWARD, limit: int = 0) -> None:
        self.upstream = (HOST, upstream_port)
        self.fault = fault
        self.limit = limit
        self.client_bytes = bytearray()
        self.server_bytes = 0
        self._listener = socket.create_server((HOST, 0))
        self._listener.settimeout(0.05)  # closing a socket does not wake a blocked accept()
        self.port = int(self._listener.getsockname()[1])
        self._stopping = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy-accept", daemon=True)
        self._acceptor.start()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                _close(sock)
        self._acceptor.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if self.fault is Fault.DROP:
                _close(client)
                continue
            thread = threading.Thread(
                target=self._relay, args=(client,), name="fault-proxy-relay", daemon=True
            )
            with self._lock:
                self._sockets.append(client)
                self._threads.append(thread)
            thread.start()

    def _relay(self, client: socket.socket) -> None:
        if self.fault is Fault.STALL and self.limit == 0:
            self._stopping.wait()  # accept, then never say a word
            return
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _close(client)
            return
        with self._lock:
            self._sockets.append(server)
        passed = 0
        stalled = False
        try:
            while not self._stopping.is_set():
                readable, _, _ = select.select([client, server], [], [], 0.1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        with self._lock:
                            self.client_bytes.extend(data)
                        if not stalled:
                            server.sendall(data)
                        continue
                    if stalled:
                        continue
                    if self.fault in (Fault.STALL, Fault.CUT) and passed + len(data) >= self.limit:
                        client.sendall(data[: self.limit - passed])
                        passed = self.limit
                        self.server_bytes = passed
                        if self.fault is Fault.CUT:
                            return
                        stalled = True
                        continue
                    client.sendall(data)
                    passed += len(data)
                    self.server_bytes = passed
        except OSError:
            return
        finally:
            _close(client)
            _close(server)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
