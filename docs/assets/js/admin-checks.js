// The checks page's admin part: the client version and the assignment rules, judged by the
// Python runtime (checks.call_json "admin.version" and "admin.rules", in the worker). What the
// admin pastes stays in this browser, and is only ever set as value or textContent.
import { ChecksRuntime } from "./runtime-client.js";
import { renderFindings } from "./findings-view.js";
import { saveAdminResult } from "./admin-results.js";

const config = JSON.parse(document.getElementById("__help").textContent);
const t = config.strings.admin;
const lang = config.lang;
const root = document.querySelector(".adm");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

let runtime = null;
function started() {
  if (!runtime) {
    const base = new URL(config.runtime.root, document.baseURI);
    runtime = new ChecksRuntime({
      workerUrl: new URL("checks-worker.js", import.meta.url),
      pyodideUrl: new URL(config.runtime.pyodide, base).href,
      checksZipUrl: new URL(config.runtime.checks_zip, base).href,
    });
  }
  return runtime;
}

function select(id, options) {
  return el("select", { id }, ...options.map(([value, label]) => el("option", { value }, label)));
}

// One part: a heading, a form (a text area, a select, the Check button) and a live region
// holding the state line, the input's errors and the findings.
function part(key, { title, textLabel, selectLabel, options }) {
  const text = el("textarea", { id: `adm-${key}-text`, rows: "6", spellcheck: "false", autocomplete: "off" });
  const choice = select(`adm-${key}-select`, options);
  const form = el(
    "form",
    { class: "adm-form" },
    el("p", {}, el("label", { for: text.id }, textLabel), el("br"), text),
    el("p", {}, el("label", { for: choice.id }, selectLabel), " ", choice),
    el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary adm-check" }, t.check)),
  );
  const results = el(
    "div",
    { class: "adm-results", "aria-live": "polite" },
    el("p", { class: "adm-state" }),
    el("p", { class: "ck-summary", hidden: "" }),
    el("ul", { class: "adm-errors", "aria-label": t.errors, hidden: "" }),
    el("ul", { class: "ck-findings", "aria-label": config.strings.panel.results }),
  );
  const section = el(
    "section",
    { class: "adm-part", "data-admin": key, "aria-labelledby": `adm-${key}-title` },
    el("h3", { id: `adm-${key}-title` }, title),
    form,
    results,
  );
  return { section, form, text, choice, results };
}

function show(p, findings, errors) {
  const state = p.results.querySelector(".adm-state");
  const list = p.results.querySelector(".adm-errors");
  list.replaceChildren(...errors.map((e) => el("li", {}, e.message[lang])));
  list.hidden = !errors.length;
  renderFindings(p.section, { findings, summary: null }, config);
  state.textContent = errors.length && !findings.length
    ? t.errors_done.replace("{n}", errors.length)
    : t.done.replace("{n}", findings.length);
}

function wire(p, key, fn, args) {
  p.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const state = p.results.querySelector(".adm-state");
    const button = p.form.querySelector(".adm-check");
    button.disabled = true;
    const rt = started();
    state.textContent = rt.isReady ? t.checking : t.loading;
    try {
      const result = await rt.call(fn, args());
      show(p, result.findings || [], result.errors || []);
      if (result.findings && result.findings.length) saveAdminResult(key, result.findings);
    } catch (err) {
      show(p, [], []);
      state.textContent = err && err.kind === "call" && err.message ? `${t.failed} ${err.message}` : t.failed;
    } finally {
      button.disabled = false;
    }
  });
}

if (root) {
  const version = part("version", {
    title: t.version_title,
    textLabel: t.version_text,
    selectLabel: t.platform,
    options: [["desktop", t.platform_desktop], ["mobile", t.platform_mobile], ["web", t.platform_web]],
  });
  const rules = part("rules", {
    title: t.rules_title,
    textLabel: t.rules_text,
    selectLabel: t.format,
    options: [["", t.format_auto], ["json", "JSON"], ["yaml", "YAML"], ["csv", "CSV"]],
  });
  wire(version, "version", "admin.version", () => ({ text_in: version.text.value, platform: version.choice.value, settings: config.settings }));
  wire(rules, "rules", "admin.rules", () => ({
    text: rules.text.value,
    fmt: rules.choice.value || null,
    channels: (config.settings.support && config.settings.support.channels) || null,
  }));
  root.querySelector(".adm-fallback").remove();
  root.append(version.section, rules.section);
}
