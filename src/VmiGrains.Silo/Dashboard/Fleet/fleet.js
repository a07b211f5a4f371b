// The fleet page: reads /api/v1 every 2 s and renders hosts, VMIs (allocations and telemetry
// sparklines), profiles with their versions, rollouts, rule errors and recent decisions. No framework,
// no CDN; every value is inserted as text, never as HTML.
"use strict";

const API = "../api/v1";
const REFRESH_MS = 2000;
const SPARK_POINTS = 60;
const MAX_DETAILED_VMIS = 100;
const MAX_FINISHED_ROLLOUTS = 10;
const ACTIVE_ROLLOUT = new Set(["running", "paused", "rolling_back"]);
const history = new Map(); // "vmiId/metric" -> recent values

async function get(path) {
  const response = await fetch(`${API}${path}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (response.status === 401) {
    throw Object.assign(new Error("unauthorized"), { unauthorized: true });
  }
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(`${path}: ${response.status} ${detail}`);
  }
  return response.json();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") { node.className = value; } else { node.setAttribute(key, value); }
  }
  for (const child of children) {
    if (child === null || child === undefined) { continue; }
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function fill(tableId, rows, columns, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { class: "empty", colspan: String(columns) }, emptyText)));
    return;
  }
  for (const row of rows) { body.append(row); }
}

const time = (iso) => iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : "–";
const pct = (x) => Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "–";
function bytes(kib) {
  if (!Number.isFinite(kib)) { return "–"; }
  return kib >= 1048576 ? `${(kib / 1048576).toFixed(0)} GiB` : `${(kib / 1024).toFixed(0)} MiB`;
}
function rate(x) {
  if (!Number.isFinite(x)) { return "–"; }
  if (x >= 1048576) { return `${(x / 1048576).toFixed(1)} MiB/s`; }
  if (x >= 1024) { return `${(x / 1024).toFixed(1)} KiB/s`; }
  return `${x.toFixed(0)} B/s`;
}

function bar(share, label) {
  const inner = el("span");
  inner.style.width = `${Math.max(0, Math.min(1, Number(share) || 0)) * 100}%`;
  return el("div", { class: "bar", title: `${label} ${pct(share)}` }, inner);
}

function sparkline(values, format) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("viewBox", "0 0 90 22");
  const finite = values.filter(Number.isFinite);
  if (finite.length > 0) {
    const max = Math.max(...finite), min = Math.min(0, ...finite), span = max - min || 1;
    const step = values.length > 1 ? 88 / (values.length - 1) : 0;
    const points = values.map((v, i) => `${(1 + i * step).toFixed(1)},${(21 - ((Number.isFinite(v) ? v : min) - min) / span * 20).toFixed(1)}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.length === 1 ? `${points[0]} 89,${points[0].split(",")[1]}` : points.join(" "));
    svg.append(line);
  }
  const last = finite.length ? format(finite[finite.length - 1]) : "no samples";
  return el("div", { title: last }, svg, el("div", { class: "value" }, last));
}

function remember(vmiId, metric, summary) {
  const key = `${vmiId}/${metric}`;
  const values = history.get(key) || [];
  values.push(summary && summary.samples > 0 ? summary.last : NaN);
  if (values.length > SPARK_POINTS) { values.shift(); }
  history.set(key, values);
  return values;
}

function renderHosts(hosts) {
  fill("hosts", hosts.map((h) => el("tr", { "data-host": h.name },
    el("td", {}, h.name),
    el("td", { class: h.available ? "up" : "down" }, h.available ? "up" : "unavailable"),
    el("td", {}, h.logical_cpus), el("td", {}, bytes(h.memory_kib)), el("td", {}, h.vmis),
    el("td", {}, h.rebalances), el("td", {}, time(h.last_rebalance)),
    el("td", {}, (h.unsupported_knobs || []).join(", ") || "–"))), 8, "No hosts have reported yet.");
}

function renderVmis(items, views) {
  fill("vmis", items.map((item) => {
    const view = views.get(item.vmi_id);
    const metrics = new Map(((view && view.metrics) || []).map((m) => [m.metric, m]));
    const io = metrics.get("io_read") && metrics.get("io_write")
      ? { samples: metrics.get("io_read").samples + metrics.get("io_write").samples, last: (metrics.get("io_read").last || 0) + (metrics.get("io_write").last || 0) }
      : undefined;
    const a = view && view.allocation;
    const spark = (metric, summary, format) => el("td", {}, sparkline(remember(item.vmi_id, metric, summary), format));
    return el("tr", { "data-vmi": item.name, id: `vmi-${item.vmi_id}` },
      el("td", { title: item.vmi_id }, el("strong", {}, item.name)),
      el("td", {}, item.host),
      el("td", {}, item.profile_id ? `${item.profile_id} v${item.profile_version}` : "–"),
      el("td", {}, a ? el("div", { class: "bars" }, bar(a.cpu_share, "cpu"), bar(a.ram_share, "ram"), bar(a.network_share, "net"), bar(a.storage_share, "io")) : "–"),
      spark("cpu", metrics.get("cpu"), pct), spark("mem", metrics.get("mem"), pct),
      spark("net_rx", metrics.get("net_rx"), rate), spark("net_tx", metrics.get("net_tx"), rate),
      spark("io", io, rate),
      el("td", {}, view ? (view.undo_records || []).map((u) => u.description).join("; ") || "–" : "…"));
  }), 10, "No VMIs yet: start a silo with VmiGrains:Host:Name set.");
}

function renderProfiles(profiles, histories) {
  fill("profiles", profiles.map((p) => el("tr", { "data-profile": p.id },
    el("td", {}, p.id), el("td", {}, p.name), el("td", {}, `v${p.latest_version}`),
    el("td", {}, (histories.get(p.id) || []).map((v) => `v${v.version} ${time(v.created_at)}`).join(", ")),
    el("td", {}, p.attached_vmis))), 5, "No profiles: vmi profile apply -f examples/profiles/*.json");
}

function renderRollouts(rollouts) {
  const active = rollouts.filter((r) => ACTIVE_ROLLOUT.has(r.status));
  const finished = rollouts.filter((r) => !ACTIVE_ROLLOUT.has(r.status)).slice(0, MAX_FINISHED_ROLLOUTS);
  fill("rollouts", active.concat(finished).map((r) => {
    const waves = r.waves || [];
    const current = waves.find((w) => w.status !== "passed" && w.status !== "pending") || waves.find((w) => w.status === "pending");
    const gated = waves.filter((w) => w.gate);
    const gate = gated.length ? gated[gated.length - 1].gate : "–";
    const state = r.status.replace("_", " ");
    return el("tr", { "data-rollout": r.id, class: r.status === "paused" || r.status === "rolled_back" ? "error" : "" },
      el("td", {}, el("strong", {}, r.id)),
      el("td", {}, r.request.profile_id),
      el("td", {}, `${(r.from_versions || []).join(", ") || "–"} → v${r.to_version}`),
      el("td", { title: r.status_reason || "" }, state),
      el("td", {}, el("div", { class: "progress" }, bar(r.total ? r.switched / r.total : 0, "switched")), `${r.switched} of ${r.total}`),
      el("td", {}, current ? `${current.name}: ${current.status.replace("_", " ")}${current.status === "soaking" && current.soak_until ? ` until ${time(current.soak_until)}` : ""}` : "–"),
      el("td", {}, gate),
      el("td", {}, `${time(r.started_at)} by ${r.started_by || "–"}`));
  }), 8, "No rollouts: vmi rollout PROFILE (or POST /api/v1/rollouts).");
}

function renderDecisions(decisions, views) {
  const ruleErrors = decisions.filter((d) => d.kind === "rule-error" || d.kind === "rule-disabled");
  for (const [id, view] of views) {
    for (const disabled of view.disabled_rules || []) {
      ruleErrors.push({ time: null, vmi: view.name || id, kind: "disabled now", what: disabled, reason: "" });
    }
  }
  fill("rule-errors", ruleErrors.slice(0, 50).map((d) => el("tr", { class: "error" },
    el("td", {}, time(d.time)), el("td", {}, d.vmi), el("td", {}, d.kind), el("td", {}, d.what), el("td", {}, d.reason))),
    5, "No rule errors in the last hour.");
  fill("decisions", decisions.slice(0, 50).map((d) => el("tr", {},
    el("td", {}, time(d.time)), el("td", {}, d.vmi), el("td", {}, d.kind), el("td", {}, d.what), el("td", {}, d.reason),
    el("td", {}, d.before || d.after ? `${d.before || "–"} → ${d.after || "–"}` : "–"))),
    6, "No decisions in the last hour.");
}

async function refresh() {
  const [hosts, vmis, profiles, rollouts] = await Promise.all([get("/hosts"), get("/vms"), get("/profiles"), get("/rollouts")]);
  const detailed = vmis.slice(0, MAX_DETAILED_VMIS);
  const enc = encodeURIComponent;
  const [views, decisionLists, histories] = await Promise.all([
    Promise.all(detailed.map((v) => get(`/vms/${enc(v.vmi_id)}`).catch(() => null))),
    Promise.all(detailed.map((v) => get(`/vms/${enc(v.vmi_id)}/decisions?since=1h`).catch(() => []))),
    Promise.all(profiles.map((p) => get(`/profiles/${enc(p.id)}/history`).catch(() => []))),
  ]);
  const viewMap = new Map(detailed.map((v, i) => [v.vmi_id, views[i]]).filter(([, view]) => view));
  const decisions = detailed.flatMap((v, i) => decisionLists[i].map((d) => ({ ...d, vmi: v.name })))
    .sort((x, y) => (x.time < y.time ? 1 : -1));
  renderHosts(hosts);
  renderVmis(vmis, viewMap);
  renderProfiles(profiles, new Map(profiles.map((p, i) => [p.id, histories[i]])));
  renderRollouts(rollouts);
  renderDecisions(decisions, viewMap);
  document.getElementById("status").textContent =
    `${hosts.length} host(s), ${vmis.length} VMI(s), ${profiles.length} profile(s), ${rollouts.filter((r) => ACTIVE_ROLLOUT.has(r.status)).length} rollout(s) running · updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
}

async function loop() {
  try {
    await refresh();
    document.getElementById("login").hidden = true;
    document.getElementById("main").hidden = false;
  } catch (error) {
    if (error.unauthorized) {
      document.getElementById("login").hidden = false;
      document.getElementById("main").hidden = true;
      document.getElementById("status").textContent = "sign in to see the fleet";
      return; // wait for a token
    }
    document.getElementById("status").textContent = `refresh failed: ${error.message}; retrying`;
  }
  setTimeout(loop, REFRESH_MS);
}

document.getElementById("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = document.getElementById("token").value.trim();
  if (token) {
    // read-only by design (see docs/api.md); never sent over plain HTTP once the page is served over TLS
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `vmigrains_token=${encodeURIComponent(token)}; path=/; SameSite=Strict${secure}`;
    loop();
  }
});

loop();
