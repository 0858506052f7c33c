// The compare page: reports from files (chosen or dropped), share links or pasted JSON,
// compared by checks/report (report.compare) and drawn here. With two, what differs is
// marked; with more, the problems are grouped by how many reports have them. A report that
// cannot be read gets its own message, and the others still compare. Text only, never HTML.
import { el, fill, timeText, unavailable, whoText } from "./report-common.js";
import { pageRuntime } from "./runtime-client.js";

const MAX_FILE = 1024 * 1024; // a report is a few KB
const configNode = document.getElementById("__help");
const config = configNode ? JSON.parse(configNode.textContent) : null;

function setup(root) {
  const { lang, strings } = config;
  const t = strings.report;
  const runtime = pageRuntime(config);
  const status = root.querySelector(".cmp-status");
  const list = root.querySelector(".cmp-list");
  const result = root.querySelector(".cmp-result");
  const paste = root.querySelector(".cmp-paste");
  const items = []; // {name, raw}: raw is the file's text, a link or pasted JSON
  let pasted = 0;
  let generation = 0;
  const sep = lang === "zh" ? "、" : ", ";

  function add(name, raw) {
    items.push({ name, raw });
  }

  // Pasted text: one JSON report, or any number of links or codes (one per line or space).
  function addPasted(text) {
    const trimmed = text.trim();
    if (!trimmed) return;
    const parts = trimmed.startsWith("{") ? [trimmed] : trimmed.split(/\s+/);
    for (const part of parts) add(fill(t.pasted, { n: ++pasted }), part);
  }

  async function addFiles(files) {
    for (const file of files) {
      // Too large to be a report: not even read; compare.py gives the message for "too large" text alike.
      add(file.name, file.size > MAX_FILE ? null : await file.text());
      if (file.size > MAX_FILE) items[items.length - 1].tooLarge = Math.round(file.size / 1024);
    }
    update();
  }

  function statusCell(value) {
    return el("td", { "data-status": value || "" }, value ? strings.status[value] : "—");
  }

  function valueText(value) {
    return value === null || value === undefined ? t.absent : typeof value === "string" ? value : JSON.stringify(value);
  }

  function drawList(out) {
    const loaded = new Map(out.loaded.map((r) => [r.index, r]));
    const bad = new Map(out.errors.map((r) => [r.index, r]));
    list.replaceChildren(...items.map((item, index) => {
      const remove = el("button", { type: "button", class: "md-button cmp-remove" }, fill(t.remove, { name: item.name }));
      remove.addEventListener("click", () => {
        items.splice(index, 1);
        update();
        (list.querySelector(".cmp-remove") || paste).focus();
      });
      const line = el("li", { class: "cmp-item", "data-index": String(index) }, el("strong", {}, item.name), " ");
      if (item.tooLarge) {
        line.classList.add("cmp-bad");
        line.append(el("span", { class: "cmp-error", role: "alert" }, t.bad + fill(t.file_too_large, { n: item.tooLarge })));
      } else if (bad.has(index)) {
        line.classList.add("cmp-bad");
        line.append(el("span", { class: "cmp-error", role: "alert" }, t.bad + bad.get(index).errors.map((e) => e.message[lang]).join(" ")));
      } else if (loaded.has(index)) {
        const r = loaded.get(index);
        const notes = r.warnings.map((w) => w.message[lang]).join(" ");
        line.append(el("span", { class: "cmp-about" }, fill(t.about_line, { who: whoText(r.about, t, lang), time: timeText(r.about, t, lang) })));
        if (r.summary) line.append(el("span", { class: "cmp-summary" }, " " + r.summary.text[lang]));
        if (notes) line.append(el("p", { class: "cmp-warning" }, notes));
      }
      line.append(" ", remove);
      return line;
    }));
  }

  function differencesTable(out, names) {
    if (!out.differences.length) return el("p", { class: "cmp-same" }, t.diff_none);
    const rows = out.differences.map((d) => {
      const cell = (v) => el("td", {}, d.measure ? valueText(v) : el("mark", {}, valueText(v)));
      return el("tr", { class: d.measure ? "cmp-measure" : "cmp-diff", "data-path": d.path },
        el("th", { scope: "row" }, el("code", {}, d.path), d.measure ? " " + t.measure : ""), cell(d.values[0]), cell(d.values[1]));
    });
    // What really differs first; measurements, which always vary, after it.
    rows.sort((a, b) => (a.classList.contains("cmp-measure") ? 1 : 0) - (b.classList.contains("cmp-measure") ? 1 : 0));
    return el("table", { class: "cmp-table cmp-differences" },
      el("caption", {}, t.diff_title),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.diff_fact), ...names.map((n) => el("th", { scope: "col" }, n)))),
      el("tbody", {}, ...rows));
  }

  function findingsTable(out, names) {
    const rows = out.table.map((row) => {
      const differs = new Set(row.statuses).size > 1;
      return el("tr", { class: differs ? "cmp-changed" : "", "data-finding": row.id },
        el("th", { scope: "row" }, row.title[lang], differs ? el("strong", { class: "cmp-differs" }, ` ≠ ${t.differs}`) : ""),
        ...row.statuses.map(statusCell));
    });
    return el("table", { class: "cmp-table cmp-findings" },
      el("caption", {}, t.findings_title),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.finding), ...names.map((n) => el("th", { scope: "col" }, n)))),
      el("tbody", {}, ...rows));
  }

  function groupsBlock(out, names) {
    const parts = [el("h2", {}, t.groups_title)];
    const any = ["all", "some", "one"].filter((k) => out.groups[k].length);
    if (!any.length) parts.push(el("p", {}, t.groups_none));
    for (const key of any) {
      parts.push(el("h3", {}, t.group[key]), el("ul", { class: "cmp-group", "data-group": key }, ...out.groups[key].map((g) =>
        el("li", { "data-finding": g.id },
          el("strong", {}, g.title[lang]), " ", el("span", {}, g.hint[lang]), " ",
          el("span", { class: "cmp-in" }, fill(t.in_reports, { names: g.reports.map((i) => names[i]).join(sep) }))))));
    }
    return el("section", { class: "cmp-groups" }, ...parts);
  }

  async function update() {
    const mine = ++generation;
    root.setAttribute("aria-busy", "true");
    const readable = items.map((item, index) => ({ item, index })).filter(({ item }) => !item.tooLarge);
    try {
      const out = items.length
        ? await runtime.call("report.compare", { reports: readable.map(({ item }) => item.raw), settings: config.settings, names: readable.map(({ item }) => item.name) })
        : { loaded: [], errors: [], notices: [], table: [] };
      if (mine !== generation) return;
      // Indexes from report.compare count only what was sent: back to the list's own.
      const back = (i) => readable[i].index;
      out.loaded.forEach((r) => { r.index = back(r.index); });
      out.errors.forEach((r) => { r.index = back(r.index); });
      drawList(out);
      const names = out.loaded.map((r) => items[r.index].name);
      const parts = [];
      if (items.length && out.loaded.length < 2) parts.push(...out.notices.map((n) => el("p", { class: "cmp-notice" }, n.message[lang])));
      if (out.differences) parts.push(differencesTable(out, names));
      if (out.table.length) parts.push(findingsTable(out, names));
      if (out.groups && out.loaded.length > 2) parts.push(groupsBlock(out, names));
      result.replaceChildren(...parts);
      status.textContent = items.length ? fill(t.count, { n: items.length }) : t.none;
    } catch (err) {
      if (mine === generation) status.textContent = fill(t.runtime, { reason: String((err && err.message) || err) });
    } finally {
      if (mine === generation) root.removeAttribute("aria-busy");
    }
  }

  const files = root.querySelector(".cmp-files");
  files.addEventListener("change", () => {
    addFiles([...files.files]).finally(() => { files.value = ""; });
  });
  root.querySelector(".cmp-add").addEventListener("click", () => {
    addPasted(paste.value);
    paste.value = "";
    update();
  });
  root.querySelector(".cmp-clear").addEventListener("click", () => {
    items.length = 0;
    update();
  });
  // Dropped files, or a dropped link or text.
  root.addEventListener("dragover", (event) => {
    event.preventDefault();
    root.classList.add("cmp-dragging");
  });
  root.addEventListener("dragleave", () => root.classList.remove("cmp-dragging"));
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    root.classList.remove("cmp-dragging");
    const dropped = [...(event.dataTransfer.files || [])];
    if (dropped.length) addFiles(dropped);
    else {
      addPasted(event.dataTransfer.getData("text/plain") || "");
      update();
    }
  });
  status.textContent = t.none;
  runtime.start().catch(() => { /* said when a report is added */ });
}

function main() {
  const root = document.querySelector(".cmp");
  if (!config || !root) return;
  const why = unavailable(config);
  if (why) {
    root.querySelector(".cmp-fallback").textContent = why;
    return;
  }
  root.querySelector(".cmp-fallback").hidden = true;
  root.querySelector(".cmp-controls").hidden = false;
  setup(root);
}

main();
