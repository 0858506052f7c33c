// The session-log part of the admin checks (mounted by admin-checks.js): the admin picks or drops a
// CSV export; the page reads it in slices (File.slice, never whole) and streams them to
// checks.admin.session_log in the worker ("session_log.start", then one "log-chunk" per slice, then
// "session_log.finish"), showing progress, the column mapping (which can be changed, then the file
// read again), the findings, the chart Python draws and the spread across agents and channels.
// The file never leaves the browser; its text only ever goes in as textContent or value.
import { renderFindings, clearFindings } from "./findings-view.js";
import { saveAdminResult } from "./admin-results.js";

const CHUNK = 2 * 1024 * 1024; // one message to the worker per 2 MB: progress without much overhead
const MB = 1024 * 1024;
const SVG_NS = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["svg", "title", "desc", "g", "rect", "line", "text"]); // what chart.py draws

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// The chart is SVG text from Python: parsed as XML (never as HTML), kept only if it holds nothing but
// the shapes chart.py draws, without event handlers or links, and with its ids made unique on the page.
export function chartNode(svgText, idPrefix) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg") return null;
  const renamed = new Map();
  for (const node of [root, ...root.querySelectorAll("*")]) {
    if (node.namespaceURI !== SVG_NS || !SVG_TAGS.has(node.localName)) return null;
    for (const attr of [...node.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name.includes("href") || name === "style") node.removeAttribute(attr.name);
    }
    if (node.id) {
      renamed.set(node.id, `${idPrefix}-${node.id}`);
      node.id = `${idPrefix}-${node.id}`;
    }
  }
  const labelled = root.getAttribute("aria-labelledby");
  if (labelled) root.setAttribute("aria-labelledby", labelled.split(/\s+/).map((id) => renamed.get(id) || id).join(" "));
  return document.importNode(root, true);
}

export function sessionLogPart(config, getRuntime, { level = 3, ids = (name) => `adm-${name}` } = {}) {
  const t = config.strings.session_log;
  const lang = config.lang;
  const locale = lang === "zh" ? "zh-CN" : "en";
  const number = (n) => Number(n).toLocaleString(locale);
  const mb = (n) => (n / MB).toLocaleString(locale, { maximumFractionDigits: 1 });
  const limitMb = Number(config.settings.session_log && config.settings.session_log.limit_mb) || 100;

  const titleId = ids("session_log-title");
  const input = el("input", { type: "file", id: ids("session_log-file"), accept: ".csv,.tsv,.txt,text/csv" });
  const drop = el(
    "div",
    { class: "sl-drop" },
    el("label", { for: input.id }, t.choose),
    " ",
    input,
    el("p", { class: "sl-hint" }, t.drop_hint),
  );
  const bar = el("progress", { id: ids("session_log-progress"), max: "1", value: "0" });
  const progress = el("p", { class: "sl-progress", hidden: "" }, el("label", { for: bar.id }, t.progress), " ", bar);
  const mapping = el("div", { class: "sl-mapping", hidden: "" });
  const results = el(
    "div",
    { class: "adm-results" },
    el("p", { class: "adm-state", role: "status" }),
    el("p", { class: "ck-summary", hidden: "" }),
    el("ul", { class: "ck-findings", "aria-label": config.strings.panel.results }),
  );
  const details = el("div", { class: "sl-details", hidden: "" });
  const section = el(
    "section",
    { class: "adm-part sl-part", "data-admin": "session_log", "aria-labelledby": titleId },
    el(`h${level}`, { id: titleId }, t.title),
    el("p", { class: "sl-intro" }, t.intro),
    drop,
    progress,
    results,
    details,
    mapping,
  );
  const state = results.querySelector(".adm-state");
  const say = (text) => { state.textContent = text; };
  // data-state: reading, done or failed; data-finished counts the readings that ended (for tests).
  section.dataset.finished = "0";
  const ended = (how) => {
    section.dataset.state = how;
    section.dataset.finished = String(Number(section.dataset.finished) + 1);
  };

  let file = null;
  let run = 0; // the latest reading; an older one still under way stops at its next slice

  // The mapping: the file's headers, then a select per field (Python's order), then "again".
  function showMapping(columns, headers) {
    const headerList = headers.map((h, i) => h || fill(t.column, { n: i + 1 }));
    const rows = Object.entries(columns).map(([field, info]) => {
      const select = el("select", { id: ids(`session_log-col-${field}`), "data-field": field });
      select.append(el("option", { value: "" }, t.not_in_file));
      headerList.forEach((name, i) => select.append(el("option", { value: String(i) }, name)));
      select.value = info.index == null ? "" : String(info.index);
      return el("p", {}, el("label", { for: select.id }, info.label[lang]), " ", select);
    });
    const again = el("button", { type: "submit", class: "md-button md-button--primary sl-again" }, t.again);
    const form = el(
      "form",
      { class: "sl-mapping-form", "aria-labelledby": ids("session_log-mapping-title") },
      el(`h${Math.min(level + 1, 6)}`, { id: ids("session_log-mapping-title") }, t.mapping),
      el("p", {}, t.mapping_hint),
      el("p", { class: "sl-headers" }, t.headers, headerList.join(lang === "zh" ? "、" : ", ")),
      ...rows,
      el("p", {}, again),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = {};
      for (const select of form.querySelectorAll("select")) chosen[select.dataset.field] = select.value === "" ? null : Number(select.value);
      if (file) analyse(file, chosen);
    });
    mapping.replaceChildren(form);
    mapping.hidden = false;
  }

  function table(caption, nameHeading, entries, total) {
    if (!entries || !entries.length) return null;
    const head = el("tr", {}, ...[nameHeading, t.sessions, t.share].map((h) => el("th", { scope: "col" }, h)));
    const body = entries.map(([name, count]) =>
      el(
        "tr",
        {},
        el("td", {}, String(name)),
        el("td", {}, number(count)),
        el("td", {}, total ? `${(100 * count / total).toLocaleString(locale, { maximumFractionDigits: 1 })} %` : ""),
      ),
    );
    const note = entries.length >= 20 ? ` ${fill(t.top, { n: entries.length })}` : "";
    return el("table", { class: "sl-table" }, el("caption", {}, caption + note), el("thead", {}, head), el("tbody", {}, ...body));
  }

  function showDetails(result) {
    const parts = [];
    const bad = result.malformed || { count: 0, examples: [] };
    if (bad.count) {
      parts.push(
        el("p", { class: "sl-malformed-title" }, fill(t.malformed, { n: number(bad.count) })),
        el(
          "ul",
          { class: "sl-malformed" },
          ...bad.examples.map((e) => el("li", { "data-line": String(e.line) }, fill(t.line, { line: e.line }), e.reason[lang])),
        ),
      );
    }
    const chart = result.chart ? chartNode(result.chart, ids("session_log-chart")) : null;
    if (chart) parts.push(el("figure", { class: "sl-chart" }, chart, el("figcaption", {}, t.chart)));
    const agents = table(t.agents, t.agent, result.agents, result.sessions);
    const channels = table(t.channels, t.channel, result.channels, result.sessions);
    if (agents || channels) parts.push(el("div", { class: "sl-tables" }, agents, channels));
    details.replaceChildren(...parts);
    details.hidden = !parts.length;
  }

  async function analyse(chosen, columns = null) {
    const mine = ++run;
    file = chosen;
    section.dataset.state = "reading";
    clearFindings(section);
    details.hidden = true;
    if (!columns) mapping.hidden = true;
    const rt = getRuntime();
    say(rt.isReady ? fill(t.reading, { name: chosen.name, read: 0, size: mb(chosen.size), rows: 0 }) : t.loading);
    bar.max = Math.max(chosen.size, 1);
    bar.value = 0;
    progress.hidden = false;
    try {
      const options = { lang, size: chosen.size, limit_bytes: Math.round(limitMb * MB), columns };
      const opened = await rt.call("session_log.start", { options });
      let seen = opened.progress;
      let shown = false;
      let told = 0; // the live text changes at each quarter of the file, the bar with every slice
      // A file over the limit is stopped here, before a byte of it is read.
      for (let at = 0; at < chosen.size && !seen.stopped; at += CHUNK) {
        let buffer;
        try {
          buffer = await chosen.slice(at, at + CHUNK).arrayBuffer();
        } catch {
          if (mine === run) { say(t.file_failed); progress.hidden = true; ended("failed"); }
          return;
        }
        if (mine !== run) return; // a newer file or mapping took over
        seen = await rt.logChunk(opened.handle, buffer);
        if (mine !== run) return;
        bar.value = seen.bytes;
        const quarter = Math.floor((4 * seen.bytes) / chosen.size);
        if (quarter > told) {
          told = quarter;
          say(fill(t.reading, { name: chosen.name, read: mb(seen.bytes), size: mb(chosen.size), rows: number(seen.rows) }));
        }
        if (!shown && seen.headers && !columns) {
          showMapping(seen.columns, seen.headers);
          shown = true;
        }
      }
      const result = await rt.call("session_log.finish", { handle: opened.handle });
      if (mine !== run) return;
      progress.hidden = true;
      renderFindings(section, { findings: result.findings || [], summary: null }, config);
      if (result.headers && result.headers.length) showMapping(result.columns, result.headers);
      showDetails(result);
      say(fill(result.ok ? t.done : t.not_read, { name: chosen.name, rows: number(result.rows), sessions: number(result.sessions) }));
      if (result.ok && result.findings && result.findings.length) saveAdminResult("session_log", result.findings);
      ended("done");
    } catch (err) {
      if (mine !== run) return;
      progress.hidden = true;
      say(err && err.kind === "call" && err.message ? `${t.failed} ${err.message}` : t.failed);
      ended("failed");
    }
  }

  input.addEventListener("change", () => {
    if (input.files && input.files[0]) analyse(input.files[0]);
  });
  // Dropping is the extra; the file input above is the way in from the keyboard.
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("sl-dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("sl-dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("sl-dragging");
    const dropped = event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files[0];
    if (dropped) analyse(dropped);
  });
  return section;
}
