"""Prometheus metrics and `/healthz` for `balmail run --metrics ADDR`, with the official
`prometheus_client` library (its registry, metric types, text exposition and WSGI app).

Names follow Prometheus' conventions: a `balmail_` prefix, base units (seconds), `_total` on
counters, labels `listener` (the listener's variable name) and `service` (the attached services'
names). One registry per run, never the library's global one, so tests and several runs in one
process do not mix.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from prometheus_client import CollectorRegistry, Counter, Enum, Gauge, Histogram, make_wsgi_app
from prometheus_client.exposition import ThreadingWSGIServer

if TYPE_CHECKING:
    from balmail.mail.outcomes import CycleResult
    from balmail.ops.watch import ListenerWatch, Watches

LABELS = ("listener", "service")
HANDLER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONNECTION_STATES = ["idle", "connected", "failing"]


class MetricsError(Exception):
    """The metrics address is malformed or cannot be listened on."""


class Metrics:
    """The run's metrics; `ListenerWatch` feeds it."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.cycles = Counter(
            "balmail_cycles", "Polling cycles by outcome (ok or failed).", [*LABELS, "outcome"], registry=r
        )
        self.fetched = Counter(
            "balmail_messages_fetched", "Messages fetched and handed over.", LABELS, registry=r
        )
        self.handled = Counter(
            "balmail_messages_handled", "Messages whose handler succeeded.", LABELS, registry=r
        )
        self.retried = Counter(
            "balmail_messages_retried", "Failed attempts that will be retried.", LABELS, registry=r
        )
        self.given_up = Counter(
            "balmail_messages_given_up", "Messages given up after their last attempt.", LABELS, registry=r
        )
        self.duration = Histogram(
            "balmail_handler_duration_seconds",
            "Time one message's handlers took.",
            LABELS,
            buckets=HANDLER_BUCKETS,
            registry=r,
        )
        self.last_ok = Gauge(
            "balmail_last_successful_cycle_timestamp_seconds",
            "Unix time of the last polling cycle that completed without error.",
            LABELS,
            registry=r,
        )
        self.failures = Gauge(
            "balmail_consecutive_failed_cycles",
            "Failed cycles in a row (0 when healthy).",
            LABELS,
            registry=r,
        )
        self.owned = Gauge(
            "balmail_listener_owned",
            "1 while this node holds the listener's lease (state on PostgreSQL), else 0.",
            ["listener", "node"],
            registry=r,
        )
        self.connection = Enum(
            "balmail_connection_state",
            "idle between cycles, connected during one, failing after a failed cycle.",
            LABELS,
            states=CONNECTION_STATES,
            registry=r,
        )

    def register(self, watch: ListenerWatch) -> None:
        """Create the listener's series at zero, so a scrape shows it before its first cycle."""
        labels = (watch.listener, watch.service)
        for outcome in ("ok", "failed"):
            self.cycles.labels(*labels, outcome)
        for metric in (self.fetched, self.handled, self.retried, self.given_up, self.duration):
            metric.labels(*labels)
        self.failures.labels(*labels).set(0)
        self.connection.labels(*labels).state("idle")

    def cycle_finished(self, watch: ListenerWatch, result: CycleResult, now: float) -> None:
        labels = (watch.listener, watch.service)
        self.cycles.labels(*labels, "ok" if result.error is None else "failed").inc()
        self.fetched.labels(*labels).inc(result.fetched)
        self.handled.labels(*labels).inc(result.delivered)
        self.retried.labels(*labels).inc(result.retried)
        self.given_up.labels(*labels).inc(result.given_up)
        if result.error is None:
            self.last_ok.labels(*labels).set(now)
            self.failures.labels(*labels).set(0)
        else:
            self.failures.labels(*labels).inc()
            self.connection.labels(*labels).state("failing")

    def ownership_changed(self, listener: str, node: str, owned: bool) -> None:
        self.owned.labels(listener, node).set(1 if owned else 0)

    def handler_finished(self, watch: ListenerWatch, seconds: float) -> None:
        self.duration.labels(watch.listener, watch.service).observe(seconds)

    def connection_changed(self, watch: ListenerWatch, connected: bool) -> None:
        self.connection.labels(watch.listener, watch.service).state("connected" if connected else "idle")


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback) → (host, port)."""
    host, sep, port_text = text.rpartition(":")
    if not sep or not port_text.isdigit() or not 0 <= int(port_text) < 65536:
        raise MetricsError(f"--metrics expects HOST:PORT (e.g. 127.0.0.1:9464), got '{text}'")
    host = host.strip("[]") or "127.0.0.1"
    return host, int(port_text)


class _QuietHandler(WSGIRequestHandler):
    """No access log lines on stderr: scrapes every few seconds would drown the runtime's log."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class MetricsServer:
    """`/metrics` (Prometheus text format) and `/healthz` on one port, on a daemon thread."""

    def __init__(self, metrics: Metrics, watches: Watches, address: str) -> None:
        host, port = parse_address(address)
        self._metrics_app = make_wsgi_app(metrics.registry)
        self._watches = watches
        if ":" in host:
            server_class: Any = type("_Server6", (ThreadingWSGIServer,), {"address_family": 10})
        else:
            server_class = ThreadingWSGIServer
        try:
            self._server = make_server(host, port, self._app, server_class, handler_class=_QuietHandler)
        except OSError as error:
            raise MetricsError(f"cannot serve metrics on {address}: {error.strerror or error}") from None
        self.host = host
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="balmail-metrics", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            healthy, lines = self._watches.health()
            body = ("\n".join(lines) + "\n").encode() if lines else b"no listener is running\n"
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
            return [body]
        return self._metrics_app(environ, start_response)  # type: ignore[no-any-return]
