// The checks page's reports. "Save report" downloads what the panels last judged as a
// report (facts, not wording: checks/report builds it); "Share link" puts the report in the
// address's fragment, with a QR code drawn by segno in the worker. Opened with "#report=",
// the page shows that report read-only, judged again here, in this page's language.
// The admin checks' last results (admin-results.js) go in the report too, and are shown apart:
// they are about the team's setup, as judged when they ran, not about the device.
import { loadAdminResults } from "./admin-results.js";
import { shared } from "./checks-panel.js";
import { renderFindings } from "./findings-view.js";
import { el, fill, segnoZipUrl, shareCode, timeText, unavailable, whoText } from "./report-common.js";

const LINK_TARGET = 2000; // longer links get cut by some chat and ticket systems
const MAX_CODE = 65536; // a typical code is under 2,000 characters; far longer is not a report

const configNode = document.getElementById("__help");
const config = configNode ? JSON.parse(configNode.textContent) : null;
const t = config && config.strings.report;

// Every panel's last judged facts in one report; the probe's are the workstation area.
function lastRun() {
  const facts = {};
  for (const judged of shared.facts.values()) Object.assign(facts, judged);
  if (!Object.keys(facts).length) return null;
  const { workstation: probe = null, ...rest } = facts;
  const answers = rest.notifications && rest.notifications.answers;
  return { facts: rest, probe, answers: answers && typeof answers === "object" ? answers : null };
}

// Something to report: a check run, or an admin check's results alone.
function haveResults() {
  return Boolean(lastRun()) || Object.keys(loadAdminResults()).length > 0;
}

async function buildReport() {
  const run = lastRun() || { facts: {}, probe: null, answers: null };
  const now = new Date();
  const meta = { at_ms: now.getTime(), offset_min: -now.getTimezoneOffset(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone || null };
  return shared.runtime.call("report.build", { ...run, meta, settings: config.settings, admin: loadAdminResults() });
}

function fileName(report) {
  const stamp = (report.at || new Date().toISOString()).slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `report-${stamp}.json`;
}

function setupActions(box) {
  const status = box.querySelector(".rp-status");
  const linkBox = box.querySelector(".rp-link");
  const field = box.querySelector(".rp-link-field");
  const lengthLine = box.querySelector(".rp-length");
  const qr = box.querySelector(".rp-qr");
  const qrNote = box.querySelector(".rp-qr-note");
  const say = (text) => { status.textContent = text; };

  async function withReport(then) {
    if (!shared.runtime || !haveResults()) return say(t.need_run);
    say(t.working);
    try {
      await then(await buildReport());
    } catch (err) {
      say(fill(t.failed, { reason: String((err && err.message) || err) }));
    }
  }

  box.querySelector(".rp-save").addEventListener("click", () => withReport(async (report) => {
    const name = fileName(report);
    const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2) + "\n"], { type: "application/json" }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(fill(t.saved, { name }));
  }));

  box.querySelector(".rp-share").addEventListener("click", () => withReport(async (report) => {
    const code = await shareCode(report);
    if (code.length > MAX_CODE) { // it would not open (long admin findings, say): the file still works
      linkBox.hidden = true;
      return say(t.link_too_big);
    }
    const url = `${location.origin}${location.pathname}#report=${code}`;
    field.value = url;
    lengthLine.textContent = fill(t.length, { n: url.length }) + (url.length > LINK_TARGET ? " " + fill(t.too_long, { n: LINK_TARGET }) : "");
    linkBox.hidden = false;
    qr.hidden = true;
    qrNote.textContent = "";
    say("");
    field.focus();
    field.select();
    try {
      const svg = await shared.runtime.call("qr.svg", { text: url, segno_zip: segnoZipUrl(config) });
      // An <img> of a data: URL: the SVG is never part of this page's markup.
      qr.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      qr.hidden = false;
    } catch {
      qrNote.textContent = t.qr_failed;
    }
  }));

  box.querySelector(".rp-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      say(t.copied);
    } catch {
      // No clipboard access (an http:// intranet page, or refused): selected for Ctrl+C.
      field.focus();
      field.select();
      say(t.copy_failed);
    }
  });
}

// The read-only view of a shared report, above everything else on the page.
let view = null;

function closeView() {
  if (view) view.remove();
  view = null;
  history.replaceState(history.state, "", location.pathname + location.search);
}

async function showShared(code) {
  if (view) view.remove();
  const title = el("h2", { id: "rp-view-title", tabindex: "-1" }, t.view_title);
  const banner = el("p", { class: "rp-banner" });
  const warnings = el("ul", { class: "rp-warnings" });
  const progress = el("p", { class: "ck-progress" }, t.view_loading);
  const facts = el("pre", { class: "ck-facts" });
  const close = el("button", { type: "button", class: "md-button rp-close" }, t.view_close);
  const admin = el("section", { class: "rp-admin", "aria-labelledby": "rp-admin-title", hidden: "" });
  view = el(
    "section",
    { class: "rp-view", "aria-labelledby": "rp-view-title", "aria-busy": "true" },
    title,
    banner,
    warnings,
    el("div", { class: "ck-status", role: "status", "aria-live": "polite" }, progress, el("p", { class: "ck-summary", hidden: "" })),
    el("ul", { class: "ck-findings", "aria-label": config.strings.panel.results }),
    admin,
    el("details", { class: "rp-facts" }, el("summary", {}, t.facts), facts),
    el("p", {}, close),
  );
  close.addEventListener("click", closeView);
  const heading = document.querySelector(".md-content__inner h1");
  if (heading) heading.after(view);
  else document.querySelector(".md-content__inner, main, body").prepend(view);
  view.scrollIntoView({ block: "start" });
  title.focus({ preventScroll: true });
  const shown = view;
  const fail = (message) => {
    progress.textContent = fill(t.view_error, { message });
    progress.setAttribute("role", "alert");
  };
  try {
    // The same care as for a probe code: a size cap and base64url only, before anything decodes it.
    if (code.length > MAX_CODE || !/^[A-Za-z0-9_-]+$/.test(code)) return fail(t.bad_link);
    const result = await shared.runtime.call("report.judge", { report: `report=${code}`, settings: config.settings });
    if (view !== shown) return; // another link replaced this one meanwhile
    if (!result.ok) return fail(result.errors.map((e) => e.message[config.lang]).join(" "));
    const when = { time: timeText(result.about, t, config.lang), site: result.about.site || t.unknown };
    // No device's facts (saved before any automatic check ran): there is no "whose device" to name.
    banner.textContent = result.about.device === false ? fill(t.banner_admin, when) : fill(t.banner, { who: whoText(result.about, t, config.lang), ...when });
    const notes = result.warnings.map((w) => w.message[config.lang]);
    if (result.changed.length) notes.push(fill(t.changed, { n: result.changed.length }));
    warnings.replaceChildren(...notes.map((text) => el("li", {}, text)));
    renderFindings(view, result, config);
    drawAdmin(admin, result);
    progress.textContent = "";
    const read = await shared.runtime.call("report.validate", { report: `report=${code}` });
    facts.textContent = JSON.stringify(read.report, null, 2);
  } catch (err) {
    if (view === shown) fail(fill(t.runtime, { reason: String((err && err.message) || err) }));
  } finally {
    shown.removeAttribute("aria-busy");
  }
}

// The report's admin checks, each under its name and when it ran, drawn like any findings.
function drawAdmin(section, result) {
  const parts = result.admin || [];
  section.hidden = !parts.length;
  if (!parts.length) return section.replaceChildren();
  section.replaceChildren(
    el("h3", { id: "rp-admin-title" }, t.admin_title),
    el("p", { class: "rp-admin-note" }, t.admin_note),
    ...parts.map((part) => {
      const box = el("div", { class: "rp-admin-check", "data-admin": part.key },
        el("h4", {}, fill(t.admin_check, { name: part.label[config.lang], time: timeText({ at: part.at, zone: result.about.zone }, t, config.lang) })),
        el("p", { class: "ck-summary", hidden: "" }),
        el("ul", { class: "ck-findings", "aria-label": part.label[config.lang] }));
      renderFindings(box, { findings: part.findings, summary: null }, config); // no summary: no request link either
      if (part.omitted) box.append(el("p", { class: "rp-admin-omitted" }, fill(t.admin_omitted, { n: part.omitted })));
      return box;
    }),
  );
}

function sharedCode() {
  return location.hash.startsWith("#report=") ? location.hash.slice("#report=".length) : null;
}

function main() {
  const box = document.querySelector(".rp-actions");
  if (!config || !box) return;
  const why = unavailable(config) || (shared.runtime ? null : config.strings.report.unavailable);
  if (why) {
    box.querySelector(".rp-fallback").textContent = why;
    if (sharedCode() !== null) box.querySelector(".rp-fallback").textContent += " " + fill(t.view_error, { message: why });
    return;
  }
  box.querySelector(".rp-fallback").hidden = true;
  // Said before the buttons: the admin checks' results (group and agent names) go out with the report.
  box.querySelector(".rp-controls").prepend(el("p", { class: "rp-admin-included" }, t.admin_included));
  box.querySelector(".rp-controls").hidden = false;
  setupActions(box);
  if (sharedCode() !== null) showShared(sharedCode());
  // A share link pasted into this tab's address bar.
  window.addEventListener("hashchange", () => { if (sharedCode() !== null) showShared(sharedCode()); });
}

main();
