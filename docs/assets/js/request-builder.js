// The support request page: reads the form, asks the Python runtime (checks.call_json
// "request.render", in the worker) for the outputs and draws them. It judges nothing itself.
// Everything the agent typed is only ever set as textContent or value.
import { loadAdminResults } from "./admin-results.js";
import { pageRuntime } from "./runtime-client.js";

const KEY = "help.request.v1";
const VERSION = 1;
const DEBOUNCE_MS = 30;
const FILES = { text: ["support-request.txt", "text/plain"], markdown: ["support-request.md", "text/markdown"], json: ["support-request.json", "application/json"] };

const config = JSON.parse(document.getElementById("__request").textContent);
const t = config.strings;
const lang = config.lang;
const $ = (sel, el = document) => el.querySelector(sel);
const form = $("#rq-form");
const state = $(".rq-state");
const outputs = $("#rq-outputs");
const blank = $("#rq-blank");
const outLang = $("#rq-out-lang");
const errorsBox = $("#rq-errors");
const said = $(".rq-said");
const mailto = $(".rq-mailto");
const adminBox = $("#rq-admin-include"); // attach the admin checks' results: shown when there are any
const adminRow = adminBox?.closest(".rq-admin");
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const fields = config.form.field;

let runtime = null;
let last = null; // the newest result of request.render
let renderSeq = 0;
let timer = null;
let showErrors = false; // errors are listed once the agent tries to send, then kept current
let lastRun = null;
let adminResults = {}; // the admin checks' last results (help.admin.v1): attached too, checked by the Python
const pageNotices = [];

function readJson(key) {
  try { return JSON.parse(localStorage.getItem(key)); } catch { return undefined; }
}

function container(id) { return form.querySelector(`[data-field="${id}"]`); }

// Minutes east of UTC of a wall-clock time in a zone (Intl names the offset, e.g. "GMT+08:00").
function offsetMin(local, zone) {
  const guess = new Date(`${local}Z`);
  if (Number.isNaN(guess.getTime())) return null;
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(guess).find((p) => p.type === "timeZoneName")?.value || "GMT";
    const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
  } catch {
    return -new Date(local).getTimezoneOffset();
  }
}

// An ISO time as this browser's wall clock with its offset ("2026-11-26T10:30:50+08:00"), so the
// request writes the admin checks' times like the start time the agent enters; else as it was.
function localIso(at) {
  const d = typeof at === "string" && /^\d{4}-\d{2}-\d{2}T/.test(at) ? new Date(at) : null;
  if (!d || Number.isNaN(d.getTime())) return at;
  const off = -d.getTimezoneOffset();
  const pad = (n) => String(n).padStart(2, "0");
  const local = new Date(d.getTime() + off * 60000).toISOString().slice(0, 19);
  return `${local}${off < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

// What goes to the Python: nothing when the agent leaves the admin results out.
function adminToSend() {
  if (!adminBox || !adminBox.checked) return {};
  return Object.fromEntries(Object.entries(adminResults).map(([key, entry]) => [key, { ...entry, at: localIso(entry.at) }]));
}

function nowLocal() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function addAttachment(list, entry = {}) {
  const row = $("template.rq-row", container("attachments")).content.firstElementChild.cloneNode(true);
  const n = list.children.length + 1;
  for (const part of ["name", "shows"]) {
    const input = $(`[data-part=${part}]`, row);
    input.id = `rq-attachments-${part}-${n}-${Date.now() % 1e6}`;
    $(`[data-for=${part}]`, row).htmlFor = input.id;
    input.value = typeof entry[part] === "string" ? entry[part] : "";
  }
  $(".rq-remove", row).setAttribute("aria-label", `${t.attach_remove} ${t.attach_row.replace("{n}", n)}`);
  list.append(row);
  return row;
}

function readValues() {
  const values = {};
  for (const f of fields) {
    const el = container(f.id);
    if (!el) continue;
    const checked = () => [...el.querySelectorAll(`input[name="${f.id}"]:checked`)].map((i) => i.value);
    if (f.type === "text" || f.type === "textarea" || f.type === "select") values[f.id] = $(`#rq-${f.id}`).value;
    else if (f.type === "multiselect" || f.type === "steps") values[f.id] = checked();
    else if (f.type === "radio") values[f.id] = checked()[0] ?? null;
    else if (f.type === "datetime") {
      const local = $(`#rq-${f.id}-local`).value;
      const zone = $(`#rq-${f.id}-zone`).value || browserZone;
      values[f.id] = local ? { local, offset_min: offsetMin(local, zone), zone } : null;
    } else if (f.type === "duration") {
      const amount = $(`#rq-${f.id}-amount`).value;
      values[f.id] = $(`#rq-${f.id}-ongoing`).checked ? { ongoing: true } : amount ? { amount, unit: $(`#rq-${f.id}-unit`).value } : {};
    } else if (f.type === "attachments") {
      values[f.id] = [...el.querySelectorAll(".rq-attachment")].map((row) => ({ name: $("[data-part=name]", row).value, shows: $("[data-part=shows]", row).value }));
    }
  }
  const unmasked = [...form.querySelectorAll("[data-nomask]:checked")].map((i) => i.dataset.nomask);
  return { values, unmasked };
}

function writeValues(values, unmasked = []) {
  for (const f of fields) {
    const el = container(f.id);
    const v = values[f.id];
    if (!el || v === undefined || v === null) continue;
    if (["text", "textarea", "select"].includes(f.type)) $(`#rq-${f.id}`).value = typeof v === "string" ? v : "";
    else if (["multiselect", "steps", "radio"].includes(f.type)) {
      const wanted = new Set(Array.isArray(v) ? v : [v]);
      for (const input of el.querySelectorAll(`input[name="${f.id}"]`)) input.checked = wanted.has(input.value);
    } else if (f.type === "datetime" && typeof v.local === "string") {
      $(`#rq-${f.id}-local`).value = v.local;
      if (typeof v.zone === "string") $(`#rq-${f.id}-zone`).value = v.zone;
    } else if (f.type === "duration") {
      $(`#rq-${f.id}-ongoing`).checked = v.ongoing === true;
      $(`#rq-${f.id}-amount`).value = v.amount ?? "";
      if (v.unit) $(`#rq-${f.id}-unit`).value = v.unit;
    } else if (f.type === "attachments" && Array.isArray(v)) {
      const list = $(".rq-attachments", el);
      list.replaceChildren();
      for (const entry of v) if (entry && typeof entry === "object") addAttachment(list, entry);
    }
  }
  for (const box of form.querySelectorAll("[data-nomask]")) box.checked = unmasked.includes(box.dataset.nomask);
}

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify({ v: VERSION, ...readValues(), out_lang: outLang.value, admin: adminBox ? adminBox.checked : true }));
  } catch { /* storage full or off: the form still works, it just will not survive a reload */ }
}

// Stored data is used only when it is this version's shape; anything else is dropped with a notice.
function restore() {
  const raw = (() => { try { return localStorage.getItem(KEY); } catch { return null; } })();
  if (raw === null) return false;
  const data = readJson(KEY);
  if (!data || data.v !== VERSION || typeof data.values !== "object" || data.values === null || Array.isArray(data.values)) {
    try { localStorage.removeItem(KEY); } catch { /* nothing to drop */ }
    pageNotices.push(t.dropped);
    return false;
  }
  try {
    writeValues(data.values, Array.isArray(data.unmasked) ? data.unmasked : []);
  } catch {
    pageNotices.push(t.dropped);
    return false;
  }
  if (data.out_lang === "zh" || data.out_lang === "en") outLang.value = data.out_lang;
  if (adminBox && typeof data.admin === "boolean") adminBox.checked = data.admin;
  return true;
}

function preTick() {
  const ticks = readJson("help.ticks.v1");
  const steps = ticks && ticks.v === 1 && ticks.steps && typeof ticks.steps === "object" ? ticks.steps : {};
  for (const box of container("steps_tried")?.querySelectorAll("input[type=checkbox]") ?? []) if (steps[box.value]) box.checked = true;
}

function setDefaults() {
  const started = fields.find((f) => f.type === "datetime");
  if (started && !$(`#rq-${started.id}-local`).value) $(`#rq-${started.id}-local`).value = nowLocal();
}

function fillZones() {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  if (!zones.includes(browserZone)) zones.unshift(browserZone);
  for (const select of form.querySelectorAll("[data-type=datetime] select")) {
    for (const zone of zones) {
      const option = document.createElement("option");
      option.value = zone;
      option.textContent = zone;
      select.append(option);
    }
    select.value = browserZone;
  }
}

function say(text) {
  said.textContent = "";
  said.textContent = text; // re-set so the same words are announced again
}

function drawNotices() {
  const list = $(".rq-notices");
  const leftOut = adminRow && !adminRow.hidden && !adminBox.checked ? [t.admin_left_out] : [];
  const items = [...pageNotices, ...leftOut, ...(last ? last.notices.map((n) => n.message[lang]) : [])];
  list.replaceChildren(...items.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
}

function drawErrors(focus) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const errors = showErrors && last ? last.errors : [];
  if (!errors.length) {
    errorsBox.replaceChildren();
    return false;
  }
  const list = document.createElement("ul");
  for (const e of errors) list.append(Object.assign(document.createElement("li"), { textContent: e.message[lang] }));
  errorsBox.replaceChildren(Object.assign(document.createElement("p"), { textContent: t.errors_title }), list);
  const targets = errors.map((e) => e.field && container(e.field)?.querySelector("input:not([type=hidden]), textarea, select")).filter(Boolean);
  for (const el of targets) el.setAttribute("aria-invalid", "true");
  if (focus && targets[0]) targets[0].focus();
  return true;
}

function draw(result) {
  last = result;
  $("[data-out=text]").value = result.text;
  $("[data-out=text]").lang = outLang.value;
  $("[data-out=markdown]").value = result.markdown;
  $("[data-out=markdown]").lang = outLang.value;
  $("[data-out=json]").value = JSON.stringify(result.json, null, 2);
  if (mailto) { // only when the site has a support e-mail address
    mailto.hidden = !result.mailto;
    if (result.mailto) mailto.href = result.mailto;
  }
  drawNotices();
  drawErrors(false);
  outputs.dataset.fresh = String(renderSeq);
}

async function render() {
  const seq = ++renderSeq;
  const { values, unmasked } = readValues();
  try {
    const result = await runtime.call("request.render", {
      form: config.form, values, settings: config.settings, steps: config.steps,
      findings: lastRun?.findings ?? null, unmasked, lang: outLang.value, admin: adminToSend(),
    });
    if (seq === renderSeq) draw(result); // a newer keystroke wins
  } catch (err) {
    if (seq === renderSeq) { state.textContent = err.kind === "call" ? err.message : t.runtime; }
  }
}

function changed() {
  save();
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}

async function flush() {
  clearTimeout(timer);
  await render();
}

// Before anything leaves the page: missing fields are announced and the focus moves to the first.
async function ready() {
  await flush();
  showErrors = true;
  return !drawErrors(true);
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function wire() {
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  outLang.addEventListener("change", changed);
  adminBox?.addEventListener("change", changed);
  const list = $(".rq-attachments");
  $(".rq-add").addEventListener("click", () => { $("input", addAttachment(list)).focus(); changed(); });
  list.addEventListener("click", (event) => {
    const button = event.target.closest(".rq-remove");
    if (!button) return;
    button.closest(".rq-attachment").remove();
    $(".rq-add").focus();
    changed();
  });
  $(".rq-clear").addEventListener("click", () => {
    if (!window.confirm(t.clear_confirm)) return;
    try { localStorage.removeItem(KEY); } catch { /* nothing stored */ }
    form.reset();
    list.replaceChildren();
    for (const select of form.querySelectorAll("[data-type=datetime] select")) select.value = browserZone;
    if (adminBox) adminBox.checked = true;
    setDefaults();
    showErrors = false;
    pageNotices.length = 0;
    say(t.cleared);
    changed();
  });
  for (const button of document.querySelectorAll(".rq-copy")) {
    button.addEventListener("click", async () => {
      if (!(await ready())) return;
      const box = $(`[data-out=${button.dataset.copy}]`);
      if (await copy(box.value)) say(t.copied);
      else { box.focus(); box.select(); say(t.copy_failed); }
    });
  }
  for (const button of document.querySelectorAll(".rq-download")) {
    button.addEventListener("click", async () => {
      if (!(await ready())) return;
      const [name, type] = FILES[button.dataset.download];
      const url = URL.createObjectURL(new Blob([$(`[data-out=${button.dataset.download}]`).value], { type: `${type};charset=utf-8` }));
      const a = Object.assign(document.createElement("a"), { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
  }
  mailto?.addEventListener("click", async (event) => {
    event.preventDefault(); // the outputs must be current before the mail program opens
    if (!(await ready()) || !last?.mailto) return;
    if (last.copy_first) say((await copy(last.text)) ? t.mail_copied : t.copy_failed);
    window.location.href = last.mailto;
  });
}

async function prefill() {
  adminResults = loadAdminResults(); // the Python names what it attaches, in a notice
  if (adminRow) adminRow.hidden = !Object.keys(adminResults).length;
  const run = readJson("help.lastrun.v1");
  if (!run || run.v !== 1 || typeof run.facts !== "object" || run.facts === null) {
    pageNotices.push(t.no_findings);
    return;
  }
  lastRun = run;
  const n = Array.isArray(run.findings) ? run.findings.length : 0;
  const at = typeof run.at === "string" ? new Date(run.at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB") : "?";
  pageNotices.push(n ? t.findings.replace("{n}", n).replace("{at}", at) : t.no_findings);
  try {
    const env = await runtime.call("request.environment", { facts: run.facts, lang });
    for (const [id, value] of Object.entries(env.values || {})) {
      const input = $(`#rq-${id}`);
      if (input && !input.value && typeof value === "string") input.value = value;
    }
    save();
  } catch { /* the agent can type the environment in */ }
}

function unavailable(message) {
  state.textContent = message;
  form.hidden = true;
  outputs.hidden = true;
  blank.hidden = false;
}

async function main() {
  if (location.protocol === "file:") return unavailable(t.file);
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return unavailable(t.unsupported);
  fillZones();
  restore();
  preTick();
  setDefaults();
  wire();
  form.hidden = false;
  state.textContent = t.loading;
  runtime = pageRuntime(config);
  try {
    await runtime.start();
  } catch {
    return unavailable(t.runtime);
  }
  await prefill();
  blank.hidden = true;
  outputs.hidden = false;
  state.textContent = t.ready;
  await render();
  document.getElementById("rq").dataset.ready = "1";
}

main();
