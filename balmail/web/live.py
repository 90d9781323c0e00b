"""Live counters for the canvas (`balmail run --ui`, `balmail dev --ui`): each running listener's tally
(`ops.watch.ListenerWatch`) mapped onto the canvas nodes it belongs to, for the page's event stream.

A watch is named by the listener's variable name (or `protocol://user@host:port` for one declared inline)
and lists its services by name; the listener node is found by name, else through its services, and a
service node adds up the watches of its listeners.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path
from typing import Any

from balmail.web.model import Analysis
from balmail.web.program import program_files
from balmail.web.server import DesignServer, DesignState


def _when(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(stamp, datetime.UTC).strftime("%H:%M:%S UTC")


def live_counters(watches: Any, analysis: Analysis | None) -> dict[str, Any]:
    """`{"nodes": {node id: counters}}` for every watched listener and its services."""
    nodes: dict[str, dict[str, Any]] = {}
    if analysis is None:
        return {"nodes": nodes}
    listeners = analysis.decl.listeners
    services = analysis.decl.services
    for watch in watches.all():
        t = watch.snapshot()
        counters = {
            "cycles": t.cycles_ok + t.cycles_failed,
            "failedCycles": t.cycles_failed,
            "fetched": t.fetched,
            "handled": t.handled,
            "retrying": t.retried,
            "givenUp": t.given_up,
            "lastError": t.last_error if t.consecutive_failures else None,
            "lastSuccessfulCycle": _when(t.last_ok_at),
        }
        names = [n for n in (watch.service or "").split(",") if n]
        attached = [s for s in services if s.name.lstrip("/") in names]
        site = next((s for s in listeners if s.name == watch.listener and not s.inline), None)
        if site is None:
            site = next((s for s in listeners if any(s.id in svc.listener_ids for svc in attached)), None)
        if site is not None:
            nodes[site.id] = counters
        for service in attached:
            empty = {"handled": 0, "retrying": 0, "givenUp": 0, "lastError": None}
            total = nodes.setdefault(service.id, empty)
            total["handled"] += counters["handled"]
            total["retrying"] += counters["retrying"]
            total["givenUp"] += counters["givenUp"]
            total["lastError"] = total["lastError"] or counters["lastError"]
    return {"nodes": nodes}


class LiveUI:
    """The design server beside a running program (`--ui`), in a daemon thread; `attach` is the run's
    `ServeOptions.on_watches`, which switches the page's counters on."""

    def __init__(self, server: DesignServer) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="balmail-design", daemon=True)

    @classmethod
    def start(cls, path: Path, *, environ: dict[str, str], overrides: dict[str, str]) -> LiveUI:
        program_files(path)
        state = DesignState(path, environ=environ, overrides=overrides)
        state.live = lambda: {"nodes": {}}
        live = cls(DesignServer(state, 0))
        live.thread.start()
        return live

    @property
    def url(self) -> str:
        return self.server.url

    def attach(self, watches: Any) -> None:
        state = self.server.state
        state.live = lambda: live_counters(watches, state.current())

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(timeout=5)
