// Fact collectors: read browser APIs and measure, never conclude. The Python checks
// (checks/) turn these facts into findings. Every collector resolves, even on failure.
// The shape of every fact: schemas/facts.schema.json.
import { backgroundFacts } from "./background-test.js";

const now = () => performance.now();
const round = (ms) => (ms == null ? null : Math.round(ms));

// Read before any click: after a reload the workstation tab is in exactly this state,
// so this tells whether its sounds would be blocked by the autoplay policy.
// prepare() reads it as the page loads, and only for a panel that judges sound.
let audioBeforeGesture = null;

function audioState() {
  try {
    if (navigator.userActivation && navigator.userActivation.hasBeenActive) return null;
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    const ctx = new Ctx();
    const state = ctx.state;
    ctx.close();
    return state;
  } catch {
    return null;
  }
}

async function timedFetch(url, timeoutMs, init = {}) {
  // AbortController rather than AbortSignal.timeout(), which Safari 15 lacks.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = now();
  try {
    const response = await fetch(url, { cache: "no-store", signal: controller.signal, ...init });
    return { ok: true, ms: now() - started, response };
  } catch (err) {
    return { ok: false, ms: null, error: err && err.name === "AbortError" ? "timeout" : "network" };
  } finally {
    clearTimeout(timer);
  }
}

async function probeHost(url, timeoutMs) {
  const { ok, ms, error } = await timedFetch(url, timeoutMs, { mode: "no-cors", credentials: "omit" });
  return { url, ok, ms: round(ms), error: error || null };
}

function probeWebSocket(url, timeoutMs) {
  if (!url) return Promise.resolve(null);
  return new Promise((resolve) => {
    const result = {
      url, opened: false, open_ms: null, echo_ok: false, echo_ms: null, other_messages: 0, error: null, close_code: null,
    };
    const started = now();
    // Only this exact text coming back is an echo: a server or proxy that answers
    // something else (a greeting, an error page's text) has not proved a round trip.
    const nonce = `help-check-${Math.random().toString(36).slice(2)}`;
    let ws;
    let sentAt = 0;
    let done = false;
    const finish = (error) => {
      if (done) return; // the first outcome counts; later events must not rewrite it
      done = true;
      clearTimeout(timer);
      if (error && !result.error) result.error = error;
      if (ws) {
        ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
        try { ws.close(); } catch { /* already closed */ }
      }
      resolve({ ...result });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    try {
      ws = new WebSocket(url);
    } catch (err) {
      // SyntaxError: a malformed URL; SecurityError: a scheme the page may not use (ws:// on
      // https). Both are the site's settings, not the network: the checks tell them apart.
      const name = err && err.name;
      return finish(name === "SyntaxError" || name === "SecurityError" ? name : "error");
    }
    ws.onopen = () => {
      result.opened = true;
      result.open_ms = round(now() - started);
      sentAt = now();
      ws.send(nonce);
    };
    ws.onmessage = (event) => {
      if (event.data !== nonce) {
        result.other_messages += 1;
        return;
      }
      result.echo_ok = true;
      result.echo_ms = round(now() - sentAt);
      finish(null);
    };
    ws.onerror = () => { result.error = result.error || "error"; };
    ws.onclose = (event) => {
      result.close_code = event.code;
      finish(result.echo_ok ? null : "closed");
    };
  });
}

async function clockOffset(timeUrl, timeoutMs) {
  const source = timeUrl || new URL(".", document.baseURI).href;
  const startedWall = Date.now();
  const { ok, ms, response, error } = await timedFetch(source, timeoutMs, { method: "HEAD" });
  if (!ok) return { source, offset_ms: null, rtt_ms: null, error };
  const header = response.headers.get("Date");
  const server = header ? Date.parse(header) : NaN;
  if (Number.isNaN(server)) return { source, offset_ms: null, rtt_ms: round(ms), error: "no readable Date header" };
  // The Date header has whole seconds; compare it with the middle of the round trip.
  return { source, offset_ms: round(server + 500 - (startedWall + ms / 2)), rtt_ms: round(ms), error: null };
}

export async function connectivity(settings) {
  const probe = settings.probe || {};
  const timeoutMs = probe.timeout_ms; // settings.toml holds the default; the build validates it
  const conn = navigator.connection;
  const [hosts, websocket, clock] = await Promise.all([
    Promise.all((probe.hosts || []).map((url) => probeHost(url, timeoutMs))),
    probeWebSocket(probe.websocket_echo_url, timeoutMs),
    clockOffset(probe.time_url, timeoutMs),
  ]);
  return {
    online: navigator.onLine,
    connection: conn ? { effectiveType: conn.effectiveType, rtt: conn.rtt, downlink: conn.downlink, saveData: !!conn.saveData } : null,
    hosts,
    websocket,
    clock,
  };
}

// The help site's own tab. Permission, autoplay and the secure context are kept per site:
// these facts only say whether the test notification and test sound can work here.
export async function notifications(answers) {
  const supported = "Notification" in window;
  let permissionQuery = null;
  try {
    permissionQuery = (await navigator.permissions.query({ name: "notifications" })).state;
  } catch { /* Safari before 16 has no permissions API for notifications */ }
  let autoplay = null;
  try {
    if (navigator.getAutoplayPolicy) autoplay = navigator.getAutoplayPolicy("audiocontext");
  } catch { /* not in this browser */ }
  return {
    supported,
    permission: supported ? Notification.permission : null,
    permission_query: permissionQuery,
    secure_context: window.isSecureContext,
    audio_state: audioBeforeGesture,
    autoplay_policy: autoplay,
    user_agent: navigator.userAgent,
    answers: { ...answers },
  };
}

function storageWorks(name) {
  try {
    const store = window[name];
    store.setItem("__help_probe", "1");
    store.removeItem("__help_probe");
    return true;
  } catch {
    return false;
  }
}

function indexedDbWorks(timeoutMs = 2000) {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open("__help_probe");
      const timer = setTimeout(() => resolve(null), timeoutMs);
      request.onsuccess = () => { clearTimeout(timer); request.result.close(); indexedDB.deleteDatabase("__help_probe"); resolve(true); };
      request.onerror = () => { clearTimeout(timer); resolve(false); };
    } catch {
      resolve(false);
    }
  });
}

const HOUR = 3600000;
const DAY = 24 * HOUR;

// Minutes east of UTC of the zone a longOffset formatter is for, at instant t ("GMT+08:00",
// "GMT-03:30", or "GMT" for UTC itself); null if the browser gives no such name.
function offsetAt(format, t) {
  const name = (format.formatToParts(t).find((part) => part.type === "timeZoneName") || {}).value || "";
  if (name === "GMT" || name === "UTC") return 0;
  const m = /^(?:GMT|UTC)([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (!m) return null;
  return (m[1] === "+" ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] || 0));
}

// Offsets of this computer's zone and of the service zone now and wherever either changes
// in the next year: zones with different names may keep the same clock (Hong Kong and
// Shanghai), and zones equal today may part at a daylight-saving change.
export function zoneOffsets(serviceZone, from = Date.now()) {
  let format = null;
  try {
    if (serviceZone) format = new Intl.DateTimeFormat("en-US", { timeZone: serviceZone, timeZoneName: "longOffset" });
  } catch { /* an unknown zone or no longOffset support: the service offset stays null */ }
  const at = (t) => ({ at: t, local: -new Date(t).getTimezoneOffset() || 0, service: format ? offsetAt(format, t) : null });
  const same = (a, b) => a.local === b.local && a.service === b.service;
  const out = [at(from)];
  // Sample daily; where a day brings a change, walk it hour by hour to find when.
  const start = Math.floor(from / HOUR) * HOUR;
  let prev = out[0];
  for (let day = 1; day <= 366 && out.length < 20; day++) {
    const next = at(start + day * DAY);
    if (same(prev, next)) continue;
    for (let t = start + (day - 1) * DAY + HOUR; t <= start + day * DAY && out.length < 20; t += HOUR) {
      const here = at(t);
      if (!same(prev, here)) out.push(here);
      prev = here;
    }
  }
  return out;
}

export async function browser(settings) {
  let uaData = null;
  try {
    if (navigator.userAgentData) {
      const high = await navigator.userAgentData.getHighEntropyValues(["fullVersionList"]);
      uaData = { brands: high.brands, fullVersionList: high.fullVersionList || null };
    }
  } catch { /* client hints refused */ }
  return {
    user_agent: navigator.userAgent,
    ua_data: uaData,
    cookies: navigator.cookieEnabled,
    local_storage: storageWorks("localStorage"),
    indexed_db: await indexedDbWorks(),
    websocket_supported: "WebSocket" in window,
    notification_supported: "Notification" in window,
    time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || null,
    utc_offset_min: -new Date().getTimezoneOffset() || 0,
    zone_offsets: zoneOffsets(settings.service_timezone),
  };
}

// A collector that throws or hangs must not hold back the others: its area becomes
// {collect_error}, which the Python runner reports as one "unknown" finding.
function guarded(job, timeoutMs) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ collect_error: `timeout after ${timeoutMs} ms` }), timeoutMs);
  });
  const run = Promise.resolve()
    .then(job)
    .catch((err) => ({ collect_error: `${(err && err.name) || "Error"}: ${(err && err.message) || err}` }));
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

// One place that knows which collectors feed which panel. "all" takes every area
// that has a collector; an area whose collector gives null (nothing to report) is left out.
const ALL = ["connectivity", "notifications", "browser", "background", "workstation"];
const areas = (names) => (names.includes("all") ? ALL : names);

// Called once as the page loads, before any click, with the panels the page has.
export function prepare(names) {
  if (areas(names).includes("notifications")) audioBeforeGesture = audioState();
}

export async function collect(names, settings, answers) {
  const jobs = {
    connectivity: () => connectivity(settings),
    notifications: () => notifications(answers),
    browser: () => browser(settings),
    background: () => backgroundFacts(),
    workstation: () => import("./workstation-handover.js").then((m) => m.currentHandover()),
  };
  const want = areas(names).filter((name) => jobs[name]);
  // Network probes have their own timeout; allow for it plus a margin.
  const limit = settings.probe.timeout_ms + 2000;
  const entries = await Promise.all(want.map(async (name) => [name, await guarded(jobs[name], limit)]));
  return Object.fromEntries(entries.filter(([, value]) => value != null));
}
