// balmail design: renders the model the server computes (/api/model, /api/flow/ID). No layout or
// analysis happens here: positions, edges, findings and field origins all come from the JSON.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const TOKEN = new URLSearchParams(location.search).get("token") || sessionStorage.getItem("balmail-token") || "";
sessionStorage.setItem("balmail-token", TOKEN);
const state = { model: null, selected: null, zoom: 1, flow: null, view: "canvas", live: {} };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

async function api(path, options) {
  const opts = Object.assign({ headers: {} }, options || {});
  opts.headers["X-Balmail-Token"] = TOKEN;
  if (opts.body) opts.headers["Content-Type"] = "application/json";
  const response = await fetch(path, opts);
  let data = null;
  try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
  return { ok: response.ok, status: response.status, data };
}

function toast(text, isError) {
  const t = document.getElementById("toast");
  t.textContent = text;
  t.className = "toast" + (isError ? " error" : "");
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

function banner(text, isError) {
  const b = document.getElementById("banner");
  b.textContent = text || "";
  b.className = "banner" + (isError ? " error" : "");
  b.hidden = !text;
}

function activate(node, handler) {
  // SVG groups act as buttons: focusable, Enter/Space activate, like the HTML buttons around them.
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "button");
  node.addEventListener("click", handler);
  node.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); handler(e); }
  });
}

function findById(list, id) { return (list || []).find((x) => x.id === id); }

// ------------------------------------------------------------------ model and routing

async function loadModel() {
  const { data } = await api("/api/model");
  if (data.error) { banner(data.error, true); state.model = null; render(); return; }
  banner(data.configError ? "Config.toml: " + data.configError : "", true);
  state.model = data;
  render();
}

function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const [view, ...rest] = hash.split("/");
  const arg = rest.join("/");
  state.view = ["service", "flow", "listener", "source"].includes(view) ? view : "canvas";
  state.arg = arg;
  render();
}

function render() {
  renderHeader();
  renderExplorer();
  renderTabs();
  renderFindings();
  for (const name of ["canvas", "service", "flow", "listener", "source"]) {
    document.getElementById("view-" + name).hidden = state.view !== name;
  }
  // the flow has its findings on its nodes and in the source beside it: it takes the panel's room
  document.body.classList.toggle("view-flow", state.view === "flow");
  if (!state.model) return;
  if (state.view === "canvas") renderCanvas();
  else if (state.view === "service") renderService(state.arg);
  else if (state.view === "flow") renderFlow(state.arg);
  else if (state.view === "listener") renderListener(state.arg);
  else if (state.view === "source") renderSourceView(state.arg);
}

function renderHeader() {
  const m = state.model;
  const program = document.getElementById("program");
  program.textContent = m ? `${m.root.split("/").pop()}/ · ${m.files.map((f) => f.path).join(", ")}` : "";
  program.title = m ? m.root : "";
  if (!m) return;
  const count = (s) => m.diagnostics.filter((d) => d.severity === s).length;
  document.getElementById("summary").textContent =
    `${count("error")} error(s) · ${count("warning")} warning(s) · ${count("info")} info`;
  document.getElementById("live-state").hidden = !m.live;
}

function renderTabs() {
  const tabs = document.getElementById("tabs");
  tabs.replaceChildren();
  const items = [["canvas", "", "Design canvas"]];
  const m = state.model;
  if (m && state.view === "service") items.push(["service", state.arg, "Service: " + (findById(m.services, state.arg) || {}).name]);
  if (m && state.view === "flow") items.push(["flow", state.arg, "Flow: " + state.arg.replace(/^flow:/, "")]);
  if (m && state.view === "listener") items.push(["listener", state.arg, "Listener: " + (findById(m.listeners, state.arg) || {}).name]);
  if (m && state.view === "source") items.push(["source", state.arg, "Source: " + state.arg.split("#")[0]]);
  for (const [view, arg, label] of items) {
    const selected = state.view === view;
    tabs.append(el("button", { type: "button", role: "tab", "aria-selected": selected ? "true" : "false",
      "aria-controls": "view-" + view, text: label, onclick: () => go("#" + view + (arg ? "/" + arg : "")) }));
  }
}

// ------------------------------------------------------------------ explorer

function section(title, items, empty) {
  const list = el("ul");
  if (!items.length) list.append(el("li", { class: "empty", text: empty || "none" }));
  for (const item of items) list.append(el("li", {}, item));
  return el("details", { open: true, "data-section": title }, el("summary", { text: title }), list);
}

function item(label, meta, onclick, attrs) {
  return el("button", Object.assign({ type: "button", onclick, title: label + (meta ? " — " + meta : "") }, attrs || {}),
    label, meta ? el("span", { class: "meta", text: meta }) : null);
}

function sourceHash(file, line, endLine) { return `#source/${file}#${line}-${endLine || line}`; }

function renderExplorer() {
  const nav = document.getElementById("explorer");
  const m = state.model;
  nav.replaceChildren();
  if (!m) return;
  const entry = [
    ...m.entryPoints.services.map((s) => item(s.name, "service", () => go("#service/" + s.id), { "data-id": s.id })),
    ...m.entryPoints.mains.map((x) => item("main", x.file, () => (x.flow ? go("#flow/" + x.flow) : go(sourceHash(x.file, x.line, x.endLine))), { "data-id": x.id })),
  ];
  nav.append(section("Entry Points", entry));
  nav.append(section("Listeners", m.listeners.map((l) =>
    item(l.name, `${l.protocol} · ${l.account || "?"} · ${l.security || "SSL"}`, () => focusNode(l.id), { "data-id": l.id }))));
  nav.append(section("Connections", m.connections.map((c) =>
    item(c.name + (c.scope ? ` (in ${c.scope})` : ""), `${c.label}${c.target ? " · " + c.target : ""}`, () => focusNode(c.id), { "data-id": c.id }))));
  nav.append(section("Types", m.types.map((t) => item(t.name, t.kind, () => go(sourceHash(t.file, t.line, t.endLine)), { "data-name": t.name }))));
  nav.append(section("Functions", m.functions.map((f) =>
    item(f.name, `${f.file}:${f.line}`, () => (f.flow ? go("#flow/" + f.flow) : go(sourceHash(f.file, f.line, f.endLine))), { "data-name": f.name }))));
  nav.append(section("Configurations", m.configurables.map((c) => {
    const b = item(c.name, null, () => go(sourceHash(c.file, c.line, c.endLine)), { "data-name": c.name, "data-origin": c.origin });
    b.append(el("span", { class: "meta", text: `${c.type} = ${c.value === null ? "(none)" : c.value === "" ? '""' : c.value}` }));
    b.append(el("span", { class: "origin " + c.origin, text: c.origin + (c.detail && c.detail !== c.origin ? ` (${c.detail})` : "") }));
    return b;
  })));
}

function focusNode(id) {
  state.selected = id;
  if (state.view !== "canvas") { go("#canvas"); } else { render(); }
  requestAnimationFrame(() => {
    const node = document.querySelector(`#canvas [data-id="${CSS.escape(id)}"]`);
    if (node) { node.scrollIntoView({ block: "center", inline: "center" }); node.focus(); }
  });
}

// ------------------------------------------------------------------ findings panel

function findingsFor(ids) {
  const m = state.model;
  if (!m) return [];
  return ids ? m.diagnostics.filter((d) => ids.includes(d.id)) : m.diagnostics;
}

function findingEl(d) {
  return el("div", { class: "finding " + d.severity, "data-code": d.code },
    el("div", {}, el("span", { class: "code", text: `${d.severity.toUpperCase()} ${d.code} · ${d.file}:${d.line}` })),
    el("div", { text: d.message }),
    d.help ? el("div", { class: "code", text: "help: " + d.help }) : null,
    el("button", { type: "button", text: "show source", onclick: () => go(sourceHash(d.file, d.line, d.endLine)) }));
}

function renderFindings() {
  const panel = document.getElementById("findings");
  panel.replaceChildren();
  const m = state.model;
  if (!m) return;
  let list = m.diagnostics;
  let title = "Lint findings";
  if (state.selected && state.view === "canvas") {
    list = m.diagnostics.filter((d) => d.nodes.includes(state.selected));
    title = "Findings: " + state.selected.replace(/^[a-z]+:/, "");
  }
  panel.append(el("h2", { text: `${title} (${list.length})` }));
  if (state.selected && state.view === "canvas") {
    panel.append(el("button", { type: "button", class: "linkish", text: "show all findings", onclick: () => { state.selected = null; render(); } }));
    const sel = findById(m.canvas.nodes, state.selected);
    if (sel) panel.append(nodeDetails(sel));
  }
  if (!list.length) panel.append(el("p", { class: "optional", text: "No findings." }));
  for (const d of list) panel.append(findingEl(d));
  if (state.live && Object.keys(state.live).length && state.selected) panel.append(liveDetails(state.selected));
}

function nodeDetails(node) {
  const m = state.model;
  const box = el("div", { class: "pad" });
  if (node.kind === "listener") {
    const l = findById(m.listeners, node.id);
    box.append(el("dl", { class: "kv" },
      el("dt", { text: "protocol" }), el("dd", { text: l.protocol }),
      el("dt", { text: "endpoint" }), el("dd", { text: l.endpoint || "(expression)" }),
      el("dt", { text: "account" }), el("dd", { text: l.account || "" }),
      el("dt", { text: "security" }), el("dd", { text: l.security || "" }),
      el("dt", { text: "polling every" }), el("dd", { text: (l.pollingInterval || "") + " s" })));
    box.append(el("button", { type: "button", class: "linkish", text: "Configure listener", onclick: () => go("#listener/" + l.id) }));
  } else if (node.kind === "service") {
    box.append(el("button", { type: "button", class: "linkish", text: "Open Email Listener Designer", onclick: () => go("#service/" + node.id) }));
  } else if (node.kind === "connection") {
    const c = findById(m.connections, node.id);
    box.append(el("button", { type: "button", class: "linkish", text: "Show declaration", onclick: () => go(sourceHash(c.file, c.line, c.endLine)) }));
  }
  return box;
}

// ------------------------------------------------------------------ canvas

function nodeBadges(node, group) {
  let x = node.w - 10;
  for (const severity of ["error", "warning", "info"]) {
    const n = node.badges[severity];
    if (!n) continue;
    const messages = state.model.diagnostics.filter((d) => d.nodes.includes(node.id) && d.severity === severity)
      .map((d) => `${d.code}: ${d.message}`).join("\n");
    const badge = svg("g", { class: "badge " + severity, transform: `translate(${x},0)`, "data-severity": severity },
      svg("title", { text: messages }), svg("circle", { r: 9 }),
      svg("text", { "text-anchor": "middle", dy: "4", text: String(n) }));
    badge.addEventListener("click", (e) => { e.stopPropagation(); state.selected = node.id; render(); });
    group.append(badge);
    x -= 22;
  }
}

function liveLine(nodeId) {
  const c = state.live && state.live[nodeId];
  if (!c) return null;
  const parts = [];
  if (c.cycles !== undefined) parts.push(`cycles ${c.cycles}`);
  parts.push(`handled ${c.handled || 0}`);
  if (c.retrying) parts.push(`retrying ${c.retrying}`);
  if (c.givenUp) parts.push(`given up ${c.givenUp}`);
  return { text: parts.join(" · "), failing: !!c.lastError };
}

function liveDetails(nodeId) {
  const c = state.live[nodeId];
  if (!c) return el("div");
  const rows = [];
  for (const [k, v] of Object.entries(c)) rows.push(el("dt", { text: k }), el("dd", { text: v === null ? "—" : String(v) }));
  return el("div", {}, el("h2", { text: "Live" }), el("dl", { class: "kv", "data-live": nodeId }, rows));
}

function renderCanvas() {
  const m = state.model;
  const root = document.getElementById("canvas");
  const c = m.canvas;
  root.replaceChildren();
  root.setAttribute("width", c.width * state.zoom);
  root.setAttribute("height", Math.max(c.height, 200) * state.zoom);
  root.setAttribute("viewBox", `0 0 ${c.width} ${Math.max(c.height, 200)}`);
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8c96a5" }))));
  for (const e of c.edges) {
    const [[x1, y1], [x2, y2]] = e.points;
    const mx = (x1 + x2) / 2;
    const path = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
    const g = svg("g", { class: "edge-group", "data-from": e.from, "data-to": e.to, "data-kind": e.kind },
      svg("path", { class: "edge " + e.kind, d: path, "marker-end": "url(#arrow)" }));
    if (e.label) g.append(svg("text", { class: "edge-label", x: mx, y: (y1 + y2) / 2 - 4, "text-anchor": "middle", text: e.label }));
    root.append(g);
  }
  if (!c.nodes.length) {
    root.append(svg("text", { x: 24, y: 40, text: "This program declares no email listener, service or connection." }));
  }
  for (const n of c.nodes) {
    const g = svg("g", { class: `node ${n.kind}${state.selected === n.id ? " selected" : ""}`, transform: `translate(${n.x},${n.y})`,
      "data-id": n.id, "data-kind": n.kind, "aria-label": `${n.kind} ${n.label}: ${n.sub}` });
    g.append(svg("title", { text: `${n.label}\n${n.sub}${n.detail ? "\n" + n.detail : ""}` }));
    g.append(svg("rect", { class: "box", width: n.w, height: n.h, rx: 8 }));
    g.append(svg("rect", { class: "band", width: 6, height: n.h, rx: 3 }));
    g.append(svg("text", { class: "title", x: 14, y: 20, text: clip(n.label, 26) }));
    g.append(svg("text", { class: "sub", x: 14, y: 37, text: clip(n.sub, 34) }));
    const live = liveLine(n.id);
    if (live) g.append(svg("text", { class: "counters" + (live.failing ? " failing" : ""), x: 14, y: 54, "data-live": n.id, text: clip(live.text, 36) }));
    else if (n.detail) g.append(svg("text", { class: "detail", x: 14, y: 54, text: clip(n.detail, 34) }));
    nodeBadges(n, g);
    activate(g, () => openNode(n));
    g.addEventListener("focus", () => { if (state.selected !== n.id) { state.selected = n.id; renderFindings(); markSelected(); } });
    root.append(g);
  }
}

function markSelected() {
  for (const g of document.querySelectorAll("#canvas .node")) g.classList.toggle("selected", g.dataset.id === state.selected);
}

function clip(text, n) { text = text || ""; return text.length > n ? text.slice(0, n - 1) + "…" : text; }

function openNode(n) {
  state.selected = n.id;
  if (n.kind === "service") go("#service/" + n.id);
  else if (n.kind === "listener") go("#listener/" + n.id);
  else if (n.kind === "main") {
    const main = state.model.entryPoints.mains.find((x) => x.id === n.id);
    go(main && main.flow ? "#flow/" + main.flow : "#canvas");
  } else {
    const c = findById(state.model.connections, n.id);
    go(sourceHash(c.file, c.line, c.endLine));
  }
}

function setZoom(z) {
  state.zoom = Math.min(3, Math.max(0.2, z));
  if (state.view === "canvas") renderCanvas();
}

// ------------------------------------------------------------------ Email Listener Designer

function renderService(id) {
  const m = state.model;
  const view = document.getElementById("view-service");
  const s = findById(m.services, id);
  view.replaceChildren();
  if (!s) { view.append(el("p", { class: "pad", text: "No such service." })); return; }
  const box = el("div", { class: "pad" });
  const listeners = s.listeners.map((lid) => findById(m.listeners, lid)).filter(Boolean);
  box.append(el("h2", { text: `Email Listener Designer — ${s.name}` }));
  box.append(el("p", {}, "Attached to ", ...listeners.map((l) =>
    el("button", { type: "button", class: "linkish", "data-listener": l.id, text: `${l.name} (${l.protocol} ${l.endpoint || ""})`, onclick: () => go("#listener/" + l.id) })),
    " ", el("button", { type: "button", class: "linkish", text: "show source", onclick: () => go(sourceHash(s.file, s.line, s.endLine)) })));
  const table = el("table", { class: "handlers" },
    el("thead", {}, el("tr", {}, el("th", { text: "Handler" }), el("th", { text: "Signature" }), el("th", { text: "Findings" }), el("th", { text: "" }))));
  const body = el("tbody");
  for (const h of s.handlers) {
    const findings = findingsFor(h.findings);
    const row = el("tr", { "data-handler": h.name, "data-present": h.present ? "true" : "false" });
    row.append(el("td", {}, el("strong", { text: h.name })));
    if (h.present) {
      row.append(el("td", {}, el("code", { text: h.signature }),
        h.connections && h.connections.length ? el("div", { class: "optional", text: "uses " + h.connections.map((c) => c.replace(/^connection:/, "")).join(", ") }) : null));
    } else {
      row.append(el("td", {}, el("span", { class: h.required ? "missing" : "optional", text: h.required ? "missing (required)" : "not declared (optional)" }),
        el("div", {}, el("code", { text: h.expected }))));
    }
    row.append(el("td", {}, findings.length ? findings.map(findingEl) : el("span", { class: "optional", text: "none" })));
    const actions = el("td");
    if (h.present && h.flow) actions.append(el("button", { type: "button", class: "linkish", text: "Open flow", onclick: () => go("#flow/" + h.flow) }));
    if (h.present) actions.append(el("button", { type: "button", class: "linkish", text: "Source", onclick: () => go(sourceHash(s.file, h.line, h.endLine)) }));
    row.append(actions);
    body.append(row);
  }
  table.append(body);
  box.append(table);
  if (s.others.length) {
    box.append(el("h3", { text: "Other members" }));
    const list = el("ul");
    for (const o of s.others) {
      list.append(el("li", { "data-member": o.name }, el("code", { text: o.signature }), " ",
        o.flow ? el("button", { type: "button", class: "linkish", text: "Open flow", onclick: () => go("#flow/" + o.flow) }) : null,
        ...findingsFor(o.findings).map(findingEl)));
    }
    box.append(list);
  }
  const own = findingsFor(s.findings);
  if (own.length) { box.append(el("h3", { text: "Service findings" })); own.forEach((d) => box.append(findingEl(d))); }
  view.append(box);
}

// ------------------------------------------------------------------ flow view

async function renderFlow(id) {
  const { ok, data } = await api("/api/flow/" + encodeURIComponent(id).replace(/%2F/g, "/"));
  if (state.view !== "flow" || state.arg !== id) return;
  const root = document.getElementById("flow");
  root.replaceChildren();
  if (!ok) { document.getElementById("flow-title").textContent = data.error || "no such function"; return; }
  state.flow = data;
  document.getElementById("flow-title").textContent = data.title;
  root.setAttribute("width", data.width);
  root.setAttribute("height", data.height);
  root.setAttribute("viewBox", `0 0 ${data.width} ${data.height}`);
  root.append(svg("defs", {},
    svg("marker", { id: "farrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#7b8696" })),
    svg("marker", { id: "farrow-error", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#d12f2f" }))));
  const kinds = Object.fromEntries(data.nodes.map((n) => [n.id, n.kind]));
  for (const e of data.edges) {
    const d = e.points.map((p, i) => (i ? "L" : "M") + ` ${p[0]} ${p[1]}`).join(" ");
    const g = svg("g", { class: "fedge-group", "data-from": e.from, "data-to": e.to, "data-kind": e.kind, "data-label": e.label || "" },
      svg("path", { class: "fedge " + e.kind, d, "marker-end": e.kind === "error" ? "url(#farrow-error)" : "url(#farrow)" }));
    if (e.label && e.points.length > 1) {
      // a branch is labelled where it enters its arm, so the labels of side-by-side arms never overlap
      let at;
      if (e.kind === "branch") {
        const last = e.points[e.points.length - 1];
        at = kinds[e.to] === "merge" && e.points.length > 3 ? [e.points[2][0] + 4, e.points[2][1] + 12] : [last[0] + 4, last[1] - 4];
      } else if (e.kind === "error") {
        at = [e.points[0][0] + 2, e.points[0][1] - 3];
      } else {
        const [a, b] = [e.points[1], e.points[2] || e.points[1]];
        at = [(a[0] + b[0]) / 2 + 3, (a[1] + b[1]) / 2 - 3];
      }
      g.append(svg("text", { class: "fedge-label " + e.kind, x: at[0], y: at[1], text: clip(e.label, 28) }));
    }
    root.append(g);
  }
  const byLine = {};
  for (const d of data.diagnostics) (byLine[d.line] = byLine[d.line] || []).push(d);
  for (const n of data.nodes) {
    const classes = ["fnode", n.kind];
    if (n.calls.length) classes.push("calls");
    if (n.check) classes.push("check");
    const g = svg("g", { class: classes.join(" "), transform: `translate(${n.x},${n.y})`, "data-id": n.id, "data-kind": n.kind,
      "data-line": n.line || "", "data-calls": n.calls.join(" "), "aria-label": `${n.kind} ${n.label}` + (n.line ? ` (line ${n.line})` : "") });
    g.append(svg("title", { text: n.label + (n.calls.length ? "\ncalls " + n.calls.join(", ") : "") + (n.via.length ? "\nreaches " + n.via.join(", ") : "") }));
    if (n.kind === "merge") {
      g.append(svg("circle", { cx: n.w / 2, cy: n.h / 2, r: n.w / 2 }));
      root.append(g);
      continue;
    }
    if (n.kind === "decision") {
      const w = n.w, h = n.h, k = 14;
      g.append(svg("polygon", { points: `${k},0 ${w - k},0 ${w},${h / 2} ${w - k},${h} ${k},${h} 0,${h / 2}` }));
    } else {
      g.append(svg("rect", { width: n.w, height: n.h, rx: ["start", "end", "return", "error"].includes(n.kind) ? n.h / 2 : 5 }));
    }
    const calls = n.calls.length ? "→ " + n.calls.map((c) => c.replace(/^connection:/, "")).join(", ") : n.via.length ? "⇢ " + n.via.map((c) => c.replace(/^connection:/, "")).join(", ") : "";
    g.append(svg("text", { x: 12, y: calls ? 16 : n.h / 2 + 4, text: clip(n.label, 30) }));
    if (calls) g.append(svg("text", { class: "callnote", x: 12, y: 31, text: clip(calls, 34) }));
    if (n.check) g.append(svg("text", { class: "callnote", x: n.w - 40, y: n.h - 5, text: "check" }));
    const here = n.line ? data.diagnostics.filter((d) => d.line >= n.line && d.line <= n.endLine) : [];
    if (here.length) {
      const worst = here.some((d) => d.severity === "error") ? "error" : here.some((d) => d.severity === "warning") ? "warning" : "info";
      g.append(svg("g", { class: "badge " + worst, transform: `translate(${n.w - 4},0)` }, svg("title", { text: here.map((d) => `${d.code}: ${d.message}`).join("\n") }),
        svg("circle", { r: 8 }), svg("text", { "text-anchor": "middle", dy: "4", text: String(here.length) })));
    }
    if (n.line) activate(g, () => selectFlowNode(n));
    root.append(g);
  }
  await showSource(document.getElementById("flow-source"), data.file, data.line, data.endLine, data.line, data.endLine, data.diagnostics);
}

function selectFlowNode(n) {
  for (const g of document.querySelectorAll("#flow .fnode")) g.classList.toggle("selected", g.dataset.id === n.id);
  highlight(document.getElementById("flow-source"), n.line, n.endLine);
}

const sourceCache = {};
async function fetchSource(file) {
  const key = (state.model ? state.model.version : "") + ":" + file;
  if (!sourceCache[key]) {
    const { ok, data } = await api("/api/source?file=" + encodeURIComponent(file));
    sourceCache[key] = ok ? data.lines : null;
  }
  return sourceCache[key];
}

async function showSource(pane, file, from, to, hlFrom, hlTo, diagnostics) {
  const lines = await fetchSource(file);
  pane.replaceChildren();
  if (!lines) { pane.append(el("p", { class: "pad", text: "Cannot show " + file })); return; }
  const marks = {};
  for (const d of diagnostics || state.model.diagnostics.filter((x) => x.file === file)) {
    for (let i = d.line; i <= d.endLine; i++) if (marks[i] !== "error") marks[i] = d.severity;
  }
  pane.append(el("div", { class: "src-file mono pad", text: file }));
  for (let i = from; i <= to && i <= lines.length; i++) {
    const cls = ["src-line"];
    if (marks[i] === "error" || marks[i] === "warning") cls.push("diag-" + marks[i]);
    pane.append(el("div", { class: cls.join(" "), "data-line": String(i) }, el("span", { class: "no", text: String(i) }), el("span", { text: lines[i - 1] })));
  }
  highlight(pane, hlFrom, hlTo);
}

function highlight(pane, from, to) {
  let first = null;
  for (const row of pane.querySelectorAll(".src-line")) {
    const n = Number(row.dataset.line);
    const on = n >= from && n <= to;
    row.classList.toggle("hl", on);
    if (on && !first) first = row;
  }
  if (first) first.scrollIntoView({ block: "nearest" });
}

async function renderSourceView(arg) {
  const [file, range] = arg.split("#");
  const [from, to] = (range || "1-1").split("-").map(Number);
  const view = document.getElementById("view-source");
  const lines = await fetchSource(file);
  if (!lines) { view.replaceChildren(el("p", { class: "pad", text: "Cannot show " + file })); return; }
  await showSource(view, file, 1, lines.length, from, to || from);
  const first = view.querySelector(".src-line.hl");
  if (first) first.scrollIntoView({ block: "center" });
}

// ------------------------------------------------------------------ listener form

const SECURITY = ["SSL", "START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER"];

function inputFor(f, id) {
  if (f.kind === "security") {
    const s = el("select", { id, name: f.path });
    for (const mode of SECURITY) s.append(el("option", { value: mode, text: mode, selected: f.value === mode }));
    return s;
  }
  if (f.kind === "boolean") {
    const s = el("select", { id, name: f.path });
    for (const v of ["true", "false"]) s.append(el("option", { value: v, text: v, selected: f.value === v }));
    return s;
  }
  if (f.kind === "protocol") {
    return el("select", { id, name: f.path }, el("option", { value: "TLS", text: "TLS", selected: true }));
  }
  if (f.secret) {
    return el("input", { id, name: f.path, type: "password", autocomplete: "off",
      placeholder: f.value ? "set — type a new value to replace it" : "not set" });
  }
  const value = Array.isArray(f.value) ? f.value.join(", ") : (f.value === null ? "" : f.value);
  return el("input", { id, name: f.path, type: "text", value, inputmode: f.kind === "int" || f.kind === "decimal" ? "decimal" : null,
    placeholder: f.kind === "strings" ? "comma-separated" : (f.default ? "default " + f.default : "") });
}

function howText(f, l) {
  if (f.origin === "configurable") {
    const detail = f.valueDetail && f.valueDetail !== f.valueOrigin ? ": " + f.valueDetail : "";
    return `from configurable \`${f.configurable}\` (${f.valueOrigin}${detail}); saving writes ${state.model.configFile}`;
  }
  if (f.origin === "literal") return `written in ${l.file} line ${f.line}: ${f.expression}; saving changes that expression`;
  if (f.origin === "expression") return `computed in ${l.file} line ${f.line}: ${f.expression}`;
  if (f.origin === "computed") return f.reason;
  if (f.origin === "default") return `not written; the default applies (${f.default}); saving adds the field to ${l.file}`;
  return `not written; saving adds the field to ${l.file}`;
}

async function saveField(l, f, value, mode) {
  state.editing = (state.editing || 0) + 1;
  let answer;
  try {
    answer = await api("/api/edit", { method: "POST", body: JSON.stringify({
      version: state.model.version, listener: l.id, field: f.path, value, mode }) });
  } finally {
    state.editing -= 1;
  }
  const { data } = answer;
  if (!answer.ok || !data.ok) {
    toast(data.error || "could not save", true);
    if (data.stale) await loadModel();
    return false;
  }
  state.model = data.model;
  toast(`Saved ${f.label} to ${data.changed}` + (data.note ? ` — ${data.note}` : ""));
  render();
  return true;
}

function renderListener(id) {
  const m = state.model;
  const view = document.getElementById("view-listener");
  const l = findById(m.listeners, id);
  view.replaceChildren();
  if (!l) { view.append(el("p", { class: "pad", text: "No such listener." })); return; }
  const box = el("div", { class: "pad" });
  box.append(el("h2", { text: `Listener ${l.name} — email:${l.kind}` }));
  box.append(el("p", { class: "optional", text: `${l.file} line ${l.line}. Every field of email:${l.kind === "PopListener" ? "Pop" : "Imap"}ListenerConfiguration; a value held by a configurable is saved in ${m.configFile}, anything else in the .bal file (only that expression changes).` }));
  const form = el("form", { class: "listener-form", onsubmit: (e) => e.preventDefault() });
  const groups = [["Connection", (f) => !f.path.startsWith("secureSocket")], ["TLS (secureSocket)", (f) => f.path.startsWith("secureSocket")]];
  for (const [title, pick] of groups) {
    const fs = el("fieldset", {}, el("legend", { text: title }));
    for (const f of l.fields.filter(pick)) {
      const inputId = "f-" + f.path.replace(/\./g, "-");
      const row = el("div", { class: "field", "data-field": f.path, "data-origin": f.origin });
      const actions = el("div", { class: "actions" });
      const current = { input: inputFor(f, inputId), mode: "value" };
      const input = current.input;
      const save = el("button", { type: "button", text: "Save", "aria-label": "Save " + f.label });
      const doSave = async () => {
        let value = current.input.value;
        if (current.mode === "value" && f.kind === "strings") value = value.split(",").map((x) => x.trim()).filter(Boolean);
        if (f.secret && current.mode === "value" && !value) { toast("type the new value first", true); return; }
        await saveField(l, f, value, current.mode);
      };
      const onEnter = (e) => { if (e.key === "Enter") { e.preventDefault(); doSave(); } };
      save.addEventListener("click", doSave);
      input.addEventListener("keydown", onEnter);
      if (!f.editable) { input.disabled = true; save.disabled = true; }
      actions.append(save);
      if (f.editable || f.written) {
        const toggle = el("button", { type: "button", text: "Expression", "aria-pressed": "false",
          "aria-label": "Edit " + f.label + " as a Ballerina expression" });
        toggle.addEventListener("click", () => {
          current.mode = current.mode === "value" ? "expression" : "value";
          toggle.setAttribute("aria-pressed", current.mode === "expression" ? "true" : "false");
          const replacement = current.mode === "expression"
            ? el("input", { id: inputId, name: f.path, type: "text", class: "mono", placeholder: "Ballerina expression",
                value: f.secret && f.origin === "literal" ? "" : (f.expression || "") })
            : inputFor(f, inputId);
          replacement.addEventListener("keydown", onEnter);
          current.input.replaceWith(replacement);
          current.input = replacement;
          save.disabled = false;
          replacement.focus();
        });
        actions.append(toggle);
      }
      row.append(el("label", { for: inputId, text: f.label + (f.required ? " *" : "") }), input, actions,
        el("div", { class: "how", text: howText(f, l) }));
      fs.append(row);
    }
    form.append(fs);
  }
  if (l.deployment) form.append(deploymentFieldset(l));
  box.append(form);
  const findings = m.diagnostics.filter((d) => d.nodes.includes(l.id));
  if (findings.length) { box.append(el("h3", { text: "Findings" })); findings.forEach((d) => box.append(findingEl(d))); }
  view.append(box);
}

function deploymentFieldset(l) {
  // [balmail.listeners.NAME]: where this listener connects at deployment, without touching the .bal file
  const fs = el("fieldset", { "data-section": "deployment" },
    el("legend", { text: `Deployment overrides — ${l.deployment.table} in ${state.model.configFile}` }));
  for (const row of l.deployment.rows) {
    const inputId = "d-" + row.key;
    const input = el("input", { id: inputId, name: row.key, type: row.secret ? "password" : "text", autocomplete: "off",
      value: row.secret ? "" : (row.value || ""),
      placeholder: row.secret && row.set ? "set — type a new value to replace it" : "not set: " + row.default });
    const save = async () => {
      state.editing = (state.editing || 0) + 1;
      let answer;
      try {
        answer = await api("/api/deployment", { method: "POST", body: JSON.stringify({
          version: state.model.version, listener: l.id, key: row.key, value: input.value }) });
      } finally { state.editing -= 1; }
      if (!answer.ok || !answer.data.ok) { toast(answer.data.error || "could not save", true); if (answer.data.stale) await loadModel(); return; }
      state.model = answer.data.model;
      toast(`${input.value ? "Saved" : "Removed"} ${row.key} in ${answer.data.changed}`);
      render();
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
    const button = el("button", { type: "button", text: "Save", "aria-label": "Save override " + row.key });
    button.addEventListener("click", save);
    fs.append(el("div", { class: "field", "data-override": row.key, "data-set": row.set ? "true" : "false" },
      el("label", { for: inputId, text: row.key }), input, el("div", { class: "actions" }, button),
      el("div", { class: "how", text: `${row.doc} Instead of ${row.ballerina}. Empty removes the override.` })));
  }
  return fs;
}

// ------------------------------------------------------------------ live updates

function listen() {
  const events = new EventSource("/api/events?marker=" + encodeURIComponent(state.model ? state.model.marker : ""));
  events.addEventListener("model", async (e) => {
    const marker = JSON.parse(e.data).marker;
    // our own edit: its answer carries the new model
    if (state.editing || (state.model && state.model.marker === marker)) return;
    await loadModel();
    toast("The program changed on disk; reloaded");
  });
  events.addEventListener("live", (e) => {
    state.live = JSON.parse(e.data).nodes || {};
    if (state.view === "canvas") {
      renderCanvas();
      renderFindings();
    }
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("zoom-in").addEventListener("click", () => setZoom(state.zoom * 1.25));
  document.getElementById("zoom-out").addEventListener("click", () => setZoom(state.zoom / 1.25));
  document.getElementById("zoom-fit").addEventListener("click", () => {
    const box = document.getElementById("canvas-scroll");
    const c = state.model && state.model.canvas;
    if (c) setZoom(Math.min(box.clientWidth / c.width, box.clientHeight / Math.max(c.height, 200), 1.5));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && state.view !== "canvas" && !(e.target instanceof HTMLInputElement)) go("#canvas");
  });
  window.addEventListener("hashchange", route);
  if (TOKEN) history.replaceState(null, "", location.pathname + location.hash);
  await loadModel();
  route();
  listen();
});
