"""The JSON model the page renders: the project explorer, the design canvas (nodes, edges, positions),
the Email Listener Designer of each service, listener forms, and lint findings attached to the node they
concern. Everything is computed here from the AST and the lint diagnostics; the page only draws it.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from balmail.check.email import HANDLERS, ON_MESSAGE
from balmail.check.walk import import_prefix, walk
from balmail.diagnostics import Diagnostic
from balmail.syntax import ast
from balmail.web.configurables import ConfigSources, display, is_secret_name, resolve
from balmail.web.deployment import deployment_rows
from balmail.web.fields import listener_form
from balmail.web.flow import build_flow
from balmail.web.program import (
    EMAIL_CLIENTS,
    ConnectionSite,
    Declarations,
    ListenerSite,
    LoadedFile,
    Program,
    ServiceSite,
    contains,
    find_declarations,
    text_of,
)

NODE_W, NODE_H, ROW_GAP, COL_GAP, MARGIN = 220, 66, 22, 110, 24
COLUMNS = {"listener": 0, "service": 1, "main": 1, "connection": 2}
EXPECTED = {
    "onMessage": "remote function onMessage({p}:Message message) returns error?",
    "onError": "remote function onError({p}:Error err) returns error?",
    "onClose": "remote function onClose({p}:Error? err) returns error?",
}
CONNECTION_LABELS = {
    "http": "HTTP client", "smtp": "SMTP client", "pop": "POP3 client", "imap": "IMAP client",
}  # fmt: skip


@attrs.define
class FunctionEntry:
    """A function whose flow the page can show: module functions, service handlers and methods."""

    id: str
    name: str
    title: str
    file: LoadedFile
    node: ast.FunctionDefn
    scope: str  # the scope local connections are keyed by
    service: ServiceSite | None = None


class Analysis:
    """Declarations plus who calls which connection, computed once per program version."""

    def __init__(self, program: Program, *, environ: dict[str, str] | None = None,
                 overrides: dict[str, str] | None = None) -> None:  # fmt: skip
        self.program = program
        self.decl: Declarations = find_declarations(program)
        self.environ = dict(os.environ) if environ is None else environ
        self.overrides = overrides or {}
        secret_names = self._password_configurables()
        self.configs: ConfigSources = resolve(program, environ=self.environ, overrides=self.overrides,
                                              secret_names=secret_names)  # fmt: skip
        self.config_by_name = {c.name: c for c in self.configs.configurables}
        self.functions: dict[str, FunctionEntry] = {}
        self.module_functions: dict[tuple[str, str], FunctionEntry] = {}
        self._collect_functions()
        self._uses: dict[str, set[str]] = {}
        self.flows: dict[str, dict[str, Any]] = {}

    # -------------------------------------------------------------- functions and connection use

    def _password_configurables(self) -> set[str]:
        names: set[str] = set()
        for site in self.decl.listeners:
            if site.config is None:
                continue
            for field in site.config.fields:
                if field.key == "password" and isinstance(field.value, ast.VarRef):
                    names.add(field.value.name)
        for conn in self.decl.connections:
            positional = [a for a in (conn.new.args if conn.new else ()) if not isinstance(a, ast.NamedArg)]
            if conn.kind in ("smtp", "pop", "imap") and len(positional) >= 3:
                if isinstance(positional[2], ast.VarRef):
                    names.add(positional[2].name)
        return names

    def _add_function(self, entry: FunctionEntry) -> None:
        base, n = entry.id, 2
        while entry.id in self.functions:
            entry.id, n = f"{base}~{n}", n + 1
        self.functions[entry.id] = entry

    def _collect_functions(self) -> None:
        for loaded, fn in self.decl.functions:
            entry = FunctionEntry(f"flow:{fn.name}", fn.name, self._title(loaded, fn), loaded, fn, fn.name)
            self._add_function(entry)
            self.module_functions[(loaded.source.path, fn.name)] = entry
        for service in self.decl.services:
            for member in service.members:
                if isinstance(member, ast.FunctionDefn) and member.body is not None:
                    self._add_function(FunctionEntry(
                        f"flow:{service.name}.{member.name}", member.name,
                        self._title(service.file, member), service.file, member,
                        f"{service.name}.{member.name}", service,
                    ))  # fmt: skip

    @staticmethod
    def _title(loaded: LoadedFile, fn: ast.FunctionDefn) -> str:
        qualifiers = " ".join(fn.qualifiers)
        head = f"{qualifiers} function {fn.name}" if qualifiers else f"function {fn.name}"
        return head + text_of(loaded, fn.signature)

    def connection_for(self, entry: FunctionEntry, name: str) -> ConnectionSite | None:
        for conn in self.decl.connections:
            if conn.name == name and conn.scope == entry.scope:
                return conn
        for conn in self.decl.connections:
            if conn.name == name and conn.scope is None:
                return conn
        return None

    def callee(self, entry: FunctionEntry, call: ast.Node) -> FunctionEntry | None:
        if isinstance(call, ast.Call) and isinstance(call.func, ast.VarRef):
            return self.module_functions.get((entry.file.source.path, call.func.name)) or next(
                (f for (_, name), f in self.module_functions.items() if name == call.func.name), None
            )
        if (
            isinstance(call, ast.MethodCall)
            and isinstance(call.target, ast.VarRef)
            and call.target.name == "self"
            and entry.service is not None
        ):
            return self.functions.get(f"flow:{entry.service.name}.{call.name}")
        return None

    def uses(self, entry: FunctionEntry, seen: frozenset[str] = frozenset()) -> set[str]:
        """Connection ids `entry` calls, directly or through the functions it calls."""
        if entry.id in self._uses:
            return self._uses[entry.id]
        found: set[str] = set()
        seen = seen | {entry.id}
        body = entry.node.body
        for node in walk(body) if body is not None else ():
            if isinstance(node, ast.RemoteCall) and isinstance(node.target, ast.VarRef):
                conn = self.connection_for(entry, node.target.name)
                if conn is not None:
                    found.add(conn.id)
            elif isinstance(node, ast.Call | ast.MethodCall):
                callee = self.callee(entry, node)
                if callee is not None and callee.id not in seen:
                    found |= self.uses(callee, seen)
        if len(seen) == 1:
            self._uses[entry.id] = found
        return found

    def flow(self, flow_id: str) -> dict[str, Any] | None:
        entry = self.functions.get(flow_id)
        if entry is None:
            return None
        if flow_id not in self.flows:
            def connection_of(call: ast.Node) -> str | None:
                if isinstance(call, ast.RemoteCall) and isinstance(call.target, ast.VarRef):
                    conn = self.connection_for(entry, call.target.name)
                    return conn.id if conn else None
                return None

            def via_of(call: ast.Node) -> list[str]:
                callee = self.callee(entry, call)
                return sorted(self.uses(callee)) if callee is not None else []

            graph = build_flow(entry.node, entry.file.source.text, entry.title, connection_of, via_of)
            graph.update(id=flow_id, name=entry.name, title=entry.title, file=entry.file.rel,
                         service=entry.service.id if entry.service else None)  # fmt: skip
            graph["diagnostics"] = [
                d for d in self.diagnostics_json() if d["file"] == entry.file.rel
                and entry.node.span.line <= d["line"] <= entry.node.span.end_line
            ]  # fmt: skip
            self.flows[flow_id] = graph
        return self.flows[flow_id]

    # -------------------------------------------------------------- secrets in the source

    def secret_spans(self, loaded: LoadedFile) -> list[ast.Node]:
        """String literals that hold a secret: a `password`/`token`/... record field or named argument, an
        email client's password argument, a secret configurable's default. The source view masks them."""
        found: list[ast.Node] = []
        if loaded.module is None:
            return found
        secret_positional = {c.new for c in self.decl.connections if c.kind in ("smtp", "pop", "imap")}
        for node in walk(loaded.module):
            value: ast.Node | None = None
            if isinstance(node, ast.MappingField) and node.key and is_secret_name(node.key):
                value = node.value
            elif isinstance(node, ast.NamedArg) and is_secret_name(node.name):
                value = node.value
            elif isinstance(node, ast.ModuleVarDecl) and "configurable" in node.qualifiers:
                name = node.binding.name if isinstance(node.binding, ast.CaptureBinding) else ""
                conf = self.config_by_name.get(name)
                value = node.init if conf is not None and conf.secret else None
            elif isinstance(node, ast.NewExpr) and node in secret_positional:
                positional = [a for a in node.args if not isinstance(a, ast.NamedArg | ast.RestArg)]
                value = positional[2] if len(positional) >= 3 else None
            if isinstance(value, ast.Literal | ast.Template):
                found.append(value)
        return found

    def masked_lines(self, loaded: LoadedFile) -> list[str]:
        """The file's lines with every secret literal replaced by bullets (same length, so columns hold)."""
        text = list(loaded.source.text)
        for node in self.secret_spans(loaded):
            for index in range(node.span.start + 1, node.span.end - 1):
                if text[index] != "\n":
                    text[index] = "•"
        return "".join(text).split("\n")

    # -------------------------------------------------------------- diagnostics on nodes

    def node_spans(self) -> list[tuple[str, ast.Node, LoadedFile]]:
        spans: list[tuple[str, ast.Node, LoadedFile]] = []
        for site in self.decl.listeners:
            spans.append((site.id, site.decl, site.file))
            if site.config_decl is not None:
                spans.append((site.id, site.config_decl, site.file))
        for service in self.decl.services:
            spans.append((service.id, service.node, service.file))
        for conn in self.decl.connections:
            spans.append((conn.id, conn.decl, conn.file))
        for loaded, fn in self.decl.mains:
            spans.append((f"main:{loaded.rel}", fn, loaded))
        return spans

    def configurable_users(self) -> dict[str, list[str]]:
        users: dict[str, list[str]] = {}
        for node_id, node, _ in self.node_spans():
            if node_id.startswith(("service:", "main:")):
                continue
            for inner in walk(node):
                if isinstance(inner, ast.VarRef) and inner.name in self.config_by_name:
                    ids = users.setdefault(inner.name, [])
                    if node_id not in ids:
                        ids.append(node_id)
        return users

    def diagnostics_json(self) -> list[dict[str, Any]]:
        if hasattr(self, "_diagnostics"):
            return self._diagnostics
        spans = self.node_spans()
        users = self.configurable_users()
        config_lines = {(c.file, c.line): c.name for c in self.configs.configurables}
        found = []
        index = 0
        for loaded in self.program.files:
            for d in loaded.diagnostics:
                owners = [(node_id, node) for node_id, node, f in spans
                          if f is loaded and contains(node.span, d.span)]  # fmt: skip
                nodes: list[str] = []
                if owners:
                    owners.sort(key=lambda o: o[1].span.end - o[1].span.start)
                    nodes = [owners[0][0]]
                else:
                    name = config_lines.get((loaded.rel, d.span.line))
                    if name is not None:
                        nodes = list(users.get(name, []))
                found.append(_diagnostic_json(f"d{index}", d, loaded, nodes))
                index += 1
        self._diagnostics = found
        return found


def _diagnostic_json(ident: str, d: Diagnostic, loaded: LoadedFile, nodes: list[str]) -> dict[str, Any]:
    return {
        "id": ident, "code": d.code, "severity": d.severity.value, "message": d.message, "help": d.help,
        "file": loaded.rel, "line": d.span.line, "column": d.span.column, "endLine": d.span.end_line,
        "endColumn": d.span.end_column, "nodes": nodes,
    }  # fmt: skip


# ---------------------------------------------------------------- the model


def _value(rows: list[dict[str, Any]], path: str) -> str | None:
    row = next(r for r in rows if r["path"] == path)
    value = row["value"]
    if isinstance(value, list):
        return ", ".join(value)
    if value is None and row["expression"]:
        return row["expression"]
    return value


def _listener_json(site: ListenerSite, analysis: Analysis) -> dict[str, Any]:
    rows = listener_form(site, analysis.config_by_name)
    host, port = _value(rows, "host"), _value(rows, "port")
    return {
        "id": site.id, "name": site.name, "kind": site.kind, "protocol": site.protocol,
        "inline": site.inline, "scope": site.scope, "file": site.file.rel,
        "line": site.decl.span.line, "endLine": site.decl.span.end_line,
        "account": _value(rows, "username"), "host": host, "port": port,
        "security": _value(rows, "security"), "pollingInterval": _value(rows, "pollingInterval"),
        "endpoint": f"{host}:{port}" if host else None,
        "fields": rows,
        "deployment": deployment_rows(site, analysis.configs.config_file),
    }  # fmt: skip


def _connection_json(conn: ConnectionSite, analysis: Analysis) -> dict[str, Any]:
    args = [a for a in (conn.new.args if conn.new else ()) if not isinstance(a, ast.NamedArg | ast.RestArg)]
    target = None
    if args:
        first = args[0]
        if isinstance(first, ast.VarRef) and first.name in analysis.config_by_name:
            conf = analysis.config_by_name[first.name]
            target = display(conf.value, conf.secret) or first.name
        elif isinstance(first, ast.Literal):
            target = str(first.value)
        else:
            target = text_of(conn.file, first)
    named = {a.name: a.value for a in (conn.new.args if conn.new else ()) if isinstance(a, ast.NamedArg)}
    if "port" in named and target:
        port = named["port"]
        if isinstance(port, ast.VarRef) and port.name in analysis.config_by_name:
            target += ":" + (display(analysis.config_by_name[port.name].value, False) or port.name)
        else:
            target += ":" + text_of(conn.file, port)
    return {
        "id": conn.id, "name": conn.name, "kind": conn.kind, "type": conn.type_text,
        "label": CONNECTION_LABELS[conn.kind], "target": target, "scope": conn.scope,
        "file": conn.file.rel, "line": conn.decl.span.line, "endLine": conn.decl.span.end_line,
    }  # fmt: skip


def _service_json(
    service: ServiceSite, analysis: Analysis, diagnostics: list[dict[str, Any]]
) -> dict[str, Any]:
    by_name = {m.name: m for m in service.members if isinstance(m, ast.FunctionDefn)}
    handlers = []
    covered: set[str] = set()
    for name in (ON_MESSAGE, "onError", "onClose"):
        fn = by_name.get(name)
        if fn is None:
            handlers.append({"name": name, "present": False,
                             "expected": EXPECTED[name].format(p=service.prefix),
                             "required": name == ON_MESSAGE, "findings": []})  # fmt: skip
            continue
        findings = [d["id"] for d in diagnostics if d["file"] == service.file.rel
                    and fn.span.line <= d["line"] <= fn.span.end_line]  # fmt: skip
        covered.update(findings)
        flow_id = f"flow:{service.name}.{name}"
        entry = analysis.functions.get(flow_id)
        handlers.append({
            "name": name, "present": True, "remote": "remote" in fn.qualifiers,
            "signature": Analysis._title(service.file, fn), "line": fn.span.line, "endLine": fn.span.end_line,
            "flow": flow_id if entry else None, "findings": findings,
            "connections": sorted(analysis.uses(entry)) if entry else [],
        })  # fmt: skip
    others = []
    for name, fn in by_name.items():
        if name in HANDLERS:
            continue
        findings = [d["id"] for d in diagnostics if d["file"] == service.file.rel
                    and fn.span.line <= d["line"] <= fn.span.end_line]  # fmt: skip
        covered.update(findings)
        others.append({"name": name, "signature": Analysis._title(service.file, fn), "line": fn.span.line,
                       "endLine": fn.span.end_line, "remote": "remote" in fn.qualifiers,
                       "resource": "resource" in fn.qualifiers, "findings": findings,
                       "flow": f"flow:{service.name}.{name}" if fn.body is not None else None})  # fmt: skip
    own = [d["id"] for d in diagnostics if service.id in d["nodes"] and d["id"] not in covered]
    return {
        "id": service.id, "name": service.name, "file": service.file.rel, "line": service.node.span.line,
        "endLine": service.node.span.end_line, "listeners": list(service.listener_ids),
        "handlers": handlers, "others": others, "findings": own,
    }  # fmt: skip


def _types(program: Program) -> list[dict[str, Any]]:
    found = []
    for loaded in program.files:
        for member in loaded.module.members if loaded.module else ():
            kind = None
            if isinstance(member, ast.TypeDefn):
                t = member.type
                kind = "record" if isinstance(t, ast.RecordType) else (
                    "error" if isinstance(t, ast.ErrorType | ast.DistinctType) else "type")
            elif isinstance(member, ast.EnumDefn):
                kind = "enum"
            elif isinstance(member, ast.ClassDefn):
                kind = "class"
            if kind is not None:
                found.append({"name": member.name, "kind": kind, "file": loaded.rel,  # type: ignore[union-attr]
                              "line": member.span.line, "endLine": member.span.end_line})  # fmt: skip
    return found


def layout_canvas(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> tuple[float, float]:
    """Three columns (listeners → services and `main` → connections); each node is placed at the average
    height of the nodes it is connected to on its left, or below the previous one, so edges stay short
    and mostly level for one listener as for twenty."""
    by_id = {n["id"]: n for n in nodes}
    incoming: dict[str, list[str]] = {}
    for e in edges:
        incoming.setdefault(e["to"], []).append(e["from"])
    columns: dict[int, list[dict[str, Any]]] = {}
    for n in nodes:
        columns.setdefault(COLUMNS[n["kind"]], []).append(n)
    height = 0.0
    for col in sorted(columns):
        members = columns[col]

        def wanted(n: dict[str, Any], col: int = col) -> float:
            ys = [by_id[s]["y"] for s in incoming.get(n["id"], ()) if s in by_id and "y" in by_id[s]
                  and COLUMNS[by_id[s]["kind"]] < col]  # fmt: skip
            return sum(ys) / len(ys) if ys else float("inf")

        if col > 0:
            members.sort(key=lambda n: (wanted(n), n["order"]))
        y = MARGIN
        for n in members:
            target = wanted(n) if col > 0 else y
            n["y"] = max(y, target if target != float("inf") else y)
            n["x"] = MARGIN + col * (NODE_W + COL_GAP)
            n["w"], n["h"] = NODE_W, NODE_H
            y = n["y"] + NODE_H + ROW_GAP
        height = max(height, y)
    for e in edges:
        s, t = by_id[e["from"]], by_id[e["to"]]
        if COLUMNS[s["kind"]] < COLUMNS[t["kind"]]:
            x1, y1, x2, y2 = s["x"] + NODE_W, s["y"] + NODE_H / 2, t["x"], t["y"] + NODE_H / 2
        else:  # main → a listener it creates: from main's left side back to the listener
            x1, y1, x2, y2 = s["x"], s["y"] + NODE_H / 2, t["x"] + NODE_W, t["y"] + NODE_H / 2
        e["points"] = [[x1, y1], [x2, y2]]
    used = max(columns, default=0)
    width = MARGIN * 2 + (used + 1) * NODE_W + used * COL_GAP
    return width, height + MARGIN


def _badges(node_id: str, diagnostics: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        if node_id in d["nodes"]:
            counts[d["severity"]] += 1
    return counts


def build_model(analysis: Analysis) -> dict[str, Any]:
    """The whole page model (flows come one at a time from `Analysis.flow`)."""
    program, decl = analysis.program, analysis.decl
    diagnostics = analysis.diagnostics_json()
    listeners = [_listener_json(site, analysis) for site in decl.listeners]
    connections = [_connection_json(conn, analysis) for conn in decl.connections]
    services = [_service_json(service, analysis, diagnostics) for service in decl.services]
    mains = [{"id": f"main:{loaded.rel}", "name": "main", "file": loaded.rel, "line": fn.span.line,
              "endLine": fn.span.end_line, "flow": f"flow:{fn.name}" if fn.name in {
                  f.name for f in analysis.functions.values() if f.service is None} else None}
             for loaded, fn in decl.mains]  # fmt: skip
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for order, item in enumerate(listeners):
        sub = f"{item['protocol']} · {item['endpoint'] or 'host from an expression'}"
        nodes.append({"id": item["id"], "kind": "listener", "label": item["name"], "sub": sub,
                      "detail": item["security"], "order": order, "protocol": item["protocol"]})  # fmt: skip
    for order, svc in enumerate(services):
        handled = [h["name"] for h in svc["handlers"] if h["present"]]
        nodes.append({"id": svc["id"], "kind": "service", "label": svc["name"],
                      "sub": "email service", "detail": ", ".join(handled) or "no handlers",
                      "order": order})  # fmt: skip
        for lid in svc["listeners"]:
            edges.append({"from": lid, "to": svc["id"], "kind": "attach", "label": None})
        per_connection: dict[str, list[str]] = {}
        for h in svc["handlers"]:
            for cid in h.get("connections", []):
                per_connection.setdefault(cid, []).append(h["name"])
        for other in svc["others"]:
            entry = analysis.functions.get(other["flow"] or "")
            for cid in sorted(analysis.uses(entry)) if entry else []:
                per_connection.setdefault(cid, []).append(other["name"])
        for cid, users in per_connection.items():
            edges.append({"from": svc["id"], "to": cid, "kind": "uses", "label": ", ".join(users),
                          "handlers": users})  # fmt: skip
    for order, main in enumerate(mains):
        nodes.append({"id": main["id"], "kind": "main", "label": "main", "sub": "entry point",
                      "detail": main["file"], "order": len(services) + order})  # fmt: skip
        for site in decl.listeners:
            if site.scope == "main" and site.file.rel == main["file"]:
                edges.append({"from": main["id"], "to": site.id, "kind": "creates", "label": "creates"})
        entry = analysis.functions.get(main["flow"] or "")
        for cid in sorted(analysis.uses(entry)) if entry else []:
            edges.append({"from": main["id"], "to": cid, "kind": "uses", "label": "main",
                          "handlers": ["main"]})  # fmt: skip
    for order, conn in enumerate(connections):
        where = f" (in {conn['scope']})" if conn["scope"] else ""
        nodes.append({"id": conn["id"], "kind": "connection", "label": conn["name"] + where,
                      "sub": f"{conn['label']} · {conn['type']}", "detail": conn["target"],
                      "order": order, "protocol": conn["kind"]})  # fmt: skip
    for n in nodes:
        n["badges"] = _badges(n["id"], diagnostics)
    width, height = layout_canvas(nodes, edges)
    functions = []
    for entry in analysis.functions.values():
        if entry.service is None:
            functions.append({"id": entry.id, "name": entry.name, "title": entry.title,
                              "file": entry.file.rel,
                              "line": entry.node.span.line, "endLine": entry.node.span.end_line,
                              "flow": entry.id if entry.node.body is not None else None})  # fmt: skip
    configurables = []
    users = analysis.configurable_users()
    for conf in analysis.configs.configurables:
        configurables.append({
            "name": conf.name, "type": conf.type, "origin": conf.origin, "detail": conf.origin_detail,
            "value": display(conf.value, conf.secret), "secret": conf.secret,
            "required": conf.default is None, "file": conf.file, "line": conf.line, "endLine": conf.end_line,
            "usedBy": users.get(conf.name, []),
        })  # fmt: skip
    return {
        "version": program.version,
        "root": str(program.root),
        "files": [{"path": f.rel, "lines": f.source.line_count} for f in program.files],
        "configFile": os.path.relpath(analysis.configs.config_file, program.root),
        "configError": analysis.configs.error,
        "entryPoints": {"services": [{"id": s["id"], "name": s["name"], "file": s["file"], "line": s["line"],
                                      "endLine": s["endLine"]} for s in services],
                        "mains": mains},  # fmt: skip
        "listeners": listeners,
        "connections": connections,
        "services": services,
        "types": _types(program),
        "functions": functions,
        "configurables": configurables,
        "diagnostics": diagnostics,
        "canvas": {"nodes": nodes, "edges": edges, "width": width, "height": height},
        "emailPrefix": next((import_prefix(f.module, "ballerina/email") for f in program.files if f.module
                             and import_prefix(f.module, "ballerina/email")), "email"),
        "clientKinds": sorted(set(EMAIL_CLIENTS.values()) | {"http"}),
    }  # fmt: skip
