"""A loopback TCP proxy the test can partition: `cut()` silently drops everything in both directions
(connections stay open, bytes go nowhere, new connections are accepted and ignored), as a broken
network link does; `heal()` forwards again for new connections. Used between a balmail node and
PostgreSQL to check that a cut-off node stops handling before its lease expires."""

from __future__ import annotations

import select
import socket
import threading

HOST = "127.0.0.1"


class PartitionProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream = (HOST, upstream_port)
        self._listener = socket.create_server((HOST, 0))
        self._listener.settimeout(0.05)
        self.port = int(self._listener.getsockname()[1])
        self._cut = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept_loop, name="partition-accept", daemon=True).start()

    def cut(self) -> None:
        self._cut.set()

    def heal(self) -> None:
        """Forward again, for new connections: the ones from before are reset, as their peers'
        TCP would eventually give up on them."""
        with self._lock:
            old, self._sockets = self._sockets, []
        for sock in old:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.close()
            except OSError:
                pass
        self._cut.clear()

    def close(self) -> None:
        self._stopping.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.close()
                except OSError:
                    pass

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._sockets.append(client)
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        if self._cut.is_set():
            self._stopping.wait()  # accepted, never answered
            return
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets.append(server)
        try:
            while not self._stopping.is_set():
                readable, _, _ = select.select([client, server], [], [], 0.05)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if self._cut.is_set():
                        continue  # dropped on the floor
                    (server if sock is client else client).sendall(data)
        except (OSError, ValueError):  # ValueError: heal() closed the socket under select()
            return
        finally:
            for sock in (client, server):
                try:
                    sock.close()
                except OSError:
                    pass
